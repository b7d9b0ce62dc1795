"""Which language a record is written in, from the words it uses."""

from __future__ import annotations

import re
from collections import Counter

from ..errors import InputError
from ..read.model import Document
from . import available, telltales

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Scripts of the official languages not written in Latin letters, by Unicode range.
_SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
}
SAMPLE = 6_000
_LETTER = re.compile(r"[^\W\d_]")


NAMES = {"fr": "French", "en": "English", "es": "Spanish", "ru": "Russian", "ar": "Arabic",
         "zh": "Chinese"}

def score_languages(text: str) -> Counter[str]:
    """How many of each pack's telltale words the text holds."""
    words = Counter(w.lower() for w in _WORD.findall(text))
    scores: Counter[str] = Counter()
    for code in available():
        scores[code] = sum(words[w] for w in telltales(code))
    return scores


def detect_language(doc: Document, name: str, forced: str | None = None) -> str:
    """The code of the record's language, or InputError: unknown, mixed, or without a pack."""
    if forced:
        if forced not in available():
            raise InputError(name, f"no language pack for '{forced}' "
                                   f"(available: {', '.join(available())})")
        return forced
    full = "\n".join(b.text for b in doc.blocks)
    # the beginning, the middle and the end: a record that changes language is seen as mixed
    chunks = [full]
    if len(full) > SAMPLE:
        mid, q = len(full) // 2, SAMPLE // 4
        chunks = [full[: SAMPLE // 2], full[mid - q // 2: mid + q // 2], full[-q:]]
    text = "\n".join(chunks)
    letters = len(_LETTER.findall(text)) or 1
    for code, rx in _SCRIPTS.items():
        if len(rx.findall(text)) > letters * 0.3:
            if code in available():  # the script alone tells these languages
                return code
            raise InputError(name, f"unsupported language '{code}' (no language pack yet; "
                                   f"available: {', '.join(available())})")
    scores = score_languages(text)
    total_words = len(_WORD.findall(text)) or 1
    ranked = scores.most_common()
    if not ranked or ranked[0][1] < max(5, total_words * 0.04):
        raise InputError(name, "unknown language: not the text of a record in "
                               f"{', '.join(NAMES.get(c, c) for c in available())}")
    best, top = ranked[0]
    if len(ranked) > 1 and ranked[1][1] > top * 0.6:
        raise InputError(name, f"mixed languages ({best} and {ranked[1][0]}); "
                               "use --language to choose one")
    for chunk in chunks[1:]:
        other = score_languages(chunk).most_common(1)
        enough = max(5, len(_WORD.findall(chunk)) * 0.04)
        if other and other[0][0] != best and other[0][1] >= enough:
            raise InputError(name, f"mixed languages ({best} and {other[0][0]}); "
                                   "use --language to choose one")
    return best
