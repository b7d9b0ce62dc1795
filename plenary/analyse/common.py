"""Rebuilding contract-shaped pieces (actors, outcomes) and meeting references from rows."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Row, case, func, select

from ..store.writer import (
    ACTORS,
    INTERVENTIONS,
    ITEMS,
    MEETINGS,
    ON_BEHALF_OF,
    OUTCOME_OBJECTS,
    OUTCOMES,
    PARAGRAPHS,
    SITTINGS,
)

CHUNK = 500

# The columns every "where was it said" entry carries.
# A meeting is known by its sitting id (`meetings.sitting_id`); its facts are read from its
# reference version only, so that a meeting stored in three languages counts once.
REFERENCE = MEETINGS.c.reference.is_(True)

PLACE_COLUMNS = (
    MEETINGS.c.sitting_id.label("meeting_id"),
    MEETINGS.c.language.label("meeting_language"),
    SITTINGS.c.label.label("meeting_label"),
    MEETINGS.c.title.label("meeting_title"),
    MEETINGS.c.date.label("meeting_date"),
    MEETINGS.c.symbol.label("meeting_symbol"),
    ITEMS.c.number.label("item_number"),
    PARAGRAPHS.c.id.label("paragraph_id"),
    PARAGRAPHS.c.number.label("paragraph_number"),
    PARAGRAPHS.c.position.label("paragraph_position"),
)
# OUTCOMES' own columns, without those PLACE_COLUMNS already carry.
OUTCOME_COLUMNS = tuple(c for c in OUTCOMES.c if c.name not in ("meeting_id", "paragraph_id"))


def count_of(stmt: Any) -> Any:
    """`SELECT count(*)` of a select's rows (its order dropped)."""
    return select(func.count()).select_from(stmt.order_by(None).subquery())


def paged(stmt: Any, limit: int | None, offset: int) -> Any:
    """A select cut to one page (`limit` None: every row)."""
    return stmt if limit is None else stmt.limit(limit).offset(offset)


