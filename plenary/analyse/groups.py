"""Groups and organisations as entities: who spoke on their behalf, and when.

A group (`african-group`, `arab-group`) or an organisation (`CEPT`, `CITEL`, `ATU`) appears in
the records as the one a delegate speaks for ("au nom de la CEPT") and, for an organisation,
as a speaker of its own. Counts take each meeting once (reference versions only).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from ..store import Archive
from ..store.writer import (
    ACTORS,
    INTERVENTIONS,
    ITEMS,
    MEETINGS,
    ON_BEHALF_OF,
    PARAGRAPHS,
    SITTINGS,
)
from .common import (
    PLACE_COLUMNS,
    REFERENCE,
    Interventions,
    count_of,
    paged,
    place,
    with_place,
)

GROUP_KINDS = ("group", "organization")


def _actors_of(code: str) -> Select:
    return select(ACTORS.c.id).where(ACTORS.c.code == code, ACTORS.c.kind.in_(GROUP_KINDS))


def _on_behalf(code: str) -> Select:
    """Every intervention made on the group's behalf, in meeting and paragraph order."""
    speaker = ACTORS.alias("speaker")
    return with_place(
        select(*PLACE_COLUMNS, INTERVENTIONS.c.id.label("iid"),
               INTERVENTIONS.c.role.label("as_"), speaker.c.country.label("country"),
               ITEMS.c.title.label("item_title"), PARAGRAPHS.c.text.label("paragraph_text"),
               SITTINGS.c.session.label("meeting_session"))
        .select_from(ON_BEHALF_OF)
        .join(INTERVENTIONS, INTERVENTIONS.c.id == ON_BEHALF_OF.c.intervention_id)
        .join(speaker, speaker.c.id == INTERVENTIONS.c.actor_id)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == INTERVENTIONS.c.paragraph_id)
    ).where(ON_BEHALF_OF.c.actor_id.in_(_actors_of(code))).distinct().order_by(
        "meeting_date", "meeting_id", "paragraph_position", "as_", "iid")


def group(archive: Archive, code: str, limit: int | None = None, offset: int = 0
          ) -> dict[str, Any] | None:
    """A group or organisation; None when no record names it.

    `{"id", "kind", "total", "interventions": [{"meeting", "session", "item", "item_title",
    "number", "position", "text", "as", "speaker"}], "members": [ISO3], "member_counts":
    [{"country", "count"}], "spoke": N, "sessions": [{"session", "count"}]}`:
    `interventions` (a page of them with `limit`; `total` counts them all) are those made on
    its behalf, `speaker` the actor who made it; `members` the countries seen speaking for it,
    most frequent first; `spoke` how many times it took the floor itself.
    """
    if not isinstance(code, str) or not code.strip() or len(code) > 100:
        return None
    code = code.strip()
    with archive.read() as conn:
        kinds = [r.kind for r in conn.execute(
            select(ACTORS.c.kind).where(ACTORS.c.code == code,
                                        ACTORS.c.kind.in_(GROUP_KINDS)).distinct())]
        if not kinds:
            return None
        total = conn.execute(count_of(_on_behalf(code))).scalar_one()
        spoke = conn.execute(
            select(func.count()).select_from(INTERVENTIONS)
            .join(MEETINGS, MEETINGS.c.id == INTERVENTIONS.c.meeting_id)
            .where(INTERVENTIONS.c.actor_id.in_(_actors_of(code)), REFERENCE)).scalar_one()
        if not total and not spoke:
            return None
        rows = conn.execute(paged(_on_behalf(code), limit, offset)).all()
        tree = Interventions(conn, {r.paragraph_id for r in rows})
        members = _members(conn, code)
        sessions = _sessions(conn, code)
    return {
        "id": code, "kind": "group" if "group" in kinds else "organization", "total": total,
        "interventions": [{**place(r), "session": r.meeting_session, "item_title": r.item_title,
                           "text": r.paragraph_text, "as": r.as_,
                           "speaker": tree.by_id.get(r.iid)} for r in rows],
        "members": [m["country"] for m in members], "member_counts": members,
        "spoke": spoke, "sessions": sessions,
    }


def _members(conn: Any, code: str) -> list[dict[str, Any]]:
    """Countries that spoke (or supported) on the group's behalf, with how often."""
    sub = _on_behalf(code).order_by(None).subquery()
    stmt = (select(sub.c.country, func.count().label("n")).where(sub.c.country.is_not(None))
            .group_by(sub.c.country))
    rows = sorted(conn.execute(stmt), key=lambda r: (-r.n, r.country))
    return [{"country": r.country, "count": r.n} for r in rows]


def _sessions(conn: Any, code: str) -> list[dict[str, Any]]:
    sub = _on_behalf(code).order_by(None).subquery()
    stmt = (select(sub.c.meeting_session, func.min(sub.c.meeting_date).label("first"),
                   func.count().label("n")).group_by(sub.c.meeting_session))
    rows = sorted(conn.execute(stmt), key=lambda r: (r.first or "", r.meeting_session or ""))
    return [{"session": r.meeting_session, "count": r.n} for r in rows]


def groups_index(archive: Archive) -> list[dict[str, Any]]:
    """`[{"id", "kind", "interventions", "spoke"}]`: every group and organisation named in
    the records (interventions on its behalf, and its own), groups first, by id."""
    found: dict[str, dict[str, Any]] = {}
    behalf = (select(ACTORS.c.code, ACTORS.c.kind,
                     func.count(ON_BEHALF_OF.c.intervention_id.distinct()).label("n"))
              .select_from(ON_BEHALF_OF).join(ACTORS, ACTORS.c.id == ON_BEHALF_OF.c.actor_id)
              .join(MEETINGS, MEETINGS.c.id == ON_BEHALF_OF.c.meeting_id)
              .where(REFERENCE, ACTORS.c.kind.in_(GROUP_KINDS), ACTORS.c.code.is_not(None))
              .group_by(ACTORS.c.code, ACTORS.c.kind))
    own = (select(ACTORS.c.code, ACTORS.c.kind, func.count().label("n"))
           .select_from(INTERVENTIONS).join(ACTORS, ACTORS.c.id == INTERVENTIONS.c.actor_id)
           .join(MEETINGS, MEETINGS.c.id == INTERVENTIONS.c.meeting_id)
           .where(REFERENCE, ACTORS.c.kind.in_(GROUP_KINDS), ACTORS.c.code.is_not(None))
           .group_by(ACTORS.c.code, ACTORS.c.kind))
    with archive.read() as conn:
        for stmt, key in ((behalf, "interventions"), (own, "spoke")):
            for r in conn.execute(stmt):
                entry = found.setdefault(r.code, {"id": r.code, "kind": r.kind,
                                                  "interventions": 0, "spoke": 0})
                entry[key] += r.n
                if r.kind == "group":
                    entry["kind"] = "group"
    return sorted(found.values(), key=lambda e: (e["kind"] != "group", e["id"].casefold()))
