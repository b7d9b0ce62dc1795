"""Search paragraphs: results with their place, speakers, outcomes and a snippet."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..store import Archive
from ..store.filters import Filters
from ..store.search import Hits, find
from ..store.terms import snippet
from ..store.writer import MEETINGS, PARAGRAPHS
from .common import PLACE_COLUMNS, Interventions, as_int, paragraph_outcomes, place, with_place

MAX_QUERY = 1000


def search(
    archive: Archive,
    q: str,
    *,
    meeting: Any = None,
    country: Any = None,
    group: Any = None,
    kind: Any = None,
    reading: Any = None,
    text: Any = None,
    date_from: Any = None,
    date_to: Any = None,
    language: Any = None,
    limit: Any = 50,
    offset: Any = 0,
) -> dict[str, Any]:
    """`{"total", "results"}`: paragraphs matching every word of `q` in any form.

    A paragraph matching in several language versions of a meeting is named once; `language`
    keeps one language's versions. Each result: `{"meeting": {"id", "title", "date",
    "symbol", "language"}, "item", "number",
    "position", "speakers", "outcomes", "snippet"}`; `snippet` is a list of
    `{"text", "hit"}` segments (plain text: escape it, mark the hits).

    A page costs the same whatever the number of matches (see `store.search`): the newest
    matches are ranked in tiers (of 200); when more matched than the page read, `total` may
    be an estimate, and `"total_estimated": true` says so (the key is absent when `total` is
    a count: always so when the page read every match, e.g. fewer than a tier).
    """
    q = q[:MAX_QUERY] if isinstance(q, str) else ""
    filters = Filters(meeting, country, group, kind, reading, text, date_from, date_to, language)
    with archive.read() as conn:
        hits = find(conn, q, filters, as_int(limit, 50), as_int(offset, 0))
        if not hits.ids:
            return _found(hits, [])
        rows = {
            r.paragraph_id: r
            for r in conn.execute(with_place(
                select(*PLACE_COLUMNS, PARAGRAPHS.c.text, MEETINGS.c.language)
                .select_from(PARAGRAPHS)
            , reference_only=False).where(PARAGRAPHS.c.id.in_(hits.ids)))
        }
        speakers = Interventions(conn, hits.ids).speakers
        outcomes = paragraph_outcomes(conn, hits.ids)
    results = []
    for pid in hits.ids:
        row = rows[pid]
        results.append({
            **place(row),
            "speakers": speakers.get(pid, []),
            "outcomes": outcomes.get(pid, []),
            "snippet": snippet(row.text, hits.groups, row.language),
        })
    return _found(hits, results)


def _found(hits: Hits, results: list[dict[str, Any]]) -> dict[str, Any]:
    """The answer: total and results, and `total_estimated` when the total is an estimate."""
    out: dict[str, Any] = {"total": hits.total, "results": results}
    if hits.estimated:
        out["total_estimated"] = True
    return out
