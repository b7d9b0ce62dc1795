"""Every parameter of every route answers 4xx to hostile values, never 500; HEAD works as GET.

The routes are read from the app itself (`app.routes`), so a route added later is checked too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from plenary.web import create_app
from plenary.web.params import BadParam, bounded_int, meeting_id

# Values as they travel in a URL (already percent-encoded where needed).
HOSTILE = [
    quote("²"), "-1", "0", "9" * 400, "%00", "%FF", "%C2%B2", quote("a" * 5000),
    quote("１２"), quote("1e3"), quote("<script>"), "%20", quote("Ω" * 300), quote("1.5"),
]


@pytest.fixture(scope="module")
def app(web_archive: str):
    return create_app(web_archive)


@pytest.fixture(scope="module")
def raw(app) -> TestClient:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@dataclass(frozen=True)
class GetRoute:
    """A GET route as the app serves it: its full path and its parameters' dependant."""

    path: str
    dependant: Any


def _get_routes(app) -> list[GetRoute]:
    """Every GET route of the app, those of included routers too."""
    try:  # FastAPI >= 0.16x keeps included routers as one entry each
        from fastapi.routing import iter_route_contexts
    except ImportError:
        contexts: Any = app.routes
    else:
        contexts = iter_route_contexts(app.routes)
    out = []
    for ctx in contexts:
        original = getattr(ctx, "original_route", ctx)
        if isinstance(original, APIRoute) and "GET" in (ctx.methods or ()):
            out.append(GetRoute(ctx.path_format, original.dependant))
    return out


def _good_path(route: GetRoute, ids: dict[str, int]) -> str:
    """The route's path with a plausible value in each path parameter."""
    good = {"meeting_id": str(ids["C17/124"]), "iso3": "CAN", "number": "1.1"}
    path = route.path
    for p in route.dependant.path_params:
        path = path.replace("{" + p.name + "}", good.get(p.name, "x"))
    return path


def _query_names(route: GetRoute) -> list[str]:
    """Every query parameter of a route, its dependencies' included."""
    names: set[str] = set()
    todo = [route.dependant]
    while todo:
        dep = todo.pop()
        names.update(p.alias for p in dep.query_params)
        todo.extend(dep.dependencies)
    return sorted(names)


def test_every_route_has_been_found(app) -> None:
    paths = {r.path for r in _get_routes(app)}
    assert {"/api/meetings", "/api/decisions", "/api/search", "/decisions", "/search",
            "/meetings/{meeting_id}", "/api/delegations/{iso3}"} <= paths


def test_hostile_query_values_never_500(app, raw: TestClient, ids: dict[str, int]) -> None:
    failures = []
    for route in _get_routes(app):
        base = _good_path(route, ids)
        for name in _query_names(route):
            for value in HOSTILE:
                url = f"{base}?{name}={value}"
                r = raw.get(url)
                if r.status_code >= 500:
                    failures.append((url[:120], r.status_code))
            r = raw.get(f"{base}?{name}=1&{name}=2&{name}=abc")  # an array
            if r.status_code >= 500:
                failures.append((f"{base}?{name}=[array]", r.status_code))
    assert not failures


def test_hostile_path_values_never_500(app, raw: TestClient) -> None:
    failures = []
    for route in _get_routes(app):
        for p in route.dependant.path_params:
            for value in HOSTILE:
                url = route.path.replace("{" + p.name + "}", value)
                for other in route.dependant.path_params:
                    url = url.replace("{" + other.name + "}", "1")
                r = raw.get(url)
                if r.status_code >= 500:
                    failures.append((url[:120], r.status_code))
    assert not failures


def test_api_errors_are_json_and_pages_html(raw: TestClient) -> None:
    api = raw.get("/api/decisions?meeting=%C2%B2")
    assert api.status_code == 400
    assert set(api.json()) == {"error"} and "meeting" in api.json()["error"]
    page = raw.get("/decisions?meeting=%C2%B2")
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert raw.get("/api/search?meeting=" + "9" * 400).status_code in (400, 422)


def test_head_answers_as_get_without_body(app, raw: TestClient, ids: dict[str, int]) -> None:
    checked = 0
    for route in _get_routes(app):
        url = _good_path(route, ids)
        got = raw.get(url)
        head = raw.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        if got.status_code == 200:
            assert head.headers["content-type"] == got.headers["content-type"], url
            checked += 1
    assert checked >= 8


@pytest.mark.parametrize("value", ["²", "١٢", "-3", "0", "9" * 13, "1 2", "+5"])
def test_meeting_id_refuses_non_ascii_and_out_of_range(value: str) -> None:
    with pytest.raises(BadParam):
        meeting_id("meeting", value)


def test_meeting_id_accepts_plain_digits() -> None:
    assert meeting_id("meeting", " 42 ") == 42
    assert meeting_id("meeting", None) is None
    assert meeting_id("meeting", "  ") is None  # an empty form field


@pytest.mark.parametrize("value", ["²", "1e3", "9" * 30, "--1", "１"])
def test_bounded_int_refuses(value: str) -> None:
    with pytest.raises(BadParam):
        bounded_int("limit", value, 50, 1, 500)


def test_bounded_int_bounds() -> None:
    assert bounded_int("limit", "7", 50, 1, 500) == 7
    assert bounded_int("offset", None, 0, 0, 10) == 0
    with pytest.raises(BadParam):
        bounded_int("limit", "501", 50, 1, 500)
