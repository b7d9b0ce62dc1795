"""Chinese: what the data file cannot say — ordinal numbers written in Chinese numerals."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_ORDINAL = re.compile(r"^第?(?P<n>[零〇一二两三四五六七八九十百]+|\d{1,3})(?:次|届)?$")


def _numeral(text: str) -> int | None:
    """A Chinese numeral up to 999: "十二" -> 12, "二十三" -> 23, "一百零五" -> 105."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch == "十":
            total += (1 if digit is None else digit) * 10
            digit = None
        elif ch == "百":
            total += (1 if digit is None else digit) * 100
            digit = None
        else:
            return None
    return total + (digit or 0) or None


def ordinal(word: str) -> int | None:
    """The number of a Chinese ordinal: "第一" -> 1, "第十二" -> 12, "第二十三次" -> 23."""
    m = _ORDINAL.match(word.strip())
    if not m:
        return None
    n = m.group("n")
    return (int(n) or None) if n.isdigit() else _numeral(n)
