"""Hostile-file figures: time and peak memory of reading each hostile kind.

    .venv/bin/python benchmarks/bench_hostile.py [--before REV] [--seconds 30] [--megabytes 2048]

Builds every hostile file of tests/test_hostile_readers.py (the same builders) in a temporary
folder and prints, per file, the wall time and peak RSS (getrusage RUSAGE_CHILDREN of a fresh
measuring process per case: the child and its reaped workers) of:
- `plenary parse FILE` (the whole command: its capped worker, the reader and the parser);
- the reader alone (`read_path(FILE)` in a fresh interpreter);
- with `--before REV`, the reader alone as it was at git revision REV (exported to a
  temporary folder), run under the same time and memory caps (setrlimit RLIMIT_AS), so that a
  hang shows as "timeout" and a memory blow-up as the error it ends with.
The outcome column is the first line of stderr (the one-line error), or "record".
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

READ = "import sys; from plenary.read import read_path; read_path(sys.argv[1])"


def run(cmd: list[str], seconds: float, megabytes: int, env: dict[str, str] | None = None,
        cwd: str = str(ROOT)) -> tuple[float, float, str]:
    """(seconds, peak MB, outcome) of one child under the caps."""
    def cap() -> None:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=cap, env=env, cwd=cwd)
    outcome = ""
    try:
        _, err = proc.communicate(timeout=seconds)
        outcome = (err.decode(errors="replace").strip().splitlines() or ["record"])[-1 if
                   b"Traceback" in err else 0]
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        outcome = f"timeout after {seconds:g} s"
    elapsed = time.monotonic() - start
    # RUSAGE_CHILDREN is a running maximum over reaped children: `measure` runs this in a
    # fresh process per case, so it is this child's peak (its reaped workers included).
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak, outcome


def measure(cmd: list[str], seconds: float, megabytes: int,
            env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, float, str]:
    """Run `cmd` (in `cwd`) from a fresh measuring process, so that its peak RSS is its own."""
    code = ("import sys, json; sys.path[:0] = [sys.argv[1]]; from bench_hostile import run; "
            "print(json.dumps(run(json.loads(sys.argv[2]), float(sys.argv[3]), "
            "int(sys.argv[4]), json.loads(sys.argv[5]), sys.argv[6])))")
    out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent),
                          json.dumps(cmd), str(seconds), str(megabytes),
                          json.dumps(env or dict(os.environ)), str(cwd)],
                         capture_output=True, text=True, cwd=ROOT)
    elapsed, peak, outcome = json.loads(out.stdout.strip().splitlines()[-1])
    return elapsed, peak, outcome


def export(rev: str, into: Path) -> Path:
    """The `plenary` package as it was at `rev`."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "plenary"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def files(folder: Path) -> list[Path]:
    """Every hostile file of the test suite, written into `folder`."""
    import test_hostile_readers as h

    out = []
    for key, (name, make, _) in sorted(h.CASES.items()):
        path = folder / f"{key}-{name}"
        path.write_bytes(make())
        out.append(path)
    fifo = folder / "fifo-f.txt"
    os.mkfifo(fifo)
    sparse = folder / "sparse-3gb.txt"
    with sparse.open("wb") as f:
        f.truncate(3 * 1024**3)
    numbers = folder / "docx-numbering-1e20.docx"
    numbers.write_bytes(h.numbering_docx("100000000000000000000", "upperRoman"))
    letters = folder / "docx-letters-1e20.docx"
    letters.write_bytes(h.numbering_docx("100000000000000000000", "lowerLetter"))
    sym = folder / "docx-sym-zz-d800.docx"
    sym.write_bytes(h.sym_docx(["zz", "D800"]))
    return [*out, fifo, sparse, numbers, letters, sym]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", help="also time the readers of this git revision (e.g. HEAD)")
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--megabytes", type=int, default=2048)
    args = ap.parse_args()
    plenary = str(ROOT / ".venv" / "bin" / "plenary")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        old = export(args.before, Path(tmp) / "before") if args.before else None
        print(f"{'file':34} {'size':>9} {'what':7} {'s':>6} {'peak MB':>8}  outcome")
        for path in files(folder):
            size = path.stat().st_size if path.is_file() else 0
            rows = [("parse", [plenary, "parse", str(path)], None, ROOT),
                    ("reader", [sys.executable, "-c", READ, str(path)], None, ROOT)]
            if old is not None:  # run in the exported tree, which comes first on sys.path
                env = {**os.environ, "PYTHONPATH": str(old)}
                rows.append(("before", [sys.executable, "-c", READ, str(path)], env, old))
            for what, cmd, env, cwd in rows:
                elapsed, peak, outcome = measure(cmd, args.seconds, args.megabytes, env, cwd)
                outcome = outcome.replace(str(path), path.name)[:90]
                print(f"{path.name[:34]:34} {size:>9} {what:7} {elapsed:6.2f} {peak:8.0f}  "
                      f"{outcome}", flush=True)


if __name__ == "__main__":
    main()
