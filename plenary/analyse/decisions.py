"""The register of decisions: every outcome, filtered."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..store import Archive
from ..store.filters import Filters, outcome_conditions
from ..store.writer import OUTCOMES, PARAGRAPHS
from .common import OUTCOME_COLUMNS, PLACE_COLUMNS, outcome_dicts, place, with_place


def decisions(
    archive: Archive,
    *,
    meeting: Any = None,
    kind: Any = None,
    reading: Any = None,
    text: Any = None,
    country: Any = None,
    group: Any = None,
    date_from: Any = None,
    date_to: Any = None,
) -> list[dict[str, Any]]:
    """Outcomes in meeting-date then paragraph order: `{"meeting", "item", "number",
    "position", "kind", "objects", "reading", "as_amended", "conditional", "refers_to",
    "person", "post", "method", "votes"}`."""
    filters = Filters(meeting, country, group, kind, reading, text, date_from, date_to)
    stmt = with_place(
        select(*PLACE_COLUMNS, *OUTCOME_COLUMNS).select_from(OUTCOMES)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
    ).where(*outcome_conditions(filters)).order_by(
        "meeting_date", "meeting_id", "paragraph_position", OUTCOMES.c.position
    )
    with archive.read() as conn:
        rows = conn.execute(stmt).all()
        outcomes = outcome_dicts(conn, rows)
    return [{**place(r), **outcomes[r.id]} for r in rows]
