"""Search paragraphs: results with their place, speakers, outcomes and a snippet."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..store import Archive
from ..store.filters import Filters
from ..store.search import find
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
    """
    q = q[:MAX_QUERY] if isinstance(q, str) else ""
    filters = Filters(meeting, country, group, kind, reading, text, date_from, date_to, language)
    with archive.read() as conn:
        hits = find(conn, q, filters, as_int(limit, 50), as_int(offset, 0))
        if not hits.ids:
            return {"total": hits.total, "results": []}
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
    return {"total": hits.total, "results": results}
