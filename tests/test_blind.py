"""Records written by other hands, blind to the parser, against their own annotations.

Each was written in the genre (French, English, Spanish; Council and Plenipotentiary plenaries)
with constructions the seeds lack, and annotated paragraph by paragraph in the gold's
conventions before the parser ever read it.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA
from scoring import micro_f1

from plenary.parse import parse_path

BLIND = sorted((DATA / "blind").glob("*/*.expected.json"))
HEADER_FIELDS = ("symbol", "body", "session", "number", "date", "start", "end",
                 "original_language")


@pytest.mark.parametrize("expected", BLIND, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_blind_record(expected) -> None:
    record = parse_path(expected.with_name(expected.name.replace(".expected.json", ".txt")))
    gold = json.loads(expected.read_text(encoding="utf-8"))
    assert record.language == expected.parent.name
    f1, diff = micro_f1(record.to_dict(), gold)
    assert f1 >= 0.97, f"F1 {f1:.3f}; differences: {diff}"
    meeting = record.meeting.to_dict() if hasattr(record.meeting, "to_dict") else None
    for field in HEADER_FIELDS:
        assert getattr(record.meeting, field) == gold["meeting"][field], (field, meeting)
    chairs = [(c.name, c.country) for c in record.meeting.chairs]
    assert chairs == [(c["name"], c["country"]) for c in gold["meeting"]["chairs"]]
