"""Where the archive lives (URL resolution) and how to connect to it (SQLite or PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from ..errors import PlenaryError

ENV = "PLENARY_DB"


def default_url() -> str:
    """`$PLENARY_DB`, else a SQLite file in the user's data directory."""
    env = os.environ.get(ENV)
    if env:
        return env
    path = Path(platformdirs.user_data_dir("plenary")) / "archive.sqlite"
    return f"sqlite:///{path}"


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL: plain paths become SQLite files, PostgreSQL uses psycopg 3."""
    url = url or default_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for memory databases and other backends)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    db = u.database
    if db.startswith("file:"):
        db = db[len("file:"):]
    return Path(db)


def create(url: str, readonly: bool = False) -> Engine:
    """An engine for `url` with the archive's connection settings."""
    u = make_url(url)
    backend = u.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, readonly)
    if backend == "postgresql":
        args: dict[str, Any] = {}
        if readonly:
            args["options"] = "-c default_transaction_read_only=on"
        return create_engine(url, connect_args=args, pool_pre_ping=True)
    raise PlenaryError(f"unsupported database URL '{u.render_as_string()}' (sqlite or postgresql)")


def _sqlite_engine(url: str, readonly: bool) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        if readonly:
            if not path.exists():
                raise PlenaryError(f"no archive at {path}")
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        # A 64 MB page cache per connection (the default is 2 MB): counts and listings over
        # a large archive read their index pages once, not once per query.
        cur.execute("PRAGMA cache_size=-65536")
        if readonly:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A write transaction takes the write lock up front, so two writers queue instead of
        # failing with "database is locked" when a reader upgrades to a writer.
        write = conn.get_execution_options().get("plenary_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write and not readonly else "BEGIN")

    return engine
