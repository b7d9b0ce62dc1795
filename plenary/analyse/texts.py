"""A text's history: every paragraph that mentions it or records an outcome on it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..store import Archive
from ..store.writer import OUTCOME_OBJECTS, OUTCOMES, PARAGRAPHS, TEXT_MENTIONS, TEXTS
from .common import OUTCOME_COLUMNS, PLACE_COLUMNS, outcome_dicts, place, with_place


def text_history(archive: Archive, label: str) -> dict[str, Any] | None:
    """`{"label", "kind", "number", "revised", "place", "year", "events"}`; None if unknown.

    Events are in meeting-date then paragraph order: an `outcome` event for each outcome on
    the text, else a `mention` event for a paragraph naming it. Each: `{"meeting", "item",
    "number", "position", "type", "outcome", "text"}` (`text`: the paragraph's text).
    """
    if not isinstance(label, str) or not label or len(label) > 500:
        return None
    with archive.read() as conn:
        t = conn.execute(select(TEXTS).where(TEXTS.c.label == label)).first()
        if t is None:
            return None
        order = ("meeting_date", "meeting_id", "paragraph_position")
        mentioned = conn.execute(with_place(
            select(*PLACE_COLUMNS, PARAGRAPHS.c.text).select_from(TEXT_MENTIONS)
            .join(PARAGRAPHS, PARAGRAPHS.c.id == TEXT_MENTIONS.c.paragraph_id)
        ).where(TEXT_MENTIONS.c.text_id == t.id).distinct().order_by(*order)).all()
        decided = conn.execute(with_place(
            select(*PLACE_COLUMNS, PARAGRAPHS.c.text, *OUTCOME_COLUMNS).select_from(OUTCOMES)
            .join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
        ).where(OUTCOMES.c.id.in_(
            select(OUTCOME_OBJECTS.c.outcome_id).where(OUTCOME_OBJECTS.c.text_id == t.id)
        )).order_by(*order, OUTCOMES.c.position)).all()
        outcomes = outcome_dicts(conn, decided)
    events: list[tuple[tuple, dict[str, Any]]] = []
    with_outcome = {r.paragraph_id for r in decided}
    for r in mentioned:
        if r.paragraph_id not in with_outcome:
            events.append((_key(r, -1), {**place(r), "type": "mention", "outcome": None,
                                         "text": r.text}))
    for r in decided:
        events.append((_key(r, r.position), {**place(r), "type": "outcome",
                                             "outcome": outcomes[r.id], "text": r.text}))
    events.sort(key=lambda e: e[0])
    return {
        "label": t.label, "kind": t.kind, "number": t.number, "revised": bool(t.revised),
        "place": t.place, "year": t.year, "events": [e for _, e in events],
    }


def _key(row: Any, position: int) -> tuple:
    return (row.meeting_date is None, row.meeting_date or "", row.meeting_id,
            row.paragraph_position, position)
