"""The delegations that took part, for an index page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from ..store import Archive
from ..store.writer import ACTORS, INTERVENTIONS


def countries_index(archive: Archive) -> list[dict[str, Any]]:
    """`[{"country", "interventions", "speaker", "supporter", "meetings"}]` by country code."""
    c = ACTORS.c.country
    stmt = (
        select(
            c.label("country"),
            func.count().label("n"),
            func.sum(case((INTERVENTIONS.c.role == "speaker", 1), else_=0)).label("speaker"),
            func.count(INTERVENTIONS.c.meeting_id.distinct()).label("meetings"),
        )
        .select_from(INTERVENTIONS)
        .join(ACTORS, ACTORS.c.id == INTERVENTIONS.c.actor_id)
        .where(c.is_not(None))
        .group_by(c)
        .order_by(c)
    )
    with archive.read() as conn:
        return [
            {"country": r.country, "interventions": r.n, "speaker": int(r.speaker or 0),
             "supporter": r.n - int(r.speaker or 0), "meetings": r.meetings}
            for r in conn.execute(stmt)
        ]
