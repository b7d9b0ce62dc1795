"""Arabic officials of a department and texts named with attached words, read end to end from a
record of our own in the genre's style (tests/data/ar/council-2019-plenary-04.txt).

"رئيس/رئيسة دائرة ..." is the head of a department (roles.json), not its chair, while "رئيس
اللجنة 5" stays the chair of a committee; a director, a representative of a department name the
same unit, and the department's name without its noun is no speaker. "والقرار 200" (and
Resolution 200) is cited with its conjunction attached, and "مقرر المجلس 482" / "قرار المجلس
1333" are the Council's own texts, "المقرر 5" a plain decision.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plenary.parse import parse_path
from plenary.record import Record

RECORD = Path(__file__).resolve().parent / "data" / "ar" / "council-2019-plenary-04.txt"


@pytest.fixture(scope="module")
def record() -> Record:
    out = parse_path(RECORD)
    assert out.language == "ar" and out.warnings == []
    return out


def _paragraph(record: Record, number: str):
    return next(p for _, p in record.paragraphs() if p.number == number)


def test_header(record: Record) -> None:
    m = record.meeting
    assert (m.session, m.number, m.symbol, m.date, m.title) == (
        "Council 2019", 4, "C19/90", "2019-06-12", "محضر موجز للجلسة العامة الرابعة")


@pytest.mark.parametrize(("number", "unit", "role"), [
    ("1.1", "HRMD", "head"),  # رئيسة دائرة إدارة الموارد البشرية
    ("1.2", "FRMD", "director"),  # مدير دائرة إدارة الموارد المالية
    ("1.3", "IS", "representative"),  # ممثلة دائرة خدمات المعلومات
    ("1.4", "committee-5", "chair"),  # رئيس اللجنة 5: a chair, not a head
])
def test_officials_of_a_department(record: Record, number: str, unit: str, role: str) -> None:
    [speaker] = _paragraph(record, number).speakers
    assert (speaker.kind, speaker.id, speaker.role) == ("official", unit, role)


def test_a_department_named_without_its_noun_is_no_speaker(record: Record) -> None:
    # "إدارة الموارد البشرية" (the management of human resources) as a delegate's subject
    [speaker] = _paragraph(record, "1.5").speakers
    assert (speaker.kind, speaker.country, speaker.role) == ("delegation", "TUN", "delegate")


def test_a_text_after_the_conjunction_wa_is_cited(record: Record) -> None:
    item = record.items[1]
    assert [t.label for t in item.texts] == ["Resolution 71", "Resolution 200"]


def test_the_councils_own_texts(record: Record) -> None:
    assert [t.label for t in _paragraph(record, "2.1").texts] == [
        "Council Decision 482", "Council Resolution 1333"]
    assert [t.kind for t in _paragraph(record, "2.1").texts] == [
        "council-decision", "council-resolution"]
    # without the Council, a decision is the conference's own
    assert [t.label for t in _paragraph(record, "2.2").texts] == ["Decision 5"]
