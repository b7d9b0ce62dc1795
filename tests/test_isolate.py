"""The worker pool: each item's result in input order; a task that hangs, exhausts its memory
cap, dies or raises costs only its own item, reported as a one-line InputError."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from plenary.errors import InputError
from plenary.isolate import Caps, Pool, run_capped
from plenary.parse import parse_path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def misbehave(item: str) -> str:
    """A task whose items say how to fail."""
    if item == "hang":
        while True:
            pass
    if item == "memory":
        bytearray(2 * 1024**3)
    if item == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "raise":
        raise ValueError("boom\nand a second line")
    return item.upper()


def test_pool_reports_each_failure_and_keeps_the_others_in_order():
    items = ["a", "hang", "b", "memory", "die", "raise", "c"]
    with Pool(misbehave, workers=2, caps=Caps(seconds=3, megabytes=512)) as pool:
        results = list(pool.map(items))
    assert [item for item, _ in results] == items
    values = {item: r for item, r in results}
    assert [values[x] for x in "abc"] == ["A", "B", "C"]
    reasons = {item: r.reason for item, r in results if isinstance(r, InputError)}
    assert reasons == {
        "hang": "reading it took longer than 3 s",
        "memory": "reading it needs more than 512 MB of memory",
        "die": "the reading process died (SIGKILL)",
        "raise": "ValueError: boom",
    }


def test_pool_in_process_gives_the_same_results_without_caps():
    with Pool(misbehave, workers=0) as pool:
        results = list(pool.map(["a", "raise"]))
    assert results[0] == ("a", "A")
    assert isinstance(results[1][1], InputError) and results[1][1].path == "raise"


def test_an_input_error_crosses_the_process_boundary_intact():
    result = run_capped(parse_path, "/nonexistent/record.txt", Caps(seconds=30))
    assert isinstance(result, InputError)
    assert result.path == "/nonexistent/record.txt"
    assert str(result).startswith("/nonexistent/record.txt: ")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_records_parsed_in_workers_equal_records_parsed_here():
    seeds = sorted(SEEDS.glob("*.txt"))
    with Pool(parse_path, workers=2) as pool:
        parsed = dict(pool.map(seeds))
    for seed in seeds:
        assert parsed[seed].to_dict() == parse_path(seed).to_dict()
