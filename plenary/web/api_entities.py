"""The JSON API of the entities: delegations, texts, groups and people, per `api.md`.

Every list is paged (`limit`, `offset`) and answers `total` and `next` (deps.Page).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from plenary.analyse.countries import countries_index, countries_total
from plenary.analyse.delegation import delegation
from plenary.analyse.groups import group, groups_index
from plenary.analyse.people import people_index, person
from plenary.analyse.texts import text_history, texts_index

from . import params, present
from .deps import Archive, Page, Paging
from .params import MAX_LABEL, MAX_QUERY

router = APIRouter(prefix="/api", tags=["api"])

_PERSON_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")

def person_param(value: str) -> str:
    """A person id as `/api/people` gives it (`mario-canazza`)."""
    if not _PERSON_ID.match(value or ""):
        raise params.BadParam("id", "expected a person id such as mario-canazza")
    return value


def conference_param(value: str | None) -> str | None:
    """A session name (`PP-18`, `Council 2019`)."""
    return params.free_text("conference", value, 200)


def group_param(value: str) -> str:
    code = params.org_id("id", value)
    if code is None:
        raise params.BadParam("id", "required")
    return code


def delegations_answer(archive: Any, page: Page) -> tuple[list[dict[str, Any]], int]:
    """One page of the delegations index, with each country's name, and the total."""
    rows = countries_index(archive, limit=page.limit, offset=page.offset)
    return [dict(r, name=present.country_name(r["country"])) for r in rows], \
        countries_total(archive)


@router.get("/delegations", summary="Every country with interventions (paged)")
def list_delegations(request: Request, archive: Archive, page: Paging) -> dict[str, Any]:
    """`{"delegations": [{"country", "name", "interventions", "speaker", "supporter",
    "meetings"}], "total", "limit", "offset", "next"}`."""
    rows, total = delegations_answer(archive, page)
    return {"delegations": rows, **page.envelope(request, total)}


@router.get("/delegations/{iso3}", summary="Every intervention of a country (paged)",
            responses={404: {"description": "No record names this country"}})
def get_delegation(request: Request, iso3: Annotated[str, Path(max_length=16)],
                   archive: Archive, page: Paging) -> dict:
    """Interventions (meeting, session, item title, paragraph `number` and `text`, role,
    `on_behalf_of`, `supported_by`, whom it supported): one page; activity per meeting and
    per session, whom it supported and who supported it (with evidence), over all of them."""
    code = params.iso3("iso3", iso3)
    found = delegation(archive, code, limit=page.limit, offset=page.offset)
    if found is None:
        raise HTTPException(404, f"no intervention of {code} in the archive")
    return dict(found, name=present.country_name(code), **page.envelope(request, found["total"]))


@router.get("/texts", summary="Every text (loosely searchable), or one text's history")
def get_texts(
    request: Request, archive: Archive, page: Paging,
    label: Annotated[str | None, Query(max_length=MAX_QUERY, description=(
        "A text's label (`Resolution 130 (Rev. Dubai, 2018)`): its history, every version"
        " linked"))] = None,
    conference: Annotated[str | None, Query(max_length=200, description=(
        "For a code numbered per conference (`Series R4`): the session (`PP-18`)"))] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description=(
        "Without `label`: matches labels loosely (`resolution 64`)"))] = None,
) -> dict[str, Any]:
    """Without `label`: `{"texts": [{"label", "kind", "number", "conference", "versions",
    "mentions", "outcomes", "first", "last"}], "total", "limit", "offset", "next"}`.
    With `label`: every mention and outcome of the text (all its versions), in order, a
    page at a time. Unknown label: no events."""
    clean = params.free_text("label", label, MAX_LABEL)
    session = conference_param(conference)
    if clean is None:
        found = texts_index(archive, q=params.free_text("q", q, MAX_LABEL), limit=page.limit,
                            offset=page.offset)
        return {"texts": found["texts"], **page.envelope(request, found["total"])}
    history = text_history(archive, clean, limit=page.limit, offset=page.offset,
                           conference=session)
    if history is None:
        return {"label": clean, "events": [], **page.envelope(request, 0)}
    return dict(history, **page.envelope(request, history["total"]))


@router.get("/groups", summary="Every group and organisation named in the records")
def list_groups(request: Request, archive: Archive, page: Paging) -> dict[str, Any]:
    """`{"groups": [{"id", "kind", "name", "interventions", "spoke"}], "total", ...}`."""
    rows = groups_index(archive)
    cut = rows[page.offset:page.offset + page.limit]
    return {"groups": [dict(r, name=present.entity_label(r["kind"], r["id"])) for r in cut],
            **page.envelope(request, len(rows))}


@router.get("/groups/{id}", summary="A group or organisation (paged interventions)",
            responses={404: {"description": "No record names this group"}})
def get_group(request: Request, id: Annotated[str, Path(max_length=64)], archive: Archive,
              page: Paging) -> dict[str, Any]:
    """`name`, the interventions made on its behalf (a page), its `members` seen speaking
    for it (ISO3, most frequent first) and how often it took the floor itself."""
    code = group_param(id)
    found = group(archive, code, limit=page.limit, offset=page.offset)
    if found is None:
        raise HTTPException(404, f"no record names the group or organisation {code}")
    return dict(found, name=present.entity_label(found["kind"], code),
                **page.envelope(request, found["total"]))


@router.get("/people", summary="Named persons (paged)")
def list_people(
    request: Request, archive: Archive, page: Paging,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="Part of a name")] = None,
) -> dict[str, Any]:
    """`{"people": [{"id", "name", "forms", "countries", "roles", "units", "interventions",
    "elections"}], "total", "limit", "offset", "next"}`."""
    found = people_index(archive, q=params.free_text("q", q, MAX_LABEL), limit=page.limit,
                         offset=page.offset)
    return {"people": found["people"], **page.envelope(request, found["total"])}


@router.get("/people/{id}", summary="One person's interventions and elections",
            responses={404: {"description": "No record names this person"}})
def get_person(request: Request, id: Annotated[str, Path(max_length=200)], archive: Archive,
               page: Paging) -> dict[str, Any]:
    """The person's names, countries and roles over time, their interventions (a page) and
    the elections they won."""
    pid = person_param(id)
    found = person(archive, pid, limit=page.limit, offset=page.offset)
    if found is None:
        raise HTTPException(404, f"no record names the person {pid}")
    return dict(found, **page.envelope(request, found["total"]))
