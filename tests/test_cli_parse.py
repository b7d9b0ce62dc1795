"""`plenary parse`: the record under a time cap, identity flags for a record without a header,
and one clean line for what cannot be read."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, seed_path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from plenary.cli import main; main(prog_name='plenary')", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_identity_flags_fill_a_headerless_record() -> None:
    proc = run("parse", str(seed_path("000")), "--json", "--symbol", "C17/999",
               "--session", "C17", "--body", "council", "--date", "2017-05-16")
    assert proc.returncode == 0, proc.stderr
    meeting = json.loads(proc.stdout)["meeting"]
    assert (meeting["symbol"], meeting["session"], meeting["body"], meeting["date"]) == (
        "C17/999", "C17", "council", "2017-05-16")


def test_a_parse_past_its_cap_ends_with_one_line(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_bytes(seed_path("002").read_bytes() * 100)  # 6.4 MB: seconds of parsing
    proc = run("parse", str(long), "--timeout", "0.3")
    assert proc.returncode == 1
    assert proc.stderr == f"plenary: {long}: reading it took longer than 0.3 s\n"
    assert proc.stdout == ""


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    proc = run("parse", str(fifo))
    assert proc.returncode == 1
    assert proc.stderr == f"plenary: {fifo}: is a FIFO (named pipe), not a regular file\n"


def test_explain_gives_a_line_per_mention_and_a_count() -> None:
    proc = run("parse", str(seed_path("002")), "--explain")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    count = [line for line in lines if "produced no fact" in line]
    miss = re.compile(r"^\d+(\.\d+)*: (country|group|role|outcome)")
    misses = [line for line in lines if miss.match(line)]
    assert len(count) == 1 and misses
    assert len(misses) + len(count) == len(lines)
