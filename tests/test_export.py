"""Exports of a record dict: contract JSON, CSV tables, Akoma Ntoso 3.0 XML; and the CLI."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from plenary.cli import main
from plenary.export import akoma_ntoso
from plenary.export import csv as csv_export
from plenary.export import json as json_export
from plenary.record import Record

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@pytest.fixture(params=["000", "002", "markup"])
def record(request: pytest.FixtureRequest, make_record) -> dict:
    return make_record(request.param)


def _speaking(record: dict) -> list[dict]:
    return [p for it in record["items"] for p in it["paragraphs"] if p["speakers"]]


# --- JSON -------------------------------------------------------------------------------------

def test_json_round_trips_the_contract(record: dict, tmp_path: Path) -> None:
    stored = dict(record, id=7)  # as the archive gives it back
    (path,) = json_export.write(stored, tmp_path, "m")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "id" not in data
    assert data == Record.from_dict(record).to_dict() or data == record
    assert Record.from_dict(data).to_dict() == Record.from_dict(record).to_dict()


# --- CSV --------------------------------------------------------------------------------------

def test_csv_writes_one_file_per_family(record: dict, tmp_path: Path) -> None:
    paths = csv_export.write(record, tmp_path, "m")
    assert [p.name for p in paths] == [f"m-{f}.csv" for f in csv_export.FAMILIES]
    tables = {p.name: list(csv.DictReader(p.open(encoding="utf-8", newline=""))) for p in paths}
    paragraphs = tables["m-paragraphs.csv"]
    assert len(paragraphs) == sum(len(it["paragraphs"]) for it in record["items"])
    outcomes = tables["m-outcomes.csv"]
    assert len(outcomes) == sum(len(p["outcomes"]) for it in record["items"]
                                for p in it["paragraphs"])
    assert len(tables["m-events.csv"]) == len(record["events"])
    speakers = [r for r in tables["m-interventions.csv"] if r["as"] == "speaker"]
    assert len(speakers) == sum(len(p["speakers"]) for p in _speaking(record))


def test_csv_interventions_carry_support(make_record) -> None:
    rows = csv_export.tables(make_record("002"))["interventions"]
    dnk = next(r for r in rows if r["number"] == "1.3" and r["as"] == "speaker")
    assert dnk["country"] == "DNK"
    assert dnk["supported_by"] == ["CAN", "POL", "PRT", "FIN", "IRL"]
    can = next(r for r in rows if r["number"] == "1.3" and r["country"] == "CAN")
    assert can["as"] == "supporter" and can["supported"] == "DNK"
    cze = next(r for r in rows if r["number"] == "1.2" and r["as"] == "speaker")
    assert cze["on_behalf_of"] == ["CEPT"]


def test_csv_neutralises_formulas_and_keeps_text(make_record) -> None:
    text = csv_export.to_csv([{"a": "=HYPERLINK(\"x\")", "b": ["x", "y"], "c": True}],
                             ["a", "b", "c"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["a", "b", "c"], ["'=HYPERLINK(\"x\")", "x; y", "true"]]
    markup = csv_export.tables(make_record("markup"))["paragraphs"][0]["text"]
    assert "<script>" in markup  # CSV is data, not HTML: the text is kept as it is


def test_decisions_csv_has_a_header_row_even_when_empty() -> None:
    assert next(csv.reader(io.StringIO(csv_export.decisions_csv([])))) == \
        csv_export.DECISION_COLUMNS


# --- Akoma Ntoso ------------------------------------------------------------------------------

def test_akoma_ntoso_is_well_formed_with_a_speech_per_intervention(record: dict) -> None:
    root = ET.fromstring(akoma_ntoso.dumps(record).encode("utf-8"))
    assert root.tag == f"{AKN}akomaNtoso"
    debate = root.find(f"{AKN}debate")
    assert debate is not None
    ident = debate.find(f"{AKN}meta/{AKN}identification")
    for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        assert ident.find(f"{AKN}{level}/{AKN}FRBRthis") is not None, level
    refs = debate.find(f"{AKN}meta/{AKN}references")
    ids = {el.get("eId") for el in refs}
    sections = debate.findall(f"{AKN}debateBody/{AKN}debateSection")
    assert len(sections) == len(record["items"])
    speeches = debate.findall(f".//{AKN}speech")
    assert len(speeches) == sum(len(p["speakers"]) for p in _speaking(record))
    for speech in speeches:
        assert speech.get("by", "").startswith("#")
        assert speech.get("by")[1:] in ids
    tags = {el.tag for el in refs}
    assert f"{AKN}TLCPerson" in tags or f"{AKN}TLCOrganization" in tags
    assert len(debate.findall(f".//{AKN}narrative")) == len(record["events"])


def test_akoma_ntoso_speech_text_and_speakers(make_record) -> None:
    record = make_record("002")
    root = ET.fromstring(akoma_ntoso.dumps(record).encode("utf-8"))
    speech = next(s for s in root.iter(f"{AKN}speech") if s.findtext(f"{AKN}num") == "1.3")
    assert speech.get("by") == "#delegation-dnk"
    para = record["items"][0]["paragraphs"][2]
    assert speech.findtext(f"{AKN}p") == para["text"]
    refs = root.find(f"{AKN}debate/{AKN}meta/{AKN}references")
    dnk = next(el for el in refs if el.get("eId") == "delegation-dnk")
    assert dnk.tag == f"{AKN}TLCOrganization"
    # The suspension after 1.8 sits right after that paragraph, in the same section.
    section = root.find(f".//{AKN}debateSection")
    children = list(section)
    after = children.index(next(c for c in children if c.findtext(f"{AKN}num") == "1.8"))
    assert children[after + 1].tag == f"{AKN}narrative"


def test_akoma_ntoso_escapes_markup_and_strips_control_characters(make_record) -> None:
    record = make_record("markup")
    record["items"][0]["paragraphs"][1]["text"] = "Form\x0cfeed & <b>bold</b>"
    xml = akoma_ntoso.dumps(record)
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    root = ET.fromstring(xml.encode("utf-8"))
    texts = [p.text for p in root.iter(f"{AKN}p")]
    assert "Formfeed & <b>bold</b>" in texts
    assert any(t and "<script>alert('x')</script>" in t for t in texts)


# --- CLI --------------------------------------------------------------------------------------

def test_cli_export_one_meeting_to_stdout(web_archive: str) -> None:
    result = CliRunner().invoke(main, ["export", "1", "--format", "json", "--db", web_archive])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["schema"] == "plenary/record@1"
    result = CliRunner().invoke(main, ["export", "2", "--format", "akn", "--db", web_archive])
    assert result.exit_code == 0, result.output
    ET.fromstring(result.stdout.encode("utf-8"))


def test_cli_export_all_as_csv(web_archive: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--all", "--format", "csv", "--db", web_archive,
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 3 * len(csv_export.FAMILIES)
    assert "meeting-1-paragraphs.csv" in names


def test_cli_export_errors_are_one_line(web_archive: str) -> None:
    result = CliRunner().invoke(main, ["export", "999", "--db", web_archive])
    assert result.exit_code != 0 and "no meeting 999" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(main, ["export", "--db", web_archive])
    assert result.exit_code != 0
