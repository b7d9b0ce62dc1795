"""Ingest files and folders: parse each file, store it in its own transaction, report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, PlenaryError
from ..record import SCHEMA_ID, Record

if TYPE_CHECKING:
    from .archive import Archive

SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did, file by file."""

    stored: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)  # the stored files that replaced one

    def __str__(self) -> str:
        return (f"stored {len(self.stored)}, unchanged {len(self.unchanged)}, "
                f"failed {len(self.failed)}")


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the record files under folders named (sorted; hidden files skipped).

    A path that does not exist is kept, so that it is reported as failed.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and p.is_file()
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            ))
        else:
            out.append(path)
    return out


def load_json_record(path: Path, data: bytes) -> Record:
    """A record saved as contract JSON (`plenary parse --json`)."""
    try:
        obj = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"invalid JSON ({exc})") from None
    if not isinstance(obj, dict) or obj.get("schema") != SCHEMA_ID:
        raise InputError(path, f"not a {SCHEMA_ID} record")
    try:
        record = Record.from_dict(obj)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(path, f"malformed record ({exc})") from None
    if not record.source or not record.source.name or not record.source.sha256:
        raise InputError(path, "record has no source name or sha256")
    return record


def _parse(path: Path) -> Record:
    try:
        from ..parse import parse_path
    except ImportError as exc:
        raise PlenaryError(f"the parser is not available ({exc})") from None
    return parse_path(path)


def ingest_file(archive: Archive, path: Path) -> tuple[str, str | None]:
    """Store one file: returns (status, reason); status is stored/replaced/unchanged/failed."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return "failed", "is a directory"
    except OSError as exc:
        return "failed", exc.strerror or "cannot be read"
    try:
        if path.suffix.lower() == ".json":
            record = load_json_record(path, data)
        else:
            if archive.has_sha256(hashlib.sha256(data).hexdigest()):
                return "unchanged", None
            record = _parse(path)
        return archive.add_record(record).status, None
    except InputError as exc:
        return "failed", exc.reason
    except PlenaryError as exc:
        return "failed", str(exc)
    except Exception as exc:  # a parser or database error: report it, keep going
        first = str(exc).splitlines()[0] if str(exc) else ""
        return "failed", f"{type(exc).__name__}: {first}".rstrip(": ")


def ingest(
    archive: Archive,
    paths: Iterable[str | Path],
    progress: Callable[[Path, str], None] | None = None,
) -> IngestSummary:
    """Ingest every file under `paths`; `progress(path, status)` is called after each."""
    summary = IngestSummary()
    for path in collect_files(paths):
        status, reason = ingest_file(archive, path)
        if status == "failed":
            summary.failed.append((path, reason or "failed"))
        elif status == "unchanged":
            summary.unchanged.append(path)
        else:
            summary.stored.append(path)
            if status == "replaced":
                summary.replaced.append(path)
        if progress is not None:
            progress(path, "stored" if status == "replaced" else status)
    return summary
