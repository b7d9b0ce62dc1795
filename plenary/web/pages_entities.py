"""The HTML pages of the entities: delegations, texts, groups, people (mirrors `api_entities`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from plenary.analyse.delegation import delegation
from plenary.analyse.groups import group, groups_index
from plenary.analyse.people import people_index, person
from plenary.analyse.texts import text_history, texts_index

from . import charts_entities, params, present
from .api_entities import conference_param, delegations_answer, group_param, person_param
from .deps import Archive, Paging
from .params import MAX_QUERY
from .render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/delegations")
def delegations_page(request: Request, archive: Archive, page: Paging) -> HTMLResponse:
    rows, total = delegations_answer(archive, page)
    return render(request, "delegations.html", title="Delegations", countries=rows,
                  page=page.pager(request, total))


@router.get("/delegations/{iso3}")
def delegation_page(request: Request, iso3: Annotated[str, Path(max_length=16)],
                    archive: Archive, page: Paging) -> HTMLResponse:
    code = params.iso3("iso3", iso3)
    found = delegation(archive, code, limit=page.limit, offset=page.offset)
    if found is None:
        raise HTTPException(404, f"No record names a delegation with the code {code}.")
    fig = charts_entities.activity_figure(found.get("activity") or [])
    by_session = charts_entities.sessions_figure(found.get("sessions") or [])
    return render(request, "delegation.html", title=present.country_name(code), code=code,
                  d=found, activity_fig=fig, sessions_fig=by_session,
                  charts=[f for f in (by_session, fig) if f],
                  page=page.pager(request, found["total"]),
                  highlight=present.highlight_html)


@router.get("/texts")
def texts_page(request: Request, archive: Archive, page: Paging,
               label: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
               conference: Annotated[str | None, Query(max_length=200)] = None,
               q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None) -> HTMLResponse:
    label = params.free_text("label", label, params.MAX_LABEL)
    session = conference_param(conference)
    if not label:
        query = params.free_text("q", q, params.MAX_LABEL)
        found = texts_index(archive, q=query, limit=page.limit, offset=page.offset)
        return render(request, "texts.html", title="Texts", label=None, q=query,
                      texts=found["texts"], page=page.pager(request, found["total"]),
                      history=None, text_fig=None)
    history = text_history(archive, label, limit=page.limit, offset=page.offset,
                           conference=session)
    fig = charts_entities.text_timeline_figure((history or {}).get("events") or [])
    near = texts_index(archive, q=label, limit=20)["texts"] if history is None else []
    return render(request, "texts.html", title=label, label=label, q=None, texts=near,
                  history=history, text_fig=fig, charts=[fig] if fig else [],
                  page=page.pager(request, (history or {}).get("total") or 0))


@router.get("/groups")
def groups_page(request: Request, archive: Archive) -> HTMLResponse:
    rows = [dict(r, name=present.entity_label(r["kind"], r["id"])) for r in groups_index(archive)]
    return render(request, "groups.html", title="Groups and organisations", groups=rows)


@router.get("/groups/{id}")
def group_page(request: Request, id: Annotated[str, Path(max_length=64)], archive: Archive,
               page: Paging) -> HTMLResponse:
    code = group_param(id)
    found = group(archive, code, limit=page.limit, offset=page.offset)
    if found is None:
        raise HTTPException(404, f"No record names the group or organisation {code}.")
    name = present.entity_label(found["kind"], code)
    return render(request, "group.html", title=name, group_name=name, g=found,
                  page=page.pager(request, found["total"]), highlight=present.highlight_html)


@router.get("/people")
def people_page(request: Request, archive: Archive, page: Paging,
                q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None) -> HTMLResponse:
    query = params.free_text("q", q, params.MAX_LABEL)
    found = people_index(archive, q=query, limit=page.limit, offset=page.offset)
    return render(request, "people.html", title="People", q=query, people=found["people"],
                  page=page.pager(request, found["total"]), unit_name=present.unit_name)


@router.get("/people/{id}")
def person_page(request: Request, id: Annotated[str, Path(max_length=200)], archive: Archive,
                page: Paging) -> HTMLResponse:
    pid = person_param(id)
    found = person(archive, pid, limit=page.limit, offset=page.offset)
    if found is None:
        raise HTTPException(404, f"No record names the person {pid}.")
    return render(request, "person.html", title=found["name"], p=found,
                  page=page.pager(request, found["total"]), highlight=present.highlight_html,
                  unit_name=present.unit_name)
