"""Cheap pre-checks for regular expressions: a substring that any match must contain.

Scanning a paragraph with a complex pattern costs far more than `"nom" in text`. For each
pattern we work out, from its parsed form, a set of literal strings one of which every match
holds; when none is in the text, the pattern is not run at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]
    from sre_constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore

MIN_GATE = 3

Gate = frozenset[str]


def _best(options: list[Gate]) -> Gate | None:
    """The most selective requirement: the one whose shortest string is longest."""
    options = [o for o in options if o and min(map(len, o)) >= MIN_GATE]
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _sequence(items: Any) -> Gate | None:
    options: list[Gate] = []
    run = ""
    for op, av in items:
        if op is LITERAL:
            run += chr(av)
            continue
        run_before = run
        if run:
            options.append(frozenset([run]))
            run = ""
        if op is SUBPATTERN:
            options.append(_sequence(av[-1]) or frozenset())
        elif op is BRANCH:
            # the parser moves the branches' common start before them ("ceux|celles" is
            # "ce(?:ux|lles)"): each branch is read with the letters just before it
            before = [(LITERAL, ord(c)) for c in run_before]
            branches = [_sequence(before + list(b)) for b in av[1]]
            if all(branches):
                options.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            options.append(_sequence(av[2]) or frozenset())
    if run:
        options.append(frozenset([run]))
    return _best(options)


def gate_of(pattern: re.Pattern[str]) -> Gate | None:
    """Literal strings one of which every match of `pattern` contains, or None if unknown."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern we cannot analyse is simply not gated
        return None
    return _sequence(parsed)


WINDOW = 120  # characters around a required literal where a match may start or end
LONG = 4000  # texts longer than this are scanned only around their required literals


def _occurrences(text: str, gate: Gate) -> list[int]:
    found = []
    for g in gate:
        i = text.find(g)
        while i >= 0:
            found.append(i)
            i = text.find(g, i + 1)
    found.sort()
    return found


# the rest of a word from a position, and the end of a word before one (a space or a NUL
# ends a word: `\s` is `str.isspace`)
_WORD_REST = re.compile(r"[^\s\x00]*")
_WORD_END = re.compile(r"[^\s\x00]*\Z")
_LOOK_BACK = 64


def _word_start(text: str, a: int) -> int:
    """The start of the word that holds position `a - 1` (`a` itself after a space)."""
    while a > 0:
        lo = max(0, a - _LOOK_BACK)
        m = _WORD_END.search(text, lo, a)
        start = m.start() if m else a
        if start > lo or lo == 0:
            return start
        a = lo  # a word longer than the look-back: go on further back
    return 0


def _windows(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """Merged spans of WINDOW characters around each position, cut at spaces."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for p in positions:
        a, b = max(0, p - WINDOW), min(n, p + WINDOW)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return [(_word_start(text, a), _WORD_REST.match(text, b).end()) for a, b in spans]


class Gated:
    """A compiled pattern that skips texts lacking its required literals.

    On a long text (many paragraphs joined), it runs only in windows around the occurrences
    of its required literals, which is many times faster than scanning every position.
    """

    __slots__ = ("pattern", "gate")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.gate = gate_of(pattern)

    def may_match(self, text: str) -> bool:
        gate = self.gate
        if gate is None:
            return True
        for g in gate:  # noqa: SIM110 - a loop, not any(...): no generator per call
            if g in text:
                return True
        return False

    def may_match_in(self, text: str, a: int, b: int) -> bool:
        """`may_match(text[a:b])` without the slice."""
        gate = self.gate
        if gate is None:
            return True
        for g in gate:  # noqa: SIM110 - a loop, not any(...): no generator per call
            if text.find(g, a, b) >= 0:
                return True
        return False

    def finditer(self, text: str, gate_passed: bool = False) -> Iterator[re.Match[str]]:
        """Every match; `gate_passed` when the caller has seen `may_match(text)` hold."""
        gate = self.gate
        if gate is None or len(text) < LONG:
            if gate_passed or self.may_match(text):
                yield from self.pattern.finditer(text)
            return
        # (measured: windows beat one scan of the whole even where they cover half of it)
        search = self.pattern.search
        pos = 0  # as one scan of the whole text would: each search starts where the last ended
        for a, b in _windows(text, _occurrences(text, gate)):
            pos = max(pos, a)
            while pos < b:
                m = search(text, pos, b)
                if m is None:
                    break
                yield m
                pos = m.end() if m.end() > m.start() else m.end() + 1

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None
