"""Queries over the archive, returning plain JSON-ready data (one small module each)."""

from __future__ import annotations

from .countries import countries_index
from .decisions import decisions
from .delegation import delegation
from .meetings import disagreements, meeting, meeting_versions, meetings, meetings_total
from .network import network
from .search import search
from .texts import text_history
from .timeline import timeline

__all__ = [
    "countries_index", "decisions", "delegation", "disagreements", "meeting", "meeting_versions",
    "meetings", "meetings_total", "network", "search",
    "text_history", "timeline",
]
