"""`/docs`: Swagger UI served from the installed package, loading nothing from another host;
`/openapi.json` describes every route with a summary, parameter descriptions and examples."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from plenary.web.docs import ASSETS, swagger_dir

CHROMIUM = Path("/usr/bin/chromium")


class _Refs(HTMLParser):
    """Every URL an HTML page would load or link (src, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        if tag == "script" and "src" not in found:
            self.inline_scripts += 1


def test_docs_page_loads_only_from_this_host(client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    parser = _Refs()
    parser.feed(response.text)
    assert parser.inline_scripts == 0  # the strict CSP allows no inline script here
    assert len(parser.urls) >= 4
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, url
        assert client.get(url).status_code == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_assets_are_the_installed_packages_files(client) -> None:
    for name in ASSETS:
        served = client.get(f"/docs/assets/{name}")
        assert served.status_code == 200
        assert served.content == (swagger_dir() / name).read_bytes()
    assert client.get("/docs/assets/index.html").status_code == 404
    assert client.get("/docs/assets/..%2Fswagger-ui.js").status_code == 404


def test_the_init_script_reads_our_openapi_and_calls_no_validator(client) -> None:
    script = client.get("/docs/assets/plenary-init.js").text
    assert 'url: "/docs/openapi-3.0.json"' in script
    assert "validatorUrl: null" in script
    assert not re.search(r"https?://", script)


def test_the_30_description_has_every_route_without_31_only_keywords(client) -> None:
    spec31 = client.get("/openapi.json").json()
    spec30 = client.get("/docs/openapi-3.0.json").json()
    assert spec31["openapi"].startswith("3.1") and spec30["openapi"] == "3.0.3"
    assert spec30["paths"].keys() == spec31["paths"].keys()
    text = json.dumps(spec30)
    assert '{"type": "null"}' not in text and '"const"' not in text
    assert '"nullable": true' in text


def test_openapi_describes_every_route_with_summary_parameters_and_examples(client) -> None:
    spec = client.get("/openapi.json").json()
    routes = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    for path in ("/api/meetings", "/api/meetings/{meeting_id}", "/api/search",
                 "/api/delegations/{iso3}", "/api/texts", "/api/decisions",
                 "/feeds/decisions.atom", "/feeds/delegations/{iso3}.atom",
                 "/feeds/texts.atom", "/feeds/search.atom"):
        assert ("get", path) in routes, path
    missing = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if not op.get("summary"):
                missing.append(f"{method} {path}: summary")
            missing += [f"{method} {path}: parameter {p['name']}"
                        for p in op.get("parameters", []) if not p.get("description")]
            ok = op["responses"].get("200", {}).get("content", {})
            if not ok or not all("example" in m or "examples" in m for m in ok.values()):
                missing.append(f"{method} {path}: response example (add to docs.EXAMPLES)")
            assert "422" not in op["responses"], f"{path}: the app answers 400, not 422"
    assert missing == []


def test_response_examples_have_the_documented_shapes(client) -> None:
    spec = client.get("/openapi.json").json()

    def example(path: str) -> dict:
        return spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
            "example"]

    assert {"meetings", "total", "next"} <= set(example("/api/meetings"))
    assert example("/api/meetings/{meeting_id}")["schema"] == "plenary/record@1"
    live = client.get("/api/decisions").json()
    assert set(example("/api/decisions")["decisions"][0]) <= set(live["decisions"][0]) | {
        "position"}


# --- in a real browser: the page renders the operations, and every request stays local -----

@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_docs_render_in_a_browser_without_other_hosts(server: str) -> None:
    from playwright.sync_api import sync_playwright

    hosts: set[str] = set()
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{server}/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=15000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        browser.close()
    assert hosts == {urlsplit(server).netloc}
    assert any("/feeds/search.atom" in p for p in paths)
    assert any("/api/meetings" in p for p in paths)
    assert not [e for e in errors if "Content Security Policy" in e and "script" in e]