def chunked(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def as_int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return default


def meeting_ref(row: Any) -> dict[str, Any]:
    """`{"id", "title", "date", "symbol", "language", "label"}` from a row with PLACE_COLUMNS
    (`id`: the meeting's; `language`: the version's; `label`: its file, for a record
    without a header)."""
    return {
        "id": row.meeting_id, "title": row.meeting_title, "date": row.meeting_date,
        "symbol": row.meeting_symbol, "language": row.meeting_language,
        "label": row.meeting_label,
    }


def place(row: Any) -> dict[str, Any]:
    """Meeting, item and paragraph of a row with PLACE_COLUMNS.

    `position` is the paragraph's index among its meeting's paragraphs (document order),
    for a permalink to a paragraph that has no number.
    """
    return {
        "meeting": meeting_ref(row), "item": row.item_number, "number": row.paragraph_number,
        "position": row.paragraph_position,
    }


def with_place(stmt: Any, reference_only: bool = True) -> Any:
    """Join a select over PARAGRAPHS to its item and meeting (by default keeping the
    reference versions only: each meeting counted once)."""
    joined = stmt.join(ITEMS, ITEMS.c.id == PARAGRAPHS.c.item_id).join(
        MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id
    ).join(SITTINGS, SITTINGS.c.id == MEETINGS.c.sitting_id)
    return joined.where(REFERENCE) if reference_only else joined


# The roles of an intervention row: a speaker takes the floor; a supporter's and an opposer's
# `supports_id` points at the speaker they supported or opposed.
SPEAKER, SUPPORTER, OPPOSER = "speaker", "supporter", "opposer"
LINK_OF_ROLE = {SUPPORTER: "supported_by", OPPOSER: "opposed_by"}


def role_count(role: str) -> Any:
    """SQL: how many of the grouped intervention rows have `role`."""
    return func.sum(case((INTERVENTIONS.c.role == role, 1), else_=0))


def role_counts(row: Any) -> dict[str, int]:
    """`speaker`, `supporter` and `opposer` counts of a row selected with `role_count`s."""
    return {role: int(getattr(row, role) or 0) for role in (SPEAKER, SUPPORTER, OPPOSER)}


def reference_versions() -> Any:
    """The ids of the reference versions (a subquery for `meeting_id IN (...)`)."""
    return select(MEETINGS.c.id).where(REFERENCE)


def actor_dict(row: Row | Any) -> dict[str, Any]:
    """An actor as in the contract (links empty; callers fill them)."""
    return {
        "kind": row.kind, "country": row.country, "id": row.code, "role": row.role,
        "count": row.count, "name": row.name, "on_behalf_of": [], "supported_by": [],
    }


def load_actors(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    wanted = sorted(set(ids))
    out: dict[int, dict[str, Any]] = {}
    for chunk in chunked(wanted):
        for row in conn.execute(select(ACTORS).where(ACTORS.c.id.in_(chunk))):
            out[row.id] = actor_dict(row)
    return out


class Interventions:
    """The speakers of some paragraphs, rebuilt as contract actors with their links.

    `speakers[paragraph_id]` lists the speakers in order; `by_id[intervention_id]` gives any
    intervention's actor dict; `rows[intervention_id]` its row (role, supports_id, ...).
    """

    def __init__(self, conn: Connection, paragraph_ids: Iterable[int]) -> None:
        pids = sorted(set(paragraph_ids))
        self.rows: dict[int, Any] = {}
        for chunk in chunked(pids):
            for row in conn.execute(
                select(INTERVENTIONS).where(INTERVENTIONS.c.paragraph_id.in_(chunk))
                .order_by(INTERVENTIONS.c.paragraph_id, INTERVENTIONS.c.role,
                          INTERVENTIONS.c.position)
            ):
                self.rows[row.id] = row
        behalf: dict[int, list[int]] = defaultdict(list)
        for chunk in chunked(list(self.rows)):
            for row in conn.execute(
                select(ON_BEHALF_OF.c.intervention_id, ON_BEHALF_OF.c.actor_id)
                .where(ON_BEHALF_OF.c.intervention_id.in_(chunk))
                .order_by(ON_BEHALF_OF.c.intervention_id, ON_BEHALF_OF.c.position)
            ):
                behalf[row.intervention_id].append(row.actor_id)
        actors = load_actors(conn, [r.actor_id for r in self.rows.values()]
                             + [a for ids in behalf.values() for a in ids])
        self.by_id: dict[int, dict[str, Any]] = {}
        self.speakers: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for iid, row in self.rows.items():
            self.by_id[iid] = dict(actors[row.actor_id],
                                   on_behalf_of=[dict(actors[a]) for a in behalf.get(iid, [])],
                                   supported_by=[], opposed_by=[])
        for iid, row in self.rows.items():  # in order: paragraph, role, position
            actor = self.by_id[iid]
            if row.role == SPEAKER:
                self.speakers[row.paragraph_id].append(actor)
            elif row.role in LINK_OF_ROLE and row.supports_id in self.by_id:
                self.by_id[row.supports_id][LINK_OF_ROLE[row.role]].append(actor)


def outcome_dicts(conn: Connection, rows: Sequence[Any]) -> dict[int, dict[str, Any]]:
    """Contract outcomes for OUTCOMES rows, by outcome id."""
    ids = [r.id for r in rows]
    objects: dict[int, list[str]] = defaultdict(list)
    for chunk in chunked(ids):
        for row in conn.execute(
            select(OUTCOME_OBJECTS.c.outcome_id, OUTCOME_OBJECTS.c.object)
            .where(OUTCOME_OBJECTS.c.outcome_id.in_(chunk))
            .order_by(OUTCOME_OBJECTS.c.outcome_id, OUTCOME_OBJECTS.c.position)
        ):
            objects[row.outcome_id].append(row.object)
    people = load_actors(conn, [r.person_id for r in rows if r.person_id is not None])
    return {
        r.id: {
            "kind": r.kind, "objects": objects.get(r.id, []), "reading": r.reading,
            "as_amended": bool(r.as_amended), "conditional": bool(r.conditional),
            "refers_to": r.refers_to,
            "person": people.get(r.person_id) if r.person_id is not None else None,
            "post": r.post, "method": r.method,
            "votes": json.loads(r.votes) if r.votes else None,
        }
        for r in rows
    }


def paragraph_outcomes(conn: Connection, paragraph_ids: Iterable[int]
                       ) -> dict[int, list[dict[str, Any]]]:
    """The outcomes of some paragraphs, in order, by paragraph id."""
    rows: list[Any] = []
    for chunk in chunked(sorted(set(paragraph_ids))):
        rows += conn.execute(
            select(OUTCOMES).where(OUTCOMES.c.paragraph_id.in_(chunk))
            .order_by(OUTCOMES.c.paragraph_id, OUTCOMES.c.position)
        ).all()
    dicts = outcome_dicts(conn, rows)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r.paragraph_id].append(dicts[r.id])
    return out

