"""Russian and Arabic formulas as the ITU prints them, read end to end from records written in
the genre's style (tests/data/{ru,ar}/pp22-plenary-06.txt, one plenary of PP-22): the header,
the meeting's events, elections, a speaker for a group with supporters, one with opponents,
votes, and the outcomes of the decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from plenary.parse import parse_path

DATA = Path(__file__).resolve().parent / "data"


def _record(code: str) -> dict:
    return parse_path(DATA / code / "pp22-plenary-06.txt").to_dict()


def _paragraphs(record: dict) -> dict[str, dict]:
    return {p["number"]: p for item in record["items"] for p in item["paragraphs"]}


@pytest.fixture(scope="module", params=["ru", "ar"])
def record(request: pytest.FixtureRequest) -> dict:
    out = _record(request.param)
    assert out["language"] == request.param
    return out


def test_header(record: dict) -> None:
    m = record["meeting"]
    assert (m["body"], m["session"], m["number"], m["symbol"]) == (
        "plenipotentiary", "PP-22", 6, "98")
    assert (m["date"], m["start"], m["end"], m["original_language"]) == (
        "2022-10-04", "09:30", "12:30", "en")
    assert [(c["name"], c["country"]) for c in m["chairs"]] == [("M. NAKAMURA", "JPN"),
                                                               ("A. SMITH", "CAN")]


def test_suspension_resumption_and_closing(record: dict) -> None:
    assert [(e["kind"], e["at"], e["after_paragraph"]) for e in record["events"]] == [
        ("suspended", "11:00", "1.4"), ("resumed", "11:30", "1.4"), ("closed", "12:30", "2.5")]


def test_election_by_ballot_and_the_elected_does_not_speak(record: dict) -> None:
    p = _paragraphs(record)["1.1"]
    assert p["speakers"] == []
    [out] = p["outcomes"]
    assert (out["kind"], out["person"]["name"], out["person"]["country"], out["method"],
            out["votes"]) == ("elected", "Cosmas Zavazava", "ZWE", "ballot", {"for": 98})


def test_election_by_the_body_by_acclamation(record: dict) -> None:
    p = _paragraphs(record)["1.3"]
    assert p["speakers"] == []
    [out] = p["outcomes"]
    assert (out["kind"], out["person"]["name"], out["person"]["country"], out["method"]) == (
        "elected", "Aïssatou Ndiaye", "SEN", "acclamation")


def test_speaker_for_a_group_with_supporters(record: dict) -> None:
    [speaker] = _paragraphs(record)["1.2"]["speakers"]
    assert speaker["country"] == "KEN"
    assert [a["id"] for a in speaker["on_behalf_of"]] == ["african-group"]
    assert [a["country"] for a in speaker["supported_by"]] == ["NGA", "EGY"]


def test_speaker_with_opponents(record: dict) -> None:
    [speaker] = _paragraphs(record)["1.4"]["speakers"]
    assert speaker["country"] == "ESP" and speaker["supported_by"] == []
    assert [a["country"] for a in speaker["opposed_by"]] == ["ITA", "GRC"]


def test_rejection_with_its_votes(record: dict) -> None:
    [out] = _paragraphs(record)["2.1"]["outcomes"]
    assert (out["kind"], out["objects"], out["votes"]) == (
        "not-adopted", ["52(Add.3)"], {"for": 31, "against": 89, "abstaining": 14})


def test_draft_as_amended_in_second_reading(record: dict) -> None:
    [out] = _paragraphs(record)["2.2"]["outcomes"]
    # "утверждается" is approved, "اعتُمد" adopted: each language's own verb
    assert out["kind"] == {"ru": "approved", "ar": "adopted"}[record["language"]]
    assert (out["objects"], out["reading"], out["as_amended"]) == (
        ["Resolution COM5/1"], "second", True)


@pytest.mark.parametrize(("number", "kind", "objects"), [
    ("2.3", "postponed", ["61"]), ("2.4", "noted", ["52"]), ("2.5", "approved", ["53"]),
])
def test_postponed_noted_and_approved_by_the_body(record: dict, number: str, kind: str,
                                                  objects: list[str]) -> None:
    [out] = _paragraphs(record)[number]["outcomes"]
    assert (out["kind"], out["objects"]) == (kind, objects)
