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

A deep page (from `RANK_WINDOW` on) names the same paragraphs in the same order, but ranks
only the tiers it falls in: the matches before are read light (their ids, and with versions
their meeting and number, no rank), to count the paragraphs each tier names (issue 14: at
offset 2,050 of 10,000 meetings in two versions, 176 ms became 16).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

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
    if offset >= RANK_WINDOW:  # a deep page: the tiers before it are counted, not ranked
        return _deep_page(conn, groups, conds, dedupe, span, limit, offset)
    matches = _newest_matches(conn, groups, conds, dedupe)
    read, ordered = _enough_tiers(conn, matches, offset + limit, span,
                                  lambda rows: _in_order(rows, dedupe))
    ids = [r.id for r in ordered[offset:offset + limit]]
    return _hits(conn, groups, conds, dedupe, span, read, len(ordered), ids, offset)


@dataclass(slots=True)
class _Read:
    """The newest matches read, newest first; whether they are all the matches; on
    PostgreSQL the rows of the ids read (`held`, from `start` to the newest; `found` of them),
    of which `rows` are the newest."""

    rows: list[Any]
    every: bool
    found: int = 0
    start: int = 0
    held: list[Any] = field(default_factory=list)


def _read_newest(conn: Connection, matches: Select, window: int, span: tuple[int, int],
                 before: _Read | None = None) -> _Read:
    """The newest `window` rows of `matches` (ordered by id, descending). SQLite goes on
    from the rows read `before` (fewer), PostgreSQL below the ids it read."""
    if conn.dialect.name == "sqlite":  # the full-text index reads newest first
        rows = list(before.rows) if before and before.rows else []
        more = matches.where(_id_column(conn) < rows[-1].id) if rows else matches
        rows += conn.execute(more.limit(window - len(rows))).all()
        return _Read(rows, len(rows) < window)
    return _newest_by_ranges(conn, matches, window, span, before)


Arranged = TypeVar("Arranged", bound=Sized)


