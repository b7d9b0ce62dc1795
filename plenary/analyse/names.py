"""Loose matching of names and labels: accents, case, punctuation and spacing folded away."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")


def fold(text: str | None) -> str:
    """Lower case, no accents, words separated by single spaces, letters and digits apart:
    `Résolution 64 (Rév. Dubaï, 2018)` -> `resolution 64 rev dubai 2018`, `R4` -> `r 4`."""
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = plain.replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ß", "ss")
    plain = _LETTER_DIGIT.sub(" ", plain)
    return _NON_WORD.sub(" ", plain).strip()


def loose_pattern(query: str | None) -> re.Pattern[str] | None:
    """A pattern over `fold`ed text: the query's words in order, each at a word start; a word
    of letters may be the start of a longer one (`resol 64`), a number must be whole (`64`
    does not find `640`). None for a blank query."""
    words = fold(query).split()
    if not words:
        return None
    parts = [re.escape(w) + (r"\b" if w.isdigit() else "") for w in words]
    return re.compile(r"\b" + r"\s+".join(parts))


def loosely_matches(pattern: re.Pattern[str] | None, *texts: str | None) -> bool:
    """True when any of `texts` matches `pattern` (every text matches no pattern)."""
    return pattern is None or any(pattern.search(fold(t)) for t in texts if t)
