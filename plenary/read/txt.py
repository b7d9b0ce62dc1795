"""Plain text as extracted from Word: numbers before a TAB, bookmarks, footnote marks."""

from __future__ import annotations

import re

from .limits import MAX_BLOCKS, Refused
from .model import Block
from .text import clean_spaces, split_number

MAX_LINES = 5 * MAX_BLOCKS  # blank lines included

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
FOOTNOTE_REF = re.compile(r"\[footnoteRef:(\w+)\]")
# A footnote body "[1: <TAB>Voir le § 3.3 ...]" sits at the end of the paragraph that cites it.
FOOTNOTE_BODY = re.compile(r"\[(\w+):\s*\t?\s*((?:[^\[\]]|\[[^\[\]]*\])*)\]")


def blocks_from_text(text: str) -> list[Block]:
    """Cut decoded text into blocks, one per non-empty line."""
    breaks = text.count("\n") + text.count("\r")
    if breaks > MAX_LINES:
        raise Refused(f"more than {MAX_LINES} lines")
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = BOOKMARK.sub("", raw) if "[bookmark" in raw else raw
        if not line.strip():
            continue
        if len(blocks) >= MAX_BLOCKS:
            raise Refused(f"more than {MAX_BLOCKS} paragraphs")
        footnotes: list[tuple[str, str]] = []
        if "[" in line:
            marks = set(FOOTNOTE_REF.findall(line))

            def body(
                m: re.Match[str],
                marks: set[str] = marks,
                footnotes: list[tuple[str, str]] = footnotes,
            ) -> str:
                if m.group(1) in marks:
                    footnotes.append((m.group(1), clean_spaces(m.group(2))))
                    return ""
                return m.group(0)

            line = FOOTNOTE_BODY.sub(body, line)
            line = FOOTNOTE_REF.sub("", line)
        number, rest = split_number(line)
        if "\t" in rest:  # a table row: its cells
            cells = [clean_spaces(c) for c in rest.split("\t") if c.strip()]
            blocks.append(Block(number, " ".join(cells), footnotes, cells))
            continue
        text = clean_spaces(rest)
        blocks.append(Block(number, text, footnotes, [text] if text else []))
    return blocks
