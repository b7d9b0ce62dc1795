"""The JSON API of the support network (`/api/network`, `api.md`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from plenary import analyse

from . import params
from .deps import Archive

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/network", summary="Who supports whom among countries")
def get_network(archive: Archive, meeting: params.MeetingQ = None) -> dict[str, Any]:
    """`{"edges": [{"supporter", "supported", "count"}]}`, for one meeting or all."""
    return {"edges": analyse.network(archive, meeting=params.meeting_id("meeting", meeting))}
