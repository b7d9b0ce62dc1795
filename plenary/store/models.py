"""The archive's normalised schema as SQLAlchemy 2 models.

One row per meeting keeps the full record JSON (exact round-trip); the other tables spread the
record out for queries. Every table below `meetings` carries `meeting_id`, so a meeting and
everything it owns is deleted by meeting. Actors, documents and texts are shared dictionaries,
de-duplicated by a unique key. The full-text index (an FTS5 table on SQLite, a `tsvector`
column on PostgreSQL) is created by the migrations, not here: see `migrations/versions`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy import Text as TextType
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def _meeting_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)


class Sitting(Base):
    """A meeting: one sitting of a body, whatever the number of its versions and sources.

    `key` is its identity (`Identity.key`, or `file:NAME` for an unidentified record); the
    web and the API call its `id` the meeting id. Added by migration 0004.
    """

    __tablename__ = "sittings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(700), unique=True)
    identified: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str | None] = mapped_column(String(100))
    session: Mapped[str | None] = mapped_column(String(200))
    symbol: Mapped[str | None] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(500))  # the file name of an unidentified one


class Meeting(Base):
    """One stored record: a *version* (one language) of a sitting. The child tables' `meeting_id`
    is this row's id. `reference` marks the version every count is taken from (one per
    sitting); `source_name` is a unique key (`sha256:path` of its first source), the sources
    themselves are in `sources`."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sitting_id: Mapped[int | None] = mapped_column(
        ForeignKey("sittings.id", ondelete="CASCADE"), index=True)
    reference: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    original: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    symbol: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[str | None] = mapped_column(String(100))
    session: Mapped[str | None] = mapped_column(String(200))
    number: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(TextType)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    start: Mapped[str | None] = mapped_column(String(5))
    end: Mapped[str | None] = mapped_column(String(5))
    language: Mapped[str] = mapped_column(String(8))
    source_name: Mapped[str] = mapped_column(String(500), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(8))
    record_json: Mapped[str] = mapped_column(TextType)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Source(Base):
    """A file a version was read from: its content hash and its path relative to the ingest
    root (unique together). Added by migration 0004."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(1000))
    name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(8))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


Index("ux_sources_sha256_path", Source.sha256, Source.path, unique=True)


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str | None] = mapped_column(TextType)
    continued: Mapped[bool] = mapped_column(Boolean, default=False)


class Paragraph(Base):
    __tablename__ = "paragraphs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    number: Mapped[str | None] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(TextType)
    heading: Mapped[bool] = mapped_column(Boolean, default=False)
    # Stemmed, accent-folded tokens (see terms.py); the full-text index is built over it.
    search: Mapped[str] = mapped_column(TextType)


class Actor(Base):
    """A distinct actor (links not included); `key` is the de-duplication key."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(1000), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    code: Mapped[str | None] = mapped_column(String(100), index=True)  # the contract's `id`
    role: Mapped[str | None] = mapped_column(String(50))
    count: Mapped[str | None] = mapped_column(String(10))
    name: Mapped[str | None] = mapped_column(String(300))


class Intervention(Base):
    """An actor taking the floor (`role` speaker) or supporting a speaker (`role` supporter).

    A supporter's `supports_id` is the intervention it supports: the support link.
    """

    __tablename__ = "interventions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("paragraphs.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(10))
    supports_id: Mapped[int | None] = mapped_column(
        ForeignKey("interventions.id", ondelete="CASCADE"), index=True
    )


class OnBehalfOf(Base):
    __tablename__ = "on_behalf_of"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    intervention_id: Mapped[int] = mapped_column(
        ForeignKey("interventions.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    symbol: Mapped[str] = mapped_column(String(200), unique=True)


class ParagraphDocument(Base):
    __tablename__ = "paragraph_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("paragraphs.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class Text(Base):
    """A resolution, decision, recommendation or series, by its canonical label."""

    __tablename__ = "texts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(500), unique=True)
    kind: Mapped[str | None] = mapped_column(String(30))
    number: Mapped[str | None] = mapped_column(String(50))
    revised: Mapped[bool] = mapped_column(Boolean, default=False)
    place: Mapped[str | None] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(Integer)


class TextMention(Base):
    __tablename__ = "text_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("paragraphs.id", ondelete="CASCADE"), index=True
    )
    text_id: Mapped[int] = mapped_column(ForeignKey("texts.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    suppressed: Mapped[bool] = mapped_column(Boolean, default=False)


class Outcome(Base):
    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("paragraphs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    reading: Mapped[str | None] = mapped_column(String(20))
    as_amended: Mapped[bool] = mapped_column(Boolean, default=False)
    conditional: Mapped[bool] = mapped_column(Boolean, default=False)
    refers_to: Mapped[str | None] = mapped_column(String(50))
    post: Mapped[str | None] = mapped_column(TextType)
    method: Mapped[str | None] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    votes: Mapped[str | None] = mapped_column(TextType)  # JSON


class OutcomeObject(Base):
    """What an outcome applies to: a text (by label) or a document (by symbol), in order."""

    __tablename__ = "outcome_objects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("outcomes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    object: Mapped[str] = mapped_column(String(500))
    text_id: Mapped[int | None] = mapped_column(ForeignKey("texts.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[str | None] = mapped_column(String(5))
    after_paragraph: Mapped[str | None] = mapped_column(String(50))


class Signatory(Base):
    __tablename__ = "signatories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = _meeting_fk()
    position: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)


# Added by migration 0002.
Index("ix_outcomes_kind_reading", Outcome.kind, Outcome.reading)
# Added by migration 0005 (the languages a search stems its words in).
Index("ix_meetings_language", Meeting.language)
# Added by migration 0006 (the paged lists, issue 10); id and language added by 0008.
Index("ix_meetings_listing", Meeting.reference, Meeting.date, Meeting.sitting_id, Meeting.number,
      Meeting.id, Meeting.language)
Index("ix_outcomes_register", Outcome.meeting_id, Outcome.paragraph_id, Outcome.position,
      Outcome.kind, Outcome.reading)
# Added by migration 0007 (search's country and group filters, from the index alone).
Index("ix_interventions_actor_role_paragraph", Intervention.actor_id, Intervention.role,
      Intervention.paragraph_id)

# Tables that belong to one meeting, children first (the order to delete them in).
MEETING_TABLES = [
    Source.__table__,
    OutcomeObject.__table__,
    Outcome.__table__,
    TextMention.__table__,
    ParagraphDocument.__table__,
    OnBehalfOf.__table__,
    Intervention.__table__,
    Paragraph.__table__,
    Item.__table__,
    Event.__table__,
    Signatory.__table__,
]
