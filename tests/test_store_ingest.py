"""Ingest from files: idempotence, nothing replaced, failures, being killed (both backends)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, seed_path
from sqlalchemy import Connection, text

from plenary import analyse
from plenary.parse import parse_path
from plenary.store import Archive
from plenary.store import models as m
from plenary.store.ingest import ingest


def copy_seeds(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(seed_path(p), folder)) for p in ("000", "002")]


def test_ingest_seeds_twice(store: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    copy_seeds(folder / "sub")  # folders are walked recursively
    first = ingest(store, [folder])
    assert (len(first.stored), len(first.unchanged), first.failed) == (2, 0, [])
    again = ingest(store, [folder])
    assert (len(again.stored), len(again.unchanged), again.failed) == (0, 2, [])
    assert str(again).startswith("stored 0 meeting(s), 0 version(s), 0 source(s); unchanged 2")
    assert store.count() == 2


def test_ingest_stores_what_the_parser_gives(store: Archive, tmp_path: Path) -> None:
    (path,) = [p for p in copy_seeds(tmp_path) if p.name.startswith("002")]
    ingest(store, [path])
    (listed,) = analyse.meetings(store)
    assert listed["source"] == path.name
    assert analyse.meeting(store, listed["id"]) == {"id": listed["id"],
                                                    **parse_path(path).to_dict()}
    assert analyse.search(store, "adopté")["total"] > 0


def test_changed_file_is_never_replaced(store: Archive, tmp_path: Path) -> None:
    """New bytes under a stored path: kept beside the old ones (here the same record: a
    second source of its version), never in their place."""
    paths = copy_seeds(tmp_path)
    ingest(store, paths)
    before = {m["source"]: m["id"] for m in analyse.meetings(store)}
    old_sha = parse_path(paths[0]).source.sha256
    with paths[0].open("a", encoding="utf-8") as f:
        f.write("\n")  # new bytes, same name, same text
    summary = ingest(store, paths)
    assert (summary.sources, summary.stored, summary.unchanged) == ([paths[0]], [], [paths[1]])
    after = {m["source"]: m["id"] for m in analyse.meetings(store)}
    assert after == before
    (version,) = analyse.meeting_versions(store, after[paths[0].name])
    assert [s["sha256"] for s in version["sources"]] == [old_sha,
                                                         parse_path(paths[0]).source.sha256]
    assert analyse.meeting(store, after[paths[0].name])["source"]["sha256"] == old_sha


def test_failing_files_are_reported_and_skipped(store: Archive, tmp_path: Path) -> None:
    copy_seeds(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf at all")
    summary = ingest(store, [tmp_path, tmp_path / "missing.txt"])
    assert len(summary.stored) == 2
    failed = {p.name: reason for p, reason in summary.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "broken.pdf", "missing.txt"}
    assert all(reason and "Traceback" not in reason for reason in failed.values())
    assert "empty" in failed["empty.txt"]
    assert store.count() == 2


def test_json_records_can_be_ingested(store: Archive, tmp_path: Path) -> None:
    record = parse_path(seed_path("000")).to_dict()
    (tmp_path / "r.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"schema": "other"}', encoding="utf-8")
    summary = ingest(store, [tmp_path / "r.json", tmp_path / "bad.json"])
    assert len(summary.stored) == 1 and summary.failed[0][0].name == "bad.json"
    assert ingest(store, [seed_path("000")]).unchanged  # same content as the JSON's source


# --- the command line, and being killed midway ---------------------------------------------

def plenary(*args: str) -> list[str]:
    return [sys.executable, "-c", "from plenary.cli import main; main(prog_name='plenary')",
            *args]


def run_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_cli_ingest_summary_and_exit_status(store_url: str, tmp_path: Path) -> None:
    copy_seeds(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = subprocess.run(plenary("ingest", str(tmp_path), "--db", store_url),
                          capture_output=True, text=True, env=run_env(), cwd=tmp_path)
    assert proc.returncode == 1
    assert "stored 2 meeting(s)" in proc.stderr and "failed 1" in proc.stderr
    assert f"{tmp_path / 'empty.txt'}: empty" in proc.stderr
    assert "Traceback" not in proc.stderr
    (tmp_path / "empty.txt").unlink()
    proc = subprocess.run(plenary("ingest", str(tmp_path), "--db", store_url),
                          capture_output=True, text=True, env=run_env(), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "stored 0 meeting(s), 0 version(s), 0 source(s); unchanged 2" in proc.stderr
    proc = subprocess.run(plenary("search", "adoptés", "--db", store_url, "--limit", "2"),
                          capture_output=True, text=True, env=run_env(), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "[adopté" in proc.stdout.lower()


def many_files(folder: Path, n: int) -> None:
    """`n` distinct record files: the seeds with a different number of trailing newlines."""
    folder.mkdir()
    seeds = [seed_path("000").read_bytes(), seed_path("002").read_bytes()]
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_bytes(seeds[i % 2] + b"\n" * (i + 1))


def check_consistent(conn: Connection) -> None:
    """Every meeting holds all its paragraphs; no row outlives its meeting or parent."""
    for mid, raw in conn.execute(text("SELECT id, record_json FROM meetings")):
        record = json.loads(raw)
        want = sum(len(item["paragraphs"]) for item in record["items"])
        got = conn.execute(text("SELECT count(*) FROM paragraphs WHERE meeting_id = :m"),
                           {"m": mid}).scalar_one()
        assert got == want, f"meeting {mid}: {got} of {want} paragraphs"
    for table in m.MEETING_TABLES:
        orphans = conn.execute(text(
            f"SELECT count(*) FROM {table.name} t WHERE NOT EXISTS "
            "(SELECT 1 FROM meetings m WHERE m.id = t.meeting_id)"
        )).scalar_one()
        assert orphans == 0, table.name
    for child, col, parent in [("interventions", "paragraph_id", "paragraphs"),
                               ("interventions", "supports_id", "interventions"),
                               ("on_behalf_of", "intervention_id", "interventions"),
                               ("outcome_objects", "outcome_id", "outcomes"),
                               ("paragraphs", "item_id", "items")]:
        assert conn.execute(text(
            f"SELECT count(*) FROM {child} c WHERE c.{col} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {parent} p WHERE p.id = c.{col})"
        )).scalar_one() == 0, f"{child}.{col}"
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO paragraph_fts(paragraph_fts) VALUES ('integrity-check')"))
        fts = conn.execute(text("SELECT count(*) FROM paragraph_fts")).scalar_one()
        assert fts == conn.execute(text("SELECT count(*) FROM paragraphs")).scalar_one()


def test_killed_ingest_leaves_a_consistent_archive(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    n = 120
    many_files(folder, n)
    Archive.open(store_url).close()  # schema in place, so that we can watch it fill
    proc = subprocess.Popen(plenary("ingest", str(folder), "--db", store_url),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=run_env(), cwd=tmp_path)
    try:
        with Archive.open(store_url, readonly=True) as watch:
            deadline = time.monotonic() + 120
            while watch.count() < 5 and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
        killed_midway = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    with Archive.open(store_url) as archive:
        stored = archive.count()
        if killed_midway:
            assert stored < n
        with archive.read() as conn:
            check_consistent(conn)
        summary = ingest(archive, [folder])
        assert summary.failed == []
        assert len(summary.unchanged) == stored
        assert len(summary.stored) == n - stored
        assert archive.count() == n
        with archive.read() as conn:
            check_consistent(conn)


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "a:b", "NEAR(x y)", "'; DROP", "ü" * 5])
def test_hostile_queries_do_not_raise(store: Archive, query: str) -> None:
    store.add_record(parse_path(seed_path("000")))
    found = analyse.search(store, query)
    assert found["total"] >= 0
