"""Full-text search: word forms, accents and case, filters, snippets, paging (both backends)."""

from __future__ import annotations

import pytest
from conftest import record_of

from plenary import analyse
from plenary.store import Archive
from plenary.store import search as store_search
from plenary.store.terms import index_text, query_groups


@pytest.fixture
def seeded(store: Archive) -> Archive:
    for prefix in ("000", "002"):
        store.add_record(record_of(prefix))
    return store


def ids(found: dict) -> set[tuple[int, str]]:
    return {(r["meeting"]["id"], r["number"]) for r in found["results"]}


def texts(archive: Archive, q: str, **filters: object) -> list[str]:
    found = analyse.search(archive, q, limit=1000, **filters)
    return ["".join(s["text"] for s in r["snippet"]) for r in found["results"]]


def test_terms_fold_after_stemming() -> None:
    assert index_text("Adoptés", "fr").split() == ["adopt", "adoptes"]
    assert {"adopt"} <= query_groups("adopté", ["fr"])[0]
    assert query_groups("approuves", ["fr"])[0] & set(index_text("approuvée", "fr").split())
    assert query_groups("resolutions", ["fr"])[0] & set(index_text("résolution", "fr").split())
    assert query_groups("", ["fr"]) == []


def test_word_forms_accents_and_case(seeded: Archive) -> None:
    adopte = analyse.search(seeded, "adopté", limit=1000)
    assert adopte["total"] > 10
    assert any("Adoptés" in t for t in texts(seeded, "adopté"))
    assert ids(adopte) == ids(analyse.search(seeded, "ADOPTES", limit=1000))
    assert ids(adopte) == ids(analyse.search(seeded, "adoptées", limit=1000))
    assert any("approuvé" in t.lower() for t in texts(seeded, "approuves"))
    assert any("résolution" in t.lower() for t in texts(seeded, "resolutions"))
    assert any("Canazza" in t for t in texts(seeded, "canazza"))


def test_every_word_must_match(seeded: Archive) -> None:
    both = ids(analyse.search(seeded, "résolution adoptée", limit=1000))
    assert both
    assert both <= ids(analyse.search(seeded, "résolution", limit=1000))
    assert both <= ids(analyse.search(seeded, "adoptée", limit=1000))
    assert analyse.search(seeded, "résolution xyzzyplugh")["total"] == 0


def test_snippet_segments_mark_the_hits(seeded: Archive) -> None:
    found = analyse.search(seeded, "adoptés", limit=1000)
    for r in found["results"]:
        segments = r["snippet"]
        assert all(set(s) == {"text", "hit"} and isinstance(s["text"], str) for s in segments)
        hits = [s["text"] for s in segments if s["hit"]]
        assert hits and all(h.lower().startswith("adopt") for h in hits)
        assert "<mark>" not in "".join(s["text"] for s in segments)


def test_result_shape(seeded: Archive) -> None:
    found = analyse.search(seeded, "CITEL", country="CAN")
    assert found["total"] >= 1
    r = found["results"][0]
    assert set(r) >= {"meeting", "item", "number", "speakers", "snippet", "outcomes"}
    assert set(r["meeting"]) >= {"id", "title", "date", "symbol"}
    can = [s for s in r["speakers"] if s["country"] == "CAN"]
    assert can and can[0]["on_behalf_of"][0]["id"] == "CITEL"


def test_filters_narrow(seeded: Archive) -> None:
    pp18 = next(m["id"] for m in analyse.meetings(seeded) if m["session"] == "PP-18")
    cases = {
        "meeting": ("délégué", {"meeting": pp18}),
        "meeting as text": ("délégué", {"meeting": str(pp18)}),
        "country": ("délégué", {"country": "CAN"}),
        "country lower-case": ("délégué", {"country": "can"}),
        "group org": ("délégué", {"group": "CEPT"}),
        "group slug": ("délégué", {"group": "african-group"}),
        "kind": ("projet", {"kind": "adopted"}),
        "reading": ("projet", {"reading": "first"}),
        "text": ("projet", {"text": "Resolution 130 (Rev. Dubai, 2018)"}),
        "from": ("délégué", {"date_from": "2018-01-01"}),
        "to": ("délégué", {"date_to": "2017-12-31"}),
    }
    for name, (q, flt) in cases.items():
        everything = ids(analyse.search(seeded, q, limit=1000))
        narrowed = ids(analyse.search(seeded, q, limit=1000, **flt))
        assert narrowed and narrowed < everything, name
        if "meeting" in flt or "date_from" in flt:
            assert {mid for mid, _ in narrowed} == {pp18}, name
        if "date_to" in flt:
            assert pp18 not in {mid for mid, _ in narrowed}
    can = ids(analyse.search(seeded, "", country="CAN", limit=1000))
    assert {n for _, n in can} >= {"4.3", "6.15", "13.3"}
    adopted = analyse.search(seeded, "", kind="adopted", reading="first", limit=1000)
    assert all(any(o["kind"] == "adopted" and o["reading"] == "first" for o in r["outcomes"])
               for r in adopted["results"])


def test_unknown_filter_values_give_nothing(seeded: Archive) -> None:
    for flt in ({"country": "ZZZ"}, {"meeting": 999999}, {"meeting": "abc"},
                {"group": "nobody"}, {"kind": "bogus"}, {"reading": "third"},
                {"text": "Resolution 0"}, {"date_from": "2999-01-01"},
                {"date_to": "1900-01-01"}, {"country": "X" * 5000}):
        assert analyse.search(seeded, "délégué", **flt) == {"total": 0, "results": []}, flt


