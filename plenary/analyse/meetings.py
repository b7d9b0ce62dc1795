"""The list of meetings, and one meeting's record exactly as parsed."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from ..store import Archive
from ..store.filters import meeting_id
from ..store.writer import ITEMS, MEETINGS, OUTCOMES, PARAGRAPHS


def _count(table: Any) -> Any:
    return (select(func.count()).select_from(table)
            .where(table.c.meeting_id == MEETINGS.c.id).scalar_subquery())


def meetings(archive: Archive) -> list[dict[str, Any]]:
    """Every stored meeting with its header facts and sizes, by date then number."""
    m = MEETINGS.c
    stmt = select(
        m.id, m.symbol, m.body, m.session, m.number, m.title, m.date, m.start, m.end,
        m.language, m.source_name,
        _count(ITEMS).label("items"), _count(PARAGRAPHS).label("paragraphs"),
        _count(OUTCOMES).label("outcomes"),
    ).order_by(m.date.is_(None), m.date, m.number.is_(None), m.number, m.id)
    with archive.read() as conn:
        rows = conn.execute(stmt).all()
    return [
        {
            "id": r.id, "symbol": r.symbol, "body": r.body, "session": r.session,
            "number": r.number, "title": r.title, "date": r.date, "start": r.start,
            "end": r.end, "language": r.language, "source": r.source_name,
            "items": r.items, "paragraphs": r.paragraphs, "outcomes": r.outcomes,
        }
        for r in rows
    ]


def meeting(archive: Archive, meeting_id_: Any) -> dict[str, Any] | None:
    """The record of a meeting as parsed (contract JSON), plus its `id`; None if unknown."""
    mid = meeting_id(meeting_id_)
    if mid is None:
        return None
    with archive.read() as conn:
        raw = conn.execute(select(MEETINGS.c.record_json).where(MEETINGS.c.id == mid)).scalar()
    if raw is None:
        return None
    return {"id": mid, **json.loads(raw)}
