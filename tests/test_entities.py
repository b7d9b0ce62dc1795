"""Texts, delegations, groups and people as entities, on a real archive.

The archive holds the two seeds (parsed from /work/shared/seeds/, their header given as the
CLI's `--symbol/--session/--body/--date` would) and the repository's English, Spanish and
French sample records of Council 2019, Council 2022 and PP-22 (tests/data/blind). The facts
asserted were counted by hand in those texts.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import DATA, seed_path
from fastapi.testclient import TestClient

from plenary.analyse.groups import group
from plenary.analyse.names import fold, loose_pattern
from plenary.analyse.people import clean_name, person, person_id
from plenary.analyse.texts import base_label, per_conference, text_history, texts_index
from plenary.store import Archive
from plenary.web import present

SEED_HEADERS = {
    "000": {"symbol": "C17/124", "session": "Council 2017", "body": "council",
            "date": "2017-05-19"},
    "002": {"symbol": "170", "session": "PP-18", "body": "plenipotentiary",
            "date": "2018-11-15"},
}


def _parsed(path: Path, **header: str):
    from plenary.errors import InputError
    from plenary.store.ingest import parse_one

    record = parse_one(path)
    assert not isinstance(record, InputError), record
    for key, value in header.items():
        setattr(record.meeting, key, value)
    return record


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('entities') / 'archive.sqlite'}"
    with Archive.open(url) as archive:
        for prefix, header in SEED_HEADERS.items():
            archive.add_record(_parsed(seed_path(prefix), **header))
        for path in sorted((DATA / "blind").rglob("*.txt")):
            archive.add_record(_parsed(path))
    return url


@pytest.fixture(scope="module")
def archive(archive_url: str):
    with Archive.open(archive_url, readonly=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def api(archive_url: str):
    from plenary.web import create_app

    with TestClient(create_app(archive_url)) as client:
        yield client


@pytest.fixture(scope="module")
def meeting_ids(api: TestClient) -> dict[str, int]:
    rows = api.get("/api/meetings", params={"limit": 500}).json()["meetings"]
    return {f"{m['session']} {m['symbol']}": m["id"] for m in rows}


# --- names and labels ------------------------------------------------------------------------

def test_names_fold_across_languages_and_spellings() -> None:
    assert person_id("M. Mario Canazza") == person_id("Mr Mario Canazza") == "mario-canazza"
    assert person_id("Sr. Mario CANAZZA") == person_id("Dr  Mário Canazza") == "mario-canazza"
    assert person_id("S. SĂRMAŞ") == person_id("S. SĂRMAȘ") == "s-sarmas"  # cedilla, comma
    assert clean_name("Mme Fatou Ndiaye") == "Fatou Ndiaye"
    assert clean_name("M. AL MANSOORI") == "M. AL MANSOORI"  # an initial, not Monsieur
    assert person_id("Fédération de Russie (158 voix), Pologne (139 voix)") is None
    assert person_id("Burkina Faso and Rwanda") is None and person_id("Jean-Claude Mugenzi")
    assert fold("Résolution 64 (Rév. Dubaï, 2018)") == "resolution 64 rev dubai 2018"
    pattern = loose_pattern("RESOLUTION   64")
    assert pattern.search(fold("Resolution 64 (Rev. Bucharest, 2022)"))
    assert not pattern.search(fold("Resolution 640"))
    assert base_label("Resolution 64 (Rev. Dubai, 2018)") == "Resolution 64"
    assert per_conference("series", "R4") and per_conference("resolution", "COM5/9")
    assert not per_conference("resolution", "64")


def test_role_labels_are_readable() -> None:
    chair = {"kind": "official", "role": "chair", "id": "working-group-of-the-plenary"}
    assert present.actor_label(chair) == "Chair of the Working Group of the Plenary"
    assert present.role_label("vice-chair", "committee-5") == "Vice-chair of Committee 5"
    assert present.role_label("director", "TSB") == \
        "Director of the Telecommunication Standardization Bureau"
    assert present.actor_label({"kind": "official", "role": "secretary-general",
                                "name": "H. ZHAO"}) == "Secretary-General, H. ZHAO"
    assert present.actor_href({"kind": "group", "id": "african-group"}) == \
        "/groups/african-group"
    assert present.actor_href({"kind": "person", "name": "M. Mario Canazza",
                               "country": "BRA"}) == "/people/mario-canazza"
    marked = str(present.highlight_html("Le délégué du Danemark <b>", "DNK", "fr"))
    assert marked == "Le délégué du <mark>Danemark</mark> &lt;b&gt;"


# --- texts ------------------------------------------------------------------------------------

def test_resolution_64_is_one_text_across_conferences(archive: Archive) -> None:
    history = text_history(archive, "Resolution 64 (Rev. Dubai, 2018)")
    assert history["label"] == "Resolution 64 (Rev. Dubai, 2018)"
    assert history["text"] == "Resolution 64" and not history["per_conference"]
    versions = [v["label"] for v in history["versions"]]
    assert {"Resolution 64", "Resolution 64 (Rev. Dubai, 2018)",
            "Resolution 64 (Rev. Bucharest, 2022)"} <= set(versions)
    sessions = {e["session"] for e in history["events"]}
    assert {"PP-18", "PP-22"} <= sessions
    # PP-18 (seed 002): 15.32 adopts it; PP-22 revises it at Bucharest
    adopted = [(e["session"], e["number"]) for e in history["events"]
               if e["type"] == "outcome" and e["outcome"]["kind"] == "adopted"]
    assert ("PP-18", "15.32") in adopted
    assert any(e["session"] == "PP-22" and "Resolution 64 (Rev. Bucharest, 2022)" in e["labels"]
               for e in history["events"])
    step = next(e for e in history["events"] if e["number"] == "15.31")
    assert "Résolution 64" in step["text"] and step["item_title"]
    assert step["speakers"], "each step carries its speakers"
    dates = [e["meeting"]["date"] for e in history["events"]]
    assert dates == sorted(dates)
    assert text_history(archive, "Resolution 64")["total"] == history["total"]
    assert text_history(archive, "Resolution 64 (Rev. Nowhere, 1900)") is None


def test_series_codes_of_two_conferences_stay_two_texts(archive: Archive,
                                                        api: TestClient) -> None:
    index = texts_index(archive, q="series b21")
    assert [(t["label"], t["conference"]) for t in index["texts"]] == [
        ("Series B21", "PP-18"), ("Series B21", "PP-22")]
    both = text_history(archive, "Series B21")
    assert both["per_conference"] and both["events"] == []
    assert [c["conference"] for c in both["conferences"]] == ["PP-18", "PP-22"]
    pp18 = text_history(archive, "Series B21", conference="PP-18")
    assert pp18["total"] > 0 and {e["session"] for e in pp18["events"]} == {"PP-18"}
    pp22 = api.get("/api/texts", params={"label": "Series B21", "conference": "PP-22"}).json()
    assert pp22["total"] > 0 and {e["session"] for e in pp22["events"]} == {"PP-22"}
    # seed 002's Series R4 is PP-18's only
    r4 = api.get("/api/texts", params={"q": "r4"}).json()["texts"]
    assert [(t["label"], t["conference"]) for t in r4] == [("Series R4", "PP-18")]
    assert text_history(archive, "Series B21", conference="WRC-19") is None


def test_text_index_is_loose_counted_and_paged(api: TestClient) -> None:
    found = api.get("/api/texts", params={"q": "résolution  64"}).json()
    assert [t["label"] for t in found["texts"]] == ["Resolution 64"]
    r64 = found["texts"][0]
    assert r64["kind"] == "resolution" and r64["number"] == "64" and r64["conference"] is None
    assert r64["mentions"] >= 5 and r64["outcomes"] >= 2
    six = [t["label"] for t in api.get("/api/texts", params={"q": "resolution 6"}).json()["texts"]]
    assert "Resolution 64" not in six  # a number matches whole
    first = api.get("/api/texts", params={"limit": 5}).json()
    assert first["total"] > 5 and len(first["texts"]) == 5 and first["next"]
    second = api.get(first["next"]).json()
    assert second["offset"] == 5 and second["texts"][0] not in first["texts"]
    labels = [t["label"] for t in api.get("/api/texts", params={"limit": 500}).json()["texts"]]
    assert labels.count("Series B21") == 2 and "Council Decision 588" in labels


def test_text_pages(api: TestClient) -> None:
    index = api.get("/texts", params={"q": "resolution 64"})
    assert index.status_code == 200 and "/texts?label=Resolution+64" in index.text
    history = api.get("/texts", params={"label": "Resolution 64"}).text
    assert 'data-chart="chart-text"' in history
    assert "Resolution 64 (Rev. Bucharest, 2022)" in history
    assert 'lang="fr"' in history and 'lang="en"' in history
    choose = api.get("/texts", params={"label": "Series B21"}).text
    assert "conference=PP-18" in choose and "conference=PP-22" in choose


# --- delegations ------------------------------------------------------------------------------

def test_delegation_shows_what_it_said_and_support_with_evidence(api: TestClient,
                                                                 meeting_ids) -> None:
    body = api.get("/api/delegations/DNK", params={"limit": 500}).json()
    seed = meeting_ids["PP-18 170"]
    said = next(i for i in body["interventions"] if i["meeting"]["id"] == seed
                and i["number"] == "1.3")
    assert said["text"].startswith("Le délégué du Danemark") and said["item_title"]
    assert said["session"] == "PP-18"
    supporters = {s["country"]: s for s in body["supporters"]}
    assert {"CAN", "POL", "PRT", "FIN", "IRL"} <= set(supporters)
    assert {"meeting": seed, "number": "1.3"}.items() <= supporters["CAN"]["evidence"][0].items()
    canada = api.get("/api/delegations/CAN", params={"limit": 500}).json()
    assert any(s["country"] == "DNK" for s in canada["supported"])
    assert {s["session"] for s in canada["sessions"]} >= {"PP-18", "PP-22"}
    page = api.get("/delegations/DNK").text
    assert "<mark>Danemark</mark>" in page and 'data-chart="chart-sessions"' in page


def test_delegations_are_paged(api: TestClient) -> None:
    first = api.get("/api/delegations", params={"limit": 10}).json()
    assert first["total"] > 10 and len(first["delegations"]) == 10
    assert urlsplit(first["next"]).path == "/api/delegations"
    rest = api.get(first["next"]).json()
    assert {r["country"] for r in rest["delegations"]}.isdisjoint(
        r["country"] for r in first["delegations"])
    one = api.get("/api/delegations/CAN", params={"limit": 2}).json()
    assert len(one["interventions"]) == 2 and one["total"] > 2 and one["next"]


# --- groups -----------------------------------------------------------------------------------

def test_african_group_in_seed_002(archive: Archive, meeting_ids) -> None:
    found = group(archive, "african-group")
    seed = meeting_ids["PP-18 170"]
    at_seed = {(i["number"], i["speaker"]["country"]) for i in found["interventions"]
               if i["meeting"]["id"] == seed}
    # "au nom du Groupe africain": 6.7 (South Africa), 6.14 (Kenya), 13.2 (Egypt),
    # 15.13 (Uganda), 15.16 (Mali), 15.26 (Sudan), 17.4 (Tanzania)
    assert at_seed == {("6.7", "ZAF"), ("6.14", "KEN"), ("13.2", "EGY"), ("15.13", "UGA"),
                       ("15.16", "MLI"), ("15.26", "SDN"), ("17.4", "TZA")}
    assert {"ZAF", "KEN", "EGY", "UGA", "MLI", "SDN", "TZA"} <= set(found["members"])
    assert found["kind"] == "group" and found["total"] == len(found["interventions"])


def test_group_api_and_pages(api: TestClient) -> None:
    body = api.get("/api/groups/african-group", params={"limit": 2}).json()
    assert body["name"] == "African Group" and len(body["interventions"]) == 2
    assert body["total"] > 2 and body["next"] and "SDN" in body["members"]
    cept = api.get("/api/groups/CEPT").json()
    assert cept["kind"] == "organization" and cept["members"]
    assert api.get("/api/groups/nobody").status_code == 404
    assert api.get("/api/groups/bad id!").status_code == 400
    listing = api.get("/api/groups").json()
    assert {"african-group", "arab-group", "CEPT"} <= {g["id"] for g in listing["groups"]}
    page = api.get("/groups/african-group")
    assert page.status_code == 200 and 'href="/delegations/SDN"' in page.text
    assert api.get("/groups/nobody").status_code == 404


# --- people -----------------------------------------------------------------------------------

def test_mario_canazza_is_one_person(archive: Archive, meeting_ids) -> None:
    found = person(archive, "mario-canazza")
    assert found["name"] == "Mario Canazza" and found["countries"] == ["BRA"]
    elections = {(e["session"], e["number"]) for e in found["elections"]}
    # seed 000 ¶ 1.2 (by acclamation) and Council 2019's fifth plenary ¶ 5.2
    assert elections == {("Council 2017", "1.2"), ("Council 2019", "5.2")}
    assert all(e["method"] == "acclamation" for e in found["elections"])
    assert [(i["session"], i["number"]) for i in found["interventions"]] == \
        [("Council 2019", "5.3")]


def test_people_api_paged_and_pages(api: TestClient) -> None:
    first = api.get("/api/people", params={"limit": 3}).json()
    assert first["total"] > 3 and len(first["people"]) == 3 and first["next"]
    names = [p["name"] for p in api.get("/api/people", params={"limit": 500}).json()["people"]]
    assert len(names) == first["total"] and "Mario Canazza" in names
    found = api.get("/api/people", params={"q": "canazza"}).json()["people"]
    assert [(p["id"], p["countries"], p["elections"]) for p in found] == \
        [("mario-canazza", ["BRA"], 2)]
    krivas = api.get("/api/people", params={"q": "krivas"}).json()["people"][0]
    assert krivas["countries"] == ["LTU"] and krivas["roles"] == ["ambassador"]
    one = api.get("/api/people/mario-canazza").json()
    assert one["total"] == 1 and len(one["elections"]) == 2
    assert api.get("/api/people/nobody-at-all").status_code == 404
    assert api.get("/api/people/Not%20An%20Id").status_code == 400
    assert api.get("/api/people", params={"limit": 0}).status_code == 400
    assert api.get("/api/people", params={"offset": -1}).status_code == 400
    page = api.get("/people/mario-canazza")
    assert page.status_code == 200 and "Council 2019" in page.text and "elected" in page.text
    assert "/people/mario-canazza" in api.get("/people").text
    assert api.get("/people/nobody-at-all").status_code == 404


# --- both backends --------------------------------------------------------------------------

def test_entities_on_both_backends(store: Archive) -> None:
    """The same answers on SQLite and PostgreSQL, from the seeds' gold records."""
    from conftest import record_of

    for prefix in ("000", "002"):
        store.add_record(record_of(prefix))
    african = group(store, "african-group")
    assert {"ZAF", "KEN", "EGY", "UGA", "MLI", "SDN", "TZA"} <= set(african["members"])
    assert person(store, "mario-canazza")["elections"][0]["number"] == "1.2"
    index = texts_index(store, q="series")
    assert ("Series R4", "PP-18") in {(t["label"], t["conference"]) for t in index["texts"]}
    r64 = text_history(store, "Resolution 64")
    assert {"Resolution 64", "Resolution 64 (Rev. Dubai, 2018)"} <= \
        {v["label"] for v in r64["versions"]}
    from plenary.analyse.delegation import delegation

    dnk = delegation(store, "DNK")
    assert "CAN" in {s["country"] for s in dnk["supporters"]}
    assert dnk["sessions"][0]["session"] == "PP-18"


def test_a_loose_label_on_the_texts_page_offers_the_texts(api: TestClient) -> None:
    html = api.get("/texts", params={"label": "résolution 64"}).text
    assert "No record mentions this text." in html
    assert 'href="/texts?label=Resolution+64"' in html


def test_entities_of_an_empty_archive(store: Archive) -> None:
    from plenary.analyse.groups import groups_index
    from plenary.analyse.people import people_index

    assert texts_index(store) == {"total": 0, "texts": []}
    assert people_index(store) == {"total": 0, "people": []}
    assert groups_index(store) == []
    assert group(store, "CEPT") is None and person(store, "mario-canazza") is None
    assert text_history(store, "Resolution 64") is None
