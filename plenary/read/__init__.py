"""bytes -> blocks: one reader per format, and the checks that refuse bad input.

Every refusal is an `InputError` naming the file and one clear reason.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..errors import InputError
from .limits import MAX_BLOCKS, MAX_BYTES, Deadline, Refused, time_limit
from .model import Block, Document
from .text import UNENCODABLE, sanitise, sanitise_blocks
from .txt import blocks_from_text

__all__ = ["Block", "Document", "MAX_BYTES", "check_regular_file", "read_path", "read_bytes",
           "sanitise"]

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
    deadline = Deadline()
    try:
        with time_limit(deadline):
            blocks, clean = _blocks(data, name, fmt, deadline)
    except Refused as exc:
        raise InputError(name, str(exc)) from None
    except RecursionError:
        raise InputError(name, f"broken .{fmt}: nested too deeply to read") from None
    if not blocks:
        raise InputError(name, f"no text in the .{fmt} file")
    if len(blocks) > MAX_BLOCKS:
        raise InputError(name, f"more than {MAX_BLOCKS} paragraphs")
    return Document(sanitise(Path(name).name), sha, fmt,
                    blocks if clean else sanitise_blocks(blocks))


def _blocks(data: bytes, name: str, fmt: str, deadline: Deadline) -> tuple[list[Block], bool]:
    """The blocks of a file whose format is known, by that format's reader, and whether they
    are known to hold nothing to sanitise (a text without such characters: its blocks are
    pieces of it)."""
    if fmt == "txt":
        text = decode_text(data, name)
        if not text.strip():
            raise InputError(name, "no text (only whitespace)")
        return blocks_from_text(text), UNENCODABLE.search(text) is None
    if fmt == "docx":
        from .docx import blocks_from_docx

        return blocks_from_docx(data, name, deadline), False
    from .pdf import blocks_from_pdf

    return blocks_from_pdf(data, name, deadline), False


SPECIAL = [
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


def _check_stat(path: str | Path, st: os.stat_result) -> int:
    """The size of a regular file within the limit; InputError for anything else."""
    if not stat.S_ISREG(st.st_mode):
        kind = next((k for test, k in SPECIAL if test(st.st_mode)), "a special file")
        raise InputError(path, f"is {kind}, not a regular file")
    if st.st_size > MAX_BYTES:
        raise InputError(path, f"file too large ({st.st_size} bytes; the limit is {MAX_BYTES})")
    return st.st_size


def check_regular_file(path: str | Path) -> int:
    """The size of `path` (symlinks followed) if it is a regular file within the size limit;
    otherwise InputError ("is a FIFO (named pipe), not a regular file", "file too large ...").
    Nothing is opened or read."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    return _check_stat(path, st)


def _read_capped(path: str | Path) -> bytes:
    """A regular file's bytes, at most MAX_BYTES of them. Opened without blocking (a FIFO
    swapped in after the check cannot hang it) and checked again once open."""
    check_regular_file(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
        getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    try:
        _check_stat(path, os.fstat(fd))
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_BYTES and (chunk := os.read(fd, min(1 << 20, MAX_BYTES + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    finally:
        os.close(fd)
    if total > MAX_BYTES:
        raise InputError(path, f"file too large (more than {MAX_BYTES} bytes, the limit)")
    return b"".join(chunks)


def read_path(path: str | Path) -> Document:
    """Read a file from disk into a Document, refusing what is not a readable record: only a
    regular file is opened, and its size is checked before reading."""
    return read_bytes(_read_capped(path), str(path))
