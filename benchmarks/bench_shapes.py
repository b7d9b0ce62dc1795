"""Parse time of pathological text shapes at n and 4n bytes: where a quadratic path shows.

    .venv/bin/python benchmarks/bench_shapes.py [--size 100000] [--repeat 3]

The shapes are those of tests/test_parse_shapes.py (the same builders). Each figure is the
best of `--repeat` in-process `parse_bytes` calls (read + parse of a .txt held in memory, no
start-up, no JSON out) on one core. A linear parser gives a ratio near 4 between the two sizes;
a quadratic one near 16.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from test_parse_shapes import SHAPES, parse_shape  # noqa: E402


def best_time(text: str, repeat: int) -> float:
    """The fastest of `repeat` parses of `text`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parse_shape(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000, help="n, in bytes")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = args.size
    print(f"{'shape':<11} {'n bytes':>9} {'s':>7} {'4n bytes':>9} {'s':>7} {'ratio':>6}")
    for name, build in SHAPES.items():
        small, large = build(n), build(4 * n)
        t1, t4 = best_time(small, args.repeat), best_time(large, args.repeat)
        print(f"{name:<11} {len(small.encode()):>9} {t1:>7.3f} {len(large.encode()):>9} "
              f"{t4:>7.3f} {t4 / t1 if t1 else float('nan'):>6.1f}")


if __name__ == "__main__":
    main()
