"""Russian: what the data file cannot say — ordinal numbers written in words, in any case."""

from __future__ import annotations

import re

# ordinal stems (the word without its case ending) and their numbers
_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7,
    "восьм": 8, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
    "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17,
    "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30, "сороков": 40,
    "пятидесят": 50,
}
_TENS = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50}
# case endings of an ordinal adjective, longest first ("третьем", "первом", "пятое")
_ENDING = re.compile(r"(?:ьего|ьему|ьим|ьем|ьей|ьих|ьими|ья|ье|ьи|ий|"
                     r"ого|ому|ым|ом|ой|ых|ыми|ая|ое|ые|ую|ый)$")
_NUMERIC = re.compile(r"^(\d{1,3})-?(?:й|я|е|го|м|ом|му)?$")


def ordinal(word: str) -> int | None:
    """The number of a Russian ordinal: "двадцать первое" -> 21, "ЧЕТВЕРТОМ" -> 4, "11-й" -> 11."""
    w = word.strip().lower().replace("ё", "е")
    m = _NUMERIC.match(w)
    if m:
        return int(m.group(1)) or None
    parts = [p for p in re.split(r"[-\s]+", w) if p]
    if not parts:
        return None
    stem = _ENDING.sub("", parts[-1])
    if stem not in _STEMS:
        return None
    total = _STEMS[stem]
    for part in parts[:-1]:
        if part not in _TENS:
            return None
        total += _TENS[part]
    return total
