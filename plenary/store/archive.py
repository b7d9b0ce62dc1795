"""The archive: a SQLite file or a PostgreSQL database holding parsed records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import PlenaryError
from ..record import Record
from . import engine as engines
from . import migrate
from .writer import MEETINGS, delete_meeting, insert_record, prune_dictionaries, record_json

Status = Literal["stored", "replaced", "unchanged"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `Archive.add_record` did: `stored` (new), `replaced` (a new version) or
    `unchanged` (that content is already stored), and the meeting's id."""

    status: Status
    meeting_id: int


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

    def has_sha256(self, sha256: str) -> bool:
        with self.read() as conn:
            return conn.execute(
                select(MEETINGS.c.id).where(MEETINGS.c.sha256 == sha256).limit(1)
            ).first() is not None

    def add_record(self, record: Record) -> AddResult:
        """Store one parsed record in one transaction.

        Content already stored (same sha256) is left as is; a record whose source name is
        stored with other content replaces that version, and keeps its meeting id.
        """
        as_json = record_json(record)
        with self.write() as conn:
            same, old = conn.execute(select(  # one round trip for both
                select(MEETINGS.c.id).where(MEETINGS.c.sha256 == record.source.sha256)
                .limit(1).scalar_subquery(),
                select(MEETINGS.c.id).where(MEETINGS.c.source_name == record.source.name)
                .scalar_subquery(),
            )).one()
            if same is not None:
                return AddResult("unchanged", same)
            if old is not None:
                delete_meeting(conn, old)
            meeting_id = insert_record(conn, record, as_json, meeting_id=old)
            if old is not None:
                prune_dictionaries(conn)
        return AddResult("replaced" if old is not None else "stored", meeting_id)

    def ingest(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[Path, str], None] | None = None,
    ):  # -> IngestSummary (imported lazily: ingest imports the parser)
        """Parse and store files and folders (recursively: .txt, .docx, .pdf)."""
        from .ingest import ingest

        return ingest(self, paths, progress)

    # -- facts ------------------------------------------------------------------------------

    def count(self) -> int:
        """How many meetings are stored."""
        with self.read() as conn:
            return conn.execute(select(func.count()).select_from(MEETINGS)).scalar_one()

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
