"""The decision register a page at a time (issue 10): every page, whatever the filters and the
backend, is the matching slice of the whole register, with the same total; on SQLite a page
deep in the register is found by walking covering indexes (no sort, no `meetings` row read);
on PostgreSQL a deep page seeks its meetings by counting (issue 14), and is the same slice."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from conftest import english_version, varied_record
from sqlalchemy import select, text

from plenary.analyse.decisions import (
    _count,
    _filters,
    _selected,
    decisions,
    decisions_page,
    paged,
    register_languages,
)
from plenary.analyse.meetings import meeting_facets
from plenary.store import Archive
from plenary.store.writer import ACTORS, MEETINGS

REGISTER = sys.modules["plenary.analyse.decisions"]  # (the package names its function so)


def _fill(archive: Archive) -> None:
    """Six meetings (one undated, two also stored in English) of both seeds."""
    for i in range(6):
        record = varied_record("000" if i % 2 else "002", i, symbol=f"T/{i}",
                               session=f"Test {i}")
        if i == 4:
            record.meeting.date = None
        archive.add_record(record)
        if i % 3 == 0:
            archive.add_record(english_version(record, i))


def _filter_sets(archive: Archive) -> list[dict[str, Any]]:
    rows = decisions(archive)
    with archive.read() as conn:
        countries = [c for c in conn.execute(select(ACTORS.c.country).distinct()).scalars()
                     if c]
        first_meeting = conn.execute(select(MEETINGS.c.sitting_id)).scalars().first()
    kinds = sorted({r["kind"] for r in rows})
    return [{}, {"kind": kinds[0]}, {"kind": kinds[-1], "reading": "first"},
            {"language": "en"}, {"language": rows[0]["meeting"]["language"]},
            {"date_from": "2019-03-01"}, {"date_to": "2019-04-30"},
            {"meeting": first_meeting}, {"meeting": "nope"},
            *({"country": c} for c in countries[:3])]


@pytest.mark.parametrize("seek_from", [0, 500], ids=["seek", "walk"])
@pytest.mark.parametrize("limit", [1, 4, 50])
def test_pages_are_slices_of_the_whole_register(store_url: str, limit: int, seek_from: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page, walked or (PostgreSQL, past `SEEK_FROM`) sought, is the register's slice."""
    monkeypatch.setattr(REGISTER, "SEEK_FROM", seek_from)
    with Archive.open(store_url) as archive:
        _fill(archive)
        assert len(decisions(archive)) > 50
        for filters in _filter_sets(archive):
            whole = decisions(archive, **filters)
            offset, pages, total = 0, [], None
            while True:
                rows, total = decisions_page(archive, limit=limit, offset=offset, **filters)
                assert total == len(whole), filters
                assert rows == decisions(archive, limit=limit, offset=offset, **filters)
                if not rows:
                    break
                pages += rows
                offset += limit
            assert pages == whole, filters
            assert offset >= total


def test_register_languages_are_the_versions_languages(store_url: str) -> None:
    with Archive.open(store_url) as archive:
        _fill(archive)
        assert register_languages(archive) == meeting_facets(archive)["languages"]
        assert "en" in register_languages(archive)


def _plan(conn: Any, stmt: Any) -> str:
    sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
    return " | ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


@pytest.mark.parametrize("filters", [{}, {"kind": "adopted"}, {"date_from": "2019-03-01"}])
def test_a_deep_page_and_the_count_walk_indexes_only(tmp_path: Any, filters: dict) -> None:
    """SQLite: the page's ids come from the covering indexes in register order (no sort of
    each meeting's outcomes), and the count reads no `meetings` row (each carries a record)."""
    url = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    with Archive.open(url) as archive:
        _fill(archive)
    with Archive.open(url, readonly=True) as archive, archive.read() as conn:
        chosen = _filters(**filters)
        page = _plan(conn, paged(_selected(chosen), 50, 100))
        assert "USING COVERING INDEX ix_meetings_listing" in page, page
        assert "COVERING INDEX ix_outcomes_register" in page, page
        assert "TEMP B-TREE" not in page, page
        count = _plan(conn, _count(chosen))
        assert "SEARCH meetings USING COVERING INDEX" in count, count
        assert "PRIMARY KEY" not in count and "SCAN meetings" not in count, count


def test_listing_index_migration(store_url: str) -> None:
    """Migration 0008 gives `ix_meetings_listing` the version's id and language (and takes
    them away again); the register and the meetings list answer the same after down and up."""
    from alembic import command
    from sqlalchemy import inspect

    from plenary.analyse.meetings import meetings
    from plenary.store import engine as engines
    from plenary.store import migrate

    def columns() -> list[str]:
        return next(i["column_names"] for i in inspect(engine).get_indexes("meetings")
                    if i["name"] == "ix_meetings_listing")

    def answers(archive: Archive) -> tuple[list, ...]:
        return ([m["id"] for m in meetings(archive, limit=2, offset=1, language="en")],
                decisions_page(archive, limit=5, offset=7, language="en"),
                decisions_page(archive, limit=3, offset=2))

    engine = engines.create(engines.normalise_url(store_url))
    try:
        migrate.upgrade(engine, "0007")
        assert columns() == ["reference", "date", "sitting_id", "number"]
        with Archive.open(store_url) as archive:  # upgrades to head
            _fill(archive)
            assert columns() == ["reference", "date", "sitting_id", "number", "id", "language"]
            at_head = answers(archive)
        with engine.connect().execution_options(plenary_write=True) as conn, conn.begin():
            cfg = migrate.config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0007")
        assert columns() == ["reference", "date", "sitting_id", "number"]
        with Archive.open(store_url) as archive:  # and up again, the records untouched
            assert columns()[-2:] == ["id", "language"]
            assert answers(archive) == at_head
    finally:
        engine.dispose()


def test_language_filter_reads_no_meetings_row(tmp_path: Any) -> None:
    """SQLite: a register page and its count with `?language=` check the language on the
    listing index (migration 0008), never on a version's row (each carries its record)."""
    url = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    with Archive.open(url) as archive:
        _fill(archive)
    with Archive.open(url, readonly=True) as archive, archive.read() as conn:
        chosen = _filters(language="en")
        page = _plan(conn, paged(_selected(chosen), 50, 100))
        assert "USING COVERING INDEX ix_meetings_listing" in page, page
        assert "TEMP B-TREE" not in page, page
        count = _plan(conn, _count(chosen))
        assert "SEARCH meetings USING COVERING INDEX ix_meetings_listing" in count, count


@pytest.mark.parametrize("filters", [{"country": "CAN"}, {"group": "CEPT"},
                                     {"country": "CAN", "kind": "adopted"}])
def test_a_speaker_filter_is_checked_not_probed(tmp_path: Any, filters: dict) -> None:
    """SQLite: a page with a speaker filter walks the register index by meeting and checks
    each outcome's paragraph against the speaker's set, never seeks every id of the set in
    every meeting (`meeting_id=? AND paragraph_id=?`: seconds at 10,000 meetings)."""
    url = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    with Archive.open(url) as archive:
        _fill(archive)
    with Archive.open(url, readonly=True) as archive, archive.read() as conn:
        page = _plan(conn, paged(_selected(_filters(**filters)), 50, 0))
        assert "COVERING INDEX ix_outcomes_register (meeting_id=?)" in page, page
        assert "paragraph_id=?" not in page, page
