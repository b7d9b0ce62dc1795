"""Ingest files and folders: parse each file in a worker, store it in the one writer, report.

Workers parse and also prepare what storing needs without the database (the record's JSON,
its search terms: `writer.prepare`); a thread draws their results, so that they get new files
while the writer stores. The writer stores records in batched transactions (a record that
fails is reported, the others of its batch are stored: see `_Batch`). A batch is committed
once it holds `BATCH_RECORDS` records or `BATCH_BYTES` of JSON, and whenever the writer would
wait for the next parsed record while its batch is older than `BATCH_SECONDS`: a kill loses at
most that batch, which a re-run stores again (its files are not stored, so they are parsed
again). A file is reported (`progress`) once its transaction has committed.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy import Connection

from ..errors import InputError, PlenaryError
from ..isolate import Caps, Pool, default_workers, preload_in_workers
from ..read import check_regular_file
from ..record import SCHEMA_ID, Record
from ..walk import walk
from .identity import Identity, from_file_name, resolve
from .writer import (
    Prepared,
    defer_search_rows,
    drop_search_rows,
    prepare,
    write_search_rows,
)

if TYPE_CHECKING:
    from .archive import Archive

T = TypeVar("T")

SUFFIXES = (".txt", ".docx", ".pdf")  # what a folder is searched for (a .json is named)
BATCH_RECORDS = 32  # records stored in one transaction at most
BATCH_BYTES = 8 << 20  # ... and their JSON at most this large (a larger record is alone)
BATCH_SECONDS = 0.5  # a batch older than this is committed when the writer would wait
WAIT_SECONDS = 0.25  # how often a writer waiting for the next record looks at its batch


# The workers run `_parse_task`, in this module: the fork server imports it (and the archive's
# modules it brings) once, rather than each worker.
preload_in_workers(__name__)

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
    store_seconds: float = 0.0  # the writer's time: placing, inserting, committing records
    store_cpu_seconds: float = 0.0  # the processor time of that (the rest is waiting)

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


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a worker sends back for a file: the record, and what storing it needs computed."""

    record: Record
    prepared: Prepared


def _parse_task(item: tuple[Path, str | None]) -> Parsed:
    """What a worker does with one file (a module-level function, so that workers can load it)."""
    path, language = item
    parsed = parse_one(path, language)
    if isinstance(parsed, InputError):
        raise parsed
    return Parsed(parsed, prepare(parsed))


def parse_all(paths: list[Path], languages: dict[Path, str | None], workers: int | None = None,
              caps: Caps | None = None) -> Iterator[tuple[Path, Parsed | InputError]]:
    """Each file parsed in a worker process under `caps`, `workers` at a time, in order."""
    with Pool(_parse_task, workers=workers, caps=caps) as pool:
        for (path, _language), parsed in pool.map((p, languages.get(p)) for p in paths):
            if isinstance(parsed, InputError):
                parsed = InputError(path, parsed.reason)
            yield path, parsed


def read_ahead(results: Iterator[T], depth: int, on_wait: Callable[[], None]) -> Iterator[T]:
    """`results` drawn by a thread, up to `depth` ahead: the pool hands out the next files while
    the caller (the writer) stores, rather than when it asks. `on_wait()` is called whenever the
    next result is not in yet, then every `WAIT_SECONDS` while it is awaited."""
    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(kind: str, value: Any) -> None:
        while not stop.is_set():
            try:
                box.put((kind, value), timeout=WAIT_SECONDS)
                return
            except queue.Full:
                continue

    def pump() -> None:
        try:
            for result in results:
                put("result", result)
                if stop.is_set():
                    break
            put("end", None)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, raised there
            put("error", exc)
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()  # in this thread, where the generator runs: its pool stops

    thread = threading.Thread(target=pump, name="plenary-parse", daemon=True)
    thread.start()
    try:
        while True:
            try:
                kind, value = box.get_nowait()
            except queue.Empty:
                kind, value = _await(box, on_wait)
            if kind == "end":
                break
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
    thread.join()


