"""Deep pages of search (issue 14): a page past the first tier of the newest matches counts the
tiers before it without ranking them, and names the same paragraphs, in the same order, as the
whole ranked list does, on SQLite and PostgreSQL, with versions and filters.

The archive: five meetings of the two seeds, two of them also stored in English (the first's
English version last, so that its paragraphs are the newest matches while their French ones
sit in the oldest tiers), and in one meeting a paragraph number given twice. `RANK_WINDOW` is
made small so that the pages walk through many tiers.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import english_version, varied_record

from plenary import analyse
from plenary.store import Archive
from plenary.store import search as store_search
from plenary.store.filters import Filters
from plenary.store.writer import MEETINGS

WINDOW = 7
QUERIES = ["délégué", "adopté", "conseil", "résolution adoptée"]


def _fill(archive: Archive, versions: bool) -> None:
    """The five meetings (see the module's docstring); with `versions`, two English ones."""
    records = [varied_record("000" if i % 2 else "002", i, symbol=f"D/{i}", session=f"Deep {i}")
               for i in range(5)]
    numbered = [p for item in records[2].items for p in item.paragraphs if p.number]
    numbered[5].number = numbered[4].number  # a number given twice in one version
    for i, record in enumerate(records):
        archive.add_record(record)
        if versions and i == 3:
            archive.add_record(english_version(record, i))
    if versions:
        archive.add_record(english_version(records[0], 0))


def _filter_sets(archive: Archive) -> list[dict[str, Any]]:
    with archive.read() as conn:
        sitting = conn.execute(MEETINGS.select().where(MEETINGS.c.number == 1003)).first()
    return [{}, {"country": "CAN"}, {"kind": "adopted"}, {"language": "en"},
            {"meeting": sitting.sitting_id}, {"date_from": "2019-03-01"}]


def _whole(archive: Archive, q: str, filters: Filters) -> store_search.Hits:
    """Every match in result order: the first page of them all, every tier ranked."""
    with archive.read() as conn:
        whole = store_search.find(conn, q, filters, limit=store_search.MAX_LIMIT)
    assert not whole.estimated and whole.total == len(whole.ids) < store_search.MAX_LIMIT
    return whole


def _walk(archive: Archive, q: str, filters: Filters, limit: int
          ) -> list[tuple[int, store_search.Hits]]:
    """Every page of `limit` (offset, hits), from the first to the first empty one."""
    pages, offset = [], 0
    with archive.read() as conn:
        while True:
            hits = store_search.find(conn, q, filters, limit=limit, offset=offset)
            pages.append((offset, hits))
            if not hits.ids:
                return pages
            offset += limit


@pytest.mark.parametrize("versions", [True, False], ids=["versions", "one-version"])
def test_every_page_is_the_slice_of_the_whole_ranked_list(
        store_url: str, versions: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_search, "RANK_WINDOW", WINDOW)
    with Archive.open(store_url) as archive:
        _fill(archive, versions)
        deep = 0
        for filters in _filter_sets(archive):
            for q in QUERIES:
                chosen = Filters(**filters)
                whole = _whole(archive, q, chosen)
                for limit in (3, WINDOW, 20):
                    pages = _walk(archive, q, chosen, limit)
                    walked = [i for _, hits in pages for i in hits.ids]
                    assert walked == whole.ids, (q, filters, limit)
                    for offset, hits in pages:
                        assert hits.ids == whole.ids[offset:offset + limit]
                        assert hits.total >= offset + len(hits.ids) or not hits.ids
                        if not hits.estimated:
                            assert hits.total == whole.total, (q, filters, limit, offset)
                    deep += sum(1 for offset, hits in pages if offset >= WINDOW and hits.ids)
        assert deep > 100  # most pages were deep ones


def test_a_paragraph_in_two_versions_is_named_once_in_its_newest_tier(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first meeting's English version is stored last: its paragraphs are named in the
    first tiers, and never again in the deep pages where their French ones are read."""
    monkeypatch.setattr(store_search, "RANK_WINDOW", WINDOW)
    with Archive.open(store_url) as archive:
        _fill(archive, versions=True)
        whole = _whole(archive, "délégué", Filters())
        found = analyse.search(archive, "délégué", limit=store_search.MAX_LIMIT)
        places = [(r["meeting"]["id"], r["number"] or r["position"]) for r in found["results"]]
        assert len(places) == len(set(places)) == whole.total
        first = found["results"][0]["meeting"]
        assert first["language"] == "en"
        paged = [r for offset in range(0, whole.total, 5)
                 for r in analyse.search(archive, "délégué", limit=5, offset=offset)["results"]]
        assert [(r["meeting"]["id"], r["meeting"]["language"], r["position"]) for r in paged] \
            == [(r["meeting"]["id"], r["meeting"]["language"], r["position"])
                for r in found["results"]]


def test_a_page_past_every_match_is_empty(store_url: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_search, "RANK_WINDOW", WINDOW)
    with Archive.open(store_url) as archive:
        _fill(archive, versions=True)
        whole = _whole(archive, "délégué", Filters())
        with archive.read() as conn:
            for offset in (whole.total, whole.total + 1, whole.total + 3 * WINDOW):
                hits = store_search.find(conn, "délégué", Filters(), limit=10, offset=offset)
                assert hits.ids == [] and hits.total == whole.total
            empty = store_search.find(conn, "délégué", Filters(), limit=0, offset=2 * WINDOW)
            assert empty.ids == [] and empty.total >= 2 * WINDOW


def test_tiers_counted_in_several_reads_are_counted_once() -> None:
    """The tier counter, given the rows read so far each time (SQLite reads on from the
    last row, a tier cut anywhere), counts as it would the whole read at once."""
    from collections import namedtuple

    light = namedtuple("light", "id meeting_id pkey")
    rows = [light(1000 - i, i % 7, str(i % 150)) for i in range(1000)]
    versions = {0: 1, 1: 1, 2: 2}  # meetings 0 and 1: two versions of sitting 1
    whole = store_search._TierCounter(True, versions)(rows)
    assert len(whole) < len(rows) and len(whole.counts) == 5
    for cuts in ([400, 1000], [123, 555, 1000], [1, 2, 3, 999, 1000]):
        counter = store_search._TierCounter(True, versions)
        for n in cuts:
            tiers = counter(rows[:n])
        assert (tiers.counts, tiers.first) == (whole.counts, whole.first), cuts
