"""The FastAPI application: JSON API, HTML pages, static files, errors, security headers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import (
    api,
    api_entities,
    api_network,
    api_registers,
    docs,
    feeds,
    pages,
    pages_entities,
    pages_network,
    pages_registers,
)
from .cache import AnswerCache
from .params import BadParam
from .plotly_assets import plotly_css, plotly_js
from .render import render
from .security import policy

log = logging.getLogger("plenary.web")

STATIC = Path(__file__).resolve().parent / "static"
_STATIC_CACHE = {"Cache-Control": "public, max-age=86400"}


def open_archive(url: str | None, readonly: bool = True) -> Any:
    """The archive at `url` (None: the default location), read-only unless told otherwise."""
    from plenary.store import Archive

    return Archive.open(url, readonly=readonly)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    headings = {400: "Bad request", 404: "Not found", 405: "Method not allowed",
                500: "Something went wrong"}
    try:
        return render(request, "error.html", status_code=status, title=str(status),
                      heading=headings.get(status, f"Error {status}"), message=message)
    except Exception:  # the error page itself failed: plain text, never a traceback
        log.exception("error page failed")
        return HTMLResponse(f"<p>Error {status}</p>", status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        parts.append(f"parameter '{where}': {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(BadParam)
    async def bad_param(request: Request, exc: BadParam) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return _error(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path,
                  exc_info=(type(exc), exc, exc.__traceback__))
        response = JSONResponse({"error": "internal error"}, status_code=500)
        # Outside the security middleware here: give the same safe headers.
        response.headers["Content-Security-Policy"] = policy("none")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def create_app(archive_url: str | None, readonly: bool = True, archive: Any = None) -> FastAPI:
    """The app serving the archive at `archive_url` (or an already open `archive`)."""
    from .head import HeadAsGet
    from .security import SecurityHeaders

    app = FastAPI(
        title="plenary",
        summary="Structured archive of ITU meeting summary records",
        version="0.1.0",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN
        openapi_url="/openapi.json",
    )
    app.state.archive = archive if archive is not None else open_archive(archive_url, readonly)
    app.state.cache = AnswerCache(app.state.archive)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)  # HEAD answers wherever GET does
    _install_errors(app)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        return FileResponse(plotly_js(), media_type="text/javascript", headers=_STATIC_CACHE)

    @app.get("/static/plotly.css", include_in_schema=False)
    def plotly_stylesheet() -> Response:
        return Response(plotly_css(), media_type="text/css", headers=_STATIC_CACHE)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (api, api_registers, api_entities, api_network, feeds):
        app.include_router(module.router)
    docs.install(app)
    for module in (pages, pages_registers, pages_entities, pages_network):
        app.include_router(module.router)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several workers: the archive URL from
    `$PLENARY_DB` (set by `plenary serve --workers N`), opened read-only."""
    import os

    return create_app(os.environ.get("PLENARY_DB"), readonly=True)
