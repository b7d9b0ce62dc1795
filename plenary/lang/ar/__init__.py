"""Arabic: what the data file cannot say — ordinal numbers written in words."""

from __future__ import annotations

import re

# the ordinal adjectives, masculine and feminine, without the article
_UNITS = {
    "أول": 1, "اولى": 1, "أولى": 1, "اول": 1, "ثاني": 2, "ثانية": 2, "ثالث": 3, "ثالثة": 3,
    "رابع": 4, "رابعة": 4, "خامس": 5, "خامسة": 5, "سادس": 6, "سادسة": 6, "سابع": 7,
    "سابعة": 7, "ثامن": 8, "ثامنة": 8, "تاسع": 9, "تاسعة": 9, "عاشر": 10, "عاشرة": 10,
    "حادي": 1, "حادية": 1,
}
_TEENS = {"عشر", "عشرة"}
_TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40}
_MARKS = re.compile("[\u064b-\u0652\u0640]")


def _bare(word: str) -> str:
    word = _MARKS.sub("", word)
    return word[2:] if word.startswith("ال") else word


def ordinal(word: str) -> int | None:
    """The number of an Arabic ordinal: "الثانية" -> 2, "الحادية عشرة" -> 11,
    "الحادي والعشرون" -> 21."""
    parts = [_bare(p) for p in re.split(r"\s+", word.strip()) if p]
    if not parts or parts[0] not in _UNITS:
        return None
    total = _UNITS[parts[0]]
    for part in parts[1:]:
        part = part[1:] if part.startswith("و") and _bare(part[1:]) in _TENS else part
        part = _bare(part)
        if part in _TEENS:
            total += 10
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return total
