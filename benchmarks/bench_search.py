"""Search latency at scale: a page of results on 1,000 and 10,000 records, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000 10000] [--rounds 5]
                                               [--backend sqlite|postgresql|both] [--detail]

The archives are built from the seeds and samples, varied as in bench_archive.py (meeting
number and date, countries rotated, a new source name: every record distinct), with
`Archive.add_record`, and kept under /tmp/plenary-bench-search/ for the next run (a larger one
starts from a copy of the smaller). PostgreSQL (a throwaway server) is loaded from those SQLite
files table by table, then analysed.

Each figure is the wall time of one `analyse.search(..., limit=20)` call on an open archive:
the matching, the ranking, the total, and the page (places, speakers, outcomes, snippets).
Nothing is cached between calls but the database's own page cache (the archives are read
once before timing). The 20 queries (common and rare words, two and three words, filters
alone and with words) run interleaved: each query on every size before the next query.
Printed per size: p50 and p95 over all calls (wall time; and the CPU time of this process,
which on SQLite is all the work and is less disturbed by a busy machine), and the growth of
p95 from the smallest size;
`before` is the search of before issue 14 (benchmarks/search_before.py, every match ranked)
timed in the same run, `after` today's (`analyse.search` with either `find`: the rest of the
page is the same code).

Deep pages: `DEEP_QUERIES` at offset `DEEP_OFFSET` (2,050: past ten tiers of the newest
matches), the same wall and CPU figures per call (a whole `analyse.search`, limit 20), beside
the first page of the same queries; with `--baseline-rev REV`, also the `find` of that
commit's plenary/store/search.py (`REV`: e.g. the commit before deep pages were counted, whose
deep page ranked every tier before it) in the same run, interleaved.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import search_before  # noqa: E402
from bench_archive import base_records, varied  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from plenary import analyse  # noqa: E402
from plenary.record import Record  # noqa: E402
from plenary.store import Archive, models  # noqa: E402
from plenary.store.pgtemp import PostgresUnavailable, TempPostgres  # noqa: E402
from plenary.store.search import Hits, find  # noqa: E402

CACHE = Path("/tmp/plenary-bench-search")
MEETING = "<meeting>"  # replaced by a meeting id of the archive
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("adopté", {}),
    ("delegate", {}),
    ("résolution", {}),
    ("conseil", {}),
    ("council", {}),
    ("Internet", {}),
    ("cybersécurité", {}),
    ("Canazza", {}),
    ("xyzzy", {}),
    ("résolution adoptée", {}),
    ("budget plan", {}),
    ("the council approved", {}),
    ("consejo aprobó", {}),
    ("délégué", {"country": "CAN"}),
    ("adopté", {"kind": "adopted"}),
    ("projet", {"kind": "adopted", "reading": "first"}),
    ("délégué", {"meeting": MEETING}),
    ("conseil", {"date_from": "2019-01-01", "date_to": "2019-06-30"}),
    ("delegate", {"language": "en"}),
    ("", {"country": "CAN"}),
]
DEEP_OFFSET = 2050
DEEP_QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("adopté", {}),
    ("delegate", {}),
    ("conseil", {}),
    ("résolution adoptée", {}),
    ("délégué", {"country": "CAN"}),
    ("adopté", {"kind": "adopted"}),
    ("conseil", {"date_from": "2019-01-01", "date_to": "2019-06-30"}),
    ("delegate", {"language": "en"}),
]


# --- building the archives ---------------------------------------------------------------------

def _count(url: str) -> int:
    with Archive.open(url) as archive:
        return archive.count()


def generated(bases: list[dict[str, Any]], n: int) -> list[Record]:
    """`n` records, each a meeting of its own: bench_archive's variations, and a symbol and
    session made unique (else most would be stored as further sources of a few meetings)."""
    out = varied(bases, n)
    for i, r in enumerate(out):
        if r.meeting.symbol:
            r.meeting.symbol = f"{r.meeting.symbol}/G{i:05d}"
        if r.meeting.session:
            r.meeting.session = f"{r.meeting.session} G{i:05d}"
    return out


def sqlite_archive(n: int, smaller: Path | None, bases: list[dict[str, Any]] | None) -> Path:
    """The SQLite archive of `n` generated records (built once, then reused)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"archive-{n}.sqlite"
    if path.exists() and _count(f"sqlite:///{path}") == n:
        return path
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    have = 0
    if smaller is not None:
        shutil.copyfile(smaller, path)
        have = _count(f"sqlite:///{path}")
    start = time.perf_counter()
    records = generated(bases if bases is not None else base_records(), n)[have:]
    with Archive.open(f"sqlite:///{path}") as archive:
        for r in records:
            archive.add_record(r)
    print(f"  built {path} ({n} records, {len(records)} added in "
          f"{time.perf_counter() - start:.0f} s)")
    return path


