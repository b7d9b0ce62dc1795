"""Texts as entities: the index of every text and a text's history across meetings.

A *text* is what the records' labels name, with two rules:

- its versions are one text: `Resolution 64`, `Resolution 64 (Rev. Dubai, 2018)` and
  `Resolution 64 (Rev. Bucharest, 2022)` share the base label `Resolution 64`;
- a label numbered per conference (a series code such as `Series R4`, a committee or working
  group code such as `PLEN/1`, `COM5/9`, `WGPL/4`) names a different text at each session: the
  `Series R4` of PP-18 and that of PP-22 are two texts, told apart by their `conference` (the
  session of the meetings that mention them).

Counts take each meeting once (reference versions only).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, cast, func, literal, null, select, union_all

from ..store import Archive
from ..store.writer import (
    ITEMS,
    MEETINGS,
    OUTCOME_OBJECTS,
    OUTCOMES,
    PARAGRAPHS,
    SITTINGS,
    TEXT_MENTIONS,
    TEXTS,
)
from .common import (
    PLACE_COLUMNS,
    REFERENCE,
    Interventions,
    chunked,
    outcome_dicts,
    paged,
    place,
    with_place,
)
from .names import fold, loose_pattern, loosely_matches

_VERSION = re.compile(r"^(?P<base>.+?)\s*\((?P<version>[^()]*)\)$")
_KIND_ORDER = {"resolution": 0, "decision": 1, "recommendation": 2, "council-resolution": 3,
               "council-decision": 4, "series": 5}
_NUMBER_PARTS = re.compile(r"(\d+)")


def base_label(label: str) -> str:
    """The label without its version: `Resolution 64 (Rev. Dubai, 2018)` -> `Resolution 64`."""
    m = _VERSION.match(label.strip())
    return m.group("base").strip() if m else label.strip()


def per_conference(kind: str | None, number: str | None) -> bool:
    """True for a label numbered per conference: a series code or a committee/working group
    code (`PLEN/1`, `COM5/9`, `WGPL/4`)."""
    return kind == "series" or "/" in (number or "")


def _number_of(base: str) -> str | None:
    words = base.split()
    return words[-1] if len(words) > 1 else None


def _natural(value: str | None) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in _NUMBER_PARTS.split(value or ""))


@dataclass
class _Usage:
    """Where labels are used: distinct paragraphs naming them, distinct outcomes on them."""

    paragraphs: set[int] = field(default_factory=set)
    outcomes: set[int] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


def _usage(conn: Any, text_ids: list[int] | None = None) -> dict[tuple[int, str | None], _Usage]:
    """Usage by (text id, session) over the reference versions (every text without ids)."""
    found: dict[tuple[int, str | None], _Usage] = defaultdict(_Usage)
    mention = (select(TEXT_MENTIONS.c.text_id, SITTINGS.c.session, MEETINGS.c.date,
                      TEXT_MENTIONS.c.paragraph_id.label("ref"))
               .join(MEETINGS, MEETINGS.c.id == TEXT_MENTIONS.c.meeting_id)
               .join(SITTINGS, SITTINGS.c.id == MEETINGS.c.sitting_id).where(REFERENCE))
    outcome = (select(OUTCOME_OBJECTS.c.text_id, SITTINGS.c.session, MEETINGS.c.date,
                      OUTCOME_OBJECTS.c.outcome_id.label("ref"))
               .join(MEETINGS, MEETINGS.c.id == OUTCOME_OBJECTS.c.meeting_id)
               .join(SITTINGS, SITTINGS.c.id == MEETINGS.c.sitting_id)
               .where(REFERENCE, OUTCOME_OBJECTS.c.text_id.is_not(None)))
    for stmt, attr in ((mention, "paragraphs"), (outcome, "outcomes")):
        batches = [None] if text_ids is None else list(chunked(text_ids))
        for chunk in batches:
            col = stmt.selected_columns.text_id
            query = stmt if chunk is None else stmt.where(col.in_(chunk))
            for r in conn.execute(query.distinct()):
                use = found[(r.text_id, r.session)]
                getattr(use, attr).add(r.ref)
                if r.date:
                    use.dates.add(r.date)
    return found


@dataclass
class _Text:
    """One text of the index, gathered from its labels' rows."""

    label: str
    kind: str | None
    number: str | None
    conference: str | None
    versions: dict[str, _Usage] = field(default_factory=dict)

    def add(self, label: str, use: _Usage) -> None:
        mine = self.versions.setdefault(label, _Usage())
        mine.paragraphs |= use.paragraphs
        mine.outcomes |= use.outcomes
        mine.dates |= use.dates

    def entry(self) -> dict[str, Any]:
        paragraphs = set().union(*(u.paragraphs for u in self.versions.values()))
        outcomes = set().union(*(u.outcomes for u in self.versions.values()))
        dates = sorted(set().union(*(u.dates for u in self.versions.values())))
        return {
            "label": self.label, "kind": self.kind, "number": self.number,
            "conference": self.conference, "versions": sorted(self.versions),
            "mentions": len(paragraphs), "outcomes": len(outcomes),
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
        }

    def sort_key(self) -> tuple:
        return (_KIND_ORDER.get(self.kind or "", 9), _natural(self.number), self.label,
                self.conference or "")


