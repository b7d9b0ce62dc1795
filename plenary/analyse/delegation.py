"""A delegation's profile: a country's interventions (a page at a time), its activity per
meeting and its partners (both counted in SQL, never from the whole list)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, func, select

from ..store import Archive
from ..store.writer import ACTORS, INTERVENTIONS, MEETINGS, PARAGRAPHS
from .common import (
    PLACE_COLUMNS,
    Interventions,
    count_of,
    paged,
    place,
    reference_versions,
    with_place,
)


def _of_country(code: str) -> Any:
    return select(ACTORS.c.id).where(ACTORS.c.country == code)


def _query(code: str) -> Select:
    return with_place(
        select(*PLACE_COLUMNS, INTERVENTIONS.c.id.label("iid"), INTERVENTIONS.c.role.label("as_"))
        .select_from(INTERVENTIONS)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == INTERVENTIONS.c.paragraph_id)
    ).where(INTERVENTIONS.c.actor_id.in_(_of_country(code))).order_by(
        "meeting_date", "meeting_id", "paragraph_position", "as_", INTERVENTIONS.c.position)


def _code(iso3: Any) -> str | None:
    if not isinstance(iso3, str) or not iso3.strip() or len(iso3) > 10:
        return None
    return iso3.strip().upper()


def delegation(archive: Archive, iso3: str, limit: int | None = None, offset: int = 0
               ) -> dict[str, Any] | None:
    """Interventions (as speaker or supporter) of a country; None when it has none.

    `{"country", "total", "speaker", "supporter", "interventions": [{"meeting", "item",
    "number", "position", "role", "as", "on_behalf_of", "supported_by", "supported"}],
    "activity": [{"meeting_id", "date", "title", "speaker", "supporter"}], "partners":
    [{"country", "count"}]}`: `interventions` is one page (`limit` from `offset`; all without
    a limit), the rest covers every intervention. Partners are the countries it supported or
    that supported it, most frequent first. Each meeting counts once (its reference version).
    """
    code = _code(iso3)
    if code is None:
        return None
    with archive.read() as conn:
        total = conn.execute(count_of(_query(code))).scalar_one()
        if not total:
            return None
        rows = conn.execute(paged(_query(code), limit, offset)).all()
        tree = Interventions(conn, {r.paragraph_id for r in rows})
        activity = _activity(conn, code)
        partners = _partners(conn, code)
    speaking = sum(a["speaker"] for a in activity)
    return {
        "country": code, "total": total, "speaker": speaking, "supporter": total - speaking,
        "interventions": [_intervention(r, tree) for r in rows],
        "activity": activity, "partners": partners,
    }


def _intervention(r: Any, tree: Interventions) -> dict[str, Any]:
    actor = tree.by_id[r.iid]
    supported: list[dict[str, Any]] = []
    if r.as_ == "supporter":
        target = tree.rows[r.iid].supports_id
        if target in tree.by_id:
            supported = [{**tree.by_id[target], "supported_by": []}]
    return {
        **place(r), "role": actor["role"], "as": r.as_,
        "on_behalf_of": actor["on_behalf_of"], "supported_by": actor["supported_by"],
        "supported": supported,
    }


def _activity(conn: Any, code: str) -> list[dict[str, Any]]:
    """Interventions per meeting as speaker and as supporter, by date."""
    i, m = INTERVENTIONS.c, MEETINGS.c
    speaker = func.sum(case((i.role == "speaker", 1), else_=0))
    stmt = (select(m.sitting_id, m.date, m.title, speaker.label("speaker"),
                   func.count().label("n"))
            .select_from(INTERVENTIONS).join(MEETINGS, m.id == i.meeting_id)
            .where(i.actor_id.in_(_of_country(code)), m.reference.is_(True))
            .group_by(m.sitting_id, m.date, m.title)
            .order_by(m.date.is_(None), m.date, m.sitting_id))
    return [{"meeting_id": r.sitting_id, "date": r.date, "title": r.title,
             "speaker": int(r.speaker or 0), "supporter": r.n - int(r.speaker or 0)}
            for r in conn.execute(stmt)]


def _partners(conn: Any, code: str) -> list[dict[str, Any]]:
    """Countries that supported the country's speakers, or that it supported."""
    mine, other = INTERVENTIONS.alias("mine"), INTERVENTIONS.alias("other")
    a = ACTORS.alias("a")
    counted: dict[str, int] = {}
    for mine_col, other_col in ((mine.c.id, other.c.supports_id),  # they supported it
                                (mine.c.supports_id, other.c.id)):  # it supported them
        stmt = (select(a.c.country, func.count().label("n"))
                .select_from(mine).join(other, other_col == mine_col)
                .join(a, a.c.id == other.c.actor_id)
                .where(mine.c.actor_id.in_(_of_country(code)),
                       mine.c.meeting_id.in_(reference_versions()),
                       a.c.country.is_not(None), a.c.country != code)
                .group_by(a.c.country))
        for r in conn.execute(stmt):
            counted[r.country] = counted.get(r.country, 0) + r.n
    return [{"country": c, "count": n}
            for c, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))]
