"""Queries over the archive, returning plain JSON-ready data (one small module each)."""

from __future__ import annotations

from .countries import countries_index, countries_total
from .decisions import decisions
from .delegation import delegation
from .groups import group, groups_index
from .meetings import disagreements, meeting, meeting_versions, meetings, meetings_total
from .network import network
from .people import people_index, person
from .search import search
from .texts import text_history, texts_index
from .timeline import timeline

__all__ = [
    "countries_index", "countries_total", "decisions", "delegation", "disagreements", "group",
    "groups_index", "meeting", "meeting_versions", "meetings", "meetings_total", "network",
    "people_index", "person", "search", "text_history", "texts_index", "timeline",
]
