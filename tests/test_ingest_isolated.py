"""A folder of good records mixed with hostile files and folder traps: every good record is
stored, every bad file and trap reported on its own line, the exit status non-zero, and a
file whose parsing runs past its cap costs only that cap."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, seed_path

from plenary import analyse
from plenary.isolate import Caps
from plenary.store import Archive
from plenary.store.ingest import ingest


def plenary(*args: str) -> list[str]:
    return [sys.executable, "-c", "from plenary.cli import main; main(prog_name='plenary')",
            *args]


def mixed_folder(root: Path) -> dict[str, str]:
    """Two good records among traps; returns each trap's name and the start of its reason."""
    (root / "good").mkdir(parents=True)
    for name in ("000", "002"):
        shutil.copy(seed_path(name), root / "good" / f"{name}.txt")
    os.mkfifo(root / "f.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    (root / "good" / "loop").symlink_to(root)
    return {"f.txt": "is a FIFO", "empty.txt": "empty file", "image.pdf": "broken .pdf",
            "broken.docx": "", "gone.txt": "dangling symbolic link", "loop": "symbolic link loop"}


def test_ingest_stores_the_good_records_and_reports_each_trap(tmp_path: Path) -> None:
    traps = mixed_folder(tmp_path / "in")
    db = tmp_path / "archive.sqlite"
    proc = subprocess.run(plenary("ingest", str(tmp_path / "in"), "--db", str(db)),
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("plenary: /")]
    for name, reason in traps.items():
        (line,) = [line for line in lines if line.split(":")[1].endswith(f"/{name}")]
        assert reason in line
    with Archive.open(str(db), readonly=True) as archive:
        assert archive.count() == 2
        assert len(analyse.meetings(archive)) == 2


def test_a_file_past_its_time_cap_is_reported_and_the_others_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path("000"), folder / "000.txt")
    # a 6.4 MB record (seed 002 a hundred times): seconds of parsing, far past a 0.3 s cap
    (folder / "long.txt").write_bytes(seed_path("002").read_bytes() * 100)
    with Archive.open(str(tmp_path / "a.sqlite")) as archive:
        summary = ingest(archive, [folder], workers=2, caps=Caps(seconds=0.3))
        assert [(p.name, reason) for p, reason in summary.failed] == [
            ("long.txt", "reading it took longer than 0.3 s")]
        assert [p.name for p in summary.stored] == ["000.txt"]


def test_the_worker_count_does_not_change_what_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000", "002"):
        shutil.copy(seed_path(name), folder / f"{name}.txt")
    stored = []
    for workers in (0, 2):
        with Archive.open(str(tmp_path / f"w{workers}.sqlite")) as archive:
            ingest(archive, [folder], workers=workers)
            stored.append([analyse.meeting(archive, m["id"]) for m in analyse.meetings(archive)])
    assert stored[0] == stored[1]
