"""The JSON API of the entities: delegations, texts (and groups, people) per `api.md`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from plenary import analyse

from . import params, present
from .deps import Archive
from .params import MAX_LABEL, MAX_QUERY

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/delegations", summary="Every country with interventions")
def list_delegations(archive: Archive) -> dict[str, Any]:
    """`{"delegations": [{"country", "interventions"}]}`."""
    return {"delegations": analyse.countries_index(archive)}


@router.get("/delegations/{iso3}", summary="Every intervention of a country",
            responses={404: {"description": "No record names this country"}})
def get_delegation(iso3: Annotated[str, Path(max_length=16)], archive: Archive) -> dict:
    """Interventions (meeting, paragraph `number`, role, `on_behalf_of`, `supported_by`,
    whom it supported), activity per meeting and most frequent partners."""
    code = params.iso3("iso3", iso3)
    found = analyse.delegation(archive, code)
    if found is None:
        raise HTTPException(404, f"no intervention of {code} in the archive")
    return dict(found, name=present.country_name(code))


@router.get("/texts", summary="The history of one text across meetings")
def get_text(
    archive: Archive,
    label: Annotated[str, Query(max_length=MAX_QUERY,
                                description="Text label: Resolution 130 (Rev. Dubai, 2018)")],
) -> dict[str, Any]:
    """Every mention and outcome of the text, in order. Unknown label: no events."""
    clean = params.free_text("label", label, MAX_LABEL)
    if clean is None:
        raise params.BadParam("label", "required")
    history = analyse.text_history(archive, clean)
    return history if history is not None else {"label": clean, "events": []}