def _gather(rows: list[Any], usage: dict[tuple[int, str | None], _Usage]) -> list[_Text]:
    """The texts of some TEXTS rows: versions joined, per-conference codes split by session."""
    texts: dict[tuple[str, str | None], _Text] = {}
    by_id = {r.id: r for r in rows}
    for (text_id, session), use in usage.items():
        row = by_id.get(text_id)
        if row is None:
            continue
        base = base_label(row.label)
        number = row.number or _number_of(base)
        conference = session if per_conference(row.kind, number) else None
        text = texts.get((base, conference))
        if text is None:
            text = texts[(base, conference)] = _Text(base, row.kind, number, conference)
        text.kind = text.kind or row.kind
        text.add(row.label, use)
    return sorted(texts.values(), key=_Text.sort_key)


def texts_index(archive: Archive, q: str | None = None, limit: int | None = None,
                offset: int = 0) -> dict[str, Any]:
    """`{"total", "texts": [{"label", "kind", "number", "conference", "versions",
    "mentions", "outcomes", "first", "last"}]}`: every text mentioned or decided on in the
    archive, resolutions first, by number (a page of them with `limit`).

    `label` is the base label (versions listed in `versions`); `conference` is the session a
    per-conference code belongs to, else None; `mentions` counts the paragraphs naming any
    version, `outcomes` the outcomes on any. `q` matches loosely (case, accents, spacing and
    punctuation aside) the base label, a version's label or the conference.
    """
    pattern = loose_pattern(q)
    with archive.read() as conn:
        rows = conn.execute(select(TEXTS)).all()
        usage = _usage(conn)
    texts = [t for t in _gather(rows, usage)
             if loosely_matches(pattern, t.label, t.conference, *t.versions)]
    page = texts[offset:] if limit is None else texts[offset:offset + limit]
    return {"total": len(texts), "texts": [t.entry() for t in page]}


# --- a text's history --------------------------------------------------------------------------

