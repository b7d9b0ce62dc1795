"""Ingest on every core, beside a sequential parse-only loop over the same files, in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--records 300] [--workers N] [--baseline]

Prints, for N distinct record files (the seeds, each copy made distinct by its trailing
newlines): the wall time of parsing them one after another in this process (read + parse, no
storing), and of `ingest` into a new SQLite archive with the worker pool (walk, hash, parse and
prepare in workers under their caps, store in batches in one writer), then ingest's speed as a
multiple of the loop's (the pool's fork server, which imports the parser once, is started
before timing), and the writer's own time per record (in the main process, while the
workers parse: placing the record, inserting its rows, committing).

Then the cost of storing alone, in this process with nothing else running: copies of seed 002
(64 KB, its own source each) stored as ingest stores them, beside the time to parse seed 002
once (read + parse). `--baseline` adds, in the same run, the same figures for storing as it was
before batching: each record in its own transaction through `Archive.add_record`, its JSON and
search terms computed by the writer, and ingest with that writer (with what else this change
brought to both: the JSON written by orjson, the fork server importing the archive's modules).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))

from plenary.errors import InputError  # noqa: E402
from plenary.isolate import Pool, default_workers  # noqa: E402
from plenary.parse import parse_path  # noqa: E402
from plenary.record import Record  # noqa: E402
from plenary.store import Archive  # noqa: E402
from plenary.store.identity import resolve  # noqa: E402
from plenary.store.ingest import (  # noqa: E402
    IngestSummary,
    Parsed,
    _Batch,
    _File,
    collect_sources,
    ingest,
    parse_one,
)
from plenary.store.writer import prepare  # noqa: E402


def make_records(folder: Path, n: int) -> list[Path]:
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for i in range(n):
        path = folder / f"r{i:05d}.txt"
        path.write_bytes(seeds[i % len(seeds)] + b"\n" * (i + 1))
        paths.append(path)
    return paths


def _parse_record(item: Path) -> Record:
    """The worker's task before issue 14: parse only (the writer prepared the rest)."""
    parsed = parse_one(item)
    if isinstance(parsed, InputError):
        raise parsed
    return parsed


def ingest_before(archive: Archive, folder: Path, workers: int) -> tuple[int, float, float]:
    """Ingest as it was: parse in the pool, then each record in its own transaction through
    `Archive.add_record`. Returns (records stored, the writer's seconds, its processor time)."""
    sources, _problems = collect_sources([folder])
    rels = dict(sources)
    for path, _rel in sources:  # as ingest does: hash each file, ask whether it is stored
        archive.has_source(hashlib.sha256(path.read_bytes()).hexdigest(), rels[path])
    stored, writer, cpu = 0, 0.0, 0.0
    with Pool(_parse_record, workers=workers) as pool:
        for path, record in pool.map(rels):
            if isinstance(record, InputError):
                continue
            t, c = time.perf_counter(), time.thread_time()
            archive.add_record(record, resolve(record, None, path), rels[path])
            writer += time.perf_counter() - t
            cpu += time.thread_time() - c
            stored += 1
    return stored, writer, cpu


def start_fork_server() -> None:
    """Start the pool's fork server (it imports the parser once) before timing any ingest, so
    that neither ingest pays it; each ingest still starts its own workers."""
    with Pool(_parse_record, workers=1) as pool:
        list(pool.map([SEEDS / "none.txt"]))  # one worker started: the fork server with it


def copies(record: Record, n: int, tag: str) -> list[Record]:
    """`n` copies of a record, each its own source (so each is stored as a new meeting)."""
    out = []
    for i in range(n):
        r = copy.deepcopy(record)
        r.source.name = f"{tag}{i:05d}.txt"
        r.source.sha256 = hashlib.sha256(f"{tag}/{i}".encode()).hexdigest()
        out.append(r)
    return out


def store_batched(archive: Archive, records: list[Record]) -> float:
    """Seconds per record to store `records` as ingest does (prepared in a worker: not timed)."""
    files = [_File(Path(r.source.name), r.source.name, Parsed(r, prepare(r)), None)
             for r in records]
    batch = _Batch(archive, IngestSummary(), None)
    t = time.perf_counter()
    for f in files:
        batch.store(f)
    batch.commit()
    return (time.perf_counter() - t) / len(records)


