"""`/docs`: the API's interactive documentation (Swagger UI) served from the installed package.

FastAPI's own docs page loads Swagger UI from a CDN; this one serves the files of the
`swagger-ui-bundle` package under `/docs/assets/`, and starts Swagger UI from a static script
(`/docs/assets/plenary-init.js`, no inline script, so the page keeps the strict CSP) that
points at `/docs/openapi-3.0.json` and turns off the online spec validator (which would call
validator.swagger.io). Nothing is fetched from another host. The packaged Swagger UI (4.15)
reads OpenAPI 3.0 only, so `/docs/openapi-3.0.json` is the app's OpenAPI 3.1 description
written the 3.0 way (`nullable` for `anyOf [..., null]`, `example` for `examples`).

`install(app)` completes the app's `/openapi.json`: a response example for every route that has
none (the shapes of `api.md` and `record-format.md`) and a description for every parameter.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

router = APIRouter(include_in_schema=False)

ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png")
_TYPES = {".css": "text/css", ".js": "text/javascript", ".png": "image/png"}
_CACHE = {"Cache-Control": "public, max-age=86400"}

INIT_JS = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/docs/openapi-3.0.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    defaultModelsExpandDepth: 1,
    displayRequestDuration: true,
    tryItOutEnabled: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>plenary API documentation</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png" type="image/png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<noscript>The interactive documentation needs JavaScript; the API's description is at
<a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/plenary-init.js"></script>
</body>
</html>
"""


def swagger_dir() -> Path:
    """The folder of Swagger UI's files in the installed `swagger-ui-bundle` package."""
    from swagger_ui_bundle import swagger_ui_path

    return Path(swagger_ui_path)


@router.get("/docs")
def docs() -> HTMLResponse:
    """The documentation page."""
    return HTMLResponse(PAGE)


@router.get("/docs/openapi-3.0.json")
def openapi_30(request: Request) -> JSONResponse:
    """The OpenAPI description in the 3.0 dialect, for the packaged Swagger UI."""
    return JSONResponse(as_openapi_30(request.app.openapi()))


