"""Who supports whom: support edges between countries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, func, select

from ..store import Archive
from ..store.filters import meeting_id
from ..store.writer import ACTORS, INTERVENTIONS, MEETINGS
from .common import reference_versions


def network(archive: Archive, meeting: Any = None) -> list[dict[str, Any]]:
    """`[{"supporter", "supported", "count"}]` between countries, most frequent first."""
    sup = INTERVENTIONS.alias("sup")
    spk = INTERVENTIONS.alias("spk")
    a_sup = ACTORS.alias("a_sup")
    a_spk = ACTORS.alias("a_spk")
    n = func.count().label("n")
    stmt = (
        select(a_sup.c.country.label("supporter"), a_spk.c.country.label("supported"), n)
        .select_from(sup)
        .join(spk, spk.c.id == sup.c.supports_id)
        .join(a_sup, a_sup.c.id == sup.c.actor_id)
        .join(a_spk, a_spk.c.id == spk.c.actor_id)
        .where(sup.c.role == "supporter", a_sup.c.country.is_not(None),
               a_spk.c.country.is_not(None), a_sup.c.country != a_spk.c.country)
        .group_by(a_sup.c.country, a_spk.c.country)
        .order_by(n.desc(), a_sup.c.country, a_spk.c.country)
    )
    versions = reference_versions()
    if meeting not in (None, ""):
        mid = meeting_id(meeting)
        versions = versions.where(MEETINGS.c.sitting_id == mid if mid is not None else false())
    stmt = stmt.where(sup.c.meeting_id.in_(versions))
    with archive.read() as conn:
        return [{"supporter": r.supporter, "supported": r.supported, "count": r.n}
                for r in conn.execute(stmt)]