def test_paging(seeded: Archive) -> None:
    full = analyse.search(seeded, "délégué", limit=1000)
    pages = [analyse.search(seeded, "délégué", limit=7, offset=o)
             for o in range(0, full["total"], 7)]
    assert all(p["total"] == full["total"] for p in pages)
    flat = [(r["meeting"]["id"], r["position"]) for p in pages for r in p["results"]]
    assert flat == [(r["meeting"]["id"], r["position"]) for r in full["results"]]
    assert analyse.search(seeded, "délégué", limit="x", offset=None)["results"]


def test_empty_query(seeded: Archive) -> None:
    assert analyse.search(seeded, "") == {"total": 0, "results": []}
    assert analyse.search(seeded, "  !? ") == {"total": 0, "results": []}
    listed = analyse.search(seeded, "", kind="elected", limit=1000)
    assert listed["total"] >= 1
    assert all(not s["hit"] for r in listed["results"] for s in r["snippet"])


# --- a page whatever the number of matches (issue 14) -----------------------------------------

def places(found: dict) -> list[tuple[int, int]]:
    return [(r["meeting"]["id"], r["position"]) for r in found["results"]]


def test_matches_are_ranked_in_tiers_of_the_newest(seeded: Archive,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    everything = analyse.search(seeded, "délégué", limit=1000)
    monkeypatch.setattr(store_search, "RANK_WINDOW", 5)
    tiered = analyse.search(seeded, "délégué", limit=1000)
    assert sorted(places(tiered)) == sorted(places(everything))  # the same results
    assert tiered["total"] == everything["total"] and "total_estimated" not in tiered
    # The first tier: the five newest matches (seed 002 is stored after 000; a record's
    # paragraphs are stored in document order), best ranked first.
    newest = sorted(places(everything), key=lambda p: (p[0] == ids_of(seeded)["000"], -p[1]))
    assert set(places(tiered)[:5]) == set(newest[:5])
    pages = [analyse.search(seeded, "délégué", limit=3, offset=o)
             for o in range(0, tiered["total"], 3)]
    assert [p for page in pages for p in places(page)] == places(tiered)


def ids_of(archive: Archive) -> dict[str, int]:
    """Meeting ids by seed prefix (000 has session Council 2017, 002 PP-18)."""
    return {"000" if m["session"] != "PP-18" else "002": m["id"]
            for m in analyse.meetings(archive)}


def test_total_beyond_the_cap_is_an_estimate(seeded: Archive,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    exact = analyse.search(seeded, "délégué", limit=1000)["total"]
    with_filter = analyse.search(seeded, "délégué", country="CAN", limit=1000)["total"]
    listed = analyse.search(seeded, "", kind="adopted", limit=1000)["total"]
    dated = analyse.search(seeded, "", date_from="2018-01-01", limit=1000)["total"]
    monkeypatch.setattr(store_search, "RANK_WINDOW", 5)
    monkeypatch.setattr(store_search, "COUNT_CAP", 30)
    monkeypatch.setattr(store_search, "LISTING_CAP", 30)
    found = analyse.search(seeded, "délégué", limit=3)
    assert found["total_estimated"] is True and len(found["results"]) == 3
    assert exact / 3 <= found["total"] <= exact * 3
    narrowed = analyse.search(seeded, "délégué", country="CAN", limit=3)
    if with_filter > 5:  # more than a tier: estimated from the share of matches kept
        assert narrowed["total_estimated"] is True
        assert 3 <= narrowed["total"] <= exact
    counted = analyse.search(seeded, "", kind="adopted", limit=3)
    assert counted.get("total_estimated", False) is (listed > 30)
    assert dated > 30  # a listing of more rows than are counted: an estimate
    listing = analyse.search(seeded, "", date_from="2018-01-01", limit=3)
    assert listing["total_estimated"] is True and dated / 3 <= listing["total"] <= dated * 3
    # The last page says the exact total, estimated or not before it.
    last = analyse.search(seeded, "délégué", limit=1000)
    assert last["total"] == exact and "total_estimated" not in last


def test_search_index_migrations(store_url: str) -> None:
    """Migrations 0005 and 0007 add search's indexes to an archive at 0004 (and drop them)."""
    from alembic import command

    from plenary.store import engine as engines
    from plenary.store import migrate

    engine = engines.create(engines.normalise_url(store_url))
    try:
        migrate.upgrade(engine, "0004")
        with Archive.open(store_url) as archive:
            archive.add_record(record_of("000"))
            assert analyse.search(archive, "Canazza")["total"] >= 1
        assert search_indexes(engine) == {"ix_meetings_language",
                                          "ix_interventions_actor_role_paragraph"}
        with engine.connect().execution_options(plenary_write=True) as conn, conn.begin():
            cfg = migrate.config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
        assert search_indexes(engine) == set()
        with Archive.open(store_url) as archive:  # and up again, the records untouched
            assert analyse.search(archive, "", country="LTU")["total"] >= 1
    finally:
        engine.dispose()


def search_indexes(engine) -> set[str]:
    from sqlalchemy import inspect

    found = set()
    for table in ("meetings", "interventions"):
        found |= {i["name"] for i in inspect(engine).get_indexes(table)}
    return found & {"ix_meetings_language", "ix_interventions_actor_role_paragraph"}
