"""Every list pages (`limit`, `offset` -> `total`, `next`), in JSON and HTML alike; meetings list
their language versions and sources; the register streams as CSV.

A real SQLite archive built by ingesting, from one temporary folder: the two seeds (French)
with our English and Spanish renderings of them (same file names in fr/, en/, es/), the header
samples (council and PP records in three languages, and a conflicting revision), and an
Arabic-only record: five meetings, most with three versions.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, seed_path
from fastapi.testclient import TestClient

from plenary.analyse.decisions import wording
from plenary.analyse.meetings import aligned
from plenary.store import Archive
from plenary.store.ingest import ingest

ARABIC = DATA / "ar" / "council-2021-plenary-02.txt"


def _tree(root: Path) -> None:
    for prefix in ("000", "002"):
        for lang, source in (("fr", seed_path(prefix)), ("en", DATA / "en" / f"{prefix}.txt"),
                             ("es", DATA / "es" / f"{prefix}.txt")):
            (root / lang).mkdir(parents=True, exist_ok=True)
            shutil.copy(source, root / lang / f"{prefix}.txt")
    shutil.copytree(DATA / "headers", root / "headers",
                    ignore=shutil.ignore_patterns("*.json"))
    (root / "ar").mkdir()
    shutil.copy(ARABIC, root / "ar" / ARABIC.name)


@pytest.fixture(scope="module")
def archive_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("paging")
    _tree(folder / "in")
    url = f"sqlite:///{folder / 'archive.sqlite'}"
    with Archive.open(url) as archive:
        summary = ingest(archive, [folder / "in"], workers=2)
        assert summary.failed == []
    return url


@pytest.fixture(scope="module")
def web(archive_url: str):
    from plenary.web import create_app

    with TestClient(create_app(archive_url)) as c:
        yield c


def _all_pages(web: TestClient, url: str, key: str, **params: object) -> list[list[dict]]:
    """Follow `next` from the first page to the last; check the envelope on each."""
    pages, answer = [], web.get(url, params=params).json()
    total = answer["total"]
    while True:
        assert answer["total"] == total
        assert len(answer[key]) == min(answer["limit"], total - answer["offset"])
        pages.append(answer[key])
        if answer["next"] is None:
            assert answer["offset"] + answer["limit"] >= total
            return pages
        assert f"offset={answer['offset'] + answer['limit']}" in answer["next"]
        answer = web.get(answer["next"]).json()


# --- /api/meetings ------------------------------------------------------------------------------

def test_meetings_page_through_every_meeting_once(web: TestClient) -> None:
    everything = web.get("/api/meetings").json()
    assert everything["total"] == 5 and everything["next"] is None
    assert (everything["limit"], everything["offset"]) == (50, 0)
    pages = _all_pages(web, "/api/meetings", "meetings", limit=2)
    assert [len(p) for p in pages] == [2, 2, 1]
    ids = [m["id"] for p in pages for m in p]
    assert ids == [m["id"] for m in everything["meetings"]]
    assert len(set(ids)) == 5


def test_each_meeting_lists_its_versions_and_sources(web: TestClient) -> None:
    meetings = web.get("/api/meetings").json()["meetings"]
    for m in meetings:
        assert {"id", "symbol", "body", "session", "number", "date", "title", "identified",
                "versions"} <= set(m)
        for v in m["versions"]:
            assert {"language", "original", "sources"} <= set(v)
            assert v["sources"] and all(re.fullmatch(r"[0-9a-f]{64}", s["sha256"])
                                        and s["format"] == "txt" and s["name"]
                                        for s in v["sources"])
    council = next(m for m in meetings if m["symbol"] == "C17/124" and m["identified"])
    assert sorted({v["language"] for v in council["versions"]}) == ["en", "es", "fr"]
    seed = next(m for m in meetings if not m["identified"] and m["label"].endswith("000.txt"))
    assert sorted(v["language"] for v in seed["versions"]) == ["en", "es", "fr"]
    assert sorted(s["name"] for v in seed["versions"] for s in v["sources"]) == \
        ["000.txt"] * 3
    arabic = next(m for m in meetings if [v["language"] for v in m["versions"]] == ["ar"])
    assert arabic["versions"][0]["sources"][0]["name"] == ARABIC.name


def test_language_filter_keeps_meetings_with_that_version(web: TestClient) -> None:
    arabic = web.get("/api/meetings", params={"language": "ar"}).json()
    assert arabic["total"] == 1 and len(arabic["meetings"]) == 1
    french = web.get("/api/meetings", params={"language": "fr", "limit": 3}).json()
    assert french["total"] == 4 and len(french["meetings"]) == 3
    assert "language=fr" in french["next"] and "limit=3" in french["next"]
    assert all("fr" in {v["language"] for v in m["versions"]} for m in french["meetings"])
    assert web.get("/api/meetings", params={"language": "de"}).json()["total"] == 0


def test_body_and_session_filters(web: TestClient) -> None:
    council = web.get("/api/meetings", params={"body": "council"}).json()
    assert council["total"] >= 2 and all(m["body"] == "council" for m in council["meetings"])
    pp = web.get("/api/meetings", params={"session": "PP-18"}).json()
    assert pp["total"] >= 1 and all(m["session"] == "PP-18" for m in pp["meetings"])
    assert web.get("/api/meetings", params={"body": "nobody"}).json() == {
        "meetings": [], "total": 0, "limit": 50, "offset": 0, "next": None}


@pytest.mark.parametrize("url", ["/api/meetings", "/api/decisions", "/api/search", "/",
                                 "/decisions", "/search"])
@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"limit": "x"},
                                    {"offset": -1}, {"offset": "1e3"}])
def test_bad_limit_or_offset_is_a_400(web: TestClient, url: str, params: dict) -> None:
    assert web.get(url, params={"q": "adopté", **params}).status_code == 400


def test_bad_language_is_a_400(web: TestClient) -> None:
    assert web.get("/api/meetings", params={"language": "French"}).status_code == 400
    assert web.get("/api/search", params={"q": "x", "language": "f1"}).status_code == 400


# --- one meeting, its versions -------------------------------------------------------------------

def _council(web: TestClient) -> int:
    return next(m["id"] for m in web.get("/api/meetings", params={"body": "council"}).json()[
        "meetings"] if m["symbol"] == "C17/124" and m["identified"])


def test_meeting_in_a_language(web: TestClient) -> None:
    mid = _council(web)
    reference = web.get(f"/api/meetings/{mid}").json()
    assert reference["id"] == mid and reference["schema"] == "plenary/record@1"
    for lang in ("fr", "en", "es"):
        record = web.get(f"/api/meetings/{mid}", params={"language": lang}).json()
        assert record["language"] == lang and record["id"] == mid
    assert web.get(f"/api/meetings/{mid}", params={"language": "zh"}).status_code == 404


def test_versions_route(web: TestClient) -> None:
    mid = _council(web)
    answer = web.get(f"/api/meetings/{mid}/versions").json()
    assert answer["id"] == mid
    versions = answer["versions"]
    assert {v["language"] for v in versions} == {"fr", "en", "es"}
    for v in versions:
        assert isinstance(v["disagreements"], list) and v["sources"]
        for d in v["disagreements"]:
            assert set(d) == {"paragraph", "family", "reference", "version"}
    assert [v["disagreements"] for v in versions if v["reference"]] == [[]]
    # the conflicting revision lacks a paragraph of the reference version: said so
    conflict = next(v for v in versions if v["conflict"])
    assert {"paragraph": "2.1", "family": "paragraph", "reference": "2.1",
            "version": None} in conflict["disagreements"]
    assert web.get("/api/meetings/999999/versions").status_code == 404


def test_aligned_pairs_paragraphs_by_number() -> None:
    def record(numbers: list[str], speaker: str) -> dict:
        return {"items": [{"number": "1", "paragraphs": [
            {"number": n, "text": n, "speakers": [{"kind": "delegation", "country": speaker}]}
            for n in numbers]}]}

    rows = aligned(record(["1.1", "1.2", "1.10"], "CAN"), record(["1.1", "1.3", "1.10"], "CAN"))
    assert [r["number"] for r in rows] == ["1.1", "1.2", "1.3", "1.10"]
    assert [(bool(r["left"]), bool(r["right"])) for r in rows] == [
        (True, True), (True, False), (False, True), (True, True)]
    other = aligned(record(["1.1"], "CAN"), record(["1.1"], "MEX"))
    assert other[0]["differs"] == ["speakers"]


# --- /api/search ---------------------------------------------------------------------------------

def test_search_pages(web: TestClient) -> None:
    first = web.get("/api/search", params={"q": "adopté", "limit": 2}).json()
    assert first["total"] > 2 and len(first["results"]) == 2
    assert first["next"] == "/api/search?q=adopt%C3%A9&limit=2&offset=2"
    pages = _all_pages(web, "/api/search", "results", q="adopté", limit=4)
    keys = [(r["meeting"]["id"], r["number"], r["position"]) for p in pages for r in p]
    assert len(keys) == first["total"] == len(set(keys))


def test_search_language_filter(web: TestClient) -> None:
    spanish = web.get("/api/search", params={"q": "consejo", "language": "es"}).json()
    assert spanish["total"] > 0
    assert {r["meeting"]["language"] for r in spanish["results"]} == {"es"}
    assert spanish["filters"] == {"language": "es"}


# --- /api/decisions ------------------------------------------------------------------------------

def test_decisions_page_through_the_register_once(web: TestClient) -> None:
    everything = web.get("/api/decisions", params={"limit": 500}).json()
    total = everything["total"]
    assert total == len(everything["decisions"]) > 10 and everything["next"] is None
    pages = _all_pages(web, "/api/decisions", "decisions", limit=7)
    assert [r for p in pages for r in p] == everything["decisions"]


def test_register_rows_say_when_where_and_in_which_words(web: TestClient) -> None:
    rows = web.get("/api/decisions", params={"limit": 500}).json()["decisions"]
    for r in rows:
        assert {"date", "session", "meeting", "item", "item_title", "number", "wording",
                "kind", "reading", "objects"} <= set(r)
    elected = next(r for r in rows if r["kind"] == "elected" and r["meeting"]["language"] == "en")
    assert "elected" in elected["wording"] and "Canazza" in elected["wording"]
    dated = [r for r in rows if r["date"]]
    assert dated and all(r["session"] for r in dated)
    assert all(r["item_title"] for r in rows if r["item"])


def test_wording_is_the_sentence_that_says_the_outcome() -> None:
    text = ("The Chairman recalled the discussion. The Council approved Document C19/55, as "
            "amended. He thanked the delegates.")
    assert wording(text, {"kind": "approved", "objects": []}) == \
        "The Council approved Document C19/55, as amended."
    assert wording("Le projet de résolution est adopté.", {"kind": "adopted"}) == \
        "Le projet de résolution est adopté."
    assert wording("No word here. Nor here.", {"kind": "noted", "objects": []}) == "Nor here."
    assert wording("", {"kind": "noted"}) is None
    chinese = {"kind": "approved", "objects": ["C17/55"]}
    assert wording("会议开始。理事会批准了文件C17/55。谢谢。", chinese) == \
        "理事会批准了文件C17/55。"


def test_csv_streams_the_filtered_register_as_the_json_rows(web: TestClient) -> None:
    for params in ({}, {"kind": "adopted"}, {"language": "en"}):
        with web.stream("GET", "/api/decisions", params={**params, "format": "csv"}) as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
            assert "content-length" not in r.headers  # streamed, not built
            text = "".join(r.iter_text())
        rows = list(csv.DictReader(io.StringIO(text)))
        json_rows = web.get("/api/decisions", params={**params, "limit": 500}).json()
        assert len(rows) == json_rows["total"] > 0
        assert [(int(r["meeting_id"]), r["number"], r["kind"], r["wording"]) for r in rows] == \
            [(d["meeting"]["id"], d["number"] or "", d["kind"], d["wording"] or "")
             for d in json_rows["decisions"]]
    assert web.get("/api/decisions", params={"format": "csv", "limit": 1}).text.count(
        "\n") > 2  # limit does not cut the download


# --- HTML pages ----------------------------------------------------------------------------------

def _links(html: str, rel: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(rf'<a rel="{rel}" href="([^"]+)"', html)]


@pytest.mark.parametrize(("url", "query"), [("/", {}), ("/decisions", {}),
                                            ("/search", {"q": "adopté"})])
def test_html_pages_page_like_the_api(web: TestClient, url: str, query: dict) -> None:
    first = web.get(url, params={**query, "limit": 2}).text
    assert "1–2 of" in first
    (following,) = _links(first, "next")
    assert "offset=2" in following and "limit=2" in following and _links(first, "prev") == []
    second = web.get(following).text
    assert "3–4 of" in second
    assert [p for p in _links(second, "prev")] and "offset=0" in _links(second, "prev")[0]


def test_home_page_rows_match_the_api_page(web: TestClient) -> None:
    api = web.get("/api/meetings", params={"limit": 2, "offset": 2}).json()["meetings"]
    html = web.get("/", params={"limit": 2, "offset": 2}).text
    shown = [int(x) for x in re.findall(r'<td><a href="/meetings/(\d+)">', html)]
    assert shown == [m["id"] for m in api]


def test_home_page_filters(web: TestClient) -> None:
    html = web.get("/", params={"language": "ar"}).text
    assert "1 meeting" in html and 'value="ar" selected' in html
    assert re.findall(r'<td><a href="/meetings/(\d+)">', html) == [
        str(web.get("/api/meetings", params={"language": "ar"}).json()["meetings"][0]["id"])]
    council = web.get("/", params={"body": "council", "session": "Council 2017"}).text
    assert 'value="council" selected' in council and 'value="Council 2017" selected' in council
    assert "Body" in council and "Session" in council and "Language" in council


def test_meeting_page_language_switch_and_side_by_side(web: TestClient) -> None:
    mid = _council(web)
    page = web.get(f"/meetings/{mid}", params={"language": "es"}).text
    for lang in ("fr", "en", "es"):
        assert f'href="/meetings/{mid}?language={lang}"' in page
    assert f'href="/meetings/{mid}?language=es&amp;compare=fr"' in page
    pair = web.get(f"/meetings/{mid}", params={"language": "fr", "compare": "en"}).text
    french = web.get(f"/api/meetings/{mid}", params={"language": "fr"}).json()
    english = web.get(f"/api/meetings/{mid}", params={"language": "en"}).json()
    rows = re.findall(r'<tr id="p-([^"]+)"[^>]*>\s*<th scope="row" class="num">.*?</th>\s*'
                      r'<td lang="fr" dir="ltr">.*?</td>\s*<td lang="en" dir="ltr">', pair, re.S)
    numbers = {p["number"] for r in (french, english) for it in r["items"]
               for p in it["paragraphs"] if p["number"]}
    assert sorted(rows) == sorted(numbers)
    first = french["items"][0]["paragraphs"][0]
    assert first["text"][:40].replace("'", "&#39;") in pair
    assert web.get(f"/meetings/{mid}", params={"language": "fr", "compare": "zh"}
                   ).status_code == 404


# --- the listing indexes (migration 0006) ---------------------------------------------------------

def test_listing_indexes_migration(store_url: str) -> None:
    """Migration 0006 adds the listing indexes to an archive at 0005 (and drops them again);
    the lists answer the same with and without them."""
    from alembic import command
    from conftest import record_of
    from sqlalchemy import inspect

    from plenary.analyse.decisions import decisions
    from plenary.analyse.meetings import meetings
    from plenary.store import engine as engines
    from plenary.store import migrate

    engine = engines.create(engines.normalise_url(store_url))
    try:
        migrate.upgrade(engine, "0005")
        with Archive.open(store_url) as archive:  # upgrades to head
            archive.add_record(record_of("000"))
            archive.add_record(record_of("002"))
            listed = ([m["id"] for m in meetings(archive, limit=1, offset=1)],
                      [d["number"] for d in decisions(archive, limit=3, offset=2)])

        def indexes() -> set[str]:
            return {i["name"] for table in ("meetings", "outcomes")
                    for i in inspect(engine).get_indexes(table)}

        assert {"ix_meetings_listing", "ix_outcomes_register"} <= indexes()
        with engine.connect().execution_options(plenary_write=True) as conn, conn.begin():
            cfg = migrate.config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005")
        assert not {"ix_meetings_listing", "ix_outcomes_register"} & indexes()
        with Archive.open(store_url) as archive:
            assert listed == ([m["id"] for m in meetings(archive, limit=1, offset=1)],
                              [d["number"] for d in decisions(archive, limit=3, offset=2)])
    finally:
        engine.dispose()


def test_a_page_of_meetings_reads_no_stored_record(archive_url: str) -> None:
    """On SQLite the page of the meetings list and of the register is chosen from indexes
    alone (the `meetings` rows carry whole records: a scan of them is what made lists slow)."""
    from sqlalchemy import text

    from plenary.analyse.decisions import Filters, _selected
    from plenary.analyse.meetings import MeetingFilter, _reference_join
    from plenary.store.writer import MEETINGS

    listing = _reference_join([MEETINGS.c.id], MeetingFilter()).order_by(
        MEETINGS.c.date, MEETINGS.c.number)
    with Archive.open(archive_url, readonly=True) as archive, archive.read() as conn:
        for stmt in (listing, _selected(Filters())):
            sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
            assert "USING COVERING INDEX ix_meetings_listing" in plan, plan
            assert "SCAN m" not in plan and "SCAN meetings" not in plan, plan