def _await(box: queue.Queue[tuple[str, Any]], on_wait: Callable[[], None]) -> tuple[str, Any]:
    while True:
        on_wait()
        try:
            return box.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            continue


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


@dataclass(frozen=True, slots=True)
class _File:
    """A parsed file to store: its path, its path relative to its ingest root, its record, and
    what the command line says of its identity."""

    path: Path
    rel: str
    parsed: Parsed
    given: Identity | None


@dataclass(frozen=True, slots=True)
class _Stored:
    """A file stored in the open batch, to be reported once the batch has committed."""

    file: _File
    status: Status
    meeting_id: int
    identified: bool


@dataclass(frozen=True, slots=True)
class _Failed:
    """A file that could not be parsed or stored, reported in its turn."""

    path: Path
    reason: str


def _store(archive: Archive, conn: Connection, f: _File) -> _Stored:
    """Store a parsed record in `conn`'s transaction, as `Archive.add_record` does in its own."""
    record = f.parsed.record
    ident = resolve(record, f.given, f.path)
    rel = f.rel
    if f.path.suffix.lower() == ".json":  # a record saved as JSON: its source is the file it names
        rel = record.source.name
    result = archive.store_in(conn, record, ident, rel, f.parsed.prepared)
    return _Stored(f, result.status, result.meeting_id, ident.identified)


def _reason(exc: Exception) -> str:
    """Why a file could not be stored, in one line."""
    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, PlenaryError):
        return str(exc)
    first = str(exc).splitlines()[0] if str(exc) else ""  # a database error
    return f"{type(exc).__name__}: {first}".rstrip(": ")


def _commit(tx: AbstractContextManager[Connection], conn: Connection) -> None:
    """Write the batch's full-text rows kept aside, then commit (on an error: roll back)."""
    try:
        write_search_rows(conn)
    except BaseException as exc:
        drop_search_rows(conn)
        tx.__exit__(type(exc), exc, exc.__traceback__)
        raise
    tx.__exit__(None, None, None)


