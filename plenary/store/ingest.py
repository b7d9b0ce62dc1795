"""Ingest files and folders: parse each file, store it in its own transaction, report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import InputError, PlenaryError
from ..isolate import Caps, Pool
from ..read import check_regular_file
from ..record import SCHEMA_ID, Record
from ..walk import walk
from .identity import Identity, from_file_name, resolve

if TYPE_CHECKING:
    from .archive import Archive

SUFFIXES = (".txt", ".docx", ".pdf")  # what a folder is searched for (a .json is named)


Status = Literal["stored", "version", "source", "unchanged", "conflict", "failed"]


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did, file by file (statuses as in `versions.py`)."""

    stored: list[Path] = field(default_factory=list)  # new meetings
    versions: list[Path] = field(default_factory=list)  # new language versions of a meeting
    sources: list[Path] = field(default_factory=list)  # another file of a stored version
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[tuple[Path, int]] = field(default_factory=list)  # file, meeting id
    unidentified: list[Path] = field(default_factory=list)  # stored, known by file name only
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def add(self, path: Path, status: Status, meeting_id: int | None = None) -> None:
        lists = {"stored": self.stored, "version": self.versions, "source": self.sources,
                 "unchanged": self.unchanged}
        if status == "conflict":
            self.conflicts.append((path, meeting_id or 0))
        elif status in lists:
            lists[status].append(path)

    def __str__(self) -> str:
        return (f"stored {len(self.stored)} meeting(s), {len(self.versions)} version(s), "
                f"{len(self.sources)} source(s); unchanged {len(self.unchanged)}, "
                f"conflicts {len(self.conflicts)}, unidentified {len(self.unidentified)}, "
                f"failed {len(self.failed)}")

    def report(self) -> list[str]:
        """One line per file that needs the user's attention: conflicts, unidentified."""
        lines = [f"{path}: conflict: meeting {mid} already has a different record in this "
                 "language (both kept)" for path, mid in self.conflicts]
        lines += [f"{path}: unidentified: no header, sidecar or ITU file name says which "
                  "meeting this is (stored under its file name)" for path in self.unidentified]
        return lines


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the record files under folders named (in name order; hidden files and
    Word lock files passed over). Paths that cannot be taken are left out: `collect_sources`
    reports them."""
    return walk(list(paths)).files


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


def collect_sources(paths: Iterable[str | Path]
                    ) -> tuple[list[tuple[Path, str]], list[tuple[Path, str]]]:
    """Each file under `paths` with its path relative to the ingest root it came from (a
    folder named; a file named is its own root: its name), and the paths that cannot be taken
    with the reason (a link loop, a FIFO, an unreadable file), one each."""
    sources: list[tuple[Path, str]] = []
    problems: list[tuple[Path, str]] = []
    for raw in paths:
        root = Path(raw)
        found = walk([root])
        problems.extend(found.problems)
        for path in found.files:
            rel = path.relative_to(root).as_posix() if path != root else path.name
            sources.append((path, rel))
    return sources, problems


def parse_one(path: Path, language: str | None = None) -> Record | InputError:
    """Parse one file (a record file, or contract JSON): the record, or why there is none."""
    try:
        if path.suffix.lower() == ".json":
            return load_json_record(path, path.read_bytes())
        from ..parse import parse_path

        return parse_path(path, language=language)
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(path, exc.strerror or "cannot be read")
    except ImportError as exc:
        raise PlenaryError(f"the parser is not available ({exc})") from None


def _parse_task(item: tuple[Path, str | None]) -> Record:
    """What a worker does with one file (a module-level function, so that workers can load it)."""
    path, language = item
    parsed = parse_one(path, language)
    if isinstance(parsed, InputError):
        raise parsed
    return parsed


def parse_all(paths: list[Path], languages: dict[Path, str | None], workers: int | None = None,
              caps: Caps | None = None) -> Iterator[tuple[Path, Record | InputError]]:
    """Each file parsed in a worker process under `caps`, `workers` at a time, in order."""
    with Pool(_parse_task, workers=workers, caps=caps) as pool:
        for (path, _language), parsed in pool.map((p, languages.get(p)) for p in paths):
            if isinstance(parsed, InputError):
                parsed = InputError(path, parsed.reason)
            yield path, parsed


def _sha256(path: Path) -> str | InputError:
    """The content hash of a file, refusing one too large before reading a byte of it."""
    try:
        check_regular_file(path)
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(path, exc.strerror or "cannot be read")


def _store(archive: Archive, path: Path, rel: str, record: Record,
           given: Identity | None) -> tuple[Status, int, bool]:
    """Store a parsed record: (status, meeting id, identified)."""
    ident = resolve(record, given, path)
    if path.suffix.lower() == ".json":  # a record saved as JSON: its source is the file it names
        rel = record.source.name
    result = archive.add_record(record, ident, rel)
    return result.status, result.meeting_id, ident.identified


def ingest(
    archive: Archive,
    paths: Iterable[str | Path],
    progress: Callable[[Path, str], None] | None = None,
    identity: Identity | None = None,
    workers: int | None = None,
    caps: Caps | None = None,
) -> IngestSummary:
    """Ingest every file under `paths` (folders are ingest roots); `progress(path, status)` is
    called after each. `identity`: what `--symbol/--session/--body/--date/--language` say of
    records without a header. A file stored already (same content, same path) is not parsed; the
    others are parsed by `workers` processes (default: one per core), each file under `caps`."""
    summary = IngestSummary()
    rels: dict[Path, str] = {}
    pending: list[Path] = []
    sources, problems = collect_sources(paths)
    for path, reason in problems:
        _failed(summary, progress, path, reason)
    for path, rel in sources:
        sha = _sha256(path)
        if isinstance(sha, InputError):
            _failed(summary, progress, path, sha.reason)
        elif archive.has_source(sha, rel):
            summary.unchanged.append(path)
            if progress is not None:
                progress(path, "unchanged")
        else:
            rels[path] = rel
            pending.append(path)
    languages = {p: (identity.language if identity else None) or from_file_name(p.name).language
                 for p in pending}
    for path, parsed in parse_all(pending, languages, workers, caps):
        if isinstance(parsed, InputError):
            _failed(summary, progress, path, parsed.reason)
            continue
        try:
            status, mid, identified = _store(archive, path, rels[path], parsed, identity)
        except InputError as exc:
            _failed(summary, progress, path, exc.reason)
            continue
        except PlenaryError as exc:
            _failed(summary, progress, path, str(exc))
            continue
        except Exception as exc:  # a database error: report it, keep going
            first = str(exc).splitlines()[0] if str(exc) else ""
            _failed(summary, progress, path, f"{type(exc).__name__}: {first}".rstrip(": "))
            continue
        summary.add(path, status, mid)
        if not identified and status in ("stored", "version"):
            summary.unidentified.append(path)
        if progress is not None:
            progress(path, status)
    return summary


def _failed(summary: IngestSummary, progress: Callable[[Path, str], None] | None, path: Path,
            reason: str) -> None:
    summary.failed.append((path, reason))
    if progress is not None:
        progress(path, "failed")
