"""French: what the data file cannot say — ordinal numbers written in words."""

from __future__ import annotations

import re
import unicodedata

_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100,
}
_SPECIAL = {"premier": 1, "premiere": 1, "second": 2, "seconde": 2}
_NUMERIC = re.compile(r"^(\d{1,3})(?:e|eme|ieme|er|re)$")


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c))


def ordinal(word: str) -> int | None:
    """The number of a French ordinal: "vingt-et-unième" -> 21, "vingt et unième" -> 21,
    "SIXIÈME" -> 6, "14e" -> 14."""
    w = _fold(word).strip()
    if w in _SPECIAL:
        return _SPECIAL[w]
    m = _NUMERIC.match(w)
    if m:
        return int(m.group(1)) or None
    if not w.endswith("ieme"):
        return None
    stem = w[:-4]
    # restore the cardinal's last letter dropped or changed before "-ième"
    for ending, fix in (("cinqu", "cinq"), ("neuv", "neuf"), ("quatr", "quatre"),
                        ("onz", "onze"), ("douz", "douze"), ("treiz", "treize"),
                        ("quatorz", "quatorze"), ("quinz", "quinze"), ("seiz", "seize"),
                        ("trent", "trente"), ("quarant", "quarante"),
                        ("cinquant", "cinquante"), ("soixant", "soixante"), ("un", "un")):
        if stem.endswith(ending):
            stem = stem[: -len(ending)] + fix
            break
    total = 0
    for part in re.sub(r"[\s-]+et[\s-]+", "-", stem).replace(" ", "-").split("-"):
        if not part:
            continue
        if part not in _UNITS:
            return None
        total += _UNITS[part]
    return total or None
