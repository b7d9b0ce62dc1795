"""The Jinja2 environment (autoescape on) and the page renderer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import charts, present
from .cache import NONCE_TOKEN, with_nonce
from .feedlinks import feed_for
from .params import OUTCOME_KINDS, READINGS
from .plotly_assets import guarded_style_ids

TEMPLATES = Path(__file__).resolve().parent / "templates"

NAV = [("/", "Meetings"), ("/search", "Search"), ("/decisions", "Decisions"),
       ("/delegations", "Delegations"), ("/texts", "Texts"), ("/people", "People"),
       ("/network", "Network")]


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      auto_reload=False)
    env.globals.update(
        actor_label=present.actor_label, actor_href=present.actor_href,
        document_url=present.document_url, country_name=present.country_name,
        role_label=present.role_label, group_label=present.group_label,
        query_url=present.query_url, meeting_heading=present.meeting_heading,
        paragraph_anchor=present.paragraph_anchor, duration=present.duration,
        EVENT_TEXT=present.EVENT_TEXT, plotly_guards=guarded_style_ids,
        OUTCOME_KINDS=OUTCOME_KINDS, READINGS=READINGS, NAV=NAV, CHART_CONFIG=charts.CONFIG,
    )
    env.globals["is_text_label"] = present.is_text_label
    env.globals["feed_for"] = feed_for
    env.filters["snippet"] = present.snippet_html
    env.filters["badge_only"] = present.badge_only
    return env


ENV = _env()


def render_html(name: str, path: str, nonce: str, query: str = "", **context: Any) -> str:
    """Template `name` rendered to text for a page at `path` (`query`: its query string)."""
    context.setdefault("title", "plenary")
    context.setdefault("charts", [])
    return ENV.get_template(name).render(path=path, query=query, csp_nonce=nonce, **context)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render template `name` with the request's CSP nonce and the current path."""
    html = render_html(name, request.url.path, getattr(request.state, "csp_nonce", ""),
                       request.url.query, **context)
    return HTMLResponse(html, status_code=status_code)


async def render_cached(request: Request, key: Any, name: str,
                        context: Callable[[], dict]) -> HTMLResponse:
    """Like `render`, through the app's answer cache: `context()` runs only on a miss, in a
    worker thread (it reads the archive); a hit is answered on the event loop at once."""
    cache = request.app.state.cache
    ckey = ("page", key)
    html = cache.peek(ckey)
    if html is None:
        path, query = request.url.path, request.url.query
        html = await run_in_threadpool(
            cache.get, ckey, lambda: render_html(name, path, NONCE_TOKEN, query, **context()))
    return HTMLResponse(with_nonce(html, getattr(request.state, "csp_nonce", "")))
