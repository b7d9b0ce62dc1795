"""Meetings, not files: language versions, sources, conflicts and counting once (both backends).

Real files: seed 000 (French), our English and Spanish renderings of it (tests/data/en, es),
seed 002, and seed 000 printed as Word; each ingested from a temporary folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, seed_path
from render import render_docx

from plenary import analyse
from plenary.parse import parse_path
from plenary.store import Archive
from plenary.store.identity import Identity
from plenary.store.ingest import ingest


def three_languages(root: Path, name: str = "000.txt") -> dict[str, Path]:
    """Seed 000 in fr/, its English and Spanish renderings in en/ and es/, one file name."""
    out = {}
    for lang, source in (("fr", seed_path("000")), ("en", DATA / "en" / "000.txt"),
                         ("es", DATA / "es" / "000.txt")):
        (root / lang).mkdir(parents=True, exist_ok=True)
        out[lang] = Path(shutil.copy(source, root / lang / name))
    return out


def test_three_languages_one_name_are_one_meeting(store: Archive, tmp_path: Path) -> None:
    files = three_languages(tmp_path / "in")
    summary = ingest(store, [tmp_path / "in"])
    assert (summary.stored, summary.versions, summary.failed) == ([files["en"]],
                                                                 [files["es"], files["fr"]], [])
    assert sorted(summary.unidentified) == sorted(files.values())  # listed: no header
    (meeting,) = analyse.meetings(store)
    assert meeting["identified"] is False and meeting["label"] == "en/000.txt"
    assert [v["language"] for v in meeting["versions"]] == ["en", "es", "fr"]
    assert [v["reference"] for v in meeting["versions"]] == [True, False, False]
    assert [s["path"] for v in meeting["versions"] for s in v["sources"]] == \
        ["en/000.txt", "es/000.txt", "fr/000.txt"]
    again = ingest(store, [tmp_path / "in"])
    assert sorted(again.unchanged) == sorted(files.values())
    assert (again.stored, again.versions, again.sources, again.conflicts) == ([], [], [], [])
    assert store.meeting_count() == 1 and store.count() == 3


def test_language_versions_of_one_meeting(store: Archive, tmp_path: Path) -> None:
    three_languages(tmp_path)
    ingest(store, [tmp_path / "fr"])  # the French first: the reference version
    ingest(store, [tmp_path / "en", tmp_path / "es"])
    (meeting,) = analyse.meetings(store)
    mid = meeting["id"]
    assert analyse.meeting(store, mid)["language"] == "fr"
    assert analyse.meeting(store, mid, "es")["language"] == "es"
    assert analyse.meeting(store, mid, "de") is None
    english = analyse.meeting(store, mid, "en")
    assert english["items"][0]["paragraphs"][0]["text"].startswith("The Secretary-General")


def test_txt_and_docx_of_one_record_are_one_version(store: Archive, tmp_path: Path) -> None:
    text = seed_path("002").read_text(encoding="utf-8")
    (tmp_path / "002.txt").write_text(text, encoding="utf-8")
    (tmp_path / "002.docx").write_bytes(render_docx(text))
    summary = ingest(store, [tmp_path])
    assert [p.name for p in summary.sources] == ["002.txt"]  # the .docx came first (sorted)
    (meeting,) = analyse.meetings(store)
    (version,) = meeting["versions"]
    assert [s["format"] for s in version["sources"]] == ["docx", "txt"]
    assert store.count() == 1


def test_same_bytes_elsewhere_is_another_source(store: Archive, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(seed_path("000"), tmp_path / folder / "x.txt")
    summary = ingest(store, [tmp_path])
    assert (len(summary.stored), len(summary.sources)) == (1, 1)
    (version,) = analyse.meetings(store)[0]["versions"]
    assert [s["path"] for s in version["sources"]] == ["a/x.txt", "b/x.txt"]


def test_two_records_one_name_are_two_meetings(store: Archive, tmp_path: Path) -> None:
    for folder, seed in (("a", "000"), ("b", "002")):
        (tmp_path / folder).mkdir()
        shutil.copy(seed_path(seed), tmp_path / folder / "record.txt")
    summary = ingest(store, [tmp_path])
    assert len(summary.stored) == 2 and summary.conflicts == []
    listed = analyse.meetings(store)
    assert len(listed) == 2
    want = sorted(sum(len(it.paragraphs) for it in parse_path(seed_path(p)).items)
                  for p in ("000", "002"))
    assert sorted(m["paragraphs"] for m in listed) == want
    assert {m["label"] for m in listed} == {"a/record.txt", "b/record.txt"}


def test_conflict_is_reported_and_both_kept(store: Archive, tmp_path: Path) -> None:
    for folder, seed in (("a", "000"), ("b", "002")):
        (tmp_path / folder).mkdir()
        shutil.copy(seed_path(seed), tmp_path / folder / f"{seed}.txt")
        (tmp_path / folder / "meta.json").write_text(json.dumps(
            {"symbol": "C17/124", "session": "Council 2017", "body": "council"}),
            encoding="utf-8")
    summary = ingest(store, [tmp_path])
    (meeting,) = analyse.meetings(store)
    assert summary.conflicts == [(tmp_path / "b" / "002.txt", meeting["id"])]
    assert any("conflict" in line and "002.txt" in line for line in summary.report())
    assert meeting["identified"] and meeting["symbol"] == "C17/124"
    assert [v["conflict"] for v in meeting["versions"]] == [False, True]
    assert meeting["paragraphs"] == len(list(parse_path(seed_path("000")).paragraphs()))
    assert store.count() == 2
    assert ingest(store, [tmp_path]).conflicts == []  # reported once: now unchanged


def test_identity_from_itu_file_names(store: Archive, tmp_path: Path) -> None:
    shutil.copy(seed_path("000"), tmp_path / "S17-CL-C-0124!!MSW-F.txt")
    shutil.copy(DATA / "en" / "000.txt", tmp_path / "S17-CL-C-0124!!MSW-E.txt")
    shutil.copy(DATA / "en" / "002.txt", tmp_path / "S17-CL-C-0125!!MSW-E.txt")
    summary = ingest(store, [tmp_path])
    assert summary.unidentified == [] and summary.failed == []
    listed = {m["symbol"]: m for m in analyse.meetings(store)}
    assert set(listed) == {"C17/124", "C17/125"}
    c124 = listed["C17/124"]
    assert c124["session"] == "Council 2017" and c124["body"] == "council"
    assert sorted(v["language"] for v in c124["versions"]) == ["en", "fr"]


def test_identity_given_by_the_user(store: Archive, tmp_path: Path) -> None:
    three_languages(tmp_path)
    given = Identity(symbol="C17/124", session="Council 2017", date="2017-05-19",
                     origin="given")
    ingest(store, [tmp_path / "fr"], identity=given)
    ingest(store, [tmp_path / "en"], identity=Identity(symbol="C17/124", origin="given"))
    (meeting,) = analyse.meetings(store)
    assert meeting["identified"] and meeting["symbol"] == "C17/124"
    assert sorted(v["language"] for v in meeting["versions"]) == ["en", "fr"]


def test_headers_group_versions_whatever_the_file_names(store: Archive, tmp_path: Path) -> None:
    for lang in ("en", "fr", "es"):
        shutil.copy(DATA / "headers" / f"{lang}_council.txt", tmp_path / f"minutes-{lang}.txt")
    summary = ingest(store, [tmp_path])
    assert summary.unidentified == [] and summary.failed == []
    (meeting,) = analyse.meetings(store)
    assert meeting["symbol"] == "C17/124"
    by_language = {v["language"]: v for v in meeting["versions"]}
    assert set(by_language) == {"en", "fr", "es"}
    assert by_language["en"]["original"] and by_language["en"]["reference"]  # "Original: English"


# --- counting once ------------------------------------------------------------------------------

def _counts(archive: Archive) -> dict[str, object]:
    countries = analyse.countries_index(archive)
    return {
        "countries": countries,
        "delegations": {c["country"]: len(analyse.delegation(archive, c["country"])
                                          ["interventions"]) for c in countries},
        "network": analyse.network(archive),
        "decisions": len(analyse.decisions(archive)),
        "listing": analyse.search(archive, "", country="CAN", limit=500)["total"],
    }


@pytest.fixture
def second_store(tmp_path: Path):
    with Archive.open(f"sqlite:///{tmp_path / 'alone.sqlite'}") as archive:
        yield archive


def test_a_meeting_in_three_languages_counts_once(store: Archive, second_store: Archive,
                                                  tmp_path: Path) -> None:
    three_languages(tmp_path)
    ingest(second_store, [tmp_path / "fr"])
    alone = _counts(second_store)
    assert alone["delegations"] and alone["decisions"]
    ingest(store, [tmp_path / "fr"])
    ingest(store, [tmp_path / "en", tmp_path / "es"])
    assert store.count() == 3
    assert _counts(store) == alone
