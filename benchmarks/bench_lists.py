"""The lists at scale: time and size of the first and a middle page of every paged list.

    .venv/bin/python benchmarks/bench_lists.py [--records 1000] [--db PATH] [--repeat 3] [--pg]
                                              [--pg-copy] [--baseline-rev REV]

Builds (or, with `--db`, takes) a SQLite archive of N generated records: the seeds and the
samples parsed once, then varied as `bench_archive.varied` does (meeting number, date,
countries rotated), each given a symbol and session of its own so that it is a meeting of its
own, and every fifth one stored a second time as its English version (so that meetings have
several versions, as real ones do). A built archive is kept under /tmp/plenary-bench-lists.
With `--pg` the same records are stored in a throwaway PostgreSQL server instead
(`plenary.store.pgtemp`, built anew each run: no archive is kept); with `--pg-copy` the
SQLite archive (built or `--db`) is copied into one table by table, ids kept (COPY, as
bench_search.py does: minutes fewer than storing 10,000 meetings anew).

Then, in one process and one app (no network: the figures are the app's own), it asks for
the first page and a middle page of `/api/meetings`, `/api/decisions`, `/decisions`, `/` and
`/api/search`, and for one meeting page beside them, each `--repeat` times with the answer
cache emptied before each (the cold time, what the first reader waits), and prints the best
wall time, the best CPU time of the process (steadier on a loaded machine) and the size in
bytes. The pages are asked in turn, round after round, so that every page meets the same
load. Goal (issue 10): each list page under 1 MB and under 5 times the meeting page's time.

`--baseline-rev REV` adds, for the search and register pages, a `before` row timed in the same
rounds: the search with the `find` of REV's plenary/store/search.py (bench_search.find_of_rev)
and the register's pages cut by OFFSET from the whole ordered register (`SEEK_FROM` past every
offset), as before issue 14's deep pages; the schema (indexes) stays today's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_archive import base_records, varied  # noqa: E402
from conftest import english_version  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from plenary.record import Record  # noqa: E402
from plenary.store import Archive  # noqa: E402
from plenary.web import create_app  # noqa: E402

CACHE = Path("/tmp/plenary-bench-lists")
SECOND_LANGUAGE_EVERY = 5
LIMIT = 50
LIST_ROUTES = ["/api/meetings", "/api/decisions", "/decisions", "/", "/api/search?q=adopté"]


def generated(n: int) -> list[Record]:
    """`n` records, each a meeting of its own (unique symbol and session)."""
    out = varied(base_records(), n)
    for i, r in enumerate(out):
        r.meeting.symbol = f"{r.meeting.symbol or 'B'}/L{i:05d}"
        r.meeting.session = f"{r.meeting.session or 'Bench'} L{i // 40:03d}"
        r.meeting.body = r.meeting.body or ("council" if i % 2 else "plenipotentiary")
    return out


def fill(url: str, n: int) -> None:
    """Store the `n` generated meetings (every fifth also in English) in the archive at `url`."""
    start = time.perf_counter()
    with Archive.open(url) as archive:
        for i, record in enumerate(generated(n)):
            archive.add_record(record)
            if i % SECOND_LANGUAGE_EVERY == 0:
                archive.add_record(english_version(record, i))
    print(f"built {url}: {n} meetings in {time.perf_counter() - start:.0f} s")


def build(n: int) -> Path:
    """The SQLite archive of `n` generated meetings (built once, then reused)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"lists-{n}.sqlite"
    url = f"sqlite:///{path}"
    if path.exists():
        with Archive.open(url) as archive:  # not read-only: upgrades an older schema
            if archive.meeting_count() == n:
                return path
        path.unlink()
    fill(url, n)
    return path


# the modules (the package names its functions so)
REGISTER = sys.modules["plenary.analyse.decisions"]
search_module = sys.modules["plenary.analyse.search"]
BASELINE: dict[str, Any] = {}  # `find`: the search of --baseline-rev


def timed_once(client: TestClient, url: str, before: bool = False
               ) -> tuple[float, float, int, int]:
    """Cold wall time (ms), CPU time of the process (ms), size in bytes and status of `url`;
    `before`: with the baseline's search and the register cut by OFFSET alone."""
    client.app.state.cache._entries.clear()  # cold: the first reader's wait
    today = search_module.find, REGISTER.SEEK_FROM
    if before:
        search_module.find, REGISTER.SEEK_FROM = BASELINE["find"], float("inf")
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        return ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000,
                len(response.content), response.status_code)
    finally:
        search_module.find, REGISTER.SEEK_FROM = today


def with_offset(url: str, offset: int) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}limit={LIMIT}&offset={offset}"


