"""Ingest in batches (issue 14): the archive holds what storing file by file would store, and a
record that fails mid-batch costs only itself (both backends)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import seed_path
from sqlalchemy import Connection, select, text
from test_store_ingest import check_consistent

from plenary import analyse
from plenary.parse import parse_path
from plenary.record import Record
from plenary.store import Archive
from plenary.store import ingest as ingest_module
from plenary.store import models as m
from plenary.store.identity import resolve
from plenary.store.ingest import collect_sources, ingest, parse_one
from plenary.store.writer import prepare, record_json

UNSTORED_COLUMNS = {"ingested_at"}  # when a row was written: differs from run to run


def second_url(request: pytest.FixtureRequest, store_url: str, tmp_path: Path) -> str:
    """Another new empty archive on the backend of `store_url`."""
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'one-by-one.sqlite'}"
    return request.getfixturevalue("pg_server").create_database()


def record_files(folder: Path) -> list[Path]:
    """A folder of the kinds of file an ingest meets: two meetings, the same bytes under a
    second path (a source), the same record with other bytes (a source found by its text),
    and distinct records (new meetings; all are known by their file names only)."""
    for sub in ("a", "b", "c", "d"):
        (folder / sub).mkdir(parents=True)
    shutil.copy(seed_path("000"), folder / "a" / "000.txt")
    shutil.copy(seed_path("002"), folder / "a" / "002.txt")
    shutil.copy(seed_path("000"), folder / "b" / "000.txt")
    (folder / "c" / "000.txt").write_bytes(seed_path("000").read_bytes() + b"\n")
    seeds = [seed_path("000").read_bytes(), seed_path("002").read_bytes()]
    for i in range(6):
        (folder / "d" / f"r{i}.txt").write_bytes(seeds[i % 2] + b"\n" * (i + 2))
    return sorted(folder.rglob("*.txt"))


def store_one_by_one(archive: Archive, folder: Path) -> None:
    """Ingest as it was: each file parsed here, then `Archive.add_record` in its own
    transaction, the JSON and search terms computed by the writer."""
    sources, _problems = collect_sources([folder])
    for path, rel in sources:
        record = parse_one(path)
        assert isinstance(record, Record)
        archive.add_record(record, resolve(record, None, path), rel)


def table_rows(conn: Connection) -> dict[str, list[tuple]]:
    """Every row of every table (the full-text index too), as sorted text, timestamps left out."""
    rows: dict[str, list[tuple]] = {}
    for table in m.Base.metadata.sorted_tables:
        cols = [c for c in table.c if c.name not in UNSTORED_COLUMNS]
        rows[table.name] = sorted(tuple(map(str, r)) for r in conn.execute(select(*cols)))
    if conn.dialect.name == "sqlite":
        rows["paragraph_fts"] = [tuple(map(str, r)) for r in conn.execute(
            text("SELECT rowid, search FROM paragraph_fts ORDER BY rowid"))]
    return rows


def test_batched_ingest_stores_what_one_by_one_stores(
        store: Archive, store_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    folder = tmp_path / "in"
    files = record_files(folder)
    seen: list[tuple[str, str]] = []

    def committed(path: Path, status: str) -> None:
        """Reported once committed: another connection sees the file stored."""
        seen.append((path.name, status))
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        with Archive.open(store_url, readonly=True) as watch:
            assert watch.has_source(sha, path.relative_to(folder).as_posix()), path

    summary = ingest(store, [folder], committed, workers=2)
    assert summary.failed == []
    assert (len(summary.stored), len(summary.sources)) == (8, 2)
    assert [name for name, _ in seen] == [p.name for p in files]  # reported in order, once
    assert summary.store_seconds > 0
    with Archive.open(second_url(request, store_url, tmp_path)) as one_by_one:
        store_one_by_one(one_by_one, folder)
        with store.read() as batched, one_by_one.read() as plain:
            got, want = table_rows(batched), table_rows(plain)
    assert set(got) == set(want)
    for table in want:
        assert got[table] == want[table], table
    assert sum(len(rows) for rows in got.values()) > 2000  # it did compare something
    for word in ("adopté", "délégué", "Kenya"):
        assert analyse.search(store, word)["total"] > 0


def test_prepared_equals_what_the_writer_computes() -> None:
    record = parse_path(seed_path("002"))
    prepared = prepare(record)
    assert json.loads(prepared.as_json) == record.to_dict()
    assert prepared.as_json == record_json(record)
    assert len(prepared.searches) == sum(1 for _ in record.paragraphs())
    assert "adopt" in " ".join(prepared.searches).split()


def unstorable_json(folder: Path) -> Path:
    """A contract JSON record that parses but cannot be stored: its meeting number does not
    fit the database's integer column (the writer fails once it has written some rows)."""
    data = parse_path(seed_path("000")).to_dict()
    data["meeting"].update(symbol="C99/1-F", number=10 ** 20)
    data["source"].update(name="huge-number.txt", sha256="f" * 64)
    path = folder / "2-huge-number.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_record_failing_mid_batch_costs_only_itself(store: Archive, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "BATCH_SECONDS", 3600.0)  # one batch for every file
    folder = tmp_path / "in"
    folder.mkdir()
    files = [Path(shutil.copy(seed_path("000"), folder / "1-000.txt")), unstorable_json(folder),
             Path(shutil.copy(seed_path("002"), folder / "3-002.txt")), folder / "4-empty.txt",
             folder / "again" / "1-000.txt"]
    files[3].write_bytes(b"")  # fails in its worker
    files[4].parent.mkdir()
    files[4].write_bytes(seed_path("000").read_bytes() + b"\n")  # the first one's text again
    seen: list[tuple[str, str]] = []
    summary = ingest(store, files, lambda p, s: seen.append((p.name, s)), workers=2)
    assert seen == [("1-000.txt", "stored"), ("2-huge-number.json", "failed"),
                    ("3-002.txt", "stored"), ("4-empty.txt", "failed"),
                    ("1-000.txt", "source")]
    assert all(reason and "Traceback" not in reason for _, reason in summary.failed)
    assert store.count() == 2
    with store.read() as conn:
        check_consistent(conn)
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO paragraph_fts(paragraph_fts) "
                              "VALUES ('integrity-check')"))
            fts = conn.execute(text("SELECT count(*) FROM paragraph_fts")).scalar_one()
            assert fts == conn.execute(text("SELECT count(*) FROM paragraphs")).scalar_one()
    again = ingest(store, files)  # what was stored is known: not parsed again
    assert again.unchanged == [files[0], files[2], files[4]]


def standard_json(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("language", ["fr", "en", "es", "ru", "ar", "zh"])
def test_record_json_is_what_the_standard_library_writes(language: str) -> None:
    """orjson writes the stored JSON: the same text as `json.dumps`, in every language."""
    texts = sorted((Path(__file__).parent / "data" / language).glob("*.txt"))
    assert texts
    for path in texts:
        record = parse_path(path)
        assert record_json(record) == standard_json(record), path.name


def test_record_json_falls_back_where_orjson_cannot_write() -> None:
    record = parse_path(seed_path("000"))
    record.meeting.number = 10 ** 20  # past 64 bits
    record.meeting.title = "lone \udc80 surrogate"
    assert record_json(record) == standard_json(record)
    assert '"number":100000000000000000000' in record_json(record)
