"""Archive figures: ingest throughput, archive size and search latency, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_archive.py [--records 1000] [--sqlite PATH]
                                                [--backend sqlite|postgresql|both]

Builds an archive of N records: the seeds (../shared/seeds) and the samples (samples/),
parsed once, then varied at run time (meeting number and date, countries rotated, a new
source name) so that every record is distinct. Prints, per backend:
- store throughput: records/s of `Archive.add_record` (parsing excluded), one process;
- end-to-end throughput: records/s of `Archive.ingest` over record files (parse + store);
- archive size on disk;
- search latency p50 / p95 over a set of queries (with and without filters).
PostgreSQL runs on a throwaway server (initdb into a temporary folder, default durability
settings). `--sqlite PATH` keeps the SQLite archive there (for benchmarks/bench_web.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plenary import analyse  # noqa: E402
from plenary.parse import parse_path  # noqa: E402
from plenary.record import Record  # noqa: E402
from plenary.store import Archive  # noqa: E402
from plenary.store import ingest as store_ingest  # noqa: E402
from plenary.store.pgtemp import PostgresUnavailable, TempPostgres  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("adopté", {}),
    ("résolution", {}),
    ("resolutions adoptees", {}),
    ("approuves", {}),
    ("délégué", {"country": "CAN"}),
    ("Internet", {}),
    ("cybersécurité", {}),
    ("budget plan financier", {}),
    ("projet", {"kind": "adopted", "reading": "first"}),
    ("proposition", {"group": "african-group"}),
    ("conseil", {"date_from": "2019-01-01", "date_to": "2019-06-30"}),
    ("document", {"meeting": 1}),
    ("xyzzy", {}),
    ("the council approved", {}),
    ("consejo aprobó", {}),
]


def source_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    files += sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".docx", ".pdf"))
    return files


def base_records() -> list[dict[str, Any]]:
    out = []
    for path in source_files():
        try:
            out.append(parse_path(path).to_dict())
        except Exception as exc:  # a sample the parser refuses is left out, and said so
            print(f"  skipped {path.name}: {exc}", file=sys.stderr)
    if not out:
        raise SystemExit("no seeds or samples to build records from")
    return out


def _countries(obj: Any, found: set[str]) -> None:
    if isinstance(obj, dict):
        if isinstance(obj.get("country"), str):
            found.add(obj["country"])
        for v in obj.values():
            _countries(v, found)
    elif isinstance(obj, list):
        for v in obj:
            _countries(v, found)


def _remap(obj: Any, mapping: dict[str, str]) -> None:
    if isinstance(obj, dict):
        if obj.get("country") in mapping:
            obj["country"] = mapping[obj["country"]]
        for v in obj.values():
            _remap(v, mapping)
    elif isinstance(obj, list):
        for v in obj:
            _remap(v, mapping)


def varied(bases: list[dict[str, Any]], n: int) -> list[Record]:
    """`n` distinct records: meeting number and date changed, countries rotated."""
    codes: set[str] = set()
    for b in bases:
        _countries(b, codes)
    pool = sorted(codes)
    raw = [json.dumps(b, ensure_ascii=False) for b in bases]
    out = []
    for i in range(n):
        d = json.loads(raw[i % len(raw)])
        shift = i // len(raw)
        if pool and shift:
            _remap(d, {c: pool[(k + shift) % len(pool)] for k, c in enumerate(pool)})
        meeting = d["meeting"]
        meeting["number"] = 1 + i % 40
        meeting["date"] = f"{2010 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        d["source"]["name"] = f"bench-{i:05d}-{d['source']['name']}"
        d["source"]["sha256"] = hashlib.sha256(
            json.dumps(d, ensure_ascii=False, sort_keys=True).encode()
        ).hexdigest()
        out.append(Record.from_dict(d))
    return out


def store_throughput(archive: Archive, records: list[Record]) -> float:
    start = time.perf_counter()
    for r in records:
        archive.add_record(r)
    return len(records) / (time.perf_counter() - start)


def ingest_throughput(archive: Archive, n: int) -> float:
    """Parse + store of `n` record files (the seeds and samples with distinct bytes)."""
    files = source_files()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            src = files[i % len(files)]
            data = src.read_bytes()
            (Path(tmp) / f"e2e-{i:04d}{src.suffix}").write_bytes(
                data + (b"\n" * (i + 1) if src.suffix == ".txt" else b"")
            )
        start = time.perf_counter()
        summary = store_ingest.ingest(archive, [tmp])
        elapsed = time.perf_counter() - start
    return len(summary.stored) / elapsed if summary.stored else 0.0


def search_latency(archive: Archive, rounds: int = 15) -> tuple[float, float, int]:
    ids = [m["id"] for m in analyse.meetings(archive)[:1]]
    timings = []
    for _ in range(rounds):
        for q, flt in QUERIES:
            if "meeting" in flt and ids:
                flt = {**flt, "meeting": ids[0]}
            start = time.perf_counter()
            analyse.search(archive, q, **flt, limit=20)
            timings.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(timings, n=20)
    return statistics.median(timings), cuts[18], len(timings)


def run(name: str, url: str, records: list[Record], e2e: int) -> None:
    print(f"\n== {name}: {url.split('?')[0]}")
    with Archive.open(url) as archive:
        rate = store_throughput(archive, records)
        print(f"store    {len(records)} records: {rate:7.1f} records/s (add_record, no parsing)")
        rate = ingest_throughput(archive, e2e)
        print(f"ingest   {e2e} files:   {rate:7.1f} records/s (parse + store, one process)")
        size = archive.size_bytes()
        total = archive.count()
        print(f"size     {size / 1e6:7.1f} MB for {total} records "
              f"({size / total / 1e3:.0f} KB a record)")
        p50, p95, n = search_latency(archive)
        print(f"search   p50 {p50:6.1f} ms, p95 {p95:6.1f} ms ({n} searches, "
              f"{len(QUERIES)} queries, limit 20)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--e2e", type=int, default=50, help="files for the parse+store figure")
    ap.add_argument("--sqlite", type=Path, default=None, help="keep the SQLite archive here")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = ap.parse_args()

    t = time.perf_counter()
    bases = base_records()
    records = varied(bases, args.records)
    avg = sum(len(json.dumps(r.to_dict(), ensure_ascii=False)) for r in records[:50]) / min(
        50, len(records))
    print(f"{len(records)} records from {len(bases)} parsed sources "
          f"(record JSON ~{avg / 1e3:.0f} KB), prepared in {time.perf_counter() - t:.1f} s")

    if args.backend in ("sqlite", "both"):
        tmp = Path(tempfile.mkdtemp(prefix="plenary-bench-"))
        path = args.sqlite or tmp / "archive.sqlite"
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        try:
            run("SQLite", f"sqlite:///{path.resolve()}", records, args.e2e)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.backend in ("postgresql", "both"):
        try:
            with TempPostgres(fast=False) as pg:
                run("PostgreSQL", pg.create_database("bench"), records, args.e2e)
        except PostgresUnavailable as exc:
            print(f"\n== PostgreSQL: skipped ({exc})")


if __name__ == "__main__":
    main()
