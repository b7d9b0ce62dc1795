"""Initial schema: meetings and everything a record holds, plus the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(name: str, target: str, nullable: bool = False, cascade: bool = True) -> sa.Column:
    return sa.Column(
        name,
        sa.Integer(),
        sa.ForeignKey(target, ondelete="CASCADE" if cascade else None),
        nullable=nullable,
    )


def _owned(table: str, *columns: sa.Column, indexed: tuple[str, ...] = ()) -> None:
    """A table whose rows belong to one meeting (deleted with it)."""
    op.create_table(
        table,
        _id(),
        _fk("meeting_id", "meetings.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
    )
    for col in ("meeting_id", *indexed):
        op.create_index(f"ix_{table}_{col}", table, [col])


def upgrade() -> None:
    op.create_table(
        "meetings",
        _id(),
        sa.Column("symbol", sa.String(100)),
        sa.Column("body", sa.String(100)),
        sa.Column("session", sa.String(200)),
        sa.Column("number", sa.Integer()),
        sa.Column("title", sa.Text()),
        sa.Column("date", sa.String(10)),
        sa.Column("start", sa.String(5)),
        sa.Column("end", sa.String(5)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("source_name", sa.String(500), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("record_json", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_meetings_date", "meetings", ["date"])
    op.create_index("ix_meetings_sha256", "meetings", ["sha256"])

    op.create_table(
        "actors",
        _id(),
        sa.Column("key", sa.String(1000), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("code", sa.String(100)),
        sa.Column("role", sa.String(50)),
        sa.Column("count", sa.String(10)),
        sa.Column("name", sa.String(300)),
    )
    op.create_index("ix_actors_country", "actors", ["country"])
    op.create_index("ix_actors_code", "actors", ["code"])
    op.create_table(
        "documents", _id(), sa.Column("symbol", sa.String(200), nullable=False, unique=True)
    )
    op.create_table(
        "texts",
        _id(),
        sa.Column("label", sa.String(500), nullable=False, unique=True),
        sa.Column("kind", sa.String(30)),
        sa.Column("number", sa.String(50)),
        sa.Column("revised", sa.Boolean(), nullable=False),
        sa.Column("place", sa.String(100)),
        sa.Column("year", sa.Integer()),
    )

    _owned(
        "items",
        sa.Column("number", sa.String(50)),
        sa.Column("title", sa.Text()),
        sa.Column("continued", sa.Boolean(), nullable=False),
    )
    _owned(
        "paragraphs",
        _fk("item_id", "items.id"),
        sa.Column("number", sa.String(50)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("heading", sa.Boolean(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        indexed=("item_id",),
    )
    _owned(
        "interventions",
        _fk("paragraph_id", "paragraphs.id"),
        _fk("actor_id", "actors.id", cascade=False),
        sa.Column("role", sa.String(10), nullable=False),
        _fk("supports_id", "interventions.id", nullable=True),
        indexed=("paragraph_id", "actor_id", "supports_id"),
    )
    _owned(
        "on_behalf_of",
        _fk("intervention_id", "interventions.id"),
        _fk("actor_id", "actors.id", cascade=False),
        indexed=("intervention_id", "actor_id"),
    )
    _owned(
        "paragraph_documents",
        _fk("paragraph_id", "paragraphs.id"),
        _fk("document_id", "documents.id", cascade=False),
        indexed=("paragraph_id", "document_id"),
    )
    _owned(
        "text_mentions",
        _fk("paragraph_id", "paragraphs.id"),
        _fk("text_id", "texts.id", cascade=False),
        sa.Column("draft", sa.Boolean(), nullable=False),
        sa.Column("suppressed", sa.Boolean(), nullable=False),
        indexed=("paragraph_id", "text_id"),
    )
    _owned(
        "outcomes",
        _fk("paragraph_id", "paragraphs.id"),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("reading", sa.String(20)),
        sa.Column("as_amended", sa.Boolean(), nullable=False),
        sa.Column("conditional", sa.Boolean(), nullable=False),
        sa.Column("refers_to", sa.String(50)),
        sa.Column("post", sa.Text()),
        sa.Column("method", sa.String(20)),
        _fk("person_id", "actors.id", nullable=True, cascade=False),
        sa.Column("votes", sa.Text()),
        indexed=("paragraph_id", "kind", "person_id"),
    )
    _owned(
        "outcome_objects",
        _fk("outcome_id", "outcomes.id"),
        sa.Column("object", sa.String(500), nullable=False),
        _fk("text_id", "texts.id", nullable=True, cascade=False),
        _fk("document_id", "documents.id", nullable=True, cascade=False),
        indexed=("outcome_id", "text_id", "document_id"),
    )
    _owned(
        "events",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", sa.String(5)),
        sa.Column("after_paragraph", sa.String(50)),
    )
    _owned(
        "signatories",
        _fk("actor_id", "actors.id", cascade=False),
        indexed=("actor_id",),
    )
    _full_text_index()


def _full_text_index() -> None:
    """SQLite: an FTS5 table over paragraphs.search. The writer inserts its rows (a batch is
    several times faster than an insert trigger); triggers handle deletes and updates.
    PostgreSQL: a stored tsvector (`simple` config) over the same column, with a GIN index."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE paragraph_fts USING fts5(search, content='paragraphs', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
        )
        op.execute(
            "CREATE TRIGGER paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN "
            "INSERT INTO paragraph_fts(paragraph_fts, rowid, search) "
            "VALUES ('delete', old.id, old.search); END"
        )
        op.execute(
            "CREATE TRIGGER paragraphs_fts_update AFTER UPDATE OF search ON paragraphs BEGIN "
            "INSERT INTO paragraph_fts(paragraph_fts, rowid, search) "
            "VALUES ('delete', old.id, old.search); "
            "INSERT INTO paragraph_fts(rowid, search) VALUES (new.id, new.search); END"
        )
    else:
        op.execute(
            "ALTER TABLE paragraphs ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search)) STORED"
        )
        op.execute("CREATE INDEX ix_paragraphs_tsv ON paragraphs USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS paragraph_fts")
    for table in (
        "signatories", "events", "outcome_objects", "outcomes", "text_mentions",
        "paragraph_documents", "on_behalf_of", "interventions", "paragraphs", "items",
        "texts", "documents", "actors", "meetings",
    ):
        op.drop_table(table)
