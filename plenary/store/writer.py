"""Record -> rows, in bulk: every row built in Python first, then one executemany per table.

Writing goes to the DBAPI connection under the SQLAlchemy one (same transaction), with plain
SQL strings built once per table: no per-row SQLAlchemy work. The round trips are few and
batched: on PostgreSQL the steps of a phase run in one psycopg pipeline (one network round
trip each: look up ids, add missing dictionary rows, insert everything); on SQLite they run
one after the other in process.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Boolean, Connection, DateTime, Integer, String, Table, delete, exists

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
SITTINGS: Table = m.Sitting.__table__  # type: ignore[assignment]
SOURCES: Table = m.Source.__table__  # type: ignore[assignment]

TEXT_LABEL = re.compile(
    r"^(Council Resolution|Council Decision|Resolution|Decision|Recommendation|Series)\b"
)
_CHUNK = 500  # SQLite: keys per `IN (...)` lookup


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
    """The record as stored: compact contract JSON, equal to `json.dumps(record.to_dict(),
    ensure_ascii=False, separators=(",", ":"))`, written by orjson straight from the dataclasses
    (their fields are in the contract's order): about 15 times faster than the standard
    library, which writes what orjson refuses (an integer past 64 bits, a lone surrogate)."""
    try:
        return orjson.dumps(record).decode()
    except orjson.JSONEncodeError:
        return json.dumps(record, default=_plain, ensure_ascii=False, separators=(",", ":"))


@dataclasses.dataclass(frozen=True, slots=True)
class Prepared:
    """The parts of storing a record that need no database, computed where the record is
    parsed (a worker process, in parallel): its JSON as stored and each paragraph's search
    terms, in document order. About a third of what storing cost when the writer did it."""

    as_json: str
    searches: tuple[str, ...]


def search_terms(record: Record) -> list[str]:
    """The search column of each paragraph, in document order."""
    return [index_text(p.text or "", record.language) for _, p in record.paragraphs()]


def prepare(record: Record) -> Prepared:
    """What `insert_record` would compute for `record` before touching the database."""
    return Prepared(record_json(record), tuple(search_terms(record)))


def actor_key(a: Actor) -> str:
    return json.dumps(list(a.key()), ensure_ascii=False, separators=(",", ":"))


# --- plain SQL over the DBAPI connection ------------------------------------------------------

# Columns written, per table, in the order of the row tuples built below.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "meetings": ("id", "symbol", "body", "session", "number", "title", "date", "start", "end",
                 "language", "source_name", "sha256", "format", "record_json", "ingested_at",
                 "sitting_id", "reference", "original", "conflict"),
    "items": ("id", "meeting_id", "position", "number", "title", "continued"),
    "paragraphs": ("id", "meeting_id", "item_id", "number", "position", "text", "heading",
                   "search"),
    "actors": ("key", "kind", "country", "code", "role", "count", "name"),
    "texts": ("label", "kind", "number", "revised", "place", "year"),
    "documents": ("symbol",),
    "interventions": ("id", "meeting_id", "paragraph_id", "actor_id", "position", "role",
                      "supports_id"),
    "on_behalf_of": ("meeting_id", "intervention_id", "actor_id", "position"),
    "paragraph_documents": ("meeting_id", "paragraph_id", "document_id", "position"),
    "text_mentions": ("meeting_id", "paragraph_id", "text_id", "position", "draft",
                      "suppressed"),
    "outcomes": ("id", "meeting_id", "paragraph_id", "position", "kind", "reading",
                 "as_amended", "conditional", "refers_to", "post", "method", "person_id",
                 "votes"),
    "outcome_objects": ("meeting_id", "outcome_id", "position", "object", "text_id",
                        "document_id"),
    "events": ("meeting_id", "position", "kind", "at", "after_paragraph"),
    "signatories": ("meeting_id", "position", "actor_id"),
}
# Dictionary tables: their unique key column.
_KEYS = {"actors": "key", "texts": "label", "documents": "symbol"}
# Tables whose ids the writer allocates (their children point at them within one batch).
_ALLOCATED = ("meetings", "items", "paragraphs", "interventions", "outcomes")


def _array_type(col: Any) -> str:
    """The PostgreSQL array type a column's values travel in (no length: the column's own
    type checks it on insert, where a cast would silently truncate)."""
    t = col.type
    if isinstance(t, Boolean):
        return "boolean[]"
    if isinstance(t, Integer):
        return "integer[]"
    if isinstance(t, DateTime):
        return "timestamptz[]" if t.timezone else "timestamp[]"
    if isinstance(t, String):
        return "text[]"
    raise TypeError(f"no array type for {col}")


class _Sql:
    """SQL text for one dialect, built once."""

    def __init__(self, dialect: Any) -> None:
        self.pg = dialect.name == "postgresql"
        mark = "%s" if self.pg else "?"
        q = dialect.identifier_preparer.quote
        self.insert: dict[str, str] = {}
        for table, cols in _COLUMNS.items():
            head = f"INSERT INTO {q(table)} ({', '.join(q(c) for c in cols)}) "
            if self.pg:  # one statement for the whole batch: columns as arrays
                types = [_array_type(m.Base.metadata.tables[table].c[c]) for c in cols]
                arrays = ", ".join(f"%b::{t}" for t in types)  # binary: no text escaping
                sql = head + f"SELECT * FROM unnest({arrays})"
            else:
                sql = head + "VALUES (" + ", ".join([mark] * len(cols)) + ")"
            if table in _KEYS:
                sql += f" ON CONFLICT ({q(_KEYS[table])}) DO NOTHING"
            self.insert[table] = sql
        if self.pg:
            self.lookup = {t: f"SELECT id, {q(k)} FROM {q(t)} WHERE {q(k)} = ANY(%s)"
                           for t, k in _KEYS.items()}
            # Ids drawn from each table's own sequence (its name, then how many).
            self.allocate = "SELECT " + ", ".join(
                "ARRAY(SELECT nextval(%s::regclass) FROM generate_series(1, %s))"
                for _ in _ALLOCATED
            )
            self.fts: str | None = None
        else:
            self.lookup = {t: f"SELECT id, {q(k)} FROM {q(t)} WHERE {q(k)} IN " for t, k in
                           _KEYS.items()}
            self.allocate = "SELECT " + ", ".join(
                f"(SELECT coalesce(max(id), 0) FROM {q(t)})" for t in _ALLOCATED
            )
            self.fts = "INSERT INTO paragraph_fts(rowid, search) VALUES (?, ?)"


_SQL: dict[tuple[str, int], _Sql] = {}


def _sql(conn: Connection) -> _Sql:
    key = (conn.dialect.name, id(type(conn.dialect)))
    found = _SQL.get(key)
    if found is None:
        found = _SQL[key] = _Sql(conn.dialect)
    return found


class _Link:
    """Batches of plain SQL on the DBAPI connection of `conn`, inside its transaction.

    Use as a context manager. `send(steps)` queues `("many", sql, rows)` (insert rows) and
    `("one", sql, params)` (a query) steps in order; `run(steps)` sends them and returns the
    rows of each query. PostgreSQL: the whole `with` block is one psycopg pipeline, so sent
    steps travel at once and the server works on them while Python goes on; `run` costs one
    round trip, the rest is collected on leaving the block (an error anywhere surfaces there
    and aborts the transaction). An insert step is one statement with the rows as column
    arrays. SQLite: each step runs when sent, an insert step as one executemany.
    """

    def __init__(self, conn: Connection) -> None:
        self.sql = _sql(conn)
        self.raw: Any = conn.connection.driver_connection
        self.info = conn.connection.info  # lives as long as the DBAPI connection
        self._ctx: Any = None
        self._pipe: Any = None
        self._cur: Any = None

    def __enter__(self) -> _Link:
        if self.sql.pg:
            self._ctx = self.raw.pipeline()
            self._pipe = self._ctx.__enter__()
        else:
            self._cur = self.raw.cursor()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._ctx is not None:
            self._ctx.__exit__(*exc)
        if self._cur is not None:
            self._cur.close()

    def send(self, steps: Sequence[tuple[str, str, Any]]) -> list[Any]:
        """Queue steps; returns a handle per query step (for `fetch`)."""
        handles: list[Any] = []
        for kind, sql, args in steps:
            if kind == "many" and not args:
                continue
            if not self.sql.pg:
                if kind == "many":
                    self._cur.executemany(sql, args)
                else:
                    handles.append(self._cur.execute(sql, args).fetchall())
                continue
            cur = self.raw.cursor()
            if kind == "many":  # INSERT ... SELECT * FROM unnest(column arrays)
                cur.execute(sql, [list(col) for col in zip(*args, strict=True)])
            else:
                cur.execute(sql, args)
                handles.append(cur)
        return handles

    def run(self, steps: Sequence[tuple[str, str, Any]]) -> list[list[tuple]]:
        """Send steps and wait for them: the rows of each query step."""
        handles = self.send(steps)
        if not self.sql.pg:
            return handles
        self._pipe.sync()
        return [cur.fetchall() for cur in handles]

    def sequences(self) -> list[str]:
        """PostgreSQL: the id sequences of the allocated tables (looked up once)."""
        names = self.info.get("plenary_sequences")
        if names is None:
            (row,) = self.run([("one", "SELECT " + ", ".join(
                f"pg_get_serial_sequence('{t}', 'id')" for t in _ALLOCATED), ())])
            names = self.info["plenary_sequences"] = list(row[0])
        return names


# --- rows ----------------------------------------------------------------------------------


def _actor_row(key: str, a: Actor) -> tuple:
    return (key, a.kind, a.country, a.id, a.role, a.count, a.name)


def _text_row(t: TextRef) -> tuple:
    return (t.label, t.kind, t.number, bool(t.revised), t.place, t.year)


def _guess_text_row(label: str) -> tuple:
    kind = TEXT_LABEL.match(label)
    return (label, kind.group(1).lower().replace(" ", "-") if kind else None, None, False,
            None, None)


def _walk_actors(record: Record) -> Iterable[Actor]:
    """Every actor the tables refer to (the rest stays in the record JSON only)."""
    for _, p in record.paragraphs():
        for a in p.speakers:
            yield a
            yield from a.on_behalf_of
            for s in (*a.supported_by, *a.opposed_by):
                yield s
                yield from s.on_behalf_of
        for o in p.outcomes:
            if o.person is not None:
                yield o.person
    yield from record.signatories


def _lookup_steps(link: _Link, table: str, keys: list[str]) -> list[tuple[str, str, Any]]:
    if not keys:
        return []
    sql = link.sql.lookup[table]
    if link.sql.pg:
        return [("one", sql, (keys,))]
    return [("one", sql + "(" + ", ".join("?" * len(chunk)) + ")", tuple(chunk))
            for chunk in (keys[i:i + _CHUNK] for i in range(0, len(keys), _CHUNK))]


def _resolve(link: _Link, wanted: dict[str, dict[str, tuple]], first: list[tuple[str, str, Any]]
             ) -> tuple[list[list[tuple]], dict[str, dict[str, int]]]:
    """Run the queries `first` along with the id lookups of the dictionary rows `wanted`
    (table -> key -> row), then add the rows not stored yet (a second round trip, only when
    some are new). Returns the results of `first` and the ids by table and key."""

    def lookups(keys: dict[str, list[str]]) -> tuple[list, list[tuple[str, int]]]:
        steps: list[tuple[str, str, Any]] = []
        spans: list[tuple[str, int]] = []
        for table, ks in keys.items():
            found = _lookup_steps(link, table, ks)
            spans.append((table, len(found)))
            steps += found
        return steps, spans

    def collect(results: list[list[tuple]], spans: list[tuple[str, int]]) -> None:
        pos = 0
        for table, n in spans:
            for res in results[pos:pos + n]:
                ids[table].update({k: i for i, k in res})
            pos += n

    ids: dict[str, dict[str, int]] = {t: {} for t in wanted}
    look, spans = lookups({t: list(rows) for t, rows in wanted.items()})
    results = link.run([*first, *look])
    collect(results[len(first):], spans)
    missing = {t: [k for k in rows if k not in ids[t]] for t, rows in wanted.items()}
    if any(missing.values()):
        # ON CONFLICT DO NOTHING: a row another writer added meanwhile is simply looked up.
        inserts = [("many", link.sql.insert[t], [wanted[t][k] for k in ks])
                   for t, ks in missing.items() if ks]
        look, spans = lookups(missing)
        collect(link.run([*inserts, *look]), spans)
    return results[:len(first)], ids


@dataclasses.dataclass(frozen=True, slots=True)
class VersionRow:
    """Where a stored record sits: its sitting, whether it is the reference version, in the
    original language, or a conflicting record; `source_key` fills `meetings.source_name`."""

    sitting_id: int | None = None
    reference: bool = False
    original: bool = False
    conflict: bool = False
    source_key: str | None = None


@dataclasses.dataclass
class _Flat:
    """A record's rows-to-be in document order: paragraphs with their item index, speakers,
    supporters and opposers (each naming its speaker's index), outcomes, search terms."""

    items: list[Any]
    paragraphs: list[tuple[int, Any]]  # (item index, paragraph)
    speakers: list[tuple[int, int, Actor]]  # (paragraph index, position, actor)
    backers: list[tuple[int, int, Actor, int, str]]  # (..., speaker index, role)
    outcomes: list[tuple[int, int, Any]]  # (paragraph index, position, outcome)
    searches: list[str]


def _flatten(record: Record, searches: Sequence[str] | None = None) -> _Flat:
    """The record's rows-to-be; `searches`: the paragraphs' search terms when known."""
    flat = [(n, p) for n, it in enumerate(record.items) for p in it.paragraphs]
    speakers = [(k, pos, a) for k, (_, p) in enumerate(flat) for pos, a in enumerate(p.speakers)]
    # Supporters, then opposers: each names the speaker whose clause lists it (`supports_id`).
    backers = [(k, pos, s, j, "supporter") for j, (k, _, a) in enumerate(speakers)
               for pos, s in enumerate(a.supported_by)]
    backers += [(k, pos, s, j, "opposer") for j, (k, _, a) in enumerate(speakers)
                for pos, s in enumerate(a.opposed_by)]
    outcomes = [(k, pos, o) for k, (_, p) in enumerate(flat) for pos, o in enumerate(p.outcomes)]
    if searches is None or len(searches) != len(flat):
        searches = [index_text(p.text or "", record.language) for _, p in flat]
    return _Flat(record.items, flat, speakers, backers, outcomes, list(searches))


@dataclasses.dataclass
class _Dictionaries:
    """The dictionary rows a record needs, de-duplicated in it: actors (by their key),
    texts (by label) and documents (by symbol)."""

    actor_keys: dict[tuple, str]
    actors: dict[str, tuple]
    texts: dict[str, tuple]
    documents: dict[str, tuple]


def _dictionaries(record: Record, flat: _Flat) -> _Dictionaries:
    actor_keys: dict[tuple, str] = {}
    actor_rows: dict[str, tuple] = {}
    for a in _walk_actors(record):
        k = a.key()
        if k not in actor_keys:
            key = actor_key(a)
            actor_keys[k] = key
            actor_rows.setdefault(key, _actor_row(key, a))
    text_rows: dict[str, tuple] = {}
    for holder in [*flat.items, *(p for _, p in flat.paragraphs)]:
        for t in holder.texts:
            if t.label:
                text_rows.setdefault(t.label, _text_row(t))
    doc_rows = {d: (d,) for _, p in flat.paragraphs for d in p.documents}
    for _, p in flat.paragraphs:
        for o in p.outcomes:
            for obj in o.objects:
                if obj in text_rows:
                    continue
                if TEXT_LABEL.match(obj):
                    text_rows[obj] = _guess_text_row(obj)
                else:
                    doc_rows.setdefault(obj, (obj,))
    return _Dictionaries(actor_keys, actor_rows, text_rows, doc_rows)


def _allocate(link: Any, counts: tuple[int, ...], dicts: _Dictionaries
              ) -> tuple[list[list[int]], dict[str, dict[str, int]]]:
    """Fresh ids for the owned tables (`counts` of each) and the ids of the dictionary rows,
    in one round trip."""
    sql = link.sql
    if sql.pg:
        args: tuple = tuple(x for pair in zip(link.sequences(), counts, strict=True)
                            for x in pair)
    else:  # BEGIN IMMEDIATE holds the write lock: max(id) cannot move under us
        args = ()
    (alloc,), ids = _resolve(link, {"actors": dicts.actors, "texts": dicts.texts,
                                    "documents": dicts.documents},
                             [("one", sql.allocate, args)])
    if sql.pg:
        return [list(block) for block in alloc[0]], ids
    return [list(range(top + 1, top + 1 + n))
            for top, n in zip(alloc[0], counts, strict=True)], ids


def _meeting_row(record: Record, mid: int, as_json: str, version: VersionRow | None,
                 pg: bool) -> tuple:
    mt = record.meeting
    ingested_at: Any = datetime.now(UTC)
    if not pg:  # as SQLAlchemy's DateTime stores it on SQLite
        ingested_at = ingested_at.strftime("%Y-%m-%d %H:%M:%S.%f")
    v = version or VersionRow()
    values = dict(id=mid, symbol=mt.symbol, body=mt.body, session=mt.session,
                  number=mt.number, title=mt.title, date=mt.date, start=mt.start,
                  end=mt.end, language=record.language,
                  source_name=v.source_key or record.source.name,
                  sha256=record.source.sha256, format=record.source.format,
                  record_json=as_json, ingested_at=ingested_at, sitting_id=v.sitting_id,
                  reference=v.reference, original=v.original, conflict=v.conflict)
    return tuple(values[c] for c in _COLUMNS["meetings"])


def _fact_rows(record: Record, flat: _Flat, mid: int, ids: dict[str, list[int]],
               aid: dict[tuple, int], text_ids: dict[str, int], doc_ids: dict[str, int],
               ins: dict[str, str]) -> list[tuple]:
    """The steps that write the facts of the paragraphs: interventions (speakers, then their
    supporters and opposers), on-behalf-of, documents, texts, outcomes, events, signatures."""
    para_ids, outcome_ids = ids["paragraphs"], ids["outcomes"]
    speaker_ids = ids["interventions"][:len(flat.speakers)]
    backer_ids = ids["interventions"][len(flat.speakers):]
    interventions = [(speaker_ids[j], mid, para_ids[k], aid[a.key()], pos, "speaker", None)
                     for j, (k, pos, a) in enumerate(flat.speakers)]
    interventions += [(backer_ids[j], mid, para_ids[k], aid[s.key()], pos, role,
                       speaker_ids[sj])
                      for j, (k, pos, s, sj, role) in enumerate(flat.backers)]
    acting = [(a, speaker_ids[j]) for j, (_, _, a) in enumerate(flat.speakers)]
    acting += [(s, backer_ids[j]) for j, (_, _, s, _, _) in enumerate(flat.backers)]
    outcome_rows = [
        (outcome_ids[j], mid, para_ids[k], pos, o.kind, o.reading, bool(o.as_amended),
         bool(o.conditional), o.refers_to, o.post, o.method,
         aid[o.person.key()] if o.person is not None else None,
         json.dumps(o.votes, ensure_ascii=False) if o.votes is not None else None)
        for j, (k, pos, o) in enumerate(flat.outcomes)
    ]
    paragraphs = flat.paragraphs
    return [
        ("many", ins["interventions"], interventions),
        ("many", ins["on_behalf_of"], [(mid, iid, aid[b.key()], pos) for a, iid in acting
                                       for pos, b in enumerate(a.on_behalf_of)]),
        ("many", ins["paragraph_documents"], [
            (mid, para_ids[k], doc_ids[d], pos) for k, (_, p) in enumerate(paragraphs)
            for pos, d in enumerate(p.documents)]),
        ("many", ins["text_mentions"], [
            (mid, para_ids[k], text_ids[t.label], pos, bool(t.draft), bool(t.suppressed))
            for k, (_, p) in enumerate(paragraphs) for pos, t in enumerate(p.texts)
            if t.label]),
        ("many", ins["outcomes"], outcome_rows),
        ("many", ins["outcome_objects"], [
            (mid, outcome_ids[j], pos, obj, text_ids.get(obj),
             None if obj in text_ids else doc_ids.get(obj))
            for j, (_, _, o) in enumerate(flat.outcomes) for pos, obj in enumerate(o.objects)]),
        ("many", ins["events"], [(mid, i, e.kind, e.at, e.after_paragraph)
                                 for i, e in enumerate(record.events)]),
        ("many", ins["signatories"], [(mid, i, aid[a.key()])
                                      for i, a in enumerate(record.signatories)]),
    ]


def insert_record(
    conn: Connection, record: Record, as_json: str | None = None, meeting_id: int | None = None,
    version: VersionRow | None = None, prepared: Prepared | None = None,
) -> int:
    """Insert a record and everything in it; returns its row id (`meeting_id` when given).

    Rows are built in Python, then written in two steps: fresh ids and dictionary ids (one
    round trip), then every row, parents before children (one more on PostgreSQL, collected
    at the end: the big tables go first, so the server indexes them while Python builds
    the rest). `prepared`: its JSON and search terms, computed already (in a worker).
    """
    flat = _flatten(record, prepared.searches if prepared is not None else None)
    dicts = _dictionaries(record, flat)
    as_json = as_json or (prepared.as_json if prepared is not None else record_json(record))
    with _Link(conn) as link:
        sql = link.sql
        counts = (0 if meeting_id is not None else 1, len(flat.items), len(flat.paragraphs),
                  len(flat.speakers) + len(flat.backers), len(flat.outcomes))
        fresh, found = _allocate(link, counts, dicts)
        ids = dict(zip(("meetings", "items", "paragraphs", "interventions", "outcomes"), fresh,
                       strict=True))
        mid = meeting_id if meeting_id is not None else ids["meetings"][0]
        ins = sql.insert
        item_ids, para_ids = ids["items"], ids["paragraphs"]
        link.send([
            ("many", ins["meetings"], [_meeting_row(record, mid, as_json, version, sql.pg)]),
            ("many", ins["items"], [(item_ids[n], mid, n, it.number, it.title,
                                     bool(it.continued)) for n, it in enumerate(flat.items)]),
            ("many", ins["paragraphs"], [
                (para_ids[k], mid, item_ids[n], p.number, k, p.text or "", bool(p.heading),
                 flat.searches[k]) for k, (n, p) in enumerate(flat.paragraphs)]),
        ])
        if sql.fts is not None:  # the FTS5 index (PostgreSQL computes its tsvector)
            fts_rows = list(zip(para_ids, flat.searches, strict=True))
            deferred = conn.info.get(_DEFERRED_SEARCH)
            if deferred is not None:
                deferred.extend(fts_rows)
            else:
                link.send([("many", sql.fts, fts_rows)])
        actor_ids = found["actors"]
        aid = {k: actor_ids[key] for k, key in dicts.actor_keys.items()}
        link.send(_fact_rows(record, flat, mid, ids, aid, found["texts"], found["documents"],
                             ins))
    return mid


# --- the full-text index of a batch, written at its end -------------------------------------
# FTS5 keeps the terms of new rows in memory and writes them out as an index segment at commit,
# and also before every statement that opens a statement journal (inserting a meeting's sitting,
# settling its reference version): about once per record. A batch of records that defers its
# FTS rows to its end has them written as one segment, not one (and its merging) per record.

_DEFERRED_SEARCH = "plenary_deferred_fts"  # key in the connection's `info`: the rows kept aside


def defer_search_rows(conn: Connection) -> None:
    """From now on, keep the FTS rows of the records inserted on `conn` aside (SQLite; a no-op
    on PostgreSQL), until `write_search_rows` or `drop_search_rows`."""
    if _sql(conn).fts is not None:
        conn.info[_DEFERRED_SEARCH] = []


def write_search_rows(conn: Connection) -> None:
    """Write the FTS rows kept aside, in one statement (before the transaction commits)."""
    rows = conn.info.pop(_DEFERRED_SEARCH, None)
    if rows:
        with _Link(conn) as link:
            link.send([("many", link.sql.fts, rows)])


def drop_search_rows(conn: Connection) -> None:
    """Forget the FTS rows kept aside (the transaction is rolled back)."""
    conn.info.pop(_DEFERRED_SEARCH, None)


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
