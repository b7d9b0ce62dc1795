"""Walking folders: every record file found, every link loop, dangling link and special file
reported on its own line, nothing dropped silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plenary.walk import walk

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    (root / "fr").mkdir(parents=True)
    (root / "en").mkdir()
    (root / "fr" / "000.txt").write_text("Séance\n", encoding="utf-8")
    (root / "en" / "000.txt").write_text("Meeting\n", encoding="utf-8")
    (root / "en" / "notes.xlsx").write_bytes(b"PK")
    (root / "~$000.docx").write_bytes(b"lock")
    return root


def test_walk_finds_record_files_in_name_order(tmp_path):
    root = _tree(tmp_path)
    found = walk([root])
    assert found.files == [root / "en" / "000.txt", root / "fr" / "000.txt"]
    assert found.problems == []
    assert found.passed_over == 2  # notes.xlsx and the Word lock file


def test_walk_reports_links_that_loop_or_dangle(tmp_path):
    root = _tree(tmp_path)
    (root / "fr" / "back").symlink_to(root)
    (root / "gone.txt").symlink_to(root / "missing.txt")
    (root / "self.txt").symlink_to(root / "self.txt")
    found = walk([root])
    reasons = {p.name: r for p, r in found.problems}
    assert reasons["back"].startswith("symbolic link loop")
    assert reasons["gone.txt"].startswith("dangling symbolic link")
    assert reasons["self.txt"] == "symbolic link loop"
    assert len(found.files) == 2


def test_walk_reports_special_and_unreadable_files(tmp_path):
    root = _tree(tmp_path)
    os.mkfifo(root / "f.txt")
    locked = root / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        found = walk([root])
    finally:
        locked.chmod(0o600)
    reasons = {p.name: r for p, r in found.problems}
    assert reasons["f.txt"] == "is a FIFO (named pipe), not a regular file"
    if os.geteuid() != 0:  # root reads everything
        assert reasons["locked.txt"] == "permission denied"


def test_walk_takes_a_named_file_whatever_its_suffix_and_reports_a_missing_one(tmp_path):
    record = tmp_path / "record.json"
    record.write_text("{}", encoding="utf-8")
    found = walk([record, tmp_path / "nowhere"])
    assert found.files == [record]
    assert found.problems == [(tmp_path / "nowhere", "no such file or directory")]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_walk_of_the_seeds_folder_finds_both_seeds():
    assert [p.name[:3] for p in walk([SEEDS]).files] == ["000", "002"]
