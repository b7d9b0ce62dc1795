"""A delegation's profile: every intervention of a country, its activity and partners."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from ..store import Archive
from ..store.writer import ACTORS, INTERVENTIONS, PARAGRAPHS
from .common import PLACE_COLUMNS, Interventions, place, with_place


def delegation(archive: Archive, iso3: str) -> dict[str, Any] | None:
    """Every intervention (as speaker or supporter) of a country; None when it has none.

    `{"country", "interventions": [{"meeting", "item", "number", "position", "role", "as",
    "on_behalf_of", "supported_by", "supported"}], "activity": [{"meeting_id", "date",
    "title", "speaker", "supporter"}], "partners": [{"country", "count"}]}`. Partners are the
    countries it supported or that supported it, most frequent first.
    """
    if not isinstance(iso3, str) or not iso3.strip() or len(iso3) > 10:
        return None
    code = iso3.strip().upper()
    stmt = with_place(
        select(*PLACE_COLUMNS, INTERVENTIONS.c.id.label("iid"), INTERVENTIONS.c.role.label("as_"))
        .select_from(INTERVENTIONS)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == INTERVENTIONS.c.paragraph_id)
    ).where(
        INTERVENTIONS.c.actor_id.in_(select(ACTORS.c.id).where(ACTORS.c.country == code))
    ).order_by("meeting_date", "meeting_id", "paragraph_position", "as_", INTERVENTIONS.c.position)
    with archive.read() as conn:
        rows = conn.execute(stmt).all()
        if not rows:
            return None
        tree = Interventions(conn, {r.paragraph_id for r in rows})
    interventions = []
    activity: dict[int, dict[str, Any]] = {}
    partners: Counter[str] = Counter()
    for r in rows:
        actor = tree.by_id[r.iid]
        supported: list[dict[str, Any]] = []
        if r.as_ == "supporter":
            target = tree.rows[r.iid].supports_id
            if target in tree.by_id:
                supported = [{**tree.by_id[target], "supported_by": []}]
        interventions.append({
            **place(r),
            "role": actor["role"],
            "as": r.as_,
            "on_behalf_of": actor["on_behalf_of"],
            "supported_by": actor["supported_by"],
            "supported": supported,
        })
        act = activity.setdefault(r.meeting_id, {
            "meeting_id": r.meeting_id, "date": r.meeting_date, "title": r.meeting_title,
            "speaker": 0, "supporter": 0,
        })
        act[r.as_] += 1
        for other in actor["supported_by"] + supported:
            if other["country"] and other["country"] != code:
                partners[other["country"]] += 1
    return {
        "country": code,
        "interventions": interventions,
        "activity": list(activity.values()),
        "partners": [{"country": c, "count": n}
                     for c, n in sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))],
    }
