"""The register of decisions: every outcome, filtered, a page at a time or streamed.

Each row says where (date, session, meeting, item number and title, paragraph), what (kind,
reading, objects, election facts) and in which words (`wording`: the sentence of the
paragraph that states the outcome)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, func, literal_column, select

from ..store import Archive
from ..store.filters import Filters, meeting_conditions, outcome_conditions
from ..store.writer import ITEMS, MEETINGS, OUTCOMES, PARAGRAPHS, SITTINGS
from .common import (
    OUTCOME_COLUMNS,
    PLACE_COLUMNS,
    REFERENCE,
    outcome_dicts,
    paged,
    place,
    with_place,
)

STREAM_CHUNK = 1000
MAX_WORDING = 600
SEEK_FROM = 500  # PostgreSQL: a page from this offset on seeks its meetings (see `_seek`)

# What the register adds to PLACE_COLUMNS: the session, the item's title, the paragraph's text.
REGISTER_COLUMNS = (
    func.coalesce(MEETINGS.c.session, SITTINGS.c.session).label("meeting_session"),
    ITEMS.c.title.label("item_title"),
    PARAGRAPHS.c.text.label("paragraph_text"),
)

# Sentence ends: . ; ! ? followed by a space; the Chinese and Arabic ones need no space.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？؟])\s*")
# The stems that say an outcome, per kind, in the record languages (lower case, accents kept).
_KIND_STEMS: dict[str, tuple[str, ...]] = {
    "adopted": ("adopt", "adopté", "aprob", "通过", "اعتمد", "принят", "утвержд"),
    "approved": ("approv", "approuv", "aprob", "批准", "وافق", "одобр", "утвержд"),
    "noted": ("note", "noted", "nota", "注意", "أحاط", "принял к сведению", "к сведению"),
    "decided": ("decid", "décid", "decidi", "决定", "قرر", "решил"),
    "elected": ("elect", "élu", "elegid", "élection", "当选", "انتخب", "избран"),
    "postponed": ("postpon", "reporté", "renvoy", "aplaz", "defer", "推迟", "أرجأ", "отлож"),
    "not-adopted": ("not adopt", "pas adopté", "no se aprob", "rejet", "rechaz", "reject"),
    "withdrawn": ("withdr", "retir", "撤回", "سحب", "отозва"),
}


def wording(text: str | None, outcome: dict[str, Any]) -> str | None:
    """The sentence of a paragraph's `text` that states `outcome`: the last one naming the
    outcome's kind (in any record language) or one of its objects, else the last sentence;
    at most MAX_WORDING characters."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]
    if not sentences:
        return None
    stems = _KIND_STEMS.get(outcome.get("kind") or "", ())
    objects = [str(o).lower() for o in outcome.get("objects") or [] if o]
    chosen = next((s for s in reversed(sentences)
                   if any(x in s.lower() for x in (*stems, *objects))), sentences[-1])
    return chosen if len(chosen) <= MAX_WORDING else chosen[:MAX_WORDING - 1] + "…"


def _row(r: Any, outcome: dict[str, Any]) -> dict[str, Any]:
    """One register row: where, when, in which words, and the outcome's facts."""
    where = place(r)
    where["meeting"]["session"] = r.meeting_session
    return {**where, "date": r.meeting_date, "session": r.meeting_session,
            "item_title": r.item_title, "wording": wording(r.paragraph_text, outcome),
            **outcome}


# Register order: meeting date, meeting, then document order (a version's paragraphs are
# stored in order, so their ids follow it), then the outcome's place in its paragraph. A
# meeting has one reference version, so `number` and the version's id change nothing but
# the plan: with them the order is that of the covering indexes `ix_meetings_listing`
# (reference, date, sitting_id, number, id) then `ix_outcomes_register` (meeting_id,
# paragraph_id, position), and a page is found by walking the indexes, never sorting (without
# them SQLite sorted the outcomes of every meeting before the page: a middle page of 100,000
# outcomes cost ~4 times the first).
ORDER = (MEETINGS.c.date, MEETINGS.c.sitting_id, MEETINGS.c.number, MEETINGS.c.id,
         OUTCOMES.c.paragraph_id, OUTCOMES.c.position)
