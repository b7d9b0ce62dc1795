"""The archive: a SQLite file or a PostgreSQL database holding parsed records."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import PlenaryError
from ..record import Record
from . import engine as engines
from . import migrate
from .identity import Identity, resolve
from .versions import (
    Decision,
    Placement,
    add_source,
    create_sitting,
    decide,
    is_original,
    settle_reference,
    source_key,
)
from .writer import MEETINGS, SITTINGS, SOURCES, Prepared, VersionRow, insert_record


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `Archive.add_record` did (see versions.py): `stored` (a new meeting), `version`
    (a new language version of a meeting), `source` (another file of a stored version),
    `unchanged` (that file is stored already) or `conflict` (a different record claiming a
    stored meeting and language: kept beside it). `meeting_id` is the meeting's (sitting's)
    id, `version_id` the stored record's row."""

    status: Placement
    meeting_id: int
    version_id: int


class Archive:
    """A handle on one archive. Open it with `Archive.open(url)`; close it when done."""

    def __init__(self, engine: Engine, readonly: bool = False) -> None:
        self.engine = engine
        self.readonly = readonly

    @classmethod
    def open(cls, url: str | None = None, *, readonly: bool = False) -> Archive:
        """Open (creating and upgrading unless `readonly`) the archive at `url`.

        `url`: `sqlite:///path`, `postgresql://...`, a plain file path, or None for
        `$PLENARY_DB` or else `archive.sqlite` in the user's data directory.
        """
        full = engines.normalise_url(url)
        engine = engines.create(full, readonly=readonly)
        try:
            if readonly:
                with engine.connect() as conn:
                    at = migrate.current(conn)
                expected = migrate.head()
                if at != expected:
                    raise PlenaryError(
                        f"archive schema is at {at or 'nothing'}, expected {expected}: "
                        "open it once without read-only mode (e.g. plenary ingest) to upgrade"
                    )
            else:
                migrate.upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise PlenaryError(f"cannot open archive: {exc.__class__.__name__}: "
                               f"{str(exc).splitlines()[0]}") from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, readonly)

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in a read transaction (one consistent snapshot)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed on success, rolled back on error."""
        if self.readonly:
            raise PlenaryError("archive opened read-only")
        with self.engine.connect().execution_options(plenary_write=True) as conn, conn.begin():
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------

    def has_source(self, sha256: str, path: str) -> bool:
        """True when that file (content and path relative to its ingest root) is stored."""
        with self.read() as conn:
            return conn.execute(
                select(SOURCES.c.id).where(SOURCES.c.sha256 == sha256, SOURCES.c.path == path)
                .limit(1)).first() is not None

    def add_record(self, record: Record, identity: Identity | None = None,
                   path: str | None = None) -> AddResult:
        """Store one parsed record in one transaction, as a meeting, a version or a source.

        `identity`: what the user says of a record without a header (see identity.resolve);
        `path`: its file's path relative to the ingest root (default: the source name).
        Nothing stored is ever replaced.
        """
        with self.write() as conn:
            return self.store_in(conn, record, identity, path)

    def store_in(self, conn: Connection, record: Record, identity: Identity | None = None,
                 path: str | None = None, prepared: Prepared | None = None) -> AddResult:
        """`add_record` inside the caller's transaction on `conn` (a batch of records, as
        ingest writes them); `prepared`: the record's JSON and search terms, computed already."""
        where = path or record.source.name
        ident = resolve(record, identity)
        return self._apply(conn, decide(conn, record, ident, where), record, ident, where,
                           prepared)

    def _apply(self, conn: Connection, d: Decision, record: Record, ident: Identity,
               path: str, prepared: Prepared | None = None) -> AddResult:
        if d.status == "unchanged":
            assert d.sitting_id is not None and d.version_id is not None
            return AddResult("unchanged", d.sitting_id, d.version_id)
        if d.status == "source":
            assert d.sitting_id is not None and d.version_id is not None
            add_source(conn, d.version_id, record, path)
            return AddResult("source", d.sitting_id, d.version_id)
        sitting = d.sitting_id
        if sitting is None:
            sitting = create_sitting(conn, d.key, ident, path)
        row = VersionRow(sitting_id=sitting, original=is_original(record),
                         conflict=d.status == "conflict",
                         source_key=source_key(record.source.sha256, path))
        version = insert_record(conn, record, version=row, prepared=prepared)
        add_source(conn, version, record, path)
        settle_reference(conn, sitting)
        return AddResult(d.status, sitting, version)

    # -- facts ------------------------------------------------------------------------------

    def count(self) -> int:
        """How many records (versions) are stored: changes with every ingest that adds one."""
        with self.read() as conn:
            return conn.execute(select(func.count()).select_from(MEETINGS)).scalar_one()

    def meeting_count(self) -> int:
        """How many meetings are stored (a meeting in three languages counts once)."""
        with self.read() as conn:
            return conn.execute(select(func.count()).select_from(SITTINGS)).scalar_one()

    def size_bytes(self) -> int:
        """The archive's size on disk (SQLite file and its WAL, or the PostgreSQL database)."""
        if self.dialect == "sqlite":
            path = engines.sqlite_path(self.engine.url.render_as_string(hide_password=False))
            if path is None:
                return 0
            return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        with self.read() as conn:
            return int(conn.exec_driver_sql("SELECT pg_database_size(current_database())")
                       .scalar_one())
