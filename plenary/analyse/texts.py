"""A text's history: every paragraph that mentions it or records an outcome on it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, cast, func, literal, null, select, union_all

from ..store import Archive
from ..store.writer import OUTCOME_OBJECTS, OUTCOMES, PARAGRAPHS, TEXT_MENTIONS, TEXTS
from .common import PLACE_COLUMNS, outcome_dicts, paged, place, with_place


def _events(text_id: int) -> Any:
    """Mentions (a paragraph naming the text without deciding on it) and outcomes on it, as
    one select in order."""
    decided_here = (select(OUTCOMES.c.paragraph_id).join(
        OUTCOME_OBJECTS, OUTCOME_OBJECTS.c.outcome_id == OUTCOMES.c.id)
        .where(OUTCOME_OBJECTS.c.text_id == text_id))
    on_text = select(OUTCOME_OBJECTS.c.outcome_id).where(OUTCOME_OBJECTS.c.text_id == text_id)
    mentioned = with_place(
        select(*PLACE_COLUMNS, PARAGRAPHS.c.text, literal("mention").label("type"),
               cast(null(), Integer).label("outcome_id"), literal(-1).label("pos"))
        .select_from(TEXT_MENTIONS)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == TEXT_MENTIONS.c.paragraph_id)
    ).where(TEXT_MENTIONS.c.text_id == text_id,
            PARAGRAPHS.c.id.not_in(decided_here)).distinct()
    decided = with_place(
        select(*PLACE_COLUMNS, PARAGRAPHS.c.text, literal("outcome").label("type"),
               OUTCOMES.c.id.label("outcome_id"), OUTCOMES.c.position.label("pos"))
        .select_from(OUTCOMES).join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
    ).where(OUTCOMES.c.id.in_(on_text))
    return union_all(mentioned, decided).subquery("events")


def text_history(archive: Archive, label: str, limit: int | None = None, offset: int = 0
                 ) -> dict[str, Any] | None:
    """`{"label", "kind", "number", "revised", "place", "year", "total", "events"}`; None if
    unknown.

    Events are in meeting-date then paragraph order (a page of them with `limit`; `total`
    counts them all): an `outcome` event for each outcome on the text, else a `mention`
    event for a paragraph naming it. Each: `{"meeting", "item", "number", "position",
    "type", "outcome", "text"}` (`text`: the paragraph's text). Each meeting counts once.
    """
    if not isinstance(label, str) or not label or len(label) > 500:
        return None
    with archive.read() as conn:
        t = conn.execute(select(TEXTS).where(TEXTS.c.label == label)).first()
        if t is None:
            return None
        events = _events(t.id)
        total = conn.execute(select(func.count()).select_from(events)).scalar_one()
        page = conn.execute(paged(select(events).order_by(
            events.c.meeting_date.is_(None), events.c.meeting_date, events.c.meeting_id,
            events.c.paragraph_position, events.c.pos), limit, offset)).all()
        ids = [r.outcome_id for r in page if r.outcome_id is not None]
        rows = conn.execute(select(OUTCOMES).where(OUTCOMES.c.id.in_(ids))).all() if ids else []
        outcomes = outcome_dicts(conn, rows)
    return {
        "label": t.label, "kind": t.kind, "number": t.number, "revised": bool(t.revised),
        "place": t.place, "year": t.year, "total": total,
        "events": [{**place(r), "type": r.type,
                    "outcome": outcomes.get(r.outcome_id) if r.outcome_id else None,
                    "text": r.text} for r in page],
    }