def _events(text_ids: list[int], session: str | None) -> Any:
    """Mentions (a paragraph naming the text without deciding on it) and outcomes on it, as
    one select in order; only at `session` when given."""
    decided_here = (select(OUTCOMES.c.paragraph_id).join(
        OUTCOME_OBJECTS, OUTCOME_OBJECTS.c.outcome_id == OUTCOMES.c.id)
        .where(OUTCOME_OBJECTS.c.text_id.in_(text_ids)))
    on_text = select(OUTCOME_OBJECTS.c.outcome_id).where(OUTCOME_OBJECTS.c.text_id.in_(text_ids))
    columns = (*PLACE_COLUMNS, ITEMS.c.title.label("item_title"),
               SITTINGS.c.session.label("meeting_session"), PARAGRAPHS.c.text)
    mentioned = with_place(
        select(*columns, literal("mention").label("type"),
               cast(null(), Integer).label("outcome_id"), literal(-1).label("pos"))
        .select_from(TEXT_MENTIONS)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == TEXT_MENTIONS.c.paragraph_id)
    ).where(TEXT_MENTIONS.c.text_id.in_(text_ids),
            PARAGRAPHS.c.id.not_in(decided_here)).distinct()
    decided = with_place(
        select(*columns, literal("outcome").label("type"),
               OUTCOMES.c.id.label("outcome_id"), OUTCOMES.c.position.label("pos"))
        .select_from(OUTCOMES).join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
    ).where(OUTCOMES.c.id.in_(on_text))
    if session is not None:
        mentioned = mentioned.where(SITTINGS.c.session == session)
        decided = decided.where(SITTINGS.c.session == session)
    return union_all(mentioned, decided).subquery("events")


def _labels_in(conn: Any, paragraph_ids: list[int], text_ids: list[int]
               ) -> dict[int, list[str]]:
    """The labels of the text's versions each paragraph names, in order."""
    out: dict[int, list[str]] = defaultdict(list)
    for chunk in chunked(sorted(set(paragraph_ids))):
        for r in conn.execute(
            select(TEXT_MENTIONS.c.paragraph_id, TEXTS.c.label)
            .join(TEXTS, TEXTS.c.id == TEXT_MENTIONS.c.text_id)
            .where(TEXT_MENTIONS.c.paragraph_id.in_(chunk), TEXTS.c.id.in_(text_ids))
            .order_by(TEXT_MENTIONS.c.paragraph_id, TEXT_MENTIONS.c.position)
        ):
            if r.label not in out[r.paragraph_id]:
                out[r.paragraph_id].append(r.label)
    return out


def _version_rows(conn: Any, label: str) -> list[Any]:
    """The TEXTS rows of every version of `label`'s text."""
    base = base_label(label)
    rows = conn.execute(select(TEXTS).where(
        (TEXTS.c.label == base) | TEXTS.c.label.startswith(base + " (", autoescape=True)
    )).all()
    return [r for r in rows if base_label(r.label) == base]


def _version_entry(row: Any, use: _Usage) -> dict[str, Any]:
    return {"label": row.label, "revised": bool(row.revised), "place": row.place,
            "year": row.year, "mentions": len(use.paragraphs), "outcomes": len(use.outcomes)}


def text_history(archive: Archive, label: str, limit: int | None = None, offset: int = 0,
                 conference: str | None = None) -> dict[str, Any] | None:
    """A text's history across meetings and conferences, its versions linked; None if unknown.

    `{"label", "text", "kind", "number", "revised", "place", "year", "conference",
    "per_conference", "conferences", "versions", "total", "events"}`: `label` is the label
    asked for, `text` its base label; `versions` every label of the text (`Resolution 64`,
    `Resolution 64 (Rev. Dubai, 2018)`) with its counts. A per-conference code
    (`Series R4`) is one text per session: `conferences` lists them, `conference` picks one
    (the only one when there is one; with several and none picked, `events` is empty).

    Events are in meeting-date then paragraph order (a page of them with `limit`; `total`
    counts them all): an `outcome` event for each outcome on the text, else a `mention`
    event for a paragraph naming it. Each: `{"meeting", "session", "item", "item_title",
    "number", "position", "type", "outcome", "text", "speakers", "labels"}` (`text`: the
    paragraph's text; `labels`: the versions it names). Each meeting counts once.
    """
    if not isinstance(label, str) or not label.strip() or len(label) > 500:
        return None
    with archive.read() as conn:
        rows = _version_rows(conn, label)
        exact = next((r for r in rows if r.label == label.strip()), None)
        if exact is None and base_label(label) != label.strip():
            return None  # a version no record names
        ids = [r.id for r in rows]
        usage = _usage(conn, ids) if ids else {}
        if not usage:
            return None
        head = exact or rows[0]
        number = head.number or _number_of(base_label(label))
        split = per_conference(head.kind, number)
        sessions = sorted({s for (_, s) in usage if s is not None})
        if split and conference is None and len(sessions) == 1:
            conference = sessions[0]
        if conference is not None and conference not in sessions:
            return None
        picked = conference if split else None
        wanted = {k: u for k, u in usage.items() if picked is None or k[1] == picked}
        total, events = 0, []
        if not split or picked is not None:
            total, events = _history_events(conn, ids, picked, limit, offset)
    return {
        "label": head.label if exact is not None else base_label(label),
        "text": base_label(label), "kind": head.kind, "number": number,
        "revised": bool(exact.revised) if exact is not None else False,
        "place": exact.place if exact is not None else None,
        "year": exact.year if exact is not None else None,
        "conference": picked, "per_conference": split,
        "conferences": _conferences(usage) if split else [],
        "versions": _versions(rows, wanted), "total": total, "events": events,
    }


