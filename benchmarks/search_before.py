"""The search before issue 14 (every match ranked before the page is cut), kept as the
baseline bench_search.py times beside today's `plenary.store.search.find`.

Full-text search over paragraphs: SQLite FTS5 (bm25) or PostgreSQL tsvector (ts_rank).

Both backends index the same stemmed, accent-folded column (see terms.py); the query is cut
into words and rebuilt as quoted terms, so no user input reaches the FTS syntax. Filters are
bound parameters (filters.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    Select,
    String,
    cast,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
)

from plenary.store.filters import Filters, paragraph_conditions
from plenary.store.terms import fts5_query, query_groups, tsquery
from plenary.store.writer import MEETINGS, PARAGRAPHS

MAX_LIMIT = 1000
FTS = table("paragraph_fts", column("rowid"))  # SQLite only (created by migration 0001)


@dataclass(slots=True)
class Hits:
    """Matching paragraph ids (best first) for one page, the total, and the query terms."""

    total: int
    ids: list[int]
    groups: list[set[str]]


def languages(conn: Connection) -> list[str]:
    """The languages of the stored records (a query is stemmed in each)."""
    return [r for (r,) in conn.execute(select(MEETINGS.c.language).distinct()) if r]


def find(conn: Connection, q: str, filters: Filters, limit: int = 50, offset: int = 0) -> Hits:
    """Paragraphs matching every word of `q` (any word form) and every filter.

    An empty `q` lists the paragraphs the filters select, in document order; an empty `q`
    with no filter finds nothing. Order: best rank first, then date, meeting, position.
    """
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    groups = query_groups(q or "", languages(conn))
    conds = paragraph_conditions(filters)
    if not groups:
        if not filters.any():
            return Hits(0, [], [])
        if filters.language in (None, ""):  # each meeting once: its reference version
            conds.append(MEETINGS.c.reference.is_(True))
        return _listing(conn, conds, limit, offset)
    if conn.dialect.name == "postgresql":
        # For this transaction only. The planner takes `tsv @@ query` for cheap and scans
        # the whole table for common words, detoasting every tsvector, where the GIN index
        # reads only the matches. And psycopg prepares a statement run often: its generic
        # plan, blind to the query words, then joins every paragraph; plan each search anew.
        conn.exec_driver_sql("SELECT set_config('enable_seqscan', 'off', true), "
                             "set_config('plan_cache_mode', 'force_custom_plan', true)")
    # Ranked once, read three times (count, cut, page).
    ranked, placed = _ranked(conn, groups, conds, _has_versions(conn))
    hits = ranked.cte("hits").prefix_with("MATERIALIZED")
    total = select(func.count()).select_from(hits).scalar_subquery()
    if not limit:
        return Hits(conn.execute(select(total)).scalar_one(), [], groups)
    # Only rows ranked at most as well as the last row of the page can be on it: the
    # rank of that row is a cut that spares joining and sorting every match (ties at the
    # cut are kept, and sorted by the full order below).
    cut = (select(hits.c.rank).order_by(hits.c.rank).limit(1).offset(offset + limit - 1)
           .scalar_subquery())
    page = select(hits.c.id, total.label("total")).where(
        hits.c.rank <= func.coalesce(cut, _FAR))
    if placed:
        page = page.order_by(hits.c.rank, hits.c.date, hits.c.meeting_id, hits.c.position)
    else:
        page = (page.join(PARAGRAPHS, PARAGRAPHS.c.id == hits.c.id)
                .join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
                .order_by(hits.c.rank, MEETINGS.c.date, MEETINGS.c.id, PARAGRAPHS.c.position))
    rows = conn.execute(page.limit(limit).offset(offset)).all()
    total_n = rows[0].total if rows else conn.execute(select(total)).scalar_one()
    return Hits(total_n, [r.id for r in rows], groups)


_FAR = literal(1e300)  # beyond any rank (ranks are negative or small positive floats)


def _has_versions(conn: Connection) -> bool:
    """True when some meeting is stored in more than one version (then a paragraph may match
    in several languages, and is named once)."""
    return conn.execute(select(MEETINGS.c.id).where(MEETINGS.c.reference.is_(False))
                        .limit(1)).first() is not None


def _once_per_meeting(ranked: Select) -> Select:
    """Keep, of the matches of one paragraph (a meeting's sitting and a paragraph number, else
    position) in several versions, the best ranked (the reference version on a tie)."""
    sub = ranked.subquery("matched")
    rn = func.row_number().over(partition_by=(sub.c.sitting_id, sub.c.pkey),
                                order_by=(sub.c.rank, sub.c.reference.desc(), sub.c.meeting_id))
    inner = (select(sub.c.id, sub.c.rank, sub.c.date, sub.c.meeting_id, sub.c.position,
                    rn.label("rn")).cte("numbered").prefix_with("MATERIALIZED"))
    return select(inner.c.id, inner.c.rank, inner.c.date, inner.c.meeting_id,
                  inner.c.position).where(inner.c.rn == 1)


def _ranked(conn: Connection, groups: list[set[str]], conds: list, dedupe: bool = False
            ) -> tuple[Select, bool]:
    """The paragraphs matching `groups` and `conds`: a select of `id` and `rank` (lower is
    better), and whether it also carries the rest of the order (`date`, `meeting_id`,
    `position`; else the page joins them for the few rows it sorts). `dedupe`: name each
    paragraph of a meeting once, whatever the number of versions it matches in."""
    if conn.dialect.name == "sqlite":
        fts = literal_column("paragraph_fts")
        match = fts.op("MATCH")(fts5_query(groups))
        rank = func.bm25(fts).label("rank")
        if not conds and not dedupe:  # the full-text index alone
            return select(FTS.c.rowid.label("id"), rank).where(match), False
        base = select(PARAGRAPHS.c.id, rank).join(FTS, FTS.c.rowid == PARAGRAPHS.c.id)
        where = [match]
    else:
        tsv = literal_column("paragraphs.tsv")
        query = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery(groups))
        base = select(PARAGRAPHS.c.id, (-func.ts_rank(tsv, query)).label("rank"))
        where = [tsv.op("@@")(query)]
        if conds:
            # The matches first, from the GIN index in one pass (left to itself the planner
            # may probe it once per meeting a filter keeps), then filters, then ranking of
            # what is left only.
            matches = (select(PARAGRAPHS.c.id).where(*where).cte("matches")
                       .prefix_with("MATERIALIZED"))
            base = base.join(matches, matches.c.id == PARAGRAPHS.c.id)
            where = []
    placed = (base.add_columns(MEETINGS.c.date, MEETINGS.c.id.label("meeting_id"),
                               PARAGRAPHS.c.position)
              .join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
              .where(*where, *conds))
    if not dedupe:
        return placed, True
    pkey = func.coalesce(PARAGRAPHS.c.number, "#" + cast(PARAGRAPHS.c.position, String))
    return _once_per_meeting(placed.add_columns(MEETINGS.c.sitting_id, MEETINGS.c.reference,
                                                pkey.label("pkey"))), True


def _listing(conn: Connection, conds: list, limit: int, offset: int) -> Hits:
    """The paragraphs the filters select, in date, meeting and document order."""
    base = (select(PARAGRAPHS.c.id, MEETINGS.c.date, MEETINGS.c.id.label("meeting_id"),
                   PARAGRAPHS.c.position)
            .join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id).where(*conds))
    inner = base.subquery()
    page = (
        select(inner.c.id, func.count().over().label("total"))
        .order_by(inner.c.date, inner.c.meeting_id, inner.c.position)
        .limit(limit).offset(offset)
    )
    rows = conn.execute(page).all() if limit else []
    if rows:
        total = rows[0].total
    else:
        total = conn.execute(select(func.count()).select_from(inner)).scalar_one()
    return Hits(total, [r.id for r in rows], [])
