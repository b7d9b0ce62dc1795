"""Header examples in three languages parse to their expected `meeting` (tests/data/headers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from plenary.parse import parse_path

HEADERS = sorted((DATA / "headers").glob("*.txt"))
EXACT = ("symbol", "body", "session", "number", "date", "start", "end", "original_language")


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_examples_are_present() -> None:
    assert {p.name.split("_")[0] for p in HEADERS} == {"en", "es", "fr"}


@pytest.mark.parametrize("path", HEADERS, ids=lambda p: p.stem)
def test_header_fields(path: Path) -> None:
    expected = _expected(path)
    record = parse_path(path)
    assert record.language == expected["language"]
    meeting = record.to_dict()["meeting"]
    want = expected["meeting"]
    wrong = {k: (meeting.get(k), want[k]) for k in EXACT if meeting.get(k) != want[k]}
    assert not wrong, f"{path.name}: (got, expected) {wrong}; note: {expected.get('_note')}"


@pytest.mark.parametrize("path", HEADERS, ids=lambda p: p.stem)
def test_header_title_as_printed(path: Path) -> None:
    meeting = parse_path(path).to_dict()["meeting"]
    assert meeting["title"] == _expected(path)["meeting"]["title"]


@pytest.mark.parametrize("path", HEADERS, ids=lambda p: p.stem)
def test_header_chairs(path: Path) -> None:
    meeting = parse_path(path).to_dict()["meeting"]
    want = _expected(path)["meeting"]["chairs"]
    got = meeting["chairs"]
    assert [(c["kind"], c["role"], c["name"], c["country"]) for c in got] == \
        [(c["kind"], c["role"], c["name"], c["country"]) for c in want], path.name
    assert got == want


@pytest.mark.parametrize("path", [p for p in HEADERS if "agenda" in _expected(p)],
                         ids=lambda p: p.stem)
def test_header_agenda(path: Path) -> None:
    meeting = parse_path(path).to_dict()["meeting"]
    assert meeting.get("agenda") == _expected(path)["agenda"]
