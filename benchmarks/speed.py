"""Every figure of the speed issue in one run, each beside its baseline.

    .venv/bin/python benchmarks/speed.py [--baseline REV] [--quick]

Runs, one after another on this machine, and prints what each prints:
1. bench_whole.py: whole-process parse of a 6.4 MB record (seed 002 x100), this tree beside
   `--baseline REV` (a git revision, run from a temporary worktree) and spaCy fr_core_news_sm;
2. bench_ingest.py: ingest of 300 records on every core beside a sequential parse-only loop
   (and the writer's cost per record beside the parse's);
3. bench_search.py: 20 queries interleaved on archives of 1,000 and 10,000 generated records,
   SQLite and PostgreSQL, today's search beside the search of before (every match ranked);
4. bench_lists.py: every page of the lists and the register at 10,000 generated meetings.
`--quick` runs each on a tenth of its corpus (a check that the scripts run, not figures).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def steps(baseline: str | None, quick: bool) -> list[tuple[str, list[str]]]:
    whole = ["bench_whole.py", "--copies", "10" if quick else "100", "--runs",
             "1" if quick else "3"] + (["--baseline", baseline] if baseline else [])
    return [
        ("whole-process parse", whole),
        ("ingest on every core", ["bench_ingest.py", "--records", "30" if quick else "300"]),
        ("search at 1,000 and 10,000 records",
         ["bench_search.py", "--sizes", *(["100", "1000"] if quick else ["1000", "10000"]),
          "--rounds", "1" if quick else "3"]),
        ("lists and register at 10,000 meetings",
         ["bench_lists.py", "--records", "1000" if quick else "10000"]),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default=None, help="a git revision for the parse figures")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    failed = []
    for title, command in steps(args.baseline, args.quick):
        print(f"\n== {title}: {' '.join(command)}", flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], check=False)
        print(f"   ({time.perf_counter() - start:.0f} s)", flush=True)
        if done.returncode:
            failed.append(title)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