def total_of(client: TestClient, url: str) -> int:
    api = {"/": "/api/meetings", "/decisions": "/api/decisions"}.get(url, url)
    return int(client.get(with_offset(api, 0)).json()["total"])


def run(url: str, repeat: int) -> list[dict[str, Any]]:
    """One row per page asked: route, page, best wall and CPU ms, bytes, status."""
    with TestClient(create_app(url)) as client:
        meetings = client.get("/api/meetings?limit=1").json()
        total = meetings["total"]
        middle = client.get(f"/api/meetings?limit=1&offset={total // 2}").json()["meetings"][0]
        rows = [{"route": f"/meetings/{middle['id']}", "page": "one meeting",
                 "url": f"/meetings/{middle['id']}"}]
        for route in LIST_ROUTES:
            n = total_of(client, route)
            for page, offset in (("first", 0), ("middle", (n // 2) // LIMIT * LIMIT)):
                rows.append({"route": route, "page": f"{page} (of {n})",
                             "url": with_offset(route, offset)})
                if BASELINE and ("decisions" in route or "search" in route):
                    rows.append({"route": route, "page": f"{page} before",
                                 "url": with_offset(route, offset), "before": True})
        for r in rows:
            r.update(ms=float("inf"), cpu=float("inf"))
        for _ in range(repeat):  # round after round: every page meets the same load
            for r in rows:
                ms, cpu, size, status = timed_once(client, r["url"], r.get("before", False))
                r.update(ms=min(r["ms"], ms), cpu=min(r["cpu"], cpu), bytes=size,
                         status=status)
    return rows


def report(rows: list[dict[str, Any]]) -> None:
    meeting_ms, meeting_cpu = rows[0]["ms"], rows[0]["cpu"]
    print(f"{'route':28} {'page':20} {'ms':>8} {'cpu ms':>8} {'bytes':>10} {'x meeting':>9} "
          f"{'x (cpu)':>8}  ok")
    for r in rows:
        ratio = r["ms"] / meeting_ms if meeting_ms else 0.0
        cpu_ratio = r["cpu"] / meeting_cpu if meeting_cpu else 0.0
        ok = r["status"] == 200 and r["bytes"] < 1_000_000 and (
            r is rows[0] or ratio < 5)
        print(f"{r['route']:28} {r['page']:20} {r['ms']:8.1f} {r['cpu']:8.1f} "
              f"{r['bytes']:10,d} {ratio:9.2f} {cpu_ratio:8.2f}  {'yes' if ok else 'NO'}")


def run_on_postgres(n: int, repeat: int) -> None:
    """The same benchmark on a throwaway PostgreSQL server holding `n` generated meetings."""
    from plenary.store.pgtemp import TempPostgres

    with TempPostgres() as server:
        url = server.create_database()
        fill(url, n)
        with Archive.open(url) as archive:
            print(f"archive {url}: {archive.meeting_count()} meetings, "
                  f"{archive.count()} records")
        report(run(url, repeat))


def run_on_copy(db: Path, repeat: int) -> None:
    """The benchmark on a throwaway PostgreSQL server holding a copy of the archive `db`."""
    from bench_search import copy_to

    from plenary.store.pgtemp import TempPostgres

    with TempPostgres() as server:
        url = server.create_database()
        start = time.perf_counter()
        copy_to(url, db)
        with Archive.open(url) as archive:
            print(f"archive {url}: {archive.meeting_count()} meetings, "
                  f"{archive.count()} records, copied from {db} in "
                  f"{time.perf_counter() - start:.0f} s")
        report(run(url, repeat))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1000, help="meetings to generate")
    ap.add_argument("--db", type=Path, help="an existing SQLite archive instead")
    ap.add_argument("--repeat", type=int, default=3, help="runs per page (best is kept)")
    ap.add_argument("--pg", action="store_true",
                    help="on a throwaway PostgreSQL server instead (built anew)")
    ap.add_argument("--pg-copy", action="store_true",
                    help="on a throwaway PostgreSQL server holding a copy of the SQLite archive")
    ap.add_argument("--baseline-rev", metavar="REV",
                    help="also time the search of this git commit and the register by OFFSET")
    args = ap.parse_args()
    if args.baseline_rev:
        from bench_search import find_of_rev

        BASELINE["find"] = find_of_rev(args.baseline_rev)
    if args.pg:
        run_on_postgres(args.records, args.repeat)
        return
    db = args.db or build(args.records)
    with Archive.open(f"sqlite:///{db}") as archive:  # upgrades an older schema in place
        print(f"archive {db}: {archive.meeting_count()} meetings, {archive.count()} records")
    if args.pg_copy:
        run_on_copy(db, args.repeat)
        return
    report(run(f"sqlite:///{db}", args.repeat))


if __name__ == "__main__":
    main()