def _conferences(usage: dict[tuple[int, str | None], _Usage]) -> list[dict[str, Any]]:
    by_session: dict[str | None, _Usage] = defaultdict(_Usage)
    for (_, session), use in usage.items():
        by_session[session].paragraphs |= use.paragraphs
        by_session[session].outcomes |= use.outcomes
        by_session[session].dates |= use.dates
    return [{"conference": s, "mentions": len(u.paragraphs), "outcomes": len(u.outcomes),
             "first": min(u.dates) if u.dates else None}
            for s, u in sorted(by_session.items(), key=lambda kv: (min(kv[1].dates or {""}),
                                                                     kv[0] or ""))]


def _versions(rows: list[Any], usage: dict[tuple[int, str | None], _Usage]
              ) -> list[dict[str, Any]]:
    merged: dict[int, _Usage] = defaultdict(_Usage)
    for (text_id, _), use in usage.items():
        merged[text_id].paragraphs |= use.paragraphs
        merged[text_id].outcomes |= use.outcomes
    found = [_version_entry(r, merged[r.id]) for r in rows if r.id in merged]
    return sorted(found, key=lambda v: (v["year"] or 0, v["label"]))


def _history_events(conn: Any, ids: list[int], session: str | None, limit: int | None,
                    offset: int) -> tuple[int, list[dict[str, Any]]]:
    events = _events(ids, session)
    total = conn.execute(select(func.count()).select_from(events)).scalar_one()
    page = conn.execute(paged(select(events).order_by(
        events.c.meeting_date.is_(None), events.c.meeting_date, events.c.meeting_id,
        events.c.paragraph_position, events.c.pos), limit, offset)).all()
    outcome_ids = [r.outcome_id for r in page if r.outcome_id is not None]
    rows = conn.execute(select(OUTCOMES).where(OUTCOMES.c.id.in_(outcome_ids))).all() \
        if outcome_ids else []
    outcomes = outcome_dicts(conn, rows)
    pids = [r.paragraph_id for r in page]
    speakers = Interventions(conn, pids).speakers
    labels = _labels_in(conn, pids, ids)
    return total, [{
        **place(r), "session": r.meeting_session, "item_title": r.item_title, "type": r.type,
        "outcome": outcomes.get(r.outcome_id) if r.outcome_id else None, "text": r.text,
        "speakers": speakers.get(r.paragraph_id, []), "labels": labels.get(r.paragraph_id, []),
    } for r in page]


def text_key(entry: dict[str, Any]) -> str:
    """A stable folded key of an index entry (label and conference), for anchors."""
    return fold(f"{entry.get('label')} {entry.get('conference') or ''}").replace(" ", "-")
