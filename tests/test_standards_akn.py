"""Akoma Ntoso 3.0 export: valid against the OASIS schema, and lossless (read back = record)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS, _actor, gold_record, markup_record
from lxml import etree

from plenary.cli import main
from plenary.export import akoma_ntoso
from plenary.export.akoma_ntoso_read import read
from plenary.parse import parse_path
from plenary.record import Record

XSD = ROOT.parent / "shared" / "standards" / "akoma-ntoso" / "akomantoso30.xsd"
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
SOURCES = sorted((ROOT / "samples").glob("*/*.txt")) + sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not XSD.exists():
        pytest.skip(f"no schema at {XSD}")
    return etree.XMLSchema(etree.parse(str(XSD)))


def _validate(schema: etree.XMLSchema, record: dict) -> etree._Element:
    doc = etree.fromstring(akoma_ntoso.dumps(record).encode("utf-8"))
    if not schema.validate(doc):
        errors = [f"{e.line}: {e.message}" for e in list(schema.error_log)[:5]]
        pytest.fail("invalid Akoma Ntoso:\n" + "\n".join(errors))
    return doc


def _normal(record: dict) -> dict:
    return Record.from_dict(record).to_dict()


def varied_record() -> dict:
    """An English council record with every shape the contract has: joint statements, nested
    support, opponents, elections with ballot counts, decisions settling a proposal, sub-headings,
    unnumbered lines, footnotes, events before any paragraph, and warnings."""
    record = markup_record()
    record["meeting"]["symbol"] = "C19/100"
    cept_for = _actor("delegation", country="DEU", role="councillor",
                      on_behalf_of=[_actor("organization", id="CEPT")])
    res = {"kind": "resolution", "number": "WGPL/4", "revised": False, "place": "Dubai",
           "year": 2018, "draft": False, "suppressed": True,
           "label": "Resolution WGPL/4 (Dubai, 2018)"}
    elected = _actor("person", name="Doreen Bogdan-Martin", country="USA")
    record["items"].append({
        "number": "2", "title": "Elections and proposals", "continued": True,
        "documents": ["C19/DT/7", "163(Rev.1)"], "texts": [res],
        "paragraphs": [
            {"number": None, "text": "Draft Resolution WGPL/4", "speakers": [], "documents": [],
             "texts": [res], "outcomes": [], "footnotes": [], "heading": True},
            {"number": "2.1", "text": "The councillors of France and Brazil, supported by "
                                      "Germany on behalf of CEPT, proposed to take note.",
             "speakers": [_actor("delegation", country="FRA", role="councillor",
                                 supported_by=[cept_for]),
                          _actor("delegation", country="BRA", role="councillor",
                                 name="José Silva"),
                          _actor("collective", count="several", role="councillor")],
             "documents": ["163(Rev.1)"], "texts": [], "outcomes": [],
             "footnotes": [{"mark": "1", "text": "See Annex 2 & <3>."}]},
            {"number": "2.2", "text": "It was so decided.",
             "speakers": [_actor("official", role="chair", id="committee-6")],
             "documents": [], "texts": [],
             "outcomes": [{"kind": "decided", "objects": ["Resolution WGPL/4 (Dubai, 2018)"],
                           "reading": None, "as_amended": False, "conditional": True,
                           "refers_to": "2.1", "person": None, "post": None, "method": None,
                           "votes": None},
                          {"kind": "noted", "objects": ["163(Rev.1)", "Council Decision 588"],
                           "reading": "second", "as_amended": False, "conditional": False,
                           "refers_to": None, "person": None, "post": None, "method": None,
                           "votes": {"for": 52, "against": 89, "abstaining": 14}}],
             "footnotes": []},
            {"number": "2.3", "text": "Ms Bogdan-Martin was elected Secretary-General.",
             "speakers": [], "documents": [], "texts": [],
             "outcomes": [{"kind": "elected", "objects": [], "reading": None,
                           "as_amended": False, "conditional": False, "refers_to": None,
                           "person": elected, "post": "Secretary-General", "method": "ballot",
                           "votes": {"for": 139, "candidates": [
                               {"person": elected, "votes": 139},
                               {"person": _actor("person", name="Rashid Ismailov"),
                                "votes": 25}]}}],
             "footnotes": []},
            {"number": None, "text": "(Applause)", "speakers": [], "documents": [], "texts": [],
             "outcomes": [], "footnotes": []},
        ]})
    record["events"].insert(0, {"kind": "opened", "at": "09:30", "after_paragraph": None})
    record["events"].append({"kind": "suspended", "at": None, "after_paragraph": "9.9"})
    record["warnings"] = [{"paragraph": "2.1", "message": "unread clause"},
                          {"paragraph": None, "message": "no signature"}]
    record["meeting"]["agenda"] = [{"number": "1", "title": "Security", "documents": ["C19/55"]},
                                   {"number": "2", "title": "", "documents": []}]
    record["meeting"]["place"] = "Geneva"
    return record


def _records() -> dict[str, dict]:
    found = {"gold-000": gold_record("000"), "gold-002": gold_record("002"),
             "markup": markup_record(), "varied": varied_record()}
    for path in SOURCES:
        found[f"{path.parent.name}/{path.stem}"] = parse_path(path).to_dict()
    return found


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return _records()


NAMES = list(_records())


@pytest.mark.parametrize("name", NAMES)
def test_export_is_valid_akoma_ntoso(name: str, records: dict, schema) -> None:
    doc = _validate(schema, records[name])
    assert doc.find(f"{A}debate/{A}debateBody") is not None


@pytest.mark.parametrize("name", NAMES)
def test_reading_an_export_back_recovers_every_fact(name: str, records: dict) -> None:
    record = records[name]
    assert _normal(read(akoma_ntoso.dumps(record))) == _normal(record)


def test_a_record_without_header_or_items_is_still_valid(schema) -> None:
    record = markup_record()
    record["meeting"] = {k: None for k in record["meeting"]} | {"chairs": [], "agenda": []}
    record["items"] = []
    doc = _validate(schema, record)
    assert len(doc.findall(f".//{A}narrative")) == len(record["events"])
    assert _normal(read(akoma_ntoso.dumps(record))) == _normal(record)


def test_opponents_and_nested_support_are_kept(schema) -> None:
    record = varied_record()
    speaker = record["items"][0]["paragraphs"][0]["speakers"][0]
    speaker["opposed_by"] = [_actor("delegation", country="RUS", role="councillor",
                                    on_behalf_of=[_actor("organization", id="RCC")])]
    _validate(schema, record)
    back = read(akoma_ntoso.dumps(record))["items"][0]["paragraphs"][0]["speakers"][0]
    assert back["opposed_by"][0]["country"] == "RUS"
    assert back["opposed_by"][0]["on_behalf_of"][0]["id"] == "RCC"
    supporter = read(akoma_ntoso.dumps(record))["items"][1]["paragraphs"][1]["speakers"][0]
    assert supporter["supported_by"][0]["on_behalf_of"][0]["id"] == "CEPT"


def test_duplicate_paragraph_numbers_still_give_unique_eids(schema) -> None:
    record = markup_record()
    paras = record["items"][0]["paragraphs"]
    paras.append(copy.deepcopy(paras[0]))
    record["items"].append(copy.deepcopy(record["items"][0]))
    doc = _validate(schema, record)
    eids = [el.get("eId") for el in doc.iter() if el.get("eId")]
    assert len(eids) == len(set(eids))


def _tlc(doc: etree._Element) -> dict[str, etree._Element]:
    return {el.get("eId"): el for el in doc.find(f"{A}debate/{A}meta/{A}references")}


@pytest.mark.parametrize("name", ["gold-000", "gold-002", "varied"])
def test_every_speech_names_its_speaker_and_country(name: str, records: dict) -> None:
    record = records[name]
    doc = etree.fromstring(akoma_ntoso.dumps(record).encode("utf-8"))
    refs = _tlc(doc)
    speeches = doc.findall(f".//{A}speech")
    speakers = [a for it in record["items"] for p in it["paragraphs"] for a in p["speakers"]]
    assert len(speeches) == len(speakers)
    for speech, actor in zip(speeches, speakers, strict=True):
        assert refs[speech.get("by")[1:]].tag in (f"{A}TLCPerson", f"{A}TLCOrganization")
        if actor.get("role"):
            assert refs[speech.get("as")[1:]].get("href").endswith("/" + actor["role"])
        country = speech.find(f"{A}from/{A}organization[@class='country']")
        if actor.get("country"):
            tlc = refs[country.get("refersTo")[1:]]
            assert tlc.tag == f"{A}TLCOrganization"
            assert tlc.get("href") == f"/ontology/organization/iso3166-1/{actor['country']}"
        else:
            assert country is None


@pytest.mark.parametrize("name", ["gold-000", "gold-002", "varied", "fr/pp-22-seance-pleniere-12"])
def test_outcomes_carry_their_objects_as_refs_and_concepts(name: str, records: dict) -> None:
    record = records[name]
    doc = etree.fromstring(akoma_ntoso.dumps(record).encode("utf-8"))
    refs = _tlc(doc)
    outcomes = [o for it in record["items"] for p in it["paragraphs"] for o in p["outcomes"]]
    blocks = doc.findall(f".//{A}p[@class='outcome']")
    assert len(blocks) == len(outcomes) > 0
    for block, outcome in zip(blocks, outcomes, strict=True):
        kind = block.find(f"{A}concept[@class='kind']")
        assert refs[kind.get("refersTo")[1:]].tag == f"{A}TLCConcept"
        objects = block.findall("*[@class='object']")
        assert [el.text for el in objects] == outcome["objects"]
        for el in objects:
            if el.tag == f"{A}concept":
                assert refs[el.get("refersTo")[1:]].get("showAs") == el.text
            else:
                assert el.tag == f"{A}ref" and el.get("href").startswith("/akn/int/doc/itu/")


def test_events_carry_their_times(records: dict) -> None:
    record = records["gold-002"]
    doc = etree.fromstring(akoma_ntoso.dumps(record).encode("utf-8"))
    narratives = sorted(doc.iter(f"{A}narrative"), key=lambda n: int(n.get("eId")[6:]))
    assert [n.get("class").split()[1] for n in narratives] == [e["kind"] for e in record["events"]]
    for n, event in zip(narratives, record["events"], strict=True):
        time = n.find(f"{A}time")
        assert (time.get("time") if time is not None else None) == \
            (f"{event['at']}:00" if event["at"] else None)


def test_language_versions_share_the_work_and_differ_in_expression() -> None:
    fr = parse_path(ROOT / "samples/fr/pp-22-seance-pleniere-12.txt").to_dict()
    en = copy.deepcopy(fr) | {"language": "en"}
    iri = {}
    for record in (fr, en):
        doc = etree.fromstring(akoma_ntoso.dumps(record).encode("utf-8"))
        ident = doc.find(f"{A}debate/{A}meta/{A}identification")
        iri[record["language"]] = [ident.find(f"{A}{lvl}/{A}FRBRthis").get("value")
                                   for lvl in ("FRBRWork", "FRBRExpression")]
    assert iri["fr"][0] == iri["en"][0] == f"{akoma_ntoso.work_iri(fr)}/!main"
    assert iri["fr"][0].startswith("/akn/int/debate/itu-plenipotentiary/")
    assert iri["fr"][1].endswith("/fra@/!main") and iri["en"][1].endswith("/eng@/!main")
    assert akoma_ntoso.dumps(fr) == akoma_ntoso.dumps(fr)  # deterministic


def test_cli_exports_every_meeting_as_valid_akoma_ntoso(web_archive: str, tmp_path: Path,
                                                        schema, web_records) -> None:
    result = CliRunner().invoke(main, ["export", "--all", "--format", "akn", "--db", web_archive,
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.akn.xml"))
    assert len(files) == len(web_records)
    symbols = set()
    for path in files:
        doc = etree.parse(str(path))
        assert schema.validate(doc), schema.error_log
        symbols.add(read(path.read_bytes())["meeting"]["symbol"])
    assert symbols == {r["meeting"]["symbol"] for r in web_records}
