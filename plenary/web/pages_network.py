"""The HTML page of the support network (mirrors `api_network`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plenary import analyse

from . import charts, params, present
from .deps import Archive
from .pages import all_meetings
from .render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/network")
def network_page(request: Request, archive: Archive,
                 meeting: params.MeetingQ = None) -> HTMLResponse:
    meeting_id = params.meeting_id("meeting", meeting)
    pairs = sorted(analyse.network(archive, meeting=meeting_id),
                   key=lambda p: (-p["count"], p["supporter"], p["supported"]))
    codes = {c for p in pairs for c in (p["supporter"], p["supported"])}
    fig = charts.network_figure(pairs, names={c: present.country_name(c) for c in codes})
    return render(request, "network.html", title="Support network", pairs=pairs,
                  meeting=meeting_id, meetings=all_meetings(request), network_fig=fig,
                  charts=[fig] if fig else [])
