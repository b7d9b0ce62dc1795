"""The archive itself: opening, migrations, storing records, read-only mode (both backends)."""

from __future__ import annotations

import json

import pytest
from conftest import record_of, varied_record
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from plenary import analyse
from plenary.errors import PlenaryError
from plenary.store import AddResult, Archive, migrate, writer
from plenary.store import engine as engines


def test_open_creates_schema_at_head(store: Archive) -> None:
    with store.read() as conn:
        assert migrate.current(conn) == migrate.head()
        tables = set(inspect(conn).get_table_names())
    assert {"meetings", "items", "paragraphs", "actors", "interventions", "on_behalf_of",
            "documents", "paragraph_documents", "texts", "text_mentions", "outcomes",
            "outcome_objects", "events", "signatories"} <= tables




def test_migration_1_archive_upgrades_to_head(store_url: str, old_writer) -> None:
    engine = engines.create(engines.normalise_url(store_url))
    migrate.upgrade(engine, "0001")
    record = record_of("000")
    with engine.connect().execution_options(plenary_write=True) as conn, conn.begin():
        assert migrate.current(conn) == "0001"
        old_writer.insert_record(conn, record)
    with engine.connect() as conn:
        indexes = {ix["name"] for ix in inspect(conn).get_indexes("outcomes")}
    assert "ix_outcomes_kind_reading" not in indexes
    engine.dispose()

    with Archive.open(store_url) as archive:
        with archive.read() as conn:
            assert migrate.current(conn) == migrate.head() != "0001"
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("outcomes")}
        assert "ix_outcomes_kind_reading" in indexes
        (only,) = analyse.meetings(archive)
        assert analyse.meeting(archive, only["id"]) == {"id": only["id"], **record.to_dict()}
        assert analyse.search(archive, "Canazza")["total"] == 2


def test_add_record_stored_unchanged_conflict(store: Archive) -> None:
    first = record_of("000")
    stored = store.add_record(first)
    assert stored.status == "stored"
    assert store.add_record(record_of("000")) == AddResult("unchanged", stored.meeting_id,
                                                           stored.version_id)
    # A different record claiming the same meeting and language: kept beside it, reported.
    other = record_of("002", symbol="C17/124", body="council", session="Council 2017")
    other.source.name = first.source.name
    conflict = store.add_record(other)
    assert conflict.status == "conflict" and conflict.meeting_id == stored.meeting_id
    assert conflict.version_id != stored.version_id
    assert store.count() == 2 and store.meeting_count() == 1
    (listed,) = analyse.meetings(store)
    assert listed["paragraphs"] == 22  # the reference version: the first stored
    assert [v["conflict"] for v in listed["versions"]] == [False, True]
    assert analyse.meeting(store, stored.meeting_id) == {"id": stored.meeting_id,
                                                         **first.to_dict()}


def test_round_trip_is_exact(store: Archive) -> None:
    for prefix in ("000", "002"):
        record = record_of(prefix)
        mid = store.add_record(record).meeting_id
        assert analyse.meeting(store, mid) == {"id": mid, **record.to_dict()}
        assert json.dumps(analyse.meeting(store, mid)["items"], ensure_ascii=False) == \
            json.dumps(record.to_dict()["items"], ensure_ascii=False)


def test_deleting_prunes_unreferenced_dictionary_rows(store: Archive) -> None:
    store.add_record(record_of("000"))
    big = store.add_record(record_of("002"))
    with store.write() as conn:
        writer.delete_meeting(conn, big.version_id)
        writer.prune_dictionaries(conn)
        assert conn.execute(text(
            "SELECT count(*) FROM texts WHERE label = 'Resolution 130 (Rev. Dubai, 2018)'"
        )).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM sources")).scalar_one() == 1
    assert analyse.text_history(store, "Resolution 130 (Rev. Dubai, 2018)") is None
    assert analyse.delegation(store, "CAN") is None


def test_readonly_never_writes(store_url: str) -> None:
    with Archive.open(store_url) as archive:
        archive.add_record(record_of("000"))
    with Archive.open(store_url, readonly=True) as ro:
        assert ro.count() == 1
        with pytest.raises(PlenaryError):
            ro.add_record(varied_record("000", 1))
        with pytest.raises(DBAPIError), ro.read() as conn:  # the database refuses too
            conn.execute(text("DELETE FROM events"))
        assert analyse.search(ro, "candidats")["total"] >= 1


def test_readonly_refuses_a_missing_archive(tmp_path) -> None:
    with pytest.raises(PlenaryError, match="no archive"):
        Archive.open(f"sqlite:///{tmp_path / 'none.sqlite'}", readonly=True)
    assert not (tmp_path / "none.sqlite").exists()


def test_readonly_refuses_an_archive_behind_head(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    migrate.upgrade(engine, "0001")
    engine.dispose()
    with pytest.raises(PlenaryError, match="expected"):
        Archive.open(url, readonly=True)


def test_default_url_from_environment(tmp_path, monkeypatch) -> None:
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("PLENARY_DB", f"sqlite:///{path}")
    with Archive.open() as archive:
        assert archive.dialect == "sqlite"
    assert path.exists()
    monkeypatch.delenv("PLENARY_DB")
    assert engines.default_url().endswith("archive.sqlite")
    assert engines.normalise_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    assert engines.normalise_url(str(path)) == f"sqlite:///{path.resolve()}"
