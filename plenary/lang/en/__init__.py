"""English: what the data file cannot say — ordinal numbers written in words."""

from __future__ import annotations

import re

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_NUMERIC = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def ordinal(word: str) -> int | None:
    """The number of an English ordinal: "twenty-first" -> 21, "SIXTH" -> 6, "3rd" -> 3."""
    w = word.strip().lower()
    m = _NUMERIC.match(w)
    if m:
        return int(m.group(1)) or None
    parts = [p for p in re.split(r"[-\s]+", w) if p]
    if not parts or parts[-1] not in _UNITS:
        return None
    total = _UNITS[parts[-1]]
    for part in parts[:-1]:
        if part not in _TENS:
            return None
        total += _TENS[part]
    return total
