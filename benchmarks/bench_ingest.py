"""Ingest on every core, beside a sequential parse-only loop over the same files, in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--records 300] [--workers N]

Prints, for N distinct record files (the seeds, each copy made distinct by its trailing
newlines): the wall time of parsing them one after another in this process (read + parse, no
storing), and of `ingest` into a new SQLite archive with the worker pool (walk, hash, parse in
workers under their caps, store in one writer), then ingest's speed as a multiple of the loop's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))

from plenary.isolate import default_workers  # noqa: E402
from plenary.parse import parse_path  # noqa: E402
from plenary.store import Archive  # noqa: E402
from plenary.store.ingest import ingest  # noqa: E402


def make_records(folder: Path, n: int) -> list[Path]:
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for i in range(n):
        path = folder / f"r{i:05d}.txt"
        path.write_bytes(seeds[i % len(seeds)] + b"\n" * (i + 1))
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=300)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    workers = args.workers if args.workers is not None else default_workers()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "records"
        folder.mkdir()
        paths = make_records(folder, args.records)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        parse_path(paths[0])  # load the gazetteer and packs before timing either
        t = time.perf_counter()
        for path in paths:
            parse_path(path)
        loop = time.perf_counter() - t
        t = time.perf_counter()
        with Archive.open(str(Path(tmp) / "bench.sqlite")) as archive:
            summary = ingest(archive, [folder], workers=workers)
        stored = time.perf_counter() - t
    n = args.records
    print(f"{n} records, {mb:.1f} MB; {workers} worker(s) on {default_workers()} core(s)")
    print(f"parse-only loop, sequential : {loop:7.2f} s  {n / loop:7.1f} records/s")
    print(f"ingest (walk+parse+store)   : {stored:7.2f} s  {n / stored:7.1f} records/s")
    print(f"  {summary}")
    print(f"ingest / parse-only loop    : {loop / stored:7.2f} times as fast")


if __name__ == "__main__":
    main()
