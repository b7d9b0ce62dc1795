"""Search terms: words stemmed with Snowball (PyStemmer) for their language, then accent-folded.

A paragraph is indexed as, for each word, its folded stem and (when different) its folded
word: "adoptés" (fr) gives `adopt adoptes`. A query word is expanded to its folded form and its
folded stem in each language of the archive, and matches when any of them is indexed. The same
strings feed SQLite FTS5 and PostgreSQL `tsvector` ('simple' config), so both backends agree.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

import Stemmer

WORD = re.compile(r"[^\W_]+")
MAX_WORD = 60  # longer "words" are noise (and PostgreSQL refuses words over 2 KB)
MAX_QUERY_WORDS = 16

ALGORITHMS = {
    "fr": "french", "en": "english", "es": "spanish", "ru": "russian", "ar": "arabic",
    "de": "german", "it": "italian", "pt": "portuguese", "nl": "dutch",
}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
_local = threading.local()  # PyStemmer objects are not thread-safe: one set per thread
_fold_cache: dict[str, str] = {}


def fold(word: str) -> str:
    """Lower-case, accents removed: "Résolution" -> "resolution"."""
    cached = _fold_cache.get(word)
    if cached is not None:
        return cached
    out = word.lower().translate(_LIGATURES)
    if not out.isascii():
        out = "".join(
            c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c)
        )
    if len(_fold_cache) < 200_000:
        _fold_cache[word] = out
    return out


def stemmer(language: str | None) -> Stemmer.Stemmer | None:
    """The Snowball stemmer of an ISO 639-1 language (None when there is none)."""
    algo = ALGORITHMS.get((language or "").lower())
    if algo is None:
        return None
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    if algo not in cache:
        cache[algo] = Stemmer.Stemmer(algo)
    return cache[algo]


def words(text: str) -> list[str]:
    """Lower-case words of a text (letters and digits; no underscores)."""
    return [w for w in WORD.findall(text.lower()) if len(w) <= MAX_WORD]


def word_terms(lowered: list[str], language: str | None) -> list[tuple[str, str]]:
    """(folded stem, folded word) for each lower-case word."""
    st = stemmer(language)
    stems = st.stemWords(lowered) if st else lowered
    return [(fold(s), fold(w)) for s, w in zip(stems, lowered, strict=True)]


_index_cache: dict[str | None, dict[str, str]] = {}


def index_text(text: str, language: str | None) -> str:
    """The search column of a paragraph: space-separated folded stems and folded words."""
    cache = _index_cache.get(language)
    if cache is None or len(cache) > 500_000:
        cache = _index_cache[language] = {}
    ws = words(text)
    missing = [w for w in set(ws) if w not in cache]
    if missing:
        for (stem, word), w in zip(word_terms(missing, language), missing, strict=True):
            cache[w] = stem if stem == word else f"{stem} {word}"
    return " ".join([cache[w] for w in ws])


def query_groups(q: str, languages: Iterable[str]) -> list[set[str]]:
    """One set of alternative terms per query word (all must match, any alternative will)."""
    langs = [lang for lang in dict.fromkeys(languages) if stemmer(lang)]
    groups: list[set[str]] = []
    for w in words(q)[:MAX_QUERY_WORDS]:
        alts = {fold(w)}
        for lang in langs:
            st = stemmer(lang)
            assert st is not None
            alts.add(fold(st.stemWord(w)))
        alts.discard("")
        if alts and alts not in groups:
            groups.append(alts)
    return groups


def fts5_query(groups: list[set[str]]) -> str:
    """An FTS5 MATCH expression; every term is a quoted string, so user input is inert."""
    return " AND ".join(
        "(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in sorted(g)) + ")"
        for g in groups
    )


def tsquery(groups: list[set[str]]) -> str:
    """A PostgreSQL `to_tsquery('simple', ...)` expression with every term quoted."""
    return " & ".join(
        "(" + " | ".join("'" + t.replace("'", "''").replace("\\", "") + "'" for t in sorted(g))
        + ")"
        for g in groups
    )


def snippet(
    text: str, groups: list[set[str]], language: str | None, before: int = 12, span: int = 40
) -> list[dict[str, object]]:
    """The text around the first match as segments `{"text", "hit"}` (no markup)."""
    matches = list(WORD.finditer(text))
    wanted = set().union(*groups) if groups else set()
    terms = word_terms([m.group().lower() for m in matches], language)
    hits = [i for i, (s, w) in enumerate(terms) if s in wanted or w in wanted]
    first = hits[0] if hits else 0
    lo = max(0, first - before)
    hi = min(len(matches), lo + span)
    start = matches[lo].start() if lo > 0 else 0
    end = matches[hi - 1].end() if hi < len(matches) else len(text)
    segments: list[dict[str, object]] = []

    def add(piece: str, hit: bool) -> None:
        if not piece:
            return
        if segments and segments[-1]["hit"] is hit and not hit:
            segments[-1]["text"] = str(segments[-1]["text"]) + piece
        else:
            segments.append({"text": piece, "hit": hit})

    if lo > 0:
        add("… ", False)
    pos = start
    for i in hits:
        if i < lo or i >= hi:
            continue
        m = matches[i]
        add(text[pos:m.start()], False)
        add(m.group(), True)
        pos = m.end()
    add(text[pos:end], False)
    if end < len(text):
        add(" …", False)
    return segments