def copy_to(url: str, sqlite: Path) -> None:
    """Every table of a SQLite archive into an empty archive at `url` (PostgreSQL, ids kept),
    with COPY; the full-text index is built once at the end."""
    with Archive.open(url) as dst:
        raw = dst.engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("DROP INDEX ix_paragraphs_tsv")
            src = sqlite3.connect(f"file:{sqlite}?mode=ro", uri=True)
            for table in models.Base.metadata.sorted_tables:
                names = [c.name for c in table.columns]
                cols = ", ".join(f'"{n}"' for n in names)
                rows = src.execute(f"SELECT {cols} FROM {table.name}")
                with cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            src.close()
            cur.execute("CREATE INDEX ix_paragraphs_tsv ON paragraphs USING gin (tsv)")
            raw.commit()
        finally:
            raw.close()
        with dst.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))


# --- timing ------------------------------------------------------------------------------------

def meeting_id(archive: Archive) -> int:
    """A meeting in the middle of the archive (by id)."""
    with archive.read() as conn:
        return conn.execute(select(func.min(models.Sitting.id) + func.count() / 2)).scalar_one()


def baseline_find(*args: Any, **kwargs: Any) -> Hits:
    """The search before issue 14 (search_before.py), answering today's `Hits`."""
    found = search_before.find(*args, **kwargs)
    return Hits(found.total, found.ids, found.groups)


VARIANTS: dict[str, Callable[..., Hits]] = {"after": find, "before": baseline_find}


