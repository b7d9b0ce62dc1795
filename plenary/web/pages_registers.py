"""The HTML page of the decision register (mirrors `api_registers`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from . import present
from .api_registers import run_decisions
from .deps import Archive, FilterSet
from .pages import all_meetings
from .render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/decisions")
def decisions_page(request: Request, archive: Archive, f: FilterSet) -> HTMLResponse:
    query = f.query()
    return render(request, "decisions.html", title="Decision register", f=f,
                  meetings=all_meetings(request), decisions=run_decisions(archive, f),
                  csv_url=present.query_url("/api/decisions", **query, format="csv"),
                  json_url=present.query_url("/api/decisions", **query))
