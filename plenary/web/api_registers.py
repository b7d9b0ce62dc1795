"""The JSON API of the registers: delegations, texts and decisions (`api.md`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response

from plenary import analyse
from plenary.export.csv import decisions_csv

from . import params, present
from .deps import Archive, FilterSet
from .params import MAX_LABEL, MAX_QUERY, Filters

router = APIRouter(prefix="/api", tags=["api"])


def run_decisions(archive: Any, f: Filters) -> list[dict]:
    """`analyse.decisions` with validated filters (`q` is not one of them)."""
    if f.impossible:
        return []
    return analyse.decisions(archive, **f.kwargs())


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


@router.get("/decisions", summary="The decision register (JSON or CSV)",
            responses={200: {"content": {"text/csv": {}}}})
def list_decisions(
    archive: Archive, f: FilterSet,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Any:
    """`{"decisions": [...]}`: every outcome with kind, objects, reading, meeting and
    paragraph `number`; `format=csv` gives the same rows as a CSV download."""
    rows = run_decisions(archive, f)
    if format == "csv":
        return Response(decisions_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})
    return {"filters": f.query(), "decisions": rows}
