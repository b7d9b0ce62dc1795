"""Full-text search over paragraphs: SQLite FTS5 (bm25) or PostgreSQL tsvector (ts_rank).

Both backends index the same stemmed, accent-folded column (see terms.py); the query is cut
into words and rebuilt as quoted terms, so no user input reaches the FTS syntax. Filters are
bound parameters (filters.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Select, column, func, literal, literal_column, select, table

from .filters import Filters, paragraph_conditions
from .terms import fts5_query, query_groups, tsquery
from .writer import MEETINGS, PARAGRAPHS

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
    with no filter finds nothing.
    """
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    groups = query_groups(q or "", languages(conn))
    conds = paragraph_conditions(filters)
    base = select(PARAGRAPHS.c.id, MEETINGS.c.date, MEETINGS.c.id.label("meeting_id"),
                  PARAGRAPHS.c.position).join(MEETINGS, MEETINGS.c.id == PARAGRAPHS.c.meeting_id)
    if groups:
        base, rank = _match(conn, base, groups)
        base = base.add_columns(rank.label("rank"))
    elif filters.any():
        base = base.add_columns(literal(0).label("rank"))
    else:
        return Hits(0, [], [])
    inner = base.where(*conds).subquery()
    # One pass: the window count comes with the page (rank computed in the subquery, where
    # FTS5 allows bm25()).
    page = (
        select(inner.c.id, func.count().over().label("total"))
        .order_by(inner.c.rank, inner.c.date, inner.c.meeting_id, inner.c.position)
        .limit(limit).offset(offset)
    )
    rows = conn.execute(page).all() if limit else []
    if rows:
        total = rows[0].total
    else:
        total = conn.execute(select(func.count()).select_from(inner)).scalar_one()
    return Hits(total, [r.id for r in rows], groups)


def _match(conn: Connection, base: Select, groups: list[set[str]]) -> tuple[Select, object]:
    if conn.dialect.name == "sqlite":
        fts = literal_column("paragraph_fts")
        base = base.join(FTS, FTS.c.rowid == PARAGRAPHS.c.id).where(
            fts.op("MATCH")(fts5_query(groups))
        )
        return base, func.bm25(fts)  # lower is better
    tsv = literal_column("paragraphs.tsv")
    query = func.to_tsquery(literal_column("'simple'::regconfig"), tsquery(groups))
    return base.where(tsv.op("@@")(query)), -func.ts_rank(tsv, query)  # lower is better
