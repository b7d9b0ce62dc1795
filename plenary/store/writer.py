"""Record -> rows, in bulk: one multi-row INSERT per table, never object by object."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, exists, func, insert, select

from ..record import Actor, Record, TextRef
from . import models as m
from .terms import index_text

MEETINGS: Table = m.Meeting.__table__  # type: ignore[assignment]
ITEMS: Table = m.Item.__table__  # type: ignore[assignment]
PARAGRAPHS: Table = m.Paragraph.__table__  # type: ignore[assignment]
ACTORS: Table = m.Actor.__table__  # type: ignore[assignment]
INTERVENTIONS: Table = m.Intervention.__table__  # type: ignore[assignment]
ON_BEHALF_OF: Table = m.OnBehalfOf.__table__  # type: ignore[assignment]
DOCUMENTS: Table = m.Document.__table__  # type: ignore[assignment]
PARAGRAPH_DOCUMENTS: Table = m.ParagraphDocument.__table__  # type: ignore[assignment]
TEXTS: Table = m.Text.__table__  # type: ignore[assignment]
TEXT_MENTIONS: Table = m.TextMention.__table__  # type: ignore[assignment]
OUTCOMES: Table = m.Outcome.__table__  # type: ignore[assignment]
OUTCOME_OBJECTS: Table = m.OutcomeObject.__table__  # type: ignore[assignment]
EVENTS: Table = m.Event.__table__  # type: ignore[assignment]
SIGNATORIES: Table = m.Signatory.__table__  # type: ignore[assignment]

TEXT_LABEL = re.compile(
    r"^(Council Resolution|Council Decision|Resolution|Decision|Recommendation|Series)\b"
)
_CHUNK = 500


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass as a dict in `Record.to_dict()`'s key order (json.dumps does the rest)."""
    names = _FIELDS.get(type(obj))
    if names is None:
        if not dataclasses.is_dataclass(obj):
            raise TypeError(f"{type(obj).__name__} is not JSON serialisable")
        fs = [f.name for f in dataclasses.fields(obj)]
        names = _FIELDS[type(obj)] = (*(["schema"] if "schema" in fs else []),
                                      *(n for n in fs if n != "schema"))
    return {n: getattr(obj, n) for n in names}


def record_json(record: Record) -> str:
    """The record as stored: compact contract JSON, equal to `json.dumps(record.to_dict())`
    (built in one pass by the C encoder: several times faster)."""
    return json.dumps(record, default=_plain, ensure_ascii=False, separators=(",", ":"))


def actor_key(a: Actor) -> str:
    return json.dumps(list(a.key()), ensure_ascii=False, separators=(",", ":"))


def _actor_row(a: Actor) -> dict[str, Any]:
    return {
        "key": actor_key(a), "kind": a.kind, "country": a.country, "code": a.id,
        "role": a.role, "count": a.count, "name": a.name,
    }


def _text_row(t: TextRef) -> dict[str, Any]:
    return {
        "label": t.label, "kind": t.kind, "number": t.number, "revised": bool(t.revised),
        "place": t.place, "year": t.year,
    }


def _guess_text_row(label: str) -> dict[str, Any]:
    kind = TEXT_LABEL.match(label)
    return {
        "label": label, "kind": kind.group(1).lower().replace(" ", "-") if kind else None,
        "number": None, "revised": False, "place": None, "year": None,
    }


def _allocate_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """`n` fresh ids for `table`, so rows and their children go in as plain batches.

    SQLite: the write transaction holds the database lock (BEGIN IMMEDIATE), so max(id)
    cannot move under us. PostgreSQL: drawn from the table's own sequence.
    """
    if n == 0:
        return []
    if conn.dialect.name == "sqlite":
        top = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        return list(range(top + 1, top + n + 1))
    return list(conn.exec_driver_sql(
        f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
        f"FROM generate_series(1, {int(n)})"
    ).scalars())


