"""The archive: parsed records in SQLite or PostgreSQL, with full-text search."""

from __future__ import annotations

from .archive import AddResult, Archive
from .ingest import IngestSummary

__all__ = ["AddResult", "Archive", "IngestSummary"]
