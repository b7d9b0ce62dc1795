"""The HTML pages of the entities: delegations, texts (mirrors `api_entities`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from plenary import analyse

from . import charts, params, present
from .deps import Archive
from .params import MAX_QUERY
from .render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/delegations")
def delegations_page(request: Request, archive: Archive) -> HTMLResponse:
    return render(request, "delegations.html", title="Delegations",
                  countries=analyse.countries_index(archive))


@router.get("/delegations/{iso3}")
def delegation_page(request: Request, iso3: Annotated[str, Path(max_length=16)],
                    archive: Archive) -> HTMLResponse:
    code = params.iso3("iso3", iso3)
    found = analyse.delegation(archive, code)
    if found is None:
        raise HTTPException(404, f"No record names a delegation with the code {code}.")
    fig = charts.activity_figure(found.get("activity") or [])
    return render(request, "delegation.html", title=present.country_name(code), code=code,
                  d=found, activity_fig=fig, charts=[fig] if fig else [])


@router.get("/texts")
def texts_page(request: Request, archive: Archive,
               label: Annotated[str | None, Query(max_length=MAX_QUERY)] = None) -> HTMLResponse:
    label = params.free_text("label", label, params.MAX_LABEL)
    history = analyse.text_history(archive, label) if label else None
    fig = charts.text_figure((history or {}).get("events") or [])
    return render(request, "texts.html", title=label or "Texts", label=label, history=history,
                  text_fig=fig, charts=[fig] if fig else [])
