"""Meetings, versions, sources: where a record goes in the archive, and which version counts.

A record is placed by its identity (identity.py) and its language:

- its file (sha256 + path) is stored already: `unchanged`;
- the same bytes, or the same record read from another format, are stored already: a new
  *source* of that version (`source`);
- no meeting has that identity: a new meeting (`stored`);
- the meeting has no version in that language: a new *version* (`version`);
- the meeting has a different record in that language: for an identified meeting a
  *conflict*, kept beside the other and reported (`conflict`); for an unidentified one (known
  by its file name only) a meeting of its own (`stored`).

Each meeting has one *reference* version, the one counts are taken from: the version in the
original language when a record prints it, else the first stored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, and_, insert, select, update

from ..record import Record
from .identity import Identity, unidentified_key
from .writer import MEETINGS, SITTINGS, SOURCES

Placement = Literal["stored", "version", "source", "unchanged", "conflict"]

SAME_RECORD = 0.8  # share of paragraphs (number + text) two reads of one record have in common
SAME_MEETING = 0.6  # share of paragraph numbers two language versions of one meeting share
_NOT_WORD = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class Decision:
    """Where a record goes: `status`, the meeting (`sitting_id`, None for a new one, then
    created under `key`) and, for `unchanged`/`source`, the version it belongs to."""

    status: Placement
    key: str
    sitting_id: int | None = None
    version_id: int | None = None


def source_key(sha256: str, path: str) -> str:
    """`meetings.source_name` of a version: its first source, unique as the source is."""
    return f"{sha256}:{path}"[:500]


def decide(conn: Connection, record: Record, ident: Identity, path: str) -> Decision:
    """Where `record` (read from `path`, relative to the ingest root) goes."""
    sha = record.source.sha256
    key = ident.key or unidentified_key(path)
    known = conn.execute(
        select(SOURCES.c.meeting_id, MEETINGS.c.sitting_id)
        .join(MEETINGS, MEETINGS.c.id == SOURCES.c.meeting_id)
        .where(SOURCES.c.sha256 == sha, SOURCES.c.path == path)).first()
    if known is not None:
        return Decision("unchanged", key, known.sitting_id, known.meeting_id)
    copy = conn.execute(
        select(SOURCES.c.meeting_id, MEETINGS.c.sitting_id)
        .join(MEETINGS, MEETINGS.c.id == SOURCES.c.meeting_id)
        .where(SOURCES.c.sha256 == sha).limit(1)).first()
    if copy is not None:  # the same bytes under another path
        return Decision("source", key, copy.sitting_id, copy.meeting_id)
    return _by_identity(conn, record, ident, key)


def _by_identity(conn: Connection, record: Record, ident: Identity, key: str) -> Decision:
    sitting = conn.execute(select(SITTINGS.c.id).where(SITTINGS.c.key == key)).scalar()
    if sitting is None:
        return Decision("stored", key)
    versions = conn.execute(
        select(MEETINGS.c.id, MEETINGS.c.language, MEETINGS.c.reference, MEETINGS.c.record_json)
        .where(MEETINGS.c.sitting_id == sitting).order_by(MEETINGS.c.id)).all()
    mine = record.to_dict()
    same_language = [v for v in versions if v.language == record.language]
    for v in same_language:
        if overlap(paragraph_marks(json.loads(v.record_json)), paragraph_marks(mine)) \
                >= SAME_RECORD:
            return Decision("source", key, sitting, v.id)
    if not ident.identified:
        reference = next((v for v in versions if v.reference), versions[0] if versions else None)
        if same_language or (reference is not None and overlap(
                paragraph_numbers(json.loads(reference.record_json)),
                paragraph_numbers(mine)) < SAME_MEETING):
            return _by_identity(conn, record, ident, f"{key}#{record.source.sha256[:12]}")
        return Decision("version", key, sitting)
    return Decision("conflict" if same_language else "version", key, sitting)


def paragraph_marks(record: dict[str, Any]) -> set[tuple[str | None, str]]:
    """Each paragraph as (number, its words in lower case): equal for two reads of one record."""
    return {(p.get("number"), _NOT_WORD.sub(" ", (p.get("text") or "").lower()).strip())
            for it in record.get("items") or [] for p in it.get("paragraphs") or []}


def paragraph_numbers(record: dict[str, Any]) -> set[str]:
    """The printed paragraph numbers: the same in every language version of a meeting."""
    return {p["number"] for it in record.get("items") or [] for p in it.get("paragraphs") or []
            if p.get("number")}


def overlap(a: set[Any], b: set[Any]) -> float:
    """|a & b| / max(|a|, |b|); 1.0 for two empty sets."""
    if not a and not b:
        return 1.0
    return len(a & b) / max(len(a), len(b))


def create_sitting(conn: Connection, key: str, ident: Identity, label: str) -> int:
    """A new meeting row under `key`; returns its id."""
    full = ident.completed()
    return conn.execute(insert(SITTINGS).values(
        key=key, identified=ident.identified, body=full.body, session=full.session,
        symbol=full.symbol, label=label[:500]).returning(SITTINGS.c.id)).scalar_one()


def add_source(conn: Connection, version_id: int, record: Record, path: str) -> None:
    """Record that `path` (with the record's sha256) is a source of a version."""
    conn.execute(insert(SOURCES).values(
        meeting_id=version_id, sha256=record.source.sha256, path=path[:1000],
        name=(record.source.name or path)[:500], format=record.source.format,
        ingested_at=datetime.now(UTC)))


def is_original(record: Record) -> bool:
    """True when the record says it is in the meeting's original language."""
    original = record.meeting.original_language
    return bool(original) and original == record.language


def settle_reference(conn: Connection, sitting_id: int) -> None:
    """Mark the meeting's reference version: the first stored in the original language, else
    the first stored (conflicting records never)."""
    rows = conn.execute(
        select(MEETINGS.c.id, MEETINGS.c.original, MEETINGS.c.conflict)
        .where(MEETINGS.c.sitting_id == sitting_id).order_by(MEETINGS.c.id)).all()
    plain = [r for r in rows if not r.conflict] or rows
    chosen = next((r.id for r in plain if r.original), plain[0].id if plain else None)
    for r in rows:
        want = r.id == chosen
        conn.execute(update(MEETINGS).where(and_(MEETINGS.c.id == r.id,
                                                 MEETINGS.c.reference != want))
                     .values(reference=want))
