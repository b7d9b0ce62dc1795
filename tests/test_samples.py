"""The sample records we wrote (demo and tests), against our own hand annotations."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from scoring import micro_f1

from plenary.parse import parse_path

SAMPLES = ROOT / "samples"
ANNOTATED = sorted(SAMPLES.glob("*/*.expected.json"))
ALL = sorted(SAMPLES.glob("*/*.txt"))
HEADER_FIELDS = ("symbol", "body", "session", "number", "date", "start", "end",
                 "original_language")


@pytest.mark.parametrize("expected", ANNOTATED, ids=lambda p: p.parent.name + "/" + p.stem)
def test_sample_matches_annotation(expected) -> None:
    record = parse_path(expected.with_name(expected.name.replace(".expected.json", ".txt")))
    gold = json.loads(expected.read_text(encoding="utf-8"))
    f1, diff = micro_f1(record.to_dict(), gold)
    assert f1 >= 0.97, f"F1 {f1:.3f}; differences: {diff}"
    for field in HEADER_FIELDS:
        assert getattr(record.meeting, field) == gold["meeting"][field], field


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.parent.name + "/" + p.stem)
def test_every_sample_parses_cleanly(path) -> None:
    record = parse_path(path)
    assert record.language == path.parent.name
    assert record.meeting.symbol and record.meeting.date and record.meeting.chairs
    assert record.warnings == []
    assert sum(1 for _ in record.paragraphs()) >= 15
