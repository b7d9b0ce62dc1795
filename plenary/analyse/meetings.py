"""Meetings: the list (paged), one meeting's record in a language, and where its versions
disagree with the reference version.

A meeting's `id` is its sitting's id (`sittings.id`); its versions are the stored records
(`meetings` rows) of that sitting, one per language, each read from one or more sources.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, select

from ..store import Archive
from ..store.filters import meeting_id
from ..store.writer import ITEMS, MEETINGS, OUTCOMES, PARAGRAPHS, SITTINGS, SOURCES

# The facts compared between versions, per paragraph (record-format.md's Paragraph fields).
FAMILIES = ("speakers", "supported_by", "on_behalf_of", "outcomes", "documents", "texts")
HEADER_FACTS = ("date", "number", "start", "end", "symbol", "session", "body")


def _count(table: Any) -> Any:
    return (select(func.count()).select_from(table)
            .where(table.c.meeting_id == MEETINGS.c.id).scalar_subquery())


def version_condition(sitting: int, language: str | None = None) -> ColumnElement[bool]:
    """MEETINGS rows: the version of meeting `sitting` in `language` (a conflicting record
    only when there is no other), or its reference version when no language is asked."""
    # The version's id is chosen among the meeting's few rows (found by `sitting_id`), then
    # read by primary key: a condition on `reference` or `language` instead would let the
    # planner scan every version in the archive.
    m = MEETINGS.c
    chosen = select(m.id).where(m.sitting_id == sitting)
    if language is None:  # every meeting has one reference version: it sorts first
        chosen = chosen.order_by(m.reference.desc(), m.id)
    else:
        chosen = chosen.where(m.language == language).order_by(m.conflict, m.id)
    return m.id == chosen.limit(1).scalar_subquery()


@dataclass(frozen=True, slots=True)
class MeetingFilter:
    """Which meetings a list shows: of a `body`, of a `session` (as their identity says),
    having a version in `language` (None: any)."""

    body: str | None = None
    session: str | None = None
    language: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        """SQL conditions on SITTINGS (whose body and session are the meeting's identity: the
        small table, so that a count never reads the stored records)."""
        s = SITTINGS.c
        out: list[ColumnElement[bool]] = []
        if self.body:
            out.append(s.body == self.body)
        if self.session:
            out.append(s.session == self.session)
        if self.language:
            out.append(s.id.in_(select(MEETINGS.c.sitting_id)
                                .where(MEETINGS.c.language == self.language)))
        return out


def _reference_join(columns: Sequence[Any], where: MeetingFilter) -> Select:
    """`columns` of SITTINGS joined to their reference version, filtered."""
    m, s = MEETINGS.c, SITTINGS.c
    return (select(*columns).select_from(SITTINGS)
            .join(MEETINGS, (m.sitting_id == s.id) & m.reference.is_(True))
            .where(*where.conditions()))


def meetings_total(archive: Archive, body: str | None = None, session: str | None = None,
                   language: str | None = None) -> int:
    """How many meetings are stored (those the filters select, as in `meetings`)."""
    where = MeetingFilter(body, session, language)
    with archive.read() as conn:
        return conn.execute(select(func.count()).select_from(SITTINGS)
                            .where(*where.conditions())).scalar_one()


def _page_ids(conn: Connection, where: MeetingFilter, limit: int | None, offset: int
              ) -> list[int]:
    """The ids of the reference versions of one page of meetings, by date then number
    (undated last)."""
    m, s = MEETINGS.c, SITTINGS.c
    stmt = _reference_join([m.id], where).order_by(
        m.date.is_(None), m.date, m.number.is_(None), m.number, s.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return list(conn.execute(stmt).scalars())


def meetings(archive: Archive, limit: int | None = None, offset: int = 0, *,
             body: str | None = None, session: str | None = None,
             language: str | None = None) -> list[dict[str, Any]]:
    """Stored meetings by date then number (`limit` of them from `offset`; all without one),
    each with its header facts (from its reference version), sizes and `versions`.
    Filters: `body`, `session`, `language` (meetings having a version in it). The page is
    chosen first, then only its meetings are read and counted."""
    m, s = MEETINGS.c, SITTINGS.c
    with archive.read() as conn:
        versions_ids = _page_ids(conn, MeetingFilter(body, session, language), limit, offset)
        found = {}
        for chunk in _chunks(versions_ids):
            for r in conn.execute(_reference_join([
                s.id, s.identified, s.label, func.coalesce(m.symbol, s.symbol).label("symbol"),
                func.coalesce(m.body, s.body).label("body"),
                func.coalesce(m.session, s.session).label("session"),
                m.number, m.title, m.date, m.start, m.end, m.language,
                _count(ITEMS).label("items"), _count(PARAGRAPHS).label("paragraphs"),
                _count(OUTCOMES).label("outcomes"),
                m.id.label("version_id"),
            ], MeetingFilter()).where(m.id.in_(chunk))):  # by primary key: 50 rows read
                found[r.version_id] = r
        rows = [found[v] for v in versions_ids if v in found]
        versions = _versions_of(conn, [r.id for r in rows])
    return [_listed(r, versions.get(r.id, [])) for r in rows]


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _listed(r: Any, versions: list[dict[str, Any]]) -> dict[str, Any]:
    """One entry of the meetings list."""
    return {
        "id": r.id, "symbol": r.symbol, "body": r.body, "session": r.session,
        "number": r.number, "title": r.title, "date": r.date, "start": r.start,
        "end": r.end, "identified": bool(r.identified),
        "label": None if r.identified else r.label, "language": r.language,
        "items": r.items, "paragraphs": r.paragraphs, "outcomes": r.outcomes,
        "versions": versions, "source": _first_source(versions),
    }


def meeting_facets(archive: Archive) -> dict[str, list[str]]:
    """The distinct `bodies`, `sessions` (of the meetings' identities, as `MeetingFilter`
    matches them) and `languages` (of their versions) in the archive, sorted: the choices of
    the meetings list's filters."""
    with archive.read() as conn:
        def distinct(column: Any) -> list[str]:
            rows = conn.execute(select(column).where(column.is_not(None)).distinct()).scalars()
            return sorted(str(v) for v in rows)

        return {"bodies": distinct(SITTINGS.c.body), "sessions": distinct(SITTINGS.c.session),
                "languages": distinct(MEETINGS.c.language)}