MEETING_ORDER = ORDER[:4]  # the versions' order: that of `ix_meetings_listing` (migration 0008)


def _query(filters: Filters) -> Select:
    """Outcomes of the reference versions with everything a row shows, in register order."""
    return with_place(
        select(*PLACE_COLUMNS, *REGISTER_COLUMNS, *OUTCOME_COLUMNS).select_from(OUTCOMES)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
    ).where(*outcome_conditions(filters)).order_by(*ORDER)


def _selected(filters: Filters, dialect: str = "sqlite") -> Select:
    """The ids of the outcomes the filters select, in register order: reads outcomes and
    their versions' rows only, so that a page is chosen without joining, sorting or reading
    the text of every row.

    A speaker filter's set of paragraph ids is checked on each outcome's `paragraph_id`; on
    SQLite as `+outcomes.paragraph_id`, not a constraint of the register index, with which
    SQLite probed every id of the set in every meeting (5.7 s for Canada's at 10,000
    meetings, 20 ms now)."""
    paragraph = (literal_column("+outcomes.paragraph_id") if dialect == "sqlite"
                 else OUTCOMES.c.paragraph_id)
    return (select(OUTCOMES.c.id).select_from(OUTCOMES)
            .join(MEETINGS, MEETINGS.c.id == OUTCOMES.c.meeting_id)
            .where(REFERENCE, *outcome_conditions(filters, paragraph)).order_by(*ORDER))


def _count(filters: Filters) -> Select:
    """How many outcomes the filters select, counted on indexes alone: the versions are
    chosen first (`IN`, on their covering index), so that no `meetings` row, each carrying
    its whole record, is read per outcome (a join let SQLite read one per outcome of a kind)."""
    versions = select(MEETINGS.c.id).where(REFERENCE, *meeting_conditions(filters))
    return _outcomes_counted(filters).where(OUTCOMES.c.meeting_id.in_(versions))


def _outcomes_counted(filters: Filters) -> Select:
    """`SELECT count(*)` of the outcomes the filters on outcomes and speakers select (the
    filters on versions left to the caller)."""
    rest = Filters(country=filters.country, group=filters.group, kind=filters.kind,
                   reading=filters.reading, text=filters.text)
    stmt = select(func.count()).select_from(OUTCOMES)
    if filters.country not in (None, "") or filters.group not in (None, ""):
        stmt = stmt.join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
    return stmt.where(*outcome_conditions(rest))


def _seek(conn: Connection, chosen: Filters, limit: int, offset: int
          ) -> tuple[list[int], int] | None:
    """A deep page's versions (the meetings its rows are in, in register order) and how many
    rows come before them; None when the page lies past the last row.

    A page cut from the whole ordered register costs every row before it (on PostgreSQL,
    which sorts each meeting's outcomes on the way, 6.7 times a meeting page half-way into
    10,000 meetings). Here each version's outcomes are counted on the index (one look-up a
    version), summed in register order (a window), and the versions read until the page's
    end: only the page's own rows are then joined and sorted. (SQLite walks its covering
    indexes in register order without a sort: there, counting costs more than walking.)"""
    counted = _outcomes_counted(chosen).where(
        OUTCOMES.c.meeting_id == MEETINGS.c.id).correlate(MEETINGS).scalar_subquery()
    # in register order, from the listing index; `OFFSET 0` keeps the count one subquery
    # (PostgreSQL, flattening it, counted each version twice)
    versions = (select(MEETINGS.c.id, *MEETING_ORDER[:3], counted.label("n"))
                .where(REFERENCE, *meeting_conditions(chosen)).order_by(*MEETING_ORDER)
                .offset(0).subquery())
    order = [versions.c.date, versions.c.sitting_id, versions.c.number, versions.c.id]
    summed = select(versions.c.id, versions.c.n,
                    func.sum(versions.c.n).over(order_by=order).label("reach")).subquery()
    # versions with a row, from the page's first: at most `limit` of them hold the page (the
    # window's rows come in its order)
    found = conn.execute(select(summed.c.id, summed.c.n, summed.c.reach)
                         .where(summed.c.reach > offset, summed.c.n > 0).limit(limit)).all()
    if not found:
        return None
    ids = []
    for r in found:
        ids.append(r.id)
        if r.reach >= offset + limit:
            break
    return ids, int(found[0].reach) - found[0].n  # (PostgreSQL sums to a numeric)


