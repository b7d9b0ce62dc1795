"""Queries over the archive, returning plain JSON-ready data (one small module each)."""

from __future__ import annotations

from .countries import countries_index
from .decisions import decisions
from .delegation import delegation
from .meetings import meeting, meetings
from .network import network
from .search import search
from .texts import text_history
from .timeline import timeline

__all__ = [
    "countries_index", "decisions", "delegation", "meeting", "meetings", "network", "search",
    "text_history", "timeline",
]
