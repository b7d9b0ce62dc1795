"""What every reader returns: the file's identity and its body as numbered blocks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    """One paragraph of the source as printed: its number (before the TAB) and clean text.

    `number` is the paragraph or item number as printed ("6", "6.15"), or None for an
    unnumbered line. `text` holds no conversion noise (bookmarks, footnote marks). `cells`
    holds the TAB-separated parts of an unnumbered line (signature blocks, header tables).
    """

    number: str | None
    text: str
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    style: str | None = None


@dataclass(slots=True)
class Document:
    """A file read into blocks, with what identifies it."""

    name: str
    sha256: str
    format: str
    blocks: list[Block]