def find_of_rev(rev: str) -> Callable[..., Hits]:
    """The `find` of plenary/store/search.py at git commit `rev`, loaded beside today's (as
    `plenary.store.search_<rev>`: its relative imports are today's filters and terms)."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:plenary/store/search.py"],
                            capture_output=True, text=True, check=True).stdout
    path = CACHE / f"search_{rev}.py"
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    name = f"plenary.store.search_{rev}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module.find


def timed(archives: dict[int, Archive], rounds: int, variants: list[str],
          queries: list[tuple[str, dict[str, Any]]] = QUERIES, offset: int = 0
          ) -> dict[tuple[str, int], dict[int, list[float]]]:
    """ms per call, by (variant, size) and query index: each query on every size and variant
    in turn (a variant swaps the `find` that `analyse.search` calls); the page at `offset`."""
    mids = {n: meeting_id(a) for n, a in archives.items()}
    CPU.clear()
    SERVER_CPU.clear()
    module = importlib.import_module("plenary.analyse.search")
    out: dict[tuple[str, int], dict[int, list[float]]] = {
        (v, n): {i: [] for i in range(len(queries))} for v in variants for n in archives}
    try:
        for rnd in range(rounds + 1):  # round 0 warms the page cache and is not counted
            for i, (q, flt) in enumerate(queries):
                for n, archive in archives.items():
                    args = {k: (mids[n] if v == MEETING else v) for k, v in flt.items()}
                    for variant in variants:
                        module.find = VARIANTS[variant]  # type: ignore[attr-defined]
                        server = server_cpu() if archive.dialect == "postgresql" else 0.0
                        start, cpu = time.perf_counter(), time.process_time()
                        analyse.search(archive, q, limit=20, offset=offset, **args)
                        if rnd:
                            out[variant, n][i].append((time.perf_counter() - start) * 1000)
                            CPU.setdefault((variant, n), []).append(
                                (time.process_time() - cpu) * 1000)
                            if server:
                                SERVER_CPU[variant, n] = (SERVER_CPU.get((variant, n), 0.0)
                                                          + server_cpu() - server)
    finally:
        module.find = find  # type: ignore[attr-defined]
    return out


# CPU ms of this process per call, by (variant, size), of the last `timed` (SQLite: all the
# work; PostgreSQL: the client's share only), and PostgreSQL's: the CPU ms of the server's
# backends for the bench databases, summed (the kernel counts it in 10 ms ticks: a mean only).
CPU: dict[tuple[str, int], list[float]] = {}
SERVER_CPU: dict[tuple[str, int], float] = {}
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def server_cpu() -> float:
    """CPU ms used so far by the PostgreSQL backends serving the bench databases."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            cmd = (stat.parent / "cmdline").read_bytes()
            if not cmd.startswith(b"postgres: ") or b" bench" not in cmd:
                continue
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total * TICK_MS


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def report(name: str, times: dict[tuple[str, int], dict[int, list[float]]], detail: bool,
           queries: list[tuple[str, dict[str, Any]]] = QUERIES, offset: int = 0) -> None:
    page = f", offset {offset:,}" if offset else ""
    print(f"\n== {name}: analyse.search, limit 20{page}, {len(queries)} queries interleaved")
    keys = sorted(times, key=lambda k: (k[0] not in ("before", "rev"), k[1]))
    for variant in dict.fromkeys(v for v, _ in keys):
        base = None
        for v, n in keys:
            if v != variant:
                continue
            flat = [t for ts in times[v, n].values() for t in ts]
            high = p95(flat)
            base = base or high
            cpu = CPU.get((v, n), [0.0, 0.0])
            server = (f", server CPU mean {SERVER_CPU[v, n] / len(flat):6.1f} ms"
                      if (v, n) in SERVER_CPU else "")
            print(f"{variant:>6} {n:>6} records: p50 {statistics.median(flat):7.1f} ms, "
                  f"p95 {high:7.1f} ms ({len(flat)} calls), p95 growth {high / base:5.2f}x"
                  f"  | CPU p50 {statistics.median(cpu):6.1f} ms, p95 {p95(cpu):6.1f} ms{server}")
    if detail:
        print("  median ms per query: " + " | ".join(f"{v} {n}" for v, n in keys))
        for i, (q, flt) in enumerate(queries):
            cells = " ".join(f"{statistics.median(times[k][i]):8.1f}" for k in keys)
            print(f"  {cells}  {q!r} {flt or ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--detail", action="store_true", help="median per query and size")
    ap.add_argument("--postgres", nargs="+", metavar="URL",
                    help="PostgreSQL archives already loaded, one per size (no server started)")
    ap.add_argument("--no-baseline", action="store_true",
                    help="time today's search only (the baseline takes seconds a call)")
    ap.add_argument("--baseline-rev", metavar="REV",
                    help="deep pages: also time the find of this git commit (`rev`)")
    ap.add_argument("--pages", choices=["first", "deep", "both"], default="both",
                    help="the first pages of QUERIES, the deep pages of DEEP_QUERIES, or both")
    args = ap.parse_args()

    sizes = sorted(args.sizes)
    variants = ["after"] if args.no_baseline else ["before", "after"]
    if args.baseline_rev:
        VARIANTS["rev"] = find_of_rev(args.baseline_rev)
        print(f"  rev: the find of {args.baseline_rev}")
    deep_variants = ["rev", "after"] if args.baseline_rev else ["after"]

    def run(name: str, archives: dict[int, Archive]) -> None:
        if args.pages != "deep":
            report(name, timed(archives, args.rounds, variants), args.detail)
        if args.pages != "first":
            report(f"{name}, first pages", timed(archives, args.rounds, deep_variants,
                                                  DEEP_QUERIES), args.detail, DEEP_QUERIES)
            report(f"{name}, deep pages", timed(archives, args.rounds, deep_variants,
                                                 DEEP_QUERIES, DEEP_OFFSET),
                   args.detail, DEEP_QUERIES, DEEP_OFFSET)
    bases: list[dict[str, Any]] | None = None
    paths: dict[int, Path] = {}
    for n in sizes:
        target = CACHE / f"archive-{n}.sqlite"
        if bases is None and not (target.exists() and _count(f"sqlite:///{target}") == n):
            bases = base_records()
        paths[n] = sqlite_archive(n, paths[max(paths)] if paths else None, bases)

    if args.backend in ("sqlite", "both"):
        archives = {n: Archive.open(f"sqlite:///{p}") for n, p in paths.items()}
        try:
            run("SQLite", archives)
        finally:
            for a in archives.values():
                a.close()
    if args.postgres:  # databases loaded by an earlier run (e.g. a kept server)
        archives = {n: Archive.open(u) for n, u in zip(sizes, args.postgres, strict=True)}
        try:
            run("PostgreSQL", archives)
        finally:
            for a in archives.values():
                a.close()
    elif args.backend in ("postgresql", "both"):
        try:
            with TempPostgres(fast=True) as pg:
                urls = {}
                for n, p in paths.items():
                    start = time.perf_counter()
                    urls[n] = pg.create_database(f"bench{n}")
                    copy_to(urls[n], p)
                    print(f"  PostgreSQL bench{n}: loaded in {time.perf_counter() - start:.0f} s")
                archives = {n: Archive.open(u) for n, u in urls.items()}
                try:
                    run("PostgreSQL", archives)
                finally:
                    for a in archives.values():
                        a.close()
        except PostgresUnavailable as exc:
            print(f"\n== PostgreSQL: skipped ({exc})")


if __name__ == "__main__":
    main()