def _first_source(versions: list[dict[str, Any]] | None) -> str | None:
    """The name of the reference version's first source (the file a meeting came from)."""
    for v in versions or []:
        if v["reference"] and v["sources"]:
            return v["sources"][0]["name"]
    return None


def _versions_of(conn: Connection, sittings: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """`{sitting id: [{"language", "original", "reference", "conflict", "sources"}]}`."""
    if not sittings:
        return {}
    rows = conn.execute(
        select(MEETINGS.c.id, MEETINGS.c.sitting_id, MEETINGS.c.language, MEETINGS.c.original,
               MEETINGS.c.reference, MEETINGS.c.conflict)
        .where(MEETINGS.c.sitting_id.in_(list(sittings)))
        .order_by(MEETINGS.c.sitting_id, MEETINGS.c.reference.desc(), MEETINGS.c.id)).all()
    sources: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for src in conn.execute(
            select(SOURCES.c.meeting_id, SOURCES.c.name, SOURCES.c.path, SOURCES.c.format,
                   SOURCES.c.sha256)
            .where(SOURCES.c.meeting_id.in_([r.id for r in rows]))
            .order_by(SOURCES.c.meeting_id, SOURCES.c.id)):
        sources[src.meeting_id].append({"name": src.name, "path": src.path,
                                        "format": src.format, "sha256": src.sha256})
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r.sitting_id].append({
            "language": r.language, "original": bool(r.original),
            "reference": bool(r.reference), "conflict": bool(r.conflict),
            "sources": sources.get(r.id, []),
        })
    return out


def meeting_versions(archive: Archive, meeting_id_: Any) -> list[dict[str, Any]] | None:
    """The versions of one meeting (as in `meetings`); None if unknown."""
    mid = meeting_id(meeting_id_)
    if mid is None:
        return None
    with archive.read() as conn:
        found = _versions_of(conn, [mid]).get(mid)
    return found or None


def meeting(archive: Archive, meeting_id_: Any, language: str | None = None
            ) -> dict[str, Any] | None:
    """The record of a meeting's version in `language` (default: its reference version) as
    parsed (contract JSON), plus the meeting's `id`; None if unknown."""
    mid = meeting_id(meeting_id_)
    if mid is None:
        return None
    with archive.read() as conn:
        raw = conn.execute(select(MEETINGS.c.record_json)
                           .where(version_condition(mid, language))).scalar()
    if raw is None:
        return None
    return {"id": mid, **json.loads(raw)}


