"""The delegations that took part, for an index page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ..store import Archive
from ..store.writer import ACTORS, INTERVENTIONS
from .common import (
    OPPOSER,
    SPEAKER,
    SUPPORTER,
    count_of,
    paged,
    reference_versions,
    role_count,
    role_counts,
)


def countries_index(archive: Archive, limit: int | None = None, offset: int = 0
                    ) -> list[dict[str, Any]]:
    """`[{"country", "interventions", "speaker", "supporter", "opposer", "meetings"}]` by code
    (a page of them with `limit`); each meeting counted once."""
    c = ACTORS.c.country
    stmt = (
        select(
            c.label("country"),
            func.count().label("n"),
            role_count(SPEAKER).label(SPEAKER), role_count(SUPPORTER).label(SUPPORTER),
            role_count(OPPOSER).label(OPPOSER),
            func.count(INTERVENTIONS.c.meeting_id.distinct()).label("meetings"),
        )
        .select_from(INTERVENTIONS)
        .join(ACTORS, ACTORS.c.id == INTERVENTIONS.c.actor_id)
        .where(c.is_not(None), INTERVENTIONS.c.meeting_id.in_(reference_versions()))
        .group_by(c)
        .order_by(c)
    )
    with archive.read() as conn:
        return [
            {"country": r.country, "interventions": r.n, **role_counts(r),
             "meetings": r.meetings}
            for r in conn.execute(paged(stmt, limit, offset))
        ]


def countries_total(archive: Archive) -> int:
    """How many countries have interventions."""
    stmt = (select(ACTORS.c.country).select_from(INTERVENTIONS)
            .join(ACTORS, ACTORS.c.id == INTERVENTIONS.c.actor_id)
            .where(ACTORS.c.country.is_not(None),
                   INTERVENTIONS.c.meeting_id.in_(reference_versions()))
            .distinct())
    with archive.read() as conn:
        return conn.execute(count_of(stmt)).scalar_one()
