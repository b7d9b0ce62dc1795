"""Migration 0004: an archive of the old schema (one meeting per file) upgrades in place, its
records regrouped into meetings, versions and sources (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib

import pytest
from conftest import record_of
from sqlalchemy import text

from plenary import analyse
from plenary.record import Record
from plenary.store import Archive, migrate
from plenary.store import engine as engines


def _copy(record: Record, name: str, fmt: str = "txt", language: str | None = None) -> Record:
    out = Record.from_dict(record.to_dict())
    out.source.name = name
    out.source.format = fmt  # type: ignore[assignment]
    out.source.sha256 = hashlib.sha256(name.encode()).hexdigest()
    if language:
        out.language = language
    return out


def _old_archive(url: str, old_writer, records: list[Record]) -> None:
    engine = engines.create(engines.normalise_url(url))
    migrate.upgrade(engine, "0003")
    with engine.connect().execution_options(plenary_write=True) as conn, conn.begin():
        for r in records:
            old_writer.insert_record(conn, r)
    engine.dispose()


def test_old_archive_is_regrouped(store_url: str, old_writer,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fr = record_of("000")  # header: C17/124, original language French
    records = [
        _copy(record_of("000"), "en-000.txt", language="en"),  # stored first: not the reference
        fr,
        _copy(fr, "000.pdf", fmt="pdf"),  # the same record as a PDF: was a second meeting
        record_of("002"),
    ]
    _old_archive(store_url, old_writer, records)
    monkeypatch.undo()  # today's writer again
    with Archive.open(store_url) as archive:
        with archive.read() as conn:
            assert migrate.current(conn) == migrate.head()
            assert conn.execute(text("SELECT count(*) FROM meetings")).scalar_one() == 3
            orphans = conn.execute(text(
                "SELECT count(*) FROM paragraphs p WHERE NOT EXISTS "
                "(SELECT 1 FROM meetings m WHERE m.id = p.meeting_id)")).scalar_one()
            assert orphans == 0
        listed = {m["symbol"]: m for m in analyse.meetings(archive)}
        assert set(listed) == {"C17/124", "PP-18/170"}
        c124 = listed["C17/124"]
        assert c124["identified"] and c124["language"] == "fr"  # the original language
        versions = {v["language"]: v for v in c124["versions"]}
        assert set(versions) == {"fr", "en"} and versions["fr"]["reference"]
        assert [s["format"] for s in versions["fr"]["sources"]] == ["txt", "pdf"]
        assert analyse.meeting(archive, c124["id"]) == {"id": c124["id"], **fr.to_dict()}
        # Counted once: as if only the French record were stored.
        counts = {c["country"]: c["interventions"] for c in analyse.countries_index(archive)}
        assert counts == _alone_counts(store_url)
        assert analyse.search(archive, "Canazza")["total"] == 2


def _alone_counts(url: str) -> dict[str, int]:
    """Interventions by country in seeds 000 and 002 stored once each, in a fresh archive."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp, \
            Archive.open(f"sqlite:///{Path(tmp) / 'a.sqlite'}") as fresh:
        fresh.add_record(record_of("000"))
        fresh.add_record(record_of("002"))
        return {c["country"]: c["interventions"] for c in analyse.countries_index(fresh)}


def test_upgrading_an_empty_old_archive(store_url: str) -> None:
    engine = engines.create(engines.normalise_url(store_url))
    migrate.upgrade(engine, "0003")
    engine.dispose()
    with Archive.open(store_url) as archive:
        assert archive.meeting_count() == 0
        archive.add_record(record_of("000"))
        assert archive.meeting_count() == 1