def disagreements(archive: Archive, meeting_id_: Any) -> dict[str, Any] | None:
    """Where each version's facts differ from the reference version's, paragraph by paragraph:
    `{"id", "reference": language, "versions": [{"language", "reference", "conflict",
    "disagreements": [{"paragraph", "family", "reference", "version"}]}]}`; None if unknown."""
    mid = meeting_id(meeting_id_)
    if mid is None:
        return None
    with archive.read() as conn:
        rows = conn.execute(
            select(MEETINGS.c.language, MEETINGS.c.reference, MEETINGS.c.conflict,
                   MEETINGS.c.record_json)
            .where(MEETINGS.c.sitting_id == mid)
            .order_by(MEETINGS.c.reference.desc(), MEETINGS.c.id)).all()
    if not rows:
        return None
    ref = json.loads(rows[0].record_json)
    return {"id": mid, "reference": rows[0].language, "versions": [
        {"language": r.language, "reference": bool(r.reference), "conflict": bool(r.conflict),
         "disagreements": [] if r.reference else compare(ref, json.loads(r.record_json))}
        for r in rows]}


def compare(reference: dict[str, Any], version: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts on which `version` differs from `reference`: header facts (`paragraph`
    null), then paragraph by paragraph (by number; a paragraph one of them lacks is family
    `paragraph`)."""
    out: list[dict[str, Any]] = []
    ref_head, ver_head = reference.get("meeting") or {}, version.get("meeting") or {}
    for name in HEADER_FACTS:
        if ref_head.get(name) != ver_head.get(name):
            out.append({"paragraph": None, "family": f"meeting.{name}",
                        "reference": ref_head.get(name), "version": ver_head.get(name)})
    ref_paras, ver_paras = _numbered(reference), _numbered(version)
    for number in sorted(ref_paras.keys() | ver_paras.keys(), key=_number_order):
        a, b = ref_paras.get(number), ver_paras.get(number)
        if a is None or b is None:
            out.append({"paragraph": number, "family": "paragraph",
                        "reference": number if a else None, "version": number if b else None})
            continue
        for family in FAMILIES:
            fa, fb = facts(a, family), facts(b, family)
            if fa != fb:
                out.append({"paragraph": number, "family": family, "reference": fa,
                            "version": fb})
    return out


def _numbered(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["number"]: p for it in record.get("items") or [] for p in it.get("paragraphs") or []
            if p.get("number")}


def _number_order(number: str) -> tuple:
    return tuple((0, int(x)) if x.isascii() and x.isdigit() else (1, x)
                 for x in number.split("."))


def _who(actor: dict[str, Any]) -> str:
    """An actor as language-independent facts (names are left out: they are transliterated)."""
    parts = [actor.get("kind"), actor.get("country") or actor.get("id"), actor.get("role"),
             actor.get("count")]
    return "/".join(str(p) for p in parts if p)


def facts(paragraph: dict[str, Any], family: str) -> list[str]:
    """One family of a paragraph's facts as comparable strings, in order."""
    speakers = paragraph.get("speakers") or []
    if family == "speakers":
        return [_who(a) for a in speakers]
    if family == "supported_by":
        return [f"{_who(a)}<{_who(s)}" for a in speakers for s in a.get("supported_by") or []]
    if family == "on_behalf_of":
        return [f"{_who(a)}>{_who(b)}" for a in speakers for b in a.get("on_behalf_of") or []]
    if family == "outcomes":
        return [" ".join([o.get("kind") or "", o.get("reading") or "", *sorted(o.get("objects")
                                                                             or [])]).strip()
                for o in paragraph.get("outcomes") or []]
    if family == "documents":
        return sorted(paragraph.get("documents") or [])
    if family == "texts":
        return sorted(t.get("label") or "" for t in paragraph.get("texts") or [])
    raise ValueError(f"unknown family {family}")


def aligned(left: dict[str, Any], right: dict[str, Any]) -> list[dict[str, Any]]:
    """Two versions' paragraphs side by side by number, in number order: `[{"number",
    "item": (left's or right's item number), "left": paragraph or None, "right": ...,
    "differs": [families whose facts disagree]}]` (unnumbered paragraphs are left out: they
    cannot be matched)."""
    def by_number(record: dict[str, Any]) -> dict[str, tuple[str | None, dict[str, Any]]]:
        return {p["number"]: (it.get("number"), p) for it in record.get("items") or []
                for p in it.get("paragraphs") or [] if p.get("number")}

    lefts, rights = by_number(left), by_number(right)
    rows = []
    for number in sorted(lefts.keys() | rights.keys(), key=_number_order):
        (item_a, a), (item_b, b) = lefts.get(number, (None, None)), rights.get(number, (None, None))
        differs = [f for f in FAMILIES if a and b and facts(a, f) != facts(b, f)]
        rows.append({"number": number, "item": item_a or item_b, "left": a, "right": b,
                     "differs": differs})
    return rows
