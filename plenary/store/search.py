"""Full-text search over paragraphs: SQLite FTS5 (bm25) or PostgreSQL tsvector (ts_rank).

Both backends index the same stemmed, accent-folded column (see terms.py); the query is cut
into words and rebuilt as quoted terms, so no user input reaches the FTS syntax. Filters are
bound parameters (filters.py).

A page costs the same whatever the number of matches (issue 14). The matches are read newest
first (paragraph id, descending) and only as far as the page needs, in tiers of
`RANK_WINDOW`: the newest `RANK_WINDOW` matches are ranked (best first, then date, meeting,
position) and come first, then the next `RANK_WINDOW`, ranked among themselves, and so on; an
archive with fewer matches than that is ranked as a whole, as before. SQLite reads the FTS5
index in descending row id order; PostgreSQL reads the GIN index over growing ranges of the
newest ids (`_newest_by_ranges`). The total is exact when every match was read; else SQLite
counts the matches (filters aside) up to `COUNT_CAP`, and beyond that, or with filters, or on
PostgreSQL (where counting reads each match's row), it is an estimate (`Hits.estimated`):
the share of the ids read that matched, taken to hold over all the paragraph ids. A listing
(filters, no words) is read in date order and counted up to `LISTING_CAP`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    String,
    cast,
    column,
    exists,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.sql.visitors import replacement_traverse

from .filters import Filters, meeting_conditions, paragraph_conditions
from .terms import fts5_query, query_groups, tsquery
from .writer import MEETINGS, OUTCOMES, PARAGRAPHS

MAX_LIMIT = 1000
RANK_WINDOW = 200  # matches ranked together: a tier (see the module's docstring)
COUNT_CAP = 10_000  # matches counted one by one; beyond, the total is an estimate
LISTING_CAP = 1_000  # the same for a listing (no words): each row counted is a join
FTS = table("paragraph_fts", column("rowid"))  # SQLite only (created by migration 0001)


@dataclass(slots=True)
class Hits:
    """Matching paragraph ids (best first) for one page, the total, and the query terms.

    `estimated`: the total is an estimate (see the module's docstring), not a count."""

    total: int
    ids: list[int]
    groups: list[set[str]]
    estimated: bool = False


def languages(conn: Connection) -> list[str]:
    """The languages of the stored records (a query is stemmed in each)."""
    return [r for (r,) in conn.execute(select(MEETINGS.c.language).distinct()) if r]


def find(conn: Connection, q: str, filters: Filters, limit: int = 50, offset: int = 0) -> Hits:
    """Paragraphs matching every word of `q` (any word form) and every filter.

    An empty `q` lists the paragraphs the filters select, in document order; an empty `q`
    with no filter finds nothing. Order: by tiers of the newest matches, in a tier best rank
    first, then date, meeting, position (see the module's docstring).
    """
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    groups = query_groups(q or "", languages(conn))
    if not groups:
        if not filters.any():
            return Hits(0, [], [])
        # each meeting once (its reference version) unless a language is asked for
        return _listing(conn, paragraph_conditions(filters), filters.language in (None, ""),
                        limit, offset)
    conds = _match_conditions(conn, filters)
    if conn.dialect.name == "postgresql":
        # For this transaction only. The planner takes `tsv @@ query` for cheap and scans
        # the whole table for common words, where the GIN index reads only the matches. And
        # psycopg prepares a statement run often: its generic plan, blind to the query words
        # and the range of ids, may read every match; plan each search anew.
        conn.exec_driver_sql("SELECT set_config('enable_seqscan', 'off', true), "
                             "set_config('plan_cache_mode', 'force_custom_plan', true)")
    dedupe = _has_versions(conn)
    span = _id_range(conn)
    if filters.meeting not in (None, ""):
        meeting_span = _meeting_span(conn, filters)
        if meeting_span is None:
            return Hits(0, [], groups)
        span = meeting_span
        conds += [_match(conn, groups)[2].between(*span)]
    matches = _newest_matches(conn, groups, conds, dedupe)
    wanted = offset + limit
    tiers = max(1, -(-wanted // RANK_WINDOW))  # enough tiers to fill the page
    while True:
        window = tiers * RANK_WINDOW
        if conn.dialect.name == "sqlite":  # the full-text index reads newest first
            rows = conn.execute(matches.limit(window)).all()
        else:
            rows, found, start = _newest_by_ranges(conn, matches, window, span)
        ordered = _in_order(rows, dedupe)
        if len(ordered) >= wanted or len(rows) < window:
            break
        # a paragraph matched in several versions is named once: read more tiers (the
        # first ones stay as they are, so pages do not overlap)
        tiers = max(tiers + 1, -(-tiers * wanted // max(1, len(ordered))))
    ids = [r.id for r in ordered[offset:offset + limit]]
    if len(rows) < window:  # every match was read
        return Hits(len(ordered), ids, groups)
    if conn.dialect.name == "sqlite":
        total, estimated = _total(conn, groups, conds, dedupe, rows, len(ordered), span)
    else:  # counting would read every match's row: the share of the ids read holds
        low, high = span
        total = round(len(ordered) / len(rows) * found * (high - low + 1) / (high - start + 1))
        estimated = True
    return Hits(max(total, offset + len(ids)), ids, groups, estimated)


def _unindexed(name: str) -> Callable[[Any], Any]:
    """A replacement function for `replacement_traverse`: the paragraph id becomes SQLite's
    `+name` (e.g. `+paragraphs.id`), a value the planner checks row by row, never an index
    to start from."""
    plain = literal_column(f"+{name}")

    def swap(element: Any) -> Any:
        return plain if element is PARAGRAPHS.c.id else None
    return swap


def _match_conditions(conn: Connection, filters: Filters) -> list:
    """The filters as conditions on each match read, newest first, from the full-text index.

    An outcome's kind or reading is looked up for each match (`EXISTS`): the set of
    paragraphs with an adopted outcome is a good part of the archive, and building it would
    cost more than the page. SQLite: the other filters on paragraph ids (`id IN (...)`, small
    sets) are checked on the index's row id, before the paragraph row is looked up; as a
    constraint on the index instead, FTS5 would seek once per id of the set (seconds for a
    few thousand)."""
    sqlite = conn.dialect.name == "sqlite"
    conds = paragraph_conditions(replace(filters, kind=None, reading=None))
    if sqlite:
        swap = _unindexed("paragraph_fts.rowid")
        conds = [replacement_traverse(c, {}, swap) for c in conds]
    outcome = [OUTCOMES.c.paragraph_id == (FTS.c.rowid if sqlite else PARAGRAPHS.c.id)]
    if filters.kind not in (None, ""):
        outcome.append(OUTCOMES.c.kind == str(filters.kind))
    if filters.reading not in (None, ""):
        outcome.append(OUTCOMES.c.reading == str(filters.reading))
    if len(outcome) > 1:
        conds.append(exists().where(*outcome))
    return conds


def _has_versions(conn: Connection) -> bool:
    """True when some meeting is stored in more than one version (then a paragraph may match
    in several languages, and is named once)."""
    return conn.execute(select(MEETINGS.c.id).where(MEETINGS.c.reference.is_(False))
                        .limit(1)).first() is not None


def _match(conn: Connection, groups: list[set[str]]) -> tuple[Any, Any, Any]:
    """(the match condition, the rank (lower is better), the id column it orders by)."""
    if conn.dialect.name == "sqlite":
        fts = literal_column("paragraph_fts")
        return fts.op("MATCH")(fts5_query(groups)), func.bm25(fts), FTS.c.rowid
    tsv = literal_column("paragraphs.tsv")
    query = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery(groups))
    return tsv.op("@@")(query), -func.ts_rank(tsv, query), PARAGRAPHS.c.id


def _newest_matches(conn: Connection, groups: list[set[str]], conds: list, dedupe: bool
                    ) -> Select:
    """The matches of `groups` and `conds`, newest first, with their rank and what orders
    them (`date`, `meeting_id`, `position`; and `sitting_id`, `reference`, `pkey` to name a
    paragraph once when `dedupe`). The caller cuts it with a LIMIT."""
    match, rank, key = _match(conn, groups)
    columns = [PARAGRAPHS.c.id, rank.label("rank"), MEETINGS.c.date,
               MEETINGS.c.id.label("meeting_id"), PARAGRAPHS.c.position]
    if dedupe:
        pkey = func.coalesce(PARAGRAPHS.c.number, "#" + cast(PARAGRAPHS.c.position, String))
        columns += [MEETINGS.c.sitting_id, MEETINGS.c.reference, pkey.label("pkey")]
    base = select(*columns)
    if conn.dialect.name == "sqlite":
        base = base.select_from(FTS).join(PARAGRAPHS, PARAGRAPHS.c.id == FTS.c.rowid)
    return (base.join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
            .where(match, *conds).order_by(key.desc()))


def _newest_by_ranges(conn: Connection, matches: Select, window: int, span: tuple[int, int]
                      ) -> tuple[list[Any], int, int]:
    """PostgreSQL: the newest `window` rows of `matches`, read from the GIN index in ranges
    of ids ending at the newest paragraph, each larger than the last, until the range holds
    `window` rows or covers `span` (the GIN index gives its matches in no useful order, and
    ordering them all by id would read every match). Also: how many rows the last range
    held, and its first id."""
    low, high = span
    size = 4 * window
    unordered = matches.order_by(None)
    while True:
        start = max(low, high - size + 1)
        rows = conn.execute(unordered.where(PARAGRAPHS.c.id >= start)).all()
        if len(rows) >= window or start <= low:
            break
        # the next range: what the matches so far say holds `window` and a half, within
        # 2 to 64 times this one
        size *= min(64, max(2, -(-3 * window // max(1, 2 * len(rows)))))
    rows.sort(key=lambda r: r.id, reverse=True)
    return rows[:window], len(rows), start


def _meeting_span(conn: Connection, filters: Filters) -> tuple[int, int] | None:
    """The lowest and highest paragraph ids of the meeting a filter names (its versions were
    each stored in one go, their ids follow one another): the matches are read in that
    range only, not among every match of the archive. None when it has no paragraphs."""
    found = conn.execute(
        select(func.min(PARAGRAPHS.c.id), func.max(PARAGRAPHS.c.id))
        .join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
        .where(*meeting_conditions(filters))).one()
    return None if found[0] is None else (found[0], found[1])


def _in_order(rows: Sequence[Any], dedupe: bool) -> list[Any]:
    """The matches read (newest first) in result order: tier, rank, date, meeting, position;
    with `dedupe`, a paragraph matched in several versions of a meeting once (its earliest
    tier, best rank, the reference version on a tie)."""
    tiered = [(i // RANK_WINDOW, r) for i, r in enumerate(rows)]
    if dedupe:
        best: dict[tuple[Any, Any], tuple[int, Any]] = {}
        for tier, r in tiered:
            key = (r.sitting_id, r.pkey)
            kept = best.get(key)
            if kept is None or _version_order(tier, r) < _version_order(*kept):
                best[key] = (tier, r)
        tiered = list(best.values())
    tiered.sort(key=lambda tr: (tr[0], tr[1].rank, tr[1].date or "", tr[1].meeting_id,
                                tr[1].position))
    return [r for _, r in tiered]


def _version_order(tier: int, r: Any) -> tuple[int, float, bool, int]:
    return (tier, r.rank, not r.reference, r.meeting_id)


def _total(conn: Connection, groups: list[set[str]], conds: list, dedupe: bool,
           rows: Sequence[Any], kept: int, span: tuple[int, int]) -> tuple[int, bool]:
    """SQLite: (the number of matches, whether it is an estimate) when more matched than
    the `rows` read (newest first; `kept` of them once named once per meeting).

    The matches without filters are counted up to `COUNT_CAP`, beyond which their number is
    extrapolated from the ids the first `COUNT_CAP` reach. With filters or versions, the
    share of the ids of `span` the rows read cover is taken to hold for all of them."""
    match, _, key = _match(conn, groups)
    first = select(key.label("id")).select_from(FTS).where(match).limit(COUNT_CAP + 1)
    counted, reached = conn.execute(
        select(func.count(), func.max(first.subquery().c.id))).one()
    low, high = _id_range(conn)
    estimated = counted > COUNT_CAP
    matches = (round(counted * (high - low + 1) / max(1, reached - low + 1)) if estimated
               else counted)
    if not conds and not dedupe:
        return matches, estimated
    first_id, last_id = span
    share = kept * (last_id - first_id + 1) / max(1, last_id - rows[-1].id + 1)
    return min(round(share), matches), True


def _id_range(conn: Connection) -> tuple[int, int]:
    """The lowest and highest paragraph ids (two index look-ups: SQLite reads the whole table
    for `min` and `max` in one select)."""
    low = select(func.min(PARAGRAPHS.c.id)).scalar_subquery()
    high = select(func.max(PARAGRAPHS.c.id)).scalar_subquery()
    found = conn.execute(select(low, high)).one()
    return found[0] or 0, found[1] or 0


def _listing(conn: Connection, conds: list, reference: bool, limit: int, offset: int) -> Hits:
    """The paragraphs the filters select, in date, meeting and document order; the total is
    counted apart (up to `LISTING_CAP`, an estimate beyond, extrapolated from the ids the
    rows counted reach). `reference`: of each meeting, its reference version only.

    SQLite: the page is read in that order from the meetings' date index, the filters checked
    on each paragraph, and stops at the page's end; the count starts from the filter's set of
    ids (left to itself the planner probed that set once per meeting: seconds)."""
    sqlite = conn.dialect.name == "sqlite"
    if reference:
        conds = [*conds, (literal_column("+meetings.reference") if sqlite
                          else MEETINGS.c.reference).is_(True)]
    checked = conds
    if sqlite:
        swap = _unindexed("paragraphs.id")
        checked = [replacement_traverse(c, {}, swap) for c in conds]
    # A record's paragraphs are stored in document order: their ids follow their positions
    # (and the meeting id index gives them in that order).
    page = (select(PARAGRAPHS.c.id)
            .join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id).where(*checked)
            .order_by(MEETINGS.c.date, MEETINGS.c.id, PARAGRAPHS.c.id))
    ids = [r for (r,) in conn.execute(page.limit(limit).offset(offset))] if limit else []
    if ids and len(ids) < limit:  # the last page: the total is known
        return Hits(offset + len(ids), ids, [])
    base = (select(PARAGRAPHS.c.id)
            .join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id).where(*conds))
    first = base.limit(LISTING_CAP + 1).subquery()
    counted, reached = conn.execute(select(func.count(), func.max(first.c.id))).one()
    if counted <= LISTING_CAP:
        return Hits(counted, ids, [])
    low, high = _id_range(conn)
    estimate = round(counted * (high - low + 1) / max(1, reached - low + 1))
    return Hits(max(estimate, offset + len(ids)), ids, [], True)
