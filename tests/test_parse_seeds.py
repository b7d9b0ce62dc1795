"""The parser on the two real seed records, against their independent gold annotations."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from conftest import GOLD, ROOT, seed_path
from scoring import micro_f1

from plenary.parse import parse_path
from plenary.record import Record

SCHEMA = json.loads((ROOT / "schema" / "record.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["000", "002"])
def test_seed_matches_gold(name: str) -> None:
    record = parse_path(seed_path(name)).to_dict()
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    f1, diff = micro_f1(record, gold)
    assert f1 >= 0.97, f"F1 {f1:.3f}; differences: {diff}"


def test_record_validates_against_schema(seed) -> None:
    jsonschema.validate(parse_path(seed).to_dict(), SCHEMA)


def test_schema_file_is_current() -> None:
    from plenary.record import json_schema

    expected = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    assert (ROOT / "schema" / "record.schema.json").read_text(encoding="utf-8") == expected, (
        "schema/record.schema.json is stale: run scripts/write_schema.py")


def test_round_trip_through_json(seed) -> None:
    record = parse_path(seed)
    again = Record.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again.to_dict() == record.to_dict()


def test_council_seed_facts() -> None:
    r = parse_path(seed_path("000"))
    assert r.language == "fr"
    assert [i.number for i in r.items] == ["1", "2", "3", "4", "5"]
    paras = {p.number: p for _, p in r.paragraphs() if p.number}
    elected = paras["1.2"].outcomes[0]
    assert (elected.kind, elected.method) == ("elected", "acclamation")
    assert (elected.person.name, elected.person.country) == ("Mario Canazza", "BRA")
    india = paras["3.5"].speakers[0]
    assert (india.country, india.role) == ("IND", "councillor")
    assert [a.country for a in india.on_behalf_of] == ["IND", "BGD", "NGA", "UGA", "TUN"]
    decided = paras["3.8"].outcomes
    assert [(o.kind, o.objects, o.refers_to) for o in decided] == [
        ("decided", ["C17/87"], "3.7"), ("noted", ["C17/87"], None)]
    krivas = paras["4.1"].speakers[0]
    assert (krivas.kind, krivas.country, krivas.role, krivas.name) == (
        "delegation", "LTU", "ambassador", "Andrius Krivas")
    assert [(s.role, s.name) for s in r.signatories] == [
        ("secretary-general", "H. ZHAO"), ("chair", "E. SPINA")]
    assert r.meeting.symbol is None and r.meeting.chairs == []


def test_plenipotentiary_seed_facts() -> None:
    r = parse_path(seed_path("002"))
    paras = {p.number: p for _, p in r.paragraphs() if p.number}
    uk = paras["6.5"].speakers[0]
    assert uk.country == "GBR" and [o.id for o in uk.on_behalf_of] == ["CEPT"]
    canada = uk.supported_by[0]
    assert canada.country == "CAN" and [o.id for o in canada.on_behalf_of] == ["CITEL"]
    assert [s.country for s in uk.supported_by][-1] == "PRT"
    # "Adoptés." takes the two sub-headings just above it
    assert paras["7.1"].outcomes[0].objects == [
        "Resolution 146 (Rev. Dubai, 2018)", "Resolution 188 (Rev. Dubai, 2018)"]
    assert paras["7.1"].outcomes[0].reading == "first-and-second"
    # a series named by ordinal and document is tied to its code by the first-reading heading
    assert paras["2.1"].outcomes[0].objects == ["Series B21", "162"]
    assert paras["2.1"].outcomes[0].reading == "second"
    # a short label is completed from the record's own sub-heading
    closing = paras["17.36"].outcomes
    assert [o.kind for o in closing] == ["decided", "not-adopted"]
    assert closing[1].objects == ["Resolution WGPL/4 (Dubai, 2018)"]
    assert r.items[12].texts[-1].number == "WGPL/4"
    # events across midnight, each after the paragraph that precedes it
    assert [(e.kind, e.at) for e in r.events][-3:] == [
        ("suspended", "02:30"), ("resumed", "03:20"), ("closed", "05:25")]
    assert paras["20.1"].footnotes[0].mark == "1"
    assert "footnoteRef" not in paras["20.1"].text and "[1:" not in paras["20.1"].text
    # a page break inside a paragraph is joined
    assert paras["13.2"].text.endswith("intéressées\".") or "trois Bureaux" in paras["13.2"].text


def test_cli_json_output(seed) -> None:
    out = subprocess.run([sys.executable, "-m", "plenary.cli", "parse", str(seed), "--json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["schema"] == "plenary/record@1" and data["source"]["format"] == "txt"


def test_cli_outline(seed) -> None:
    out = subprocess.run([sys.executable, "-m", "plenary.cli", "parse", str(seed)],
                         capture_output=True, text=True, check=True)
    assert "=> " in out.stdout and out.stdout.count("\n") > 20
