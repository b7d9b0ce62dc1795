"""Blocks -> Record: the language-free parser core.

    from plenary.parse import parse_path
    record = parse_path("C17-124.docx")          # language detected from the text
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..lang.detect import detect_language
from ..read import Document, read_bytes, read_path
from ..record import Record
from .builder import RecordBuilder

__all__ = ["parse_path", "parse_bytes", "parse_document"]


def parse_path(path: str | Path, language: str | None = None) -> Record:
    """Read and parse a record file (.txt, .docx, .pdf)."""
    return parse_document(read_path(path), language=language, path=str(path))


def parse_bytes(data: bytes, name: str, language: str | None = None) -> Record:
    """Parse a record held in memory; `name` gives its format by extension."""
    return parse_document(read_bytes(data, name), language=language, path=name)


def parse_document(doc: Document, language: str | None = None, path: str | None = None) -> Record:
    """Parse a read document into a Record; raises InputError for what is not a record."""
    name = path or doc.name
    lang = detect_language(doc, name, forced=language)
    doc.name = Path(doc.name).name
    try:
        with _collector_paused():
            return RecordBuilder(doc, lang).build()
    except InputError as exc:
        raise InputError(name, exc.reason) from None


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a record is built: the parse allocates hundreds of
    thousands of small objects that all live until the record is done, and each collection
    would walk them again (a tenth of a large record's parse time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
