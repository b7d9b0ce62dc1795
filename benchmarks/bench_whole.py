"""Whole-process parse of one large record, beside spaCy's fr_core_news_sm in the same run.

    .venv/bin/python benchmarks/bench_whole.py [--copies 100] [--runs 3] [--spacy-copies 2]
                                               [--baseline REV]

The record is seed 002 printed `--copies` times one after another (6.4 MB at 100), its items
renumbered so that every copy is new items (numbers past 999 included). Each run is the whole
command a user types, `python -m plenary parse --json FILE > out.json`: interpreter start-up,
imports, the capped worker, reading, parsing and writing the contract JSON. The figure is the
best run's wall time and the CPU time of that run's processes; the output is checked (items and
speakers are `--copies` times those of one copy) before any figure is printed.

With `--baseline REV` (a commit, a tag, `HEAD~3`), the same command runs from a temporary git
worktree of that revision, interleaved with the current tree's runs, and both are printed.

spaCy runs in this process on `--spacy-copies` copies of the same text, paragraph by paragraph
through `nlp.pipe`, its model loaded before the clock starts (which favours spaCy).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT.parent / "shared" / "seeds").glob("002_*.txt"))
_NUMBER = re.compile(r"^((?:\[bookmark: [^\]]*\])*)(\d+)((?:\.\d+)*)\t", re.MULTILINE)


def repeated(text: str, copies: int) -> str:
    """The record `copies` times, copy k's items numbered after copy k-1's."""
    items = max(int(m.group(2)) for m in _NUMBER.finditer(text) if not m.group(3))
    return "\n".join(
        _NUMBER.sub(lambda m, k=k: f"{m.group(1)}{int(m.group(2)) + k * items}{m.group(3)}\t",
                    text)
        for k in range(copies))


def counts(record: dict) -> tuple[int, int, int]:
    """Items, paragraphs and speakers of a contract record."""
    paragraphs = [p for item in record["items"] for p in item["paragraphs"]]
    return len(record["items"]), len(paragraphs), sum(len(p["speakers"]) for p in paragraphs)


def parse_command(path: Path, out: Path, tree: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds of `python -m plenary parse --json path > out`, with the plenary
    of `tree` (this one, or a baseline's worktree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(tree))
    with out.open("wb") as sink:
        subprocess.run([sys.executable, "-m", "plenary", "parse", "--json", str(path)],
                       stdout=sink, check=True, cwd=tree, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def spacy_mbps(text: str) -> float | None:
    """spaCy fr_core_news_sm over the numbered paragraphs of `text`, MB/s (None if absent)."""
    try:
        import spacy

        nlp = spacy.load("fr_core_news_sm")
    except (ImportError, OSError):
        return None
    paragraphs = [line for line in text.split("\n") if line.strip()]
    size = sum(len(p.encode()) for p in paragraphs)
    start = time.perf_counter()
    for _doc in nlp.pipe(paragraphs):
        pass
    return size / 1e6 / (time.perf_counter() - start)


@contextlib.contextmanager
def worktree(rev: str | None, folder: Path):
    """A temporary git worktree of `rev` (None: no baseline), removed afterwards."""
    if rev is None:
        yield None
        return
    path = folder / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(path), rev], cwd=ROOT,
                   check=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT,
                       check=False)


def report(label: str, size: int, runs: list[tuple[float, float]], got: tuple) -> float:
    wall, cpu = min(runs)
    mbps = size / 1e6 / wall
    print(f"{label}: {size / 1e6:.2f} MB in {wall:.2f} s (CPU {cpu:.2f} s) = {mbps:.2f} MB/s "
          f"wall, {size / 1e6 / cpu:.2f} MB/s CPU; best of {len(runs)}; {got[0]} items, "
          f"{got[1]} paragraphs, {got[2]} speakers (= copies x one copy's)")
    return mbps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--spacy-copies", type=int, default=2)
    ap.add_argument("--baseline", default=None, help="a git revision to run beside this tree")
    args = ap.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp, worktree(args.baseline, Path(tmp)) as base:
        one, big, out = Path(tmp) / "one.txt", Path(tmp) / "big.txt", Path(tmp) / "big.json"
        one.write_text(seed, encoding="utf-8")
        big.write_text(repeated(seed, args.copies), encoding="utf-8")
        size = big.stat().st_size
        trees = {"plenary parse --json, whole process": ROOT}
        if base is not None:
            trees[f"baseline {args.baseline}"] = base
        results: dict[str, tuple[list, tuple]] = {}
        for _ in range(args.runs):
            for label, tree in trees.items():
                parse_command(one, out, tree)
                expected = tuple(n * args.copies for n in counts(json.loads(out.read_bytes())))
                timed = parse_command(big, out, tree)
                got = counts(json.loads(out.read_bytes()))
                if got != expected:
                    sys.exit(f"{label}: wrong output: items, paragraphs, speakers {got}, "
                             f"expected {expected}")
                results.setdefault(label, ([], got))[0].append(timed)
    speeds = {label: report(label, size, runs, got) for label, (runs, got) in results.items()}
    mbps = next(iter(speeds.values()))
    for label, other in list(speeds.items())[1:]:
        print(f"  this tree is {mbps / other:.2f} times {label}")
    sp = spacy_mbps(repeated(seed, args.spacy_copies))
    if sp is None:
        print("spaCy: not installed (pip install -e .[bench])")
        return
    print(f"spaCy fr_core_news_sm, nlp.pipe over the paragraphs, model loaded: {sp:.3f} MB/s; "
          + ", ".join(f"{label.split(',')[0]} is {v / sp:.1f} times faster"
                      for label, v in speeds.items()))


if __name__ == "__main__":
    main()
