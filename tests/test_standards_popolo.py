"""Popolo JSON export: every object valid against the Popolo schemas (resolved locally)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, gold_record, markup_record
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT3
from test_standards_akn import varied_record

from plenary.cli import main
from plenary.export import popolo
from plenary.parse import parse_path

SCHEMAS = ROOT.parent / "shared" / "standards" / "popolo"


def _no_network(uri: str) -> Resource:
    raise Unresolvable(uri)  # every reference must resolve to a local file


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft3Validator]:
    if not SCHEMAS.is_dir():
        pytest.skip(f"no Popolo schemas at {SCHEMAS}")
    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
    registry = Registry(retrieve=_no_network).with_resources(
        (s["id"].rstrip("#"), Resource.from_contents(s, default_specification=DRAFT3))
        for s in schemas.values())
    checker = jsonschema.Draft3Validator.FORMAT_CHECKER
    return {name: jsonschema.Draft3Validator(s, registry=registry, format_checker=checker)
            for name, s in schemas.items()}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    found = [gold_record("000"), gold_record("002"), markup_record(), varied_record()]
    return found + [parse_path(p).to_dict() for p in sorted((ROOT / "samples").glob("*/*.txt"))]


@pytest.fixture(scope="module")
def doc(records: list[dict]) -> dict:
    return popolo.document(records)


def _errors(validators: dict, doc: dict) -> list[str]:
    errors = []
    for family, objects in doc.items():
        validator = validators[popolo.SCHEMA_OF[family]]
        for obj in objects:
            errors += [f"{family} {obj.get('id')}: {e.message}" for e in validator.iter_errors(obj)]
    return errors


def test_every_object_is_valid_popolo(doc: dict, validators: dict) -> None:
    assert set(doc) == set(popolo.FAMILIES)
    assert all(doc[f] for f in popolo.FAMILIES), [f for f in popolo.FAMILIES if not doc[f]]
    assert _errors(validators, doc) == []


def test_the_validation_can_fail(validators: dict) -> None:
    bad = {"events": [{"id": "e", "start_date": "19 May 2017"}],
           "vote_events": [{"id": "v", "counts": [{"option": "yes"}]}],
           "organizations": [{"id": "o", "identifiers": [{"scheme": "ISO"}]}]}
    assert len(_errors(validators, bad)) == 3


def _speakers(records: list[dict]):
    for record in records:
        for item in record["items"]:
            for para in item["paragraphs"]:
                yield from para["speakers"]


def test_countries_that_spoke_are_organizations_with_iso_3166_ids(doc: dict,
                                                                   records: list[dict]) -> None:
    orgs = {o["id"]: o for o in doc["organizations"]}
    spoke = {a["country"] for a in _speakers(records) if a.get("country")}
    assert len(spoke) > 20
    for iso3 in spoke:
        org = orgs[f"country/{iso3}"]
        assert org["classification"] == "country"
        ids = {i["scheme"]: i["identifier"] for i in org["identifiers"]}
        assert ids["ISO 3166-1 alpha-3"] == iso3
        assert len(ids["ISO 3166-1 alpha-2"]) == 2
    assert orgs["country/CAN"]["name"] == "Canada"
    assert {"organization/CEPT", "group/african-group", "body/council",
            "body/plenipotentiary"} <= set(orgs)


def test_one_speech_per_intervention_linked_to_its_meeting(doc: dict, records: list[dict]) -> None:
    speakers = list(_speakers(records))
    assert len(doc["speeches"]) == len(speakers)
    events = {e["id"] for e in doc["events"]}
    orgs = {o["id"] for o in doc["organizations"]}
    persons = {p["id"] for p in doc["persons"]}
    for speech, actor in zip(doc["speeches"], speakers, strict=True):
        assert speech["event_id"] in events
        if actor.get("country"):
            assert speech["organization_id"] == f"country/{actor['country']}"
        if actor.get("name"):
            assert speech["creator_id"] in persons
        for ref in speech.get("supported_by_ids", []) + speech.get("on_behalf_of_ids", []):
            assert ref in orgs or ref in persons
    can = next(s for s in doc["speeches"] if s["text"].startswith("The councillor of Canada"))
    assert can["on_behalf_of_ids"] == ["organization/CITEL"]
    assert can["supported_by_ids"] == ["country/DNK", "country/MEX"]


def test_decisions_are_motions_and_vote_events_with_counts(doc: dict,
                                                           records: list[dict]) -> None:
    outcomes = [o for r in records for it in r["items"] for p in it["paragraphs"]
                for o in p["outcomes"]]
    motions = {m["id"]: m for m in doc["motions"]}
    per_outcome = {v["id"].rsplit("/", 1)[0] for v in doc["vote_events"]}
    assert len(per_outcome) == len(outcomes)
    for vote in doc["vote_events"]:
        assert vote["motion_id"] in motions
    labels = {m["identifier"] for m in doc["motions"] if m.get("identifier")}
    assert "Resolution 130 (Rev. Dubai, 2018)" in labels and "C19/55" in labels
    noted = next(v for v in doc["vote_events"] if v["result"] == "noted"
                 and v.get("counts") and v["paragraph"] == "2.2")
    assert {c["option"]: c["value"] for c in noted["counts"]} == \
        {"yes": 52, "no": 89, "abstain": 14}
    elected = next(v for v in doc["vote_events"] if v.get("elected_person_id") ==
                   "person/doreen-bogdan-martin")
    assert [c["value"] for c in elected["counts"]][-2:] == [139, 25]
    members = {(m.get("person_id"), m.get("post_id")) for m in doc["memberships"]}
    assert ("person/doreen-bogdan-martin", "post/itu/secretary-general") in members


def test_group_membership_from_speaking_on_its_behalf(doc: dict) -> None:
    members = {((m.get("member") or {}).get("id"), m.get("organization_id"))
               for m in doc["memberships"]}
    assert ("country/DEU", "organization/CEPT") in members
    assert ("country/CAN", "body/council") in members


def test_ids_are_stable_across_exports(records: list[dict]) -> None:
    assert popolo.document(records[:2]) == popolo.document(records[:2])
    one = popolo.document([records[0]])
    both = popolo.document(records[:2])
    assert {o["id"] for o in one["organizations"]} <= {o["id"] for o in both["organizations"]}


def test_cli_exports_the_archive_as_popolo(web_archive: str, tmp_path: Path,
                                           validators: dict, web_records: list[dict]) -> None:
    result = CliRunner().invoke(main, ["export", "--all", "--format", "popolo", "--db",
                                       web_archive, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "archive.popolo.json").read_text(encoding="utf-8"))
    assert _errors(validators, data) == []
    meetings = [e for e in data["events"] if e["classification"] == "meeting"]
    assert sorted(e["identifiers"][0]["identifier"] for e in meetings) == \
        sorted(r["meeting"]["symbol"] for r in web_records)
    result = CliRunner().invoke(main, ["export", "1", "--format", "popolo", "--db", web_archive])
    assert result.exit_code == 0, result.output
    assert len([e for e in json.loads(result.stdout)["events"]
                if e["classification"] == "meeting"]) == 1
