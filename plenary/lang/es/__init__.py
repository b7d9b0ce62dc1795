"""Spanish: what the data file cannot say — ordinal numbers written in words."""

from __future__ import annotations

import re
import unicodedata

_UNITS = {
    "primer": 1, "primero": 1, "primera": 1, "segundo": 2, "tercer": 3, "tercero": 3,
    "cuarto": 4, "quinto": 5, "sexto": 6, "septimo": 7, "setimo": 7, "octavo": 8,
    "noveno": 9, "nono": 9,
}
_TENS = {
    "decimo": 10, "vigesimo": 20, "trigesimo": 30, "cuadragesimo": 40, "quincuagesimo": 50,
    "sexagesimo": 60, "septuagesimo": 70, "octogesimo": 80, "nonagesimo": 90,
    "centesimo": 100,
}
_SPECIAL = {"undecimo": 11, "duodecimo": 12}


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c))


def _masculine(word: str) -> str:
    """The masculine singular form: "primera" -> "primero", "vigesimas" -> "vigesimo"."""
    if word.endswith("s"):
        word = word[:-1]
    if word.endswith("a"):
        word = word[:-1] + "o"
    return word


def _one(word: str) -> int | None:
    """One written ordinal word, possibly fused ("decimotercera", "vigesimoprimera")."""
    w = _masculine(word)
    if w in _SPECIAL:
        return _SPECIAL[w]
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    for tens, value in _TENS.items():
        if w.startswith(tens[:-1]) and len(w) > len(tens):
            rest = w[len(tens) - 1:]
            unit = _UNITS.get(rest[1:]) or _UNITS.get(rest)  # "decimo|tercero", "decim|octavo"
            if unit:
                return value + unit
    return None


def ordinal(word: str) -> int | None:
    """A Spanish ordinal's number: "vigésima primera" -> 21, "decimotercera" -> 13, "SEXTA" -> 6."""
    parts = [_fold(p) for p in re.split(r"[\s-]+", word.strip()) if p]
    if not parts:
        return None
    values = [_one(p) for p in parts]
    if any(v is None for v in values):
        return None
    if len(values) == 1:
        return values[0]
    if len(values) == 2 and values[0] % 10 == 0 and values[1] < 10:  # type: ignore[operator]
        return values[0] + values[1]  # type: ignore[operator]
    return None