def _insert_ids(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows in batches and return their ids in order."""
    if not rows:
        return []
    ids = _allocate_ids(conn, table, len(rows))
    conn.execute(insert(table), [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
    return ids


def _insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), list(rows))


def _ensure(conn: Connection, table: Table, key: str, rows: dict[str, dict[str, Any]]) -> dict:
    """Insert dictionary rows (actors, texts, documents) not stored yet; their ids by key."""
    if not rows:
        return {}
    keys = list(rows)
    col = table.c[key]
    ids: dict[str, int] = {}

    def fetch(wanted: list[str]) -> None:
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            ids.update({k: i_ for i_, k in conn.execute(select(table.c.id, col).where(
                col.in_(chunk)))})

    fetch(keys)
    missing = [k for k in keys if k not in ids]
    if missing:
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        stmt = dialect_insert(table).on_conflict_do_nothing(index_elements=[key])
        conn.execute(stmt, [rows[k] for k in missing])
        fetch(missing)
    return ids


def _walk_actors(record: Record) -> Iterable[Actor]:
    """Every actor the tables refer to (the rest stays in the record JSON only)."""
    for _, p in record.paragraphs():
        for a in p.speakers:
            yield a
            yield from a.on_behalf_of
            for s in a.supported_by:
                yield s
                yield from s.on_behalf_of
        for o in p.outcomes:
            if o.person is not None:
                yield o.person
    yield from record.signatories


def insert_record(
    conn: Connection, record: Record, as_json: str | None = None, meeting_id: int | None = None
) -> int:
    """Insert a record and everything in it; returns its meeting id (`meeting_id` when given:
    a new version of a file keeps the id of the version it replaces)."""
    mt = record.meeting
    lang = record.language
    meeting_row = {
        "symbol": mt.symbol, "body": mt.body, "session": mt.session, "number": mt.number,
        "title": mt.title, "date": mt.date, "start": mt.start, "end": mt.end, "language": lang,
        "source_name": record.source.name, "sha256": record.source.sha256,
        "format": record.source.format, "record_json": as_json or record_json(record),
        "ingested_at": datetime.now(UTC),
    }
    if meeting_id is None:
        (meeting_id,) = _insert_ids(conn, MEETINGS, [meeting_row])
    else:
        conn.execute(insert(MEETINGS), [{"id": meeting_id, **meeting_row}])
    owned = {"meeting_id": meeting_id}

    item_ids = _insert_ids(conn, ITEMS, [
        {**owned, "position": i, "number": it.number, "title": it.title,
         "continued": bool(it.continued)}
        for i, it in enumerate(record.items)
    ])
    flat = [(item_id, p) for item_id, it in zip(item_ids, record.items, strict=True)
            for p in it.paragraphs]
    para_rows = [
        {**owned, "item_id": item_id, "number": p.number, "position": i, "text": p.text or "",
         "heading": bool(p.heading), "search": index_text(p.text or "", lang)}
        for i, (item_id, p) in enumerate(flat)
    ]
    para_ids = _insert_ids(conn, PARAGRAPHS, para_rows)
    paras = list(zip(para_ids, (p for _, p in flat), strict=True))
    if conn.dialect.name == "sqlite":  # the FTS5 index (PostgreSQL computes its tsvector)
        conn.exec_driver_sql(
            "INSERT INTO paragraph_fts(rowid, search) VALUES (?, ?)",
            [(pid, row["search"]) for pid, row in zip(para_ids, para_rows, strict=True)],
        )

    actor_rows: dict[tuple, dict[str, Any]] = {}
    for a in _walk_actors(record):
        k = a.key()
        if k not in actor_rows:
            actor_rows[k] = _actor_row(a)
    by_key = _ensure(conn, ACTORS, "key", {row["key"]: row for row in actor_rows.values()})
    actor_ids = {k: by_key[row["key"]] for k, row in actor_rows.items()}

    def aid(a: Actor) -> int:
        return actor_ids[a.key()]

    # Speakers, then their supporters (whose rows point at the speaker's intervention).
    speakers = [(pid, pos, a) for pid, p in paras for pos, a in enumerate(p.speakers)]
    speaker_ids = _insert_ids(conn, INTERVENTIONS, [
        {**owned, "paragraph_id": pid, "actor_id": aid(a), "position": pos, "role": "speaker",
         "supports_id": None}
        for pid, pos, a in speakers
    ])
    supporters = [
        (pid, pos, s, sid)
        for (pid, _, a), sid in zip(speakers, speaker_ids, strict=True)
        for pos, s in enumerate(a.supported_by)
    ]
    supporter_ids = _insert_ids(conn, INTERVENTIONS, [
        {**owned, "paragraph_id": pid, "actor_id": aid(s), "position": pos,
         "role": "supporter", "supports_id": sid}
        for pid, pos, s, sid in supporters
    ])
    acting = [(a, iid) for (_, _, a), iid in zip(speakers, speaker_ids, strict=True)]
    acting += [(s, iid) for (_, _, s, _), iid in zip(supporters, supporter_ids, strict=True)]
    _insert(conn, ON_BEHALF_OF, [
        {**owned, "intervention_id": iid, "actor_id": aid(b), "position": pos}
        for a, iid in acting for pos, b in enumerate(a.on_behalf_of)
    ])

    # Texts and documents, then the links to them.
    text_rows: dict[str, dict[str, Any]] = {}
    for it in record.items:
        for t in it.texts:
            if t.label:
                text_rows.setdefault(t.label, _text_row(t))
    for _, p in paras:
        for t in p.texts:
            if t.label:
                text_rows.setdefault(t.label, _text_row(t))
    doc_symbols = {d: {"symbol": d} for _, p in paras for d in p.documents}
    for _, p in paras:
        for o in p.outcomes:
            for obj in o.objects:
                if obj in text_rows:
                    continue
                if TEXT_LABEL.match(obj):
                    text_rows[obj] = _guess_text_row(obj)
                else:
                    doc_symbols.setdefault(obj, {"symbol": obj})
    text_ids = _ensure(conn, TEXTS, "label", text_rows)
    doc_ids = _ensure(conn, DOCUMENTS, "symbol", doc_symbols)
    _insert(conn, PARAGRAPH_DOCUMENTS, [
        {**owned, "paragraph_id": pid, "document_id": doc_ids[d], "position": pos}
        for pid, p in paras for pos, d in enumerate(p.documents)
    ])
    _insert(conn, TEXT_MENTIONS, [
        {**owned, "paragraph_id": pid, "text_id": text_ids[t.label], "position": pos,
         "draft": bool(t.draft), "suppressed": bool(t.suppressed)}
        for pid, p in paras for pos, t in enumerate(p.texts) if t.label
    ])

    outcomes = [(pid, pos, o) for pid, p in paras for pos, o in enumerate(p.outcomes)]
    outcome_ids = _insert_ids(conn, OUTCOMES, [
        {**owned, "paragraph_id": pid, "position": pos, "kind": o.kind, "reading": o.reading,
         "as_amended": bool(o.as_amended), "conditional": bool(o.conditional),
         "refers_to": o.refers_to, "post": o.post, "method": o.method,
         "person_id": aid(o.person) if o.person is not None else None,
         "votes": json.dumps(o.votes, ensure_ascii=False) if o.votes is not None else None}
        for pid, pos, o in outcomes
    ])
    _insert(conn, OUTCOME_OBJECTS, [
        {**owned, "outcome_id": oid, "position": pos, "object": obj,
         "text_id": text_ids.get(obj), "document_id": None if obj in text_ids
         else doc_ids.get(obj)}
        for (_, _, o), oid in zip(outcomes, outcome_ids, strict=True)
        for pos, obj in enumerate(o.objects)
    ])

    _insert(conn, EVENTS, [
        {**owned, "position": i, "kind": e.kind, "at": e.at,
         "after_paragraph": e.after_paragraph}
        for i, e in enumerate(record.events)
    ])
    _insert(conn, SIGNATORIES, [
        {**owned, "position": i, "actor_id": aid(a)} for i, a in enumerate(record.signatories)
    ])
    return meeting_id


def delete_meeting(conn: Connection, meeting_id: int) -> None:
    """Delete a meeting and every row it owns, children first."""
    for table in m.MEETING_TABLES:
        conn.execute(delete(table).where(table.c.meeting_id == meeting_id))
    conn.execute(delete(MEETINGS).where(MEETINGS.c.id == meeting_id))


def prune_dictionaries(conn: Connection) -> None:
    """Delete actors, texts and documents no stored meeting refers to any more."""
    a = ACTORS.c.id
    conn.execute(delete(ACTORS).where(
        ~exists().where(INTERVENTIONS.c.actor_id == a),
        ~exists().where(ON_BEHALF_OF.c.actor_id == a),
        ~exists().where(OUTCOMES.c.person_id == a),
        ~exists().where(SIGNATORIES.c.actor_id == a),
    ))
    conn.execute(delete(TEXTS).where(
        ~exists().where(TEXT_MENTIONS.c.text_id == TEXTS.c.id),
        ~exists().where(OUTCOME_OBJECTS.c.text_id == TEXTS.c.id),
    ))
    conn.execute(delete(DOCUMENTS).where(
        ~exists().where(PARAGRAPH_DOCUMENTS.c.document_id == DOCUMENTS.c.id),
        ~exists().where(OUTCOME_OBJECTS.c.document_id == DOCUMENTS.c.id),
    ))
