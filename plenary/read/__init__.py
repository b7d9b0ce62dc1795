"""bytes -> blocks: one reader per format, and the checks that refuse bad input.

Every refusal is an `InputError` naming the file and one clear reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from .model import Block, Document
from .txt import blocks_from_text

__all__ = ["Block", "Document", "MAX_BYTES", "read_path", "read_bytes"]

MAX_BYTES = 50 * 1024 * 1024  # the largest file accepted; records are well under 1 MB
FORMATS = {"txt": "txt", "text": "txt", "md": "txt", "docx": "docx", "pdf": "pdf"}

# What a file's first bytes say it is, for refusing a file whose content contradicts its name.
MAGIC = [
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (.docx, .xlsx, .zip ...)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc, .xls) or encrypted .docx"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
]
EXPECTED = {"pdf": ("a PDF document",), "docx": ("a zip archive (.docx, .xlsx, .zip ...)",)}


def sniff(data: bytes) -> str | None:
    """What the content is by its signature ("a PNG image"), or None for anything else."""
    return next((kind for magic, kind in MAGIC if data.startswith(magic)), None)


def decode_text(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), or UTF-16 with a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"undecodable UTF-16 text ({exc.reason})") from None
    if kind := sniff(data):
        raise InputError(path, f"binary file ({kind}), not text")
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        hint = ""
        try:
            data.decode("cp1252")
            hint = "; it looks like Latin-1/Windows-1252: save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise InputError(
            path, f"undecodable byte 0x{byte:02X} at offset {exc.start} (expected UTF-8 text{hint})"
        ) from None


def read_bytes(data: bytes, name: str, fmt: str | None = None) -> Document:
    """Read a file's bytes into a Document; `fmt` defaults to the name's extension."""
    ext = (fmt or Path(name).suffix.lstrip(".") or "txt").lower()
    if ext not in FORMATS:
        raise InputError(name, f"unsupported format '.{ext}' (expected .txt, .docx or .pdf)")
    fmt = FORMATS[ext]
    if not data:
        raise InputError(name, "empty file (0 bytes)")
    if not data.strip() and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "no text (only whitespace)")
    if len(data) > MAX_BYTES:
        raise InputError(name, f"file too large ({len(data)} bytes; the limit is {MAX_BYTES})")
    if fmt != "txt" and (kind := sniff(data)) and kind not in EXPECTED[fmt]:
        raise InputError(name, f"broken .{fmt}: the content is {kind}")
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "txt":
        text = decode_text(data, name)
        if not text.strip():
            raise InputError(name, "no text (only whitespace)")
        blocks = blocks_from_text(text)
    elif fmt == "docx":
        from .docx import blocks_from_docx

        blocks = blocks_from_docx(data, name)
    else:
        from .pdf import blocks_from_pdf

        blocks = blocks_from_pdf(data, name)
    if not blocks:
        raise InputError(name, f"no text in the .{fmt} file")
    return Document(Path(name).name, sha, fmt, blocks)


def read_path(path: str | Path) -> Document:
    """Read a file from disk into a Document, refusing what is not a readable record."""
    p = Path(path)
    if p.is_dir():
        raise InputError(p, "is a directory")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:  # refuse before reading it into memory
            raise InputError(p, f"file too large ({size} bytes; the limit is {MAX_BYTES})")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, exc.strerror or "cannot be read") from None
    return read_bytes(data, str(p))