class _Clock:
    """When a piece of the writer's work began, on the wall clock and in processor time."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.thread_time()

    def add_to(self, summary: IngestSummary) -> None:
        summary.store_seconds += time.perf_counter() - self.wall
        summary.store_cpu_seconds += time.thread_time() - self.cpu


class _Batch:
    """The writer: parsed records stored in batched transactions (see the module's text).

    No savepoint per record (two more statements each, round trips on PostgreSQL; and on
    SQLite, FTS5 writes out its pending rows at each one): when a record fails, which is rare,
    the batch is rolled back, the records before it are stored again one transaction each, and
    the failure is reported."""

    def __init__(self, archive: Archive, summary: IngestSummary,
                 progress: Callable[[Path, str], None] | None) -> None:
        self.archive = archive
        self.summary = summary
        self.progress = progress
        self._tx: AbstractContextManager[Connection] | None = None
        self._conn: Connection | None = None
        self._opened = 0.0
        self._bytes = 0  # the JSON of the records in the open batch: what it holds in memory
        self._reports: list[_Stored | _Failed] = []

    def store(self, f: _File) -> None:
        """Store one record in the open batch (opening one); commit the batch once it is full."""
        started = _Clock()
        try:
            self._reports.append(_store(self.archive, self._connection(), f))
        except Exception as exc:  # noqa: BLE001 - a file may make storing raise anything
            self._recover(f, exc)
        finally:
            started.add_to(self.summary)
        self._bytes += len(f.parsed.prepared.as_json)
        if len(self._reports) >= BATCH_RECORDS or self._bytes >= BATCH_BYTES:
            self.commit()

    def failed(self, path: Path, reason: str) -> None:
        """Report, in its turn, a file that cannot be stored."""
        self._reports.append(_Failed(path, reason))

    def idle(self) -> None:
        """The writer would wait for the next record: commit a batch open long enough."""
        if self._tx is not None and time.perf_counter() - self._opened >= BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Commit the open batch, then report its files (as failed when the commit fails)."""
        tx, conn, self._tx, self._conn = self._tx, self._conn, None, None
        reports, self._reports = self._reports, []
        if tx is not None and conn is not None:
            started = _Clock()
            try:
                _commit(tx, conn)
            except Exception as exc:  # noqa: BLE001 - none of the batch's records is stored
                reports = [r if isinstance(r, _Failed) else _Failed(r.file.path, _reason(exc))
                           for r in reports]
            finally:
                started.add_to(self.summary)
        for r in reports:
            self._report(r)

    def abandon(self, exc: BaseException) -> None:
        """Roll the open batch back (an interrupt): none of its records is reported stored."""
        tx, conn, self._tx, self._conn, self._reports = self._tx, self._conn, None, None, []
        if tx is not None and conn is not None:
            drop_search_rows(conn)
            tx.__exit__(type(exc), exc, exc.__traceback__)

    def _recover(self, f: _File, exc: Exception) -> None:
        """`f` failed mid-batch, its rows maybe half written: roll back, store the batch's
        records again one transaction each, then report `f`."""
        tx, conn, self._tx, self._conn = self._tx, self._conn, None, None
        reports, self._reports = self._reports, []
        if tx is not None and conn is not None:
            drop_search_rows(conn)
            with suppress(Exception):  # the connection is gone: rolled back anyway
                tx.__exit__(type(exc), exc, exc.__traceback__)
        for r in reports:
            if isinstance(r, _Failed):
                self._report(r)
            else:
                self._store_alone(r.file)
        self._report(_Failed(f.path, _reason(exc)))

    def _store_alone(self, f: _File) -> None:
        try:
            with self.archive.write() as conn:
                stored = _store(self.archive, conn, f)
        except Exception as exc:  # noqa: BLE001
            self._report(_Failed(f.path, _reason(exc)))
        else:
            self._report(stored)

    def _report(self, r: _Stored | _Failed) -> None:
        if isinstance(r, _Failed):
            _failed(self.summary, self.progress, r.path, r.reason)
            return
        self.summary.add(r.file.path, r.status, r.meeting_id)
        if not r.identified and r.status in ("stored", "version"):
            self.summary.unidentified.append(r.file.path)
        if self.progress is not None:
            self.progress(r.file.path, r.status)

    def _connection(self) -> Connection:
        if self._conn is None:
            self._tx = self.archive.write()
            self._conn = self._tx.__enter__()
            self._opened = time.perf_counter()
            self._bytes = 0
            defer_search_rows(self._conn)
        return self._conn


def ingest(
    archive: Archive,
    paths: Iterable[str | Path],
    progress: Callable[[Path, str], None] | None = None,
    identity: Identity | None = None,
    workers: int | None = None,
    caps: Caps | None = None,
) -> IngestSummary:
    """Ingest every file under `paths` (folders are ingest roots); `progress(path, status)` is
    called after each (a stored file once its batch has committed). `identity`: what
    `--symbol/--session/--body/--date/--language` say of records without a header. A file stored
    already (same content, same path) is not parsed; the others are parsed by `workers`
    processes (default: one per core), each file under `caps`, and stored in batches."""
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
    batch = _Batch(archive, summary, progress)
    try:
        parsed_files = parse_all(pending, languages, workers, caps)
        depth = 2 * max(1, workers if workers is not None else default_workers())
        for path, parsed in read_ahead(parsed_files, depth, batch.idle):
            if isinstance(parsed, InputError):
                batch.failed(path, parsed.reason)
            else:
                batch.store(_File(path, rels[path], parsed, identity))
        batch.commit()
    except BaseException as exc:
        with suppress(Exception):  # the error that stopped us is the one to raise
            batch.abandon(exc)
        raise
    return summary


def _failed(summary: IngestSummary, progress: Callable[[Path, str], None] | None, path: Path,
            reason: str) -> None:
    summary.failed.append((path, reason))
    if progress is not None:
        progress(path, "failed")
