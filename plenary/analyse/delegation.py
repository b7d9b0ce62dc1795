"""A delegation's profile: a country's interventions (a page at a time), its activity per
meeting and its partners (both counted in SQL, never from the whole list)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from ..store import Archive
from ..store.writer import ACTORS, INTERVENTIONS, ITEMS, MEETINGS, PARAGRAPHS, SITTINGS
from .common import (
    OPPOSER,
    PLACE_COLUMNS,
    SPEAKER,
    SUPPORTER,
    Interventions,
    count_of,
    paged,
    place,
    role_count,
    role_counts,
    with_place,
)


def _of_country(code: str) -> Any:
    return select(ACTORS.c.id).where(ACTORS.c.country == code)


def _query(code: str) -> Select:
    return with_place(
        select(*PLACE_COLUMNS, INTERVENTIONS.c.id.label("iid"), INTERVENTIONS.c.role.label("as_"),
               ITEMS.c.title.label("item_title"), PARAGRAPHS.c.text.label("paragraph_text"),
               SITTINGS.c.session.label("meeting_session"))
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

    `{"country", "total", "speaker", "supporter", "interventions": [{"meeting", "session",
    "item", "item_title", "number", "position", "text", "role", "as", "on_behalf_of",
    "supported_by", "supported"}], "activity": [{"meeting_id", "date", "title", "speaker",
    "supporter"}], "sessions": [{"session", "speaker", "supporter", "meetings"}], "partners":
    [{"country", "count"}], "supported": [...], "supporters": [{"country", "count",
    "evidence": [{"meeting", "number", "position"}]}]}`: `interventions` is one page (`limit`
    from `offset`; all without a limit), the rest covers every intervention. `supported` are
    the countries whose speakers it supported, `supporters` those that supported its
    speakers, each with the paragraphs behind it; `partners` both summed. Most frequent first.
    Each meeting counts once (its reference version).
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
        sessions = _sessions(conn, code)
        supporters = _support(conn, code, they_supported_it=True)
        supported = _support(conn, code, they_supported_it=False)
    counts = {role: sum(a[role] for a in activity) for role in (SPEAKER, SUPPORTER, OPPOSER)}
    return {
        "country": code, "total": total, **counts,
        "interventions": [_intervention(r, tree) for r in rows],
        "activity": activity, "sessions": sessions,
        "partners": _partners(supporters, supported),
        "supporters": supporters, "supported": supported,
    }


def _intervention(r: Any, tree: Interventions) -> dict[str, Any]:
    actor = tree.by_id[r.iid]
    supported: list[dict[str, Any]] = []  # the speaker it supported, or opposed
    target = tree.rows[r.iid].supports_id
    if r.as_ in (SUPPORTER, OPPOSER) and target in tree.by_id:
        supported = [{**tree.by_id[target], "supported_by": [], "opposed_by": []}]
    return {
        **place(r), "session": r.meeting_session, "item_title": r.item_title,
        "text": r.paragraph_text, "role": actor["role"], "name": actor["name"], "as": r.as_,
        "on_behalf_of": actor["on_behalf_of"], "supported_by": actor["supported_by"],
        "opposed_by": actor["opposed_by"],
        "supported": supported if r.as_ == SUPPORTER else [],
        "opposed": supported if r.as_ == OPPOSER else [],
    }


def _activity(conn: Any, code: str) -> list[dict[str, Any]]:
    """Interventions per meeting as speaker and as supporter, by date."""
    i, m, st = INTERVENTIONS.c, MEETINGS.c, SITTINGS.c
    stmt = (select(m.sitting_id, m.date, m.title, st.label, *_role_columns())
            .select_from(INTERVENTIONS).join(MEETINGS, m.id == i.meeting_id)
            .join(SITTINGS, st.id == m.sitting_id)
            .where(i.actor_id.in_(_of_country(code)), m.reference.is_(True))
            .group_by(m.sitting_id, m.date, m.title, st.label)
            .order_by(m.date.is_(None), m.date, m.sitting_id))
    # `label`: the file a record without a header was read from (its name in lists)
    return [{"meeting_id": r.sitting_id, "date": r.date, "title": r.title, "label": r.label,
             **role_counts(r)} for r in conn.execute(stmt)]


def _role_columns() -> list[Any]:
    return [role_count(role).label(role) for role in (SPEAKER, SUPPORTER, OPPOSER)]


def _sessions(conn: Any, code: str) -> list[dict[str, Any]]:
    """Interventions per session (as speaker and supporter) and meetings attended."""
    i, m, st = INTERVENTIONS.c, MEETINGS.c, SITTINGS.c
    stmt = (select(st.session, func.min(m.date).label("first"), *_role_columns(),
                   func.count(m.sitting_id.distinct()).label("meetings"))
            .select_from(INTERVENTIONS).join(MEETINGS, m.id == i.meeting_id)
            .join(SITTINGS, st.id == m.sitting_id)
            .where(i.actor_id.in_(_of_country(code)), m.reference.is_(True))
            .group_by(st.session))
    rows = sorted(conn.execute(stmt), key=lambda r: (r.first or "", r.session or ""))
    return [{"session": r.session, **role_counts(r), "meetings": r.meetings} for r in rows]


def _support(conn: Any, code: str, they_supported_it: bool) -> list[dict[str, Any]]:
    """Countries that supported the country's speakers (`they_supported_it`), or whose
    speakers it supported, with every paragraph behind each, most frequent first."""
    mine, other = INTERVENTIONS.alias("mine"), INTERVENTIONS.alias("other")
    a = ACTORS.alias("a")
    on = ((other.c.supports_id == mine.c.id) & (other.c.role == SUPPORTER)) if they_supported_it \
        else ((other.c.id == mine.c.supports_id) & (mine.c.role == SUPPORTER))
    stmt = (select(a.c.country, MEETINGS.c.sitting_id, MEETINGS.c.date, PARAGRAPHS.c.number,
                   PARAGRAPHS.c.position)
            .select_from(mine).join(other, on)
            .join(a, a.c.id == other.c.actor_id)
            .join(PARAGRAPHS, PARAGRAPHS.c.id == mine.c.paragraph_id)
            .join(MEETINGS, MEETINGS.c.id == mine.c.meeting_id)
            .where(mine.c.actor_id.in_(_of_country(code)), MEETINGS.c.reference.is_(True),
                   a.c.country.is_not(None), a.c.country != code)
            .distinct()
            .order_by(MEETINGS.c.date, MEETINGS.c.sitting_id, PARAGRAPHS.c.position))
    found: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(stmt):
        found.setdefault(r.country, []).append(
            {"meeting": r.sitting_id, "date": r.date, "number": r.number,
             "position": r.position})
    return [{"country": c, "count": len(ev), "evidence": ev}
            for c, ev in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def _partners(*lists: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Countries it supported or that supported it, counts summed, most frequent first."""
    counted: dict[str, int] = {}
    for rows in lists:
        for r in rows:
            counted[r["country"]] = counted.get(r["country"], 0) + r["count"]
    return [{"country": c, "count": n}
            for c, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))]
