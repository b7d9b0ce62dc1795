"""Helpers shared by the readers: number prefixes and whitespace."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Block

# "6.15<TAB>", "6 <TAB>", "1204.3<TAB>" are numbers; "12.1ii)<TAB>" is not: a number is digits
# and dots only. Four digits a level: a long conference's record runs past item 999.
NUMBER_PREFIX = re.compile(r"^\s*(\d{1,4}(?:\.\d{1,4}){0,3})\.?\s*\t\s*")
SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")


def split_number(line: str) -> tuple[str | None, str]:
    """Split "6.15\\tLe délégué ..." into ("6.15", "Le délégué ...")."""
    m = NUMBER_PREFIX.match(line)
    if m:
        return m.group(1), line[m.end():]
    return None, line


def clean_spaces(text: str) -> str:
    """Fold runs of spaces (including non-breaking ones and tabs) and trim."""
    return " ".join(text.split())


# Lone surrogates cannot be encoded as UTF-8; these controls and non-characters cannot be
# written in XML 1.0. Neither may reach a record.
UNENCODABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def sanitise(text: str) -> str:
    """`text` with every character that UTF-8 or XML cannot carry replaced by U+FFFD."""
    return UNENCODABLE.sub("\ufffd", text) if UNENCODABLE.search(text) else text


def sanitise_blocks(blocks: list[Block]) -> list[Block]:
    """Sanitise every string of the blocks (in place) and return them."""
    if not UNENCODABLE.search("\n".join(_strings(blocks))):
        return blocks  # the usual case, told by one scan of all the text
    for b in blocks:
        b.text = sanitise(b.text)
        b.number = sanitise(b.number) if b.number else b.number
        b.style = sanitise(b.style) if b.style else b.style
        b.cells = [sanitise(c) for c in b.cells]
        b.footnotes = [(sanitise(m), sanitise(t)) for m, t in b.footnotes]
    return blocks


def _strings(blocks: list[Block]) -> Iterator[str]:
    """Every string the blocks carry."""
    for b in blocks:
        yield b.text
        if b.number:
            yield b.number
        if b.style:
            yield b.style
        yield from b.cells
        for mark, text in b.footnotes:
            yield mark
            yield text
