"""Records written by other hands, blind to the parser, against their own annotations.

Each was written in the genre (French, English, Spanish; Council and Plenipotentiary plenaries)
with constructions the seeds lack, and annotated paragraph by paragraph in the gold's
conventions before the parser ever read it. The third round (blind3) holds the meeting types the
first two lack (WTSA, WTDC committee, WRC, RA, WCIT, a 1990s Council layout), laid out like the
real excerpts in ../shared/real/ (`<lang>-<name>.txt` + `.json`).
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA
from scoring import micro_f1

from plenary.parse import parse_path

BLIND = sorted((DATA / "blind").glob("*/*.expected.json"))
# a second round, written after the first had been used to improve the parser
BLIND2 = sorted((DATA / "blind2").glob("*/*.expected.json"))
HEADER_FIELDS = ("symbol", "body", "session", "number", "date", "start", "end",
                 "original_language")
# a third round, of the meeting types the first two lack; the language is the name's prefix
BLIND3 = sorted((DATA / "blind3").glob("*.json"))
# F1 per record is >= 0.95 (en-council99-ninth-plenary: 0.964 on 43 facts; its misses: "Mrs ZHANG
# (China), Mr DIALLO (Mali) and the delegate of Mexico" stops after the first person)
BLIND3_MINIMUM: dict[str, float] = {}


@pytest.mark.parametrize(
    ("expected", "minimum"),
    [(p, 0.97) for p in BLIND] + [(p, 0.90) for p in BLIND2],
    ids=lambda v: f"{v.parent.parent.name}/{v.parent.name}/{v.stem}" if hasattr(v, "stem") else "",
)
def test_blind_record(expected, minimum: float) -> None:
    record = parse_path(expected.with_name(expected.name.replace(".expected.json", ".txt")))
    gold = json.loads(expected.read_text(encoding="utf-8"))
    assert record.language == expected.parent.name
    f1, diff = micro_f1(record.to_dict(), gold)
    assert f1 >= minimum, f"F1 {f1:.3f}; differences: {diff}"
    if expected in BLIND2:
        return  # round 2's annotators differ on a header's end time printed only in the body
    meeting = record.meeting.to_dict() if hasattr(record.meeting, "to_dict") else None
    for field in HEADER_FIELDS:
        assert getattr(record.meeting, field) == gold["meeting"][field], (field, meeting)
    chairs = [(c.name, c.country) for c in record.meeting.chairs]
    assert chairs == [(c["name"], c["country"]) for c in gold["meeting"]["chairs"]]


@pytest.mark.parametrize("gold_path", BLIND3, ids=lambda p: p.stem)
def test_blind3_record(gold_path) -> None:
    """First contact with meeting types the parser had not seen: facts and exact header."""
    record = parse_path(gold_path.with_suffix(".txt"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert record.language == gold["language"] == gold_path.stem.split("-")[0]
    f1, diff = micro_f1(record.to_dict(), gold)
    minimum = BLIND3_MINIMUM.get(gold_path.stem, 0.95)
    assert f1 >= minimum, f"F1 {f1:.3f}; differences: {diff}"
    for field in HEADER_FIELDS:
        assert getattr(record.meeting, field) == gold["meeting"][field], field
    chairs = [(c.name, c.country) for c in record.meeting.chairs]
    assert chairs == [(c["name"], c["country"]) for c in gold["meeting"]["chairs"]]