def _enough_tiers(conn: Connection, matches: Select, wanted: int, span: tuple[int, int],
                  arrange: Callable[[list[Any]], Arranged]) -> tuple[_Read, Arranged]:
    """The newest whole tiers of `matches` that name `wanted` paragraphs (or every match),
    and what `arrange` makes of them (its length: the paragraphs they name)."""
    tiers = max(1, -(-wanted // RANK_WINDOW))  # enough tiers to fill the page
    read = None
    while True:
        read = _read_newest(conn, matches, tiers * RANK_WINDOW, span, read)
        arranged = arrange(read.rows)
        if len(arranged) >= wanted or read.every:
            return read, arranged
        # a paragraph matched in several versions is named once: read more tiers (the
        # first ones stay as they are, so pages do not overlap)
        tiers = max(tiers + 1, -(-tiers * wanted // max(1, len(arranged))))


def _hits(conn: Connection, groups: list[set[str]], conds: list, dedupe: bool,
          span: tuple[int, int], read: _Read, kept: int, ids: list[int], offset: int) -> Hits:
    """The page's `ids` with the total: exact when `read` holds every match (`kept` of them
    named), else counted or estimated (see the module's docstring)."""
    if read.every:
        return Hits(kept, ids, groups)
    if conn.dialect.name == "sqlite":
        total, estimated = _total(conn, groups, conds, dedupe, read.rows, kept, span)
    else:  # counting would read every match's row: the share of the ids read holds
        low, high = span
        total = round(kept / len(read.rows) * read.found * (high - low + 1)
                      / (high - read.start + 1))
        estimated = True
    return Hits(max(total, offset + len(ids)), ids, groups, estimated)


# --- a deep page ------------------------------------------------------------------------------
# A page past the first tier names the same paragraphs, in the same order, as if every tier up
# to it were ranked (`_in_order`), but only the tiers the page falls in are. The tiers before
# are read light (no rank, no meeting row) to count the paragraphs each names: RANK_WINDOW
# without versions; with versions, the paragraphs not named in an earlier tier.

@dataclass(slots=True)
class _Tiers:
    """The paragraphs each tier of the newest matches names (`counts`), and with versions the
    tier a paragraph is first named in (`first`, by `_paragraph_key`)."""

    counts: list[int]
    first: dict[tuple[Any, Any], int]

    def __len__(self) -> int:
        return sum(self.counts)

    def span_of_page(self, offset: int, limit: int) -> tuple[int, int, int] | None:
        """(the first and last tiers the page's paragraphs are in, the paragraphs named
        before the first); None when the page lies past every tier read."""
        start, before = 0, 0
        while start < len(self.counts) and before + self.counts[start] <= offset:
            before += self.counts[start]
            start += 1
        if start == len(self.counts):
            return None
        end, reach = start, before + self.counts[start]
        while reach < offset + limit and end + 1 < len(self.counts):
            end += 1
            reach += self.counts[end]
        return start, end, before


def _paragraph_key(versions: dict[int, Any], meeting_id: int, pkey: Any) -> tuple[Any, Any]:
    """What names a paragraph once across versions, as `_in_order`'s (sitting, number or
    position): a version of a meeting in one version only stands for its sitting."""
    return versions.get(meeting_id, ("meeting", meeting_id)), pkey


def _versions(conn: Connection) -> dict[int, Any]:
    """The sitting of each version of a meeting stored in several (and of those with none),
    from the indexes alone."""
    several = select(MEETINGS.c.sitting_id).where(MEETINGS.c.reference.is_(False))
    version = select(MEETINGS.c.id, MEETINGS.c.sitting_id)
    # two selects, not an OR: PostgreSQL, its sequential scans disabled, took the OR for a
    # scan costed so high that it compiled it (JIT: half a second)
    rows = conn.execute(version.where(MEETINGS.c.sitting_id.in_(several))
                        .union_all(version.where(MEETINGS.c.sitting_id.is_(None))))
    return {mid: sitting for mid, sitting in rows}


class _TierCounter:
    """Counts the `_Tiers` of the light rows read (newest first); each call is given the rows
    of the last and more (the newest matches: the rows of the last come first), and counts
    only the new ones."""

    def __init__(self, dedupe: bool, versions: dict[int, Any]) -> None:
        self.dedupe, self.versions = dedupe, versions
        self.tiers = _Tiers([], {})
        self.seen = 0

    def __call__(self, rows: Sequence[Any]) -> _Tiers:
        counts, first, versions = self.tiers.counts, self.tiers.first, self.versions
        while self.seen < len(rows):  # the rest of a tier a turn
            tier = self.seen // RANK_WINDOW
            if tier == len(counts):
                counts.append(0)
            tier_rows = rows[self.seen:(tier + 1) * RANK_WINDOW]
            self.seen += len(tier_rows)
            if not self.dedupe:
                counts[tier] += len(tier_rows)
                continue
            for _, meeting_id, pkey in tier_rows:
                key = _paragraph_key(versions, meeting_id, pkey)
                if key not in first:
                    first[key] = tier
                    counts[tier] += 1
        return self.tiers


def _light_matches(conn: Connection, groups: list[set[str]], conds: list, dedupe: bool
                   ) -> Select:
    """`_newest_matches` without the rank and the meeting's columns: the id, and with
    versions the meeting id and the paragraph's number or position (`pkey`)."""
    match, _, key = _match(conn, groups)
    columns = [key.label("id")]
    if dedupe:
        columns += [PARAGRAPHS.c.meeting_id, _pkey().label("pkey")]
    stmt = select(*columns)
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        stmt = stmt.select_from(FTS)
        if dedupe or conds:
            stmt = stmt.join(PARAGRAPHS, PARAGRAPHS.c.id == FTS.c.rowid)
    if conds:
        stmt = stmt.join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
    return stmt.where(match, *conds).order_by(key.desc())


def _deep_page(conn: Connection, groups: list[set[str]], conds: list, dedupe: bool,
               span: tuple[int, int], limit: int, offset: int) -> Hits:
    """A page past the first tier (see above): the tiers before it counted on light rows,
    the tiers it falls in read whole and ranked as `find` would."""
    versions = _versions(conn) if dedupe else {}
    read, tiers = _enough_tiers(conn, _light_matches(conn, groups, conds, dedupe),
                                offset + limit, span,
                                _TierCounter(dedupe, versions))
    ids: list[int] = []
    page = tiers.span_of_page(offset, limit) if limit else None
    if page is not None:
        start, end, before = page
        light = read.rows[start * RANK_WINDOW:(end + 1) * RANK_WINDOW]
        rows = _rows_between(conn, groups, _newest_matches(conn, groups, conds, dedupe),
                             light[-1].id, light[0].id)
        tiered = [(start + i // RANK_WINDOW, r) for i, r in enumerate(rows)]
        if dedupe:  # each paragraph in its first tier only
            tiered = [(tier, r) for tier, r in tiered
                      if tiers.first[_paragraph_key(versions, r.meeting_id, r.pkey)] == tier]
        ordered = _ranked(tiered, dedupe)
        ids = [r.id for r in ordered[offset - before:offset - before + limit]]
    return _hits(conn, groups, conds, dedupe, span, read, len(tiers), ids, offset)


def _rows_between(conn: Connection, groups: list[set[str]], matches: Select, low: int,
                  high: int) -> list[Any]:
    """The rows of `matches` with ids from `low` to `high`, newest first."""
    key = _match(conn, groups)[2]
    if conn.dialect.name == "sqlite":  # the full-text index reads newest first
        return conn.execute(matches.where(key.between(low, high))).all()
    # PostgreSQL: from the GIN index and the id range, in no useful order
    rows = conn.execute(matches.order_by(None).where(key.between(low, high))).all()
    rows.sort(key=lambda r: r.id, reverse=True)
    return rows


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
        return fts.op("MATCH")(fts5_query(groups)), func.bm25(fts), _id_column(conn)
    tsv = literal_column("paragraphs.tsv")
    query = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery(groups))
    return tsv.op("@@")(query), -func.ts_rank(tsv, query), _id_column(conn)


def _id_column(conn: Connection) -> Any:
    """The paragraph id the matches are read by: SQLite's full-text index's row id."""
    return FTS.c.rowid if conn.dialect.name == "sqlite" else PARAGRAPHS.c.id


def _newest_matches(conn: Connection, groups: list[set[str]], conds: list, dedupe: bool
                    ) -> Select:
    """The matches of `groups` and `conds`, newest first, with their rank and what orders
    them (`date`, `meeting_id`, `position`; and `sitting_id`, `reference`, `pkey` to name a
    paragraph once when `dedupe`). The caller cuts it with a LIMIT."""
    match, rank, key = _match(conn, groups)
    columns = [PARAGRAPHS.c.id, rank.label("rank"), MEETINGS.c.date,
               MEETINGS.c.id.label("meeting_id"), PARAGRAPHS.c.position]
    if dedupe:
        columns += [MEETINGS.c.sitting_id, MEETINGS.c.reference, _pkey().label("pkey")]
    base = select(*columns)
    if conn.dialect.name == "sqlite":
        base = base.select_from(FTS).join(PARAGRAPHS, PARAGRAPHS.c.id == FTS.c.rowid)
    return (base.join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
            .where(match, *conds).order_by(key.desc()))


def _newest_by_ranges(conn: Connection, matches: Select, window: int, span: tuple[int, int],
                      before: _Read | None = None) -> _Read:
    """PostgreSQL: the newest `window` rows of `matches`, read from the GIN index in ranges
    of ids ending at the newest paragraph, each larger than the last, until the range holds
    `window` rows or covers `span` (the GIN index gives its matches in no useful order, and
    ordering them all by id would read every match); each range reads only the ids below
    the last (and below the range read `before`, whose rows it keeps)."""
    low, high = span
    held = list(before.held) if before else []
    start = before.start if before else high + 1
    size = high - start + 1 if before else 0
    unordered = matches.order_by(None)
    while len(held) < window and start > low:
        # the next range: 4 windows at first, then what the matches so far say holds
        # `window` and a half, within 2 to 64 times the last
        size = (size * min(64, max(2, -(-3 * window // max(1, 2 * len(held))))) if size
                else 4 * window)
        below, start = start, max(low, high - size + 1)
        held += conn.execute(unordered.where(PARAGRAPHS.c.id >= start,
                                             PARAGRAPHS.c.id < below)).all()
    held.sort(key=lambda r: r.id, reverse=True)
    rows = held[:window]
    return _Read(rows, len(rows) < window, len(held), start, held)


def _meeting_span(conn: Connection, filters: Filters) -> tuple[int, int] | None:
    """The lowest and highest paragraph ids of the meeting a filter names (its versions were
    each stored in one go, their ids follow one another): the matches are read in that
    range only, not among every match of the archive. None when it has no paragraphs."""
    found = conn.execute(
        select(func.min(PARAGRAPHS.c.id), func.max(PARAGRAPHS.c.id))
        .join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
        .where(*meeting_conditions(filters))).one()
    return None if found[0] is None else (found[0], found[1])


def _pkey() -> Any:
    """A paragraph's number, or `#` and its position when it has none: the same in every
    version of a meeting."""
    return func.coalesce(PARAGRAPHS.c.number, "#" + cast(PARAGRAPHS.c.position, String))


def _in_order(rows: Sequence[Any], dedupe: bool) -> list[Any]:
    """The matches read (newest first) in result order: tier, rank, date, meeting, position;
    with `dedupe`, a paragraph matched in several versions of a meeting once (its earliest
    tier, best rank, the reference version on a tie)."""
    return _ranked([(i // RANK_WINDOW, r) for i, r in enumerate(rows)], dedupe)


def _ranked(tiered: list[tuple[int, Any]], dedupe: bool) -> list[Any]:
    """`(tier, match)` pairs in result order (see `_in_order`)."""
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
