"""The register of decisions: every outcome, filtered, a page at a time or streamed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, select

from ..store import Archive
from ..store.filters import Filters, outcome_conditions
from ..store.writer import OUTCOMES, PARAGRAPHS
from .common import (
    OUTCOME_COLUMNS,
    PLACE_COLUMNS,
    count_of,
    outcome_dicts,
    paged,
    place,
    with_place,
)

STREAM_CHUNK = 1000


def _query(filters: Filters) -> Select:
    """Outcomes of the reference versions, in meeting-date then paragraph order."""
    return with_place(
        select(*PLACE_COLUMNS, *OUTCOME_COLUMNS).select_from(OUTCOMES)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
    ).where(*outcome_conditions(filters)).order_by(
        "meeting_date", "meeting_id", "paragraph_position", OUTCOMES.c.position
    )


def _filters(meeting: Any = None, kind: Any = None, reading: Any = None, text: Any = None,
             country: Any = None, group: Any = None, date_from: Any = None,
             date_to: Any = None, language: Any = None) -> Filters:
    return Filters(meeting, country, group, kind, reading, text, date_from, date_to, language)


def decisions(archive: Archive, *, limit: int | None = None, offset: int = 0,
              **filters: Any) -> list[dict[str, Any]]:
    """Outcomes in meeting-date then paragraph order (a page of them with `limit`):
    `{"meeting", "item", "number", "position", "kind", "objects", "reading", "as_amended",
    "conditional", "refers_to", "person", "post", "method", "votes"}`. Filters: `meeting`,
    `kind`, `reading`, `text`, `country`, `group`, `date_from`, `date_to`."""
    stmt = paged(_query(_filters(**filters)), limit, offset)
    with archive.read() as conn:
        rows = conn.execute(stmt).all()
        outcomes = outcome_dicts(conn, rows)
    return [{**place(r), **outcomes[r.id]} for r in rows]


def decisions_total(archive: Archive, **filters: Any) -> int:
    """How many outcomes the filters select."""
    with archive.read() as conn:
        return conn.execute(count_of(_query(_filters(**filters)))).scalar_one()


def iter_decisions(archive: Archive, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every outcome the filters select, as `decisions` gives them, read a chunk at a time
    from one snapshot (for a streamed download: the whole list is never built)."""
    with archive.read() as conn:
        result = conn.execution_options(stream_results=True,
                                        yield_per=STREAM_CHUNK).execute(
            _query(_filters(**filters)))
        while rows := result.fetchmany(STREAM_CHUNK):
            outcomes = outcome_dicts(conn, rows)
            for r in rows:
                yield {**place(r), **outcomes[r.id]}