def store_one_by_one(archive: Archive, records: list[Record]) -> float:
    """Seconds per record to store `records` through `Archive.add_record`, one at a time."""
    t = time.perf_counter()
    for r in records:
        archive.add_record(r, None, r.source.name)
    return (time.perf_counter() - t) / len(records)


def best_of(runs: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=300)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--baseline", action="store_true",
                    help="also time storing as it was before batching (same run)")
    args = ap.parse_args()
    workers = args.workers if args.workers is not None else default_workers()
    n = args.records
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "records"
        folder.mkdir()
        paths = make_records(folder, n)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        parse_path(paths[0])  # load the gazetteer and packs before timing either
        start_fork_server()
        t = time.perf_counter()
        for path in paths:
            parse_path(path)
        loop = time.perf_counter() - t
        t, cpu = time.perf_counter(), time.process_time()
        with Archive.open(str(Path(tmp) / "bench.sqlite")) as archive:
            summary = ingest(archive, [folder], workers=workers)
        stored, main_cpu = time.perf_counter() - t, time.process_time() - cpu
        before: tuple[float, int, float, float] | None = None
        if args.baseline:
            t = time.perf_counter()
            with Archive.open(str(Path(tmp) / "before.sqlite")) as archive:
                count, writer, cpu = ingest_before(archive, folder, workers)
            before = (time.perf_counter() - t, count, writer, cpu)

        seed = sorted(SEEDS.glob("002*.txt"))[0]
        parse_ms = best_of(5, lambda: _timed(lambda: parse_path(seed))) * 1000
        record = parse_path(seed)
        alone = min(50, n)
        runs = iter(range(1000))  # each run stores new meetings: copies named after it
        with Archive.open(str(Path(tmp) / "alone.sqlite")) as archive:
            new_ms = best_of(3, lambda: store_batched(
                archive, copies(record, alone, f"n{next(runs)}-"))) * 1000
        old_ms = None
        if args.baseline:
            with Archive.open(str(Path(tmp) / "alone-before.sqlite")) as archive:
                old_ms = best_of(3, lambda: store_one_by_one(
                    archive, copies(record, alone, f"o{next(runs)}-"))) * 1000

    print(f"{n} records, {mb:.1f} MB; {workers} worker(s) on {default_workers()} core(s)")
    print(f"parse-only loop, sequential : {loop:7.2f} s  {n / loop:7.1f} records/s"
          f"  ({loop / n * 1000:.1f} ms/record: read + parse)")
    print(f"ingest (walk+parse+store)   : {stored:7.2f} s  {n / stored:7.1f} records/s")
    print(f"  {summary}")
    print(f"  main process: {main_cpu / n * 1000:.1f} ms/record of processor time (walk, hash, "
          "receive the workers' results, store)")
    print(f"  writer: {summary.store_seconds / n * 1000:.1f} ms/record, of which processor "
          f"{summary.store_cpu_seconds / n * 1000:.1f} (place + insert + commit, in the main "
          "process beside the workers; JSON and search terms made in them)")
    print(f"ingest / parse-only loop    : {loop / stored:7.2f} times as fast")
    if before is not None:
        secs, count, writer, cpu = before
        per = 1000 / max(count, 1)
        print(f"before (file by file)       : {secs:7.2f} s  {count / secs:7.1f} records/s"
              f"  = {loop / secs:.2f} times the loop")
        print(f"  writer: {writer * per:.1f} ms/record, of which processor {cpu * per:.1f} "
              "(JSON + search terms + place + insert + commit, one transaction each)")
    print(f"seed 002, parse (read + parse, best of 5)      : {parse_ms:6.1f} ms")
    print(f"seed 002, store as ingest does ({alone} copies, best of 3): {new_ms:6.1f} ms"
          f"  = {new_ms / parse_ms:.2f} of its parse")
    if old_ms is not None:
        print(f"seed 002, store before (add_record, one tx each): {old_ms:6.1f} ms"
              f"  = {old_ms / parse_ms:.2f} of its parse; now {old_ms / new_ms:.1f} times cheaper")


def _timed(work: Callable[[], object]) -> float:
    t = time.perf_counter()
    work()
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