def as_openapi_30(spec: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI 3.1 document (as FastAPI writes it) in the OpenAPI 3.0 dialect."""
    out = _to_30(copy.deepcopy(spec))
    out["openapi"] = "3.0.3"
    return out


def _to_30(node: Any) -> Any:
    if isinstance(node, list):
        return [_to_30(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: _to_30(v) for k, v in node.items()}
    for key in ("anyOf", "oneOf"):
        options = node.get(key)
        if isinstance(options, list) and {"type": "null"} in options:
            rest = [o for o in options if o != {"type": "null"}]
            node["nullable"] = True
            if len(rest) == 1:
                del node[key]
                node.update(rest[0] if "$ref" not in rest[0] else {"allOf": rest})
            else:
                node[key] = rest
    if isinstance(node.get("examples"), list):  # a schema's list (3.1); 3.0 has one example
        examples = node.pop("examples")
        if examples:
            node["example"] = examples[0]
    if "const" in node:
        node["enum"] = [node.pop("const")]
    return node


@router.get("/docs/assets/plenary-init.js")
def init_script() -> Response:
    return Response(INIT_JS, media_type="text/javascript", headers=_CACHE)


@router.get("/docs/assets/{name}")
def asset(name: str) -> FileResponse:
    """One of Swagger UI's files (only those the page uses)."""
    if name not in ASSETS:
        raise HTTPException(404, f"no asset {name}")
    path = swagger_dir() / name
    return FileResponse(path, media_type=_TYPES[path.suffix], headers=_CACHE)


# --- the OpenAPI description: examples and parameter descriptions ----------------------------

_MEETING = {"id": 1, "symbol": "C17/124", "body": "council", "session": "Council 2017",
            "number": 7, "date": "2017-05-19", "title": "Summary record of the seventh Plenary "
            "Meeting", "identified": True,
            "versions": [{"language": "fr", "original": True,
                          "sources": [{"name": "C17-124-F.docx", "format": "docx",
                                       "sha256": "1f72...e0"}]}]}
_ACTOR = {"kind": "delegation", "country": "CAN", "id": None, "role": "councillor",
          "count": None, "name": None,
          "on_behalf_of": [{"kind": "organization", "id": "CITEL", "country": None,
                            "role": None, "count": None, "name": None, "on_behalf_of": [],
                            "supported_by": []}],
          "supported_by": []}
_PLACE = {"meeting": {"id": 1, "symbol": "C17/124", "date": "2017-05-19",
                      "title": "Summary record of the seventh Plenary Meeting",
                      "language": "fr"}, "item": "3", "number": "3.4", "position": 12}
_PAGE = {"total": 1, "limit": 50, "offset": 0, "next": None}
_EVIDENCE = {"meeting": 1, "date": "2017-05-19", "number": "3.4", "position": 12}
_PERSON = {"id": "mario-canazza", "name": "Mario Canazza",
           "forms": ["Mario Canazza", "M. Mario CANAZZA"], "countries": ["BRA"], "roles": [],
           "units": [], "interventions": 1, "elections": 1}
_OUTCOME = {"kind": "adopted", "objects": ["Resolution 130 (Rev. Dubai, 2018)", "C17/55"],
            "reading": "first", "as_amended": True, "conditional": False, "refers_to": None,
            "person": None, "post": None, "method": None, "votes": None}
EXAMPLES: dict[str, Any] = {
    "/api/meetings": {"meetings": [_MEETING], "total": 1, "next": None},
    "/api/meetings/{meeting_id}": {
        "schema": "plenary/record@1", "id": 1, "language": "fr",
        "source": {"name": "C17-124-F.docx", "sha256": "1f72...e0", "format": "docx"},
        "meeting": {k: _MEETING[k] for k in ("symbol", "body", "session", "number", "date",
                                             "title")},
        "items": [{"number": "3", "title": "Cybersecurity", "continued": False,
                   "documents": ["C17/55"], "texts": [], "paragraphs": [
                       {"number": "3.4", "text": "The councillor of Canada, speaking on "
                        "behalf of CITEL, ...", "speakers": [_ACTOR], "documents": [],
                        "texts": [], "outcomes": [], "footnotes": []}]}],
        "events": [{"kind": "suspended", "at": "11:00", "after_paragraph": "3.4"}],
        "signatories": [], "warnings": []},
    "/api/meetings/{meeting_id}/timeline": {
        "start": "09:35", "end": "12:30",
        "segments": [{"kind": "sitting", "from": "09:35", "to": "11:00", "minutes": 85}],
        "events": [{"kind": "suspended", "at": "11:00", "after_paragraph": "3.4"}]},
    "/api/search": {"total": 1, "next": None, "results": [{
        **_PLACE, "speakers": [_ACTOR], "outcomes": [],
        "snippet": [{"text": "... on ", "hit": False}, {"text": "cybersecurity", "hit": True}]}]},
    "/api/delegations": {"delegations": [{"country": "CAN", "name": "Canada",
                                          "interventions": 9, "speaker": 7, "supporter": 2,
                                          "opposer": 0, "meetings": 2}], **_PAGE},
    "/api/delegations/{iso3}": {
        "country": "CAN", "name": "Canada", "total": 9, "speaker": 7, "supporter": 2,
        "opposer": 0,
        "interventions": [{**_PLACE, "session": "Council 2017", "item_title": "Cybersecurity",
                           "text": "The councillor of Canada, speaking on behalf of CITEL, "
                                   "...", "role": "councillor", "name": None, "as": "speaker",
                           "on_behalf_of": _ACTOR["on_behalf_of"], "supported_by": [],
                           "opposed_by": [], "supported": [], "opposed": []}],
        "activity": [{"meeting_id": 1, "date": "2017-05-19", "title": _MEETING["title"],
                      "speaker": 7, "supporter": 2, "opposer": 0}],
        "sessions": [{"session": "Council 2017", "meetings": 1, "speaker": 7, "supporter": 2,
                      "opposer": 0}],
        "supporters": [{"country": "MEX", "count": 1, "evidence": [_EVIDENCE]}],
        "supported": [{"country": "DNK", "count": 1, "evidence": [_EVIDENCE]}],
        "partners": [{"country": "DNK", "count": 1}, {"country": "MEX", "count": 1}], **_PAGE},
    "/api/groups": {"groups": [{"id": "african-group", "kind": "group",
                                "name": "African Group", "interventions": 7, "spoke": 0}],
                    **_PAGE},
    "/api/groups/{id}": {
        "id": "african-group", "kind": "group", "name": "African Group", "total": 7,
        "interventions": [{**_PLACE, "session": "PP-18", "item_title": "Artificial "
                           "intelligence", "as": "speaker",
                           "text": "The delegate of Egypt, speaking on behalf of the African "
                                   "Group, ...",
                           "speaker": {**_ACTOR, "country": "EGY", "role": "delegate",
                                       "on_behalf_of": [{**_ACTOR["on_behalf_of"][0],
                                                         "kind": "group",
                                                         "id": "african-group"}]}}],
        "members": ["KEN", "EGY"], "member_counts": [{"country": "KEN", "count": 2},
                                                     {"country": "EGY", "count": 1}],
        "spoke": 0, "sessions": [{"session": "PP-18", "count": 7}], **_PAGE},
    "/api/people": {"people": [_PERSON], **_PAGE},
    "/api/people/{id}": {
        **_PERSON, "total": 1,
        "interventions": [{**_PLACE, "session": "Council 2017", "item_title": "Elections",
                           "text": "Mr Mario Canazza (Brazil) thanked the Council ...",
                           "as": "speaker", "actor": {"kind": "delegation", "country": "BRA",
                                                      "id": None, "role": None}}],
        "positions": [{"kind": "delegation", "country": "BRA", "unit": None, "role": None,
                       "session": "Council 2017", "first": "2017-05-19",
                       "interventions": 1}],
        "elections": [{**_PLACE, "session": "Council 2017", "post": "Chair of the CWG-SFP",
                       "method": "acclamation", "country": "BRA"}], **_PAGE},
    "/api/decisions": {"decisions": [{**_PLACE, **_OUTCOME}], "total": 1, "next": None},
    "/api/network": {"nodes": [{"id": "CAN", "kind": "country", "label": "Canada"},
                               {"id": "CITEL", "kind": "organization", "label": "CITEL"}],
                     "edges": [{"source": "CAN", "target": "CITEL", "relation": "on-behalf-of",
                                "weight": 1, "evidence": [{"meeting": 1, "number": "3.4"}]}]},
}
# Routes whose answer has two shapes: named examples (Swagger UI offers them in a menu).
NAMED_EXAMPLES: dict[str, dict[str, dict[str, Any]]] = {
    "/api/texts": {
        "index": {"summary": "No label: the index of texts (q= matches labels loosely)",
                  "value": {"texts": [{
                      "label": "Resolution 130", "kind": "resolution", "number": "130",
                      "conference": None, "versions": ["Resolution 130 (Rev. Busan, 2014)",
                                                       "Resolution 130 (Rev. Dubai, 2018)"],
                      "mentions": 7, "outcomes": 5, "first": "2018-11-15",
                      "last": "2019-06-11"}, {
                      "label": "Series R4", "kind": "series", "number": "R4",
                      "conference": "PP-22", "versions": [], "mentions": 1, "outcomes": 1,
                      "first": "2022-10-06", "last": "2022-10-06"}], **_PAGE}},
        "history": {"summary": "label=: the text's history, every version linked",
                    "value": {
                        "label": "Resolution 130 (Rev. Dubai, 2018)", "text": "Resolution 130",
                        "kind": "resolution", "number": "130", "revised": True,
                        "place": "Dubai", "year": 2018, "conference": None,
                        "per_conference": False, "conferences": [],
                        "versions": [{"label": "Resolution 130 (Rev. Dubai, 2018)",
                                      "revised": True, "place": "Dubai", "year": 2018,
                                      "mentions": 6, "outcomes": 4}],
                        "events": [{**_PLACE, "session": "Council 2017",
                                    "item_title": "Cybersecurity", "type": "outcome",
                                    "outcome": _OUTCOME, "speakers": [],
                                    "labels": ["Resolution 130 (Rev. Dubai, 2018)"],
                                    "text": "The draft resolution was adopted."}],
                        **_PAGE}},
    },
}
PARAMETERS = {
    "meeting_id": "A meeting id (from `/api/meetings`)",
    "iso3": "ISO 3166-1 alpha-3 code of a country (`CAN`, `RUS`)",
    "q": "Words to find (accents, case and word forms ignored)",
    "label": "A text's label as in the contract: `Resolution 130 (Rev. Dubai, 2018)`",
    "language": "ISO 639-1 code of a language version (`fr`, `en`, `es`)",
    "format": "`csv` for CSV instead of JSON (where offered)",
}

BAD_REQUEST = {"description": "A malformed or oversized parameter",
               "content": {"application/json": {
                   "schema": {"type": "object", "properties": {"error": {"type": "string"}}},
                   "example": {"error": "parameter 'limit': Input should be less than or "
                                        "equal to 200"}}}}


def _complete(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the missing examples and parameter descriptions to an OpenAPI document."""
    for path, operations in schema.get("paths", {}).items():
        for op in operations.values():
            for param in op.get("parameters", []):
                if not param.get("description"):
                    param["description"] = PARAMETERS.get(param["name"],
                                                          param["name"].replace("_", " "))
            responses = op.get("responses", {})
            if "422" in responses:  # the app answers a bad parameter with 400, never 422
                del responses["422"]
                responses["400"] = BAD_REQUEST
            ok = responses.get("200", {})
            for media in ok.get("content", {}).values():
                if "example" in media or "examples" in media:
                    continue
                if path in NAMED_EXAMPLES:
                    media["examples"] = NAMED_EXAMPLES[path]
                elif path in EXAMPLES:
                    media["example"] = EXAMPLES[path]
    return schema


def install(app: FastAPI) -> None:
    """Serve `/docs` and complete `app`'s OpenAPI description (examples, descriptions)."""
    app.include_router(router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _complete(get_openapi(
                title=app.title, version=app.version, summary=app.summary,
                description=app.description, routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
