"""Filters shared by search and the registers, as SQL conditions on paragraphs and meetings.

An unknown or malformed value never raises: it simply matches nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select

from .writer import (
    ACTORS,
    INTERVENTIONS,
    MEETINGS,
    ON_BEHALF_OF,
    OUTCOME_OBJECTS,
    OUTCOMES,
    PARAGRAPHS,
    TEXT_MENTIONS,
    TEXTS,
)

GROUP_KINDS = ("organization", "group")


@dataclass(slots=True)
class Filters:
    meeting: Any = None
    country: Any = None
    group: Any = None
    kind: Any = None
    reading: Any = None
    text: Any = None
    date_from: Any = None
    date_to: Any = None
    language: Any = None

    def any(self) -> bool:
        return any(getattr(self, f.name) not in (None, "") for f in fields(self))


def meeting_id(value: Any) -> int | None:
    """A meeting id from an int or a string of digits; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if text.isascii() and text.isdigit() and len(text) < 19:
        return int(text)
    return None


def _s(value: Any) -> str:
    return str(value)


def meeting_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """Conditions on the MEETINGS table (versions): meeting (sitting) id, language, dates."""
    out: list[ColumnElement[bool]] = []
    if f.meeting not in (None, ""):
        mid = meeting_id(f.meeting)
        out.append(MEETINGS.c.sitting_id == mid if mid is not None else false())
    if f.language not in (None, ""):
        out.append(MEETINGS.c.language == _s(f.language))
    if f.date_from not in (None, ""):
        out.append(MEETINGS.c.date >= _s(f.date_from))
    if f.date_to not in (None, ""):
        out.append(MEETINGS.c.date <= _s(f.date_to))
    return out


def speaker_condition(paragraph_id: Any, country: Any = None, group: Any = None
                      ) -> list[ColumnElement[bool]]:
    """Paragraph conditions: a speaker of that country; a speaker acting for that group.

    Each is `paragraph_id IN (uncorrelated subquery)`: the set is computed once, not per row.
    """
    out: list[ColumnElement[bool]] = []
    speaking = (INTERVENTIONS.c.role == "speaker")
    if country not in (None, ""):
        actors = select(ACTORS.c.id).where(ACTORS.c.country == _s(country).upper())
        out.append(paragraph_id.in_(
            select(INTERVENTIONS.c.paragraph_id).where(speaking,
                                                       INTERVENTIONS.c.actor_id.in_(actors))
        ))
    if group not in (None, ""):
        groups = select(ACTORS.c.id).where(
            ACTORS.c.kind.in_(GROUP_KINDS), func.lower(ACTORS.c.code) == _s(group).lower()
        )
        as_group = select(INTERVENTIONS.c.paragraph_id).where(
            speaking, INTERVENTIONS.c.actor_id.in_(groups))
        for_group = select(INTERVENTIONS.c.paragraph_id).join(
            ON_BEHALF_OF, ON_BEHALF_OF.c.intervention_id == INTERVENTIONS.c.id
        ).where(speaking, ON_BEHALF_OF.c.actor_id.in_(groups))
        out.append(or_(paragraph_id.in_(as_group), paragraph_id.in_(for_group)))
    return out


def text_ids(label: Any) -> Any:
    return select(TEXTS.c.id).where(TEXTS.c.label == _s(label))


def paragraph_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """Every filter as conditions on PARAGRAPHS joined to MEETINGS."""
    pid = PARAGRAPHS.c.id
    out = meeting_conditions(f) + speaker_condition(pid, f.country, f.group)
    outcome: list[ColumnElement[bool]] = []
    if f.kind not in (None, ""):
        outcome.append(OUTCOMES.c.kind == _s(f.kind))
    if f.reading not in (None, ""):
        outcome.append(OUTCOMES.c.reading == _s(f.reading))
    if outcome:
        out.append(pid.in_(select(OUTCOMES.c.paragraph_id).where(*outcome)))
    if f.text not in (None, ""):
        ids = text_ids(f.text)
        out.append(or_(
            pid.in_(select(TEXT_MENTIONS.c.paragraph_id).where(TEXT_MENTIONS.c.text_id.in_(ids))),
            pid.in_(select(OUTCOMES.c.paragraph_id).join(
                OUTCOME_OBJECTS, OUTCOME_OBJECTS.c.outcome_id == OUTCOMES.c.id
            ).where(OUTCOME_OBJECTS.c.text_id.in_(ids))),
        ))
    return out


def outcome_conditions(f: Filters, paragraph_id: Any = None) -> list[ColumnElement[bool]]:
    """Every filter as conditions on OUTCOMES joined to PARAGRAPHS and MEETINGS; the speaker
    filters test `paragraph_id` (by default PARAGRAPHS.c.id)."""
    pid = PARAGRAPHS.c.id if paragraph_id is None else paragraph_id
    out = meeting_conditions(f) + speaker_condition(pid, f.country, f.group)
    if f.kind not in (None, ""):
        out.append(OUTCOMES.c.kind == _s(f.kind))
    if f.reading not in (None, ""):
        out.append(OUTCOMES.c.reading == _s(f.reading))
    if f.text not in (None, ""):
        out.append(OUTCOMES.c.id.in_(select(OUTCOME_OBJECTS.c.outcome_id).where(
            OUTCOME_OBJECTS.c.text_id.in_(text_ids(f.text)))))
    return [and_(*out)] if out else []