def _filters(meeting: Any = None, kind: Any = None, reading: Any = None, text: Any = None,
             country: Any = None, group: Any = None, date_from: Any = None,
             date_to: Any = None, language: Any = None) -> Filters:
    return Filters(meeting, country, group, kind, reading, text, date_from, date_to, language)


def _page(conn: Connection, chosen: Filters, limit: int | None, offset: int) -> list[Any]:
    """The register rows of one page (every row with `limit` None): the page's outcome ids
    are chosen on the covering indexes, then only those rows are read and joined."""
    if limit is None:
        return conn.execute(_query(chosen)).all()
    selected = _selected(chosen, conn.dialect.name)
    if offset >= SEEK_FROM and limit and conn.dialect.name == "postgresql":
        sought = _seek(conn, chosen, limit, offset)
        if sought is None:
            return []
        versions, before = sought
        selected, offset = selected.where(OUTCOMES.c.meeting_id.in_(versions)), offset - before
    ids = list(conn.execute(paged(selected, limit, offset)).scalars())
    if not ids:
        return []
    found = {r.id: r for r in conn.execute(
        _query(Filters()).where(OUTCOMES.c.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def decisions(archive: Archive, *, limit: int | None = None, offset: int = 0,
              **filters: Any) -> list[dict[str, Any]]:
    """Outcomes in meeting-date then paragraph order (a page of them with `limit`):
    `{"meeting", "date", "session", "item", "item_title", "number", "position", "wording",
    "kind", "objects", "reading", "as_amended", "conditional", "refers_to", "person", "post",
    "method", "votes"}` (`item`: the item's number). Filters: `meeting`, `kind`, `reading`,
    `text`, `country`, `group`, `date_from`, `date_to`, `language`."""
    with archive.read() as conn:
        rows = _page(conn, _filters(**filters), limit, offset)
        outcomes = outcome_dicts(conn, rows)
    return [_row(r, outcomes[r.id]) for r in rows]


def decisions_page(archive: Archive, *, limit: int, offset: int = 0, **filters: Any
                   ) -> tuple[list[dict[str, Any]], int]:
    """One page of `decisions` and how many rows the filters select in all, read from one
    snapshot (the count from the covering indexes alone)."""
    chosen = _filters(**filters)
    with archive.read() as conn:
        rows = _page(conn, chosen, limit, offset)
        outcomes = outcome_dicts(conn, rows)
        total = conn.execute(_count(chosen)).scalar_one()
    return [_row(r, outcomes[r.id]) for r in rows], total


def decisions_total(archive: Archive, **filters: Any) -> int:
    """How many outcomes the filters select."""
    with archive.read() as conn:
        return conn.execute(_count(_filters(**filters))).scalar_one()


def register_languages(archive: Archive) -> list[str]:
    """The languages of the stored versions, sorted (the register filter's choices), read
    from the language index alone."""
    with archive.read() as conn:
        return sorted(conn.execute(select(MEETINGS.c.language).distinct()).scalars())


def iter_decisions(archive: Archive, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every outcome the filters select, as `decisions` gives them, read a chunk at a time
    from one snapshot (for a streamed download: the whole list is never built)."""
    with archive.read() as conn:
        result = conn.execution_options(stream_results=True,
                                        yield_per=STREAM_CHUNK).execute(
            _query(_filters(**filters)))
        while rows := result.fetchmany(STREAM_CHUNK):
            outcomes = outcome_dicts(conn, rows)
            for r in rows:
                yield _row(r, outcomes[r.id])
