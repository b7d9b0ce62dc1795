"""The web UI in a real browser: Debian's Chromium driven by Playwright, against uvicorn.

Skipped when /usr/bin/chromium is not installed. Screenshots land in pytest's tmp dir
(`web-shots`), at desktop width and at a 375 px phone width.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")

# `browser`, `page` (with `page.errors`) and `server` are fixtures of tests/conftest.py.


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-shots")


def test_meeting_to_delegation_with_chart(page, ids_by_symbol, shots: Path) -> None:
    page.goto(f"/meetings/{ids_by_symbol['PP-18/170']}")
    page.locator("#p-1\\.3 .speakers a", has_text="Denmark").first.click()
    page.wait_for_url("**/delegations/DNK")
    page.locator("#chart-activity .main-svg").first.wait_for()
    assert page.locator("#chart-activity.plotly, #chart-activity .plotly").count() >= 1
    assert page.locator("h1").inner_text().startswith("Denmark")
    page.screenshot(path=str(shots / "delegation.png"), full_page=True)
    assert page.errors == []  # no CSP violation, no script error


def test_meeting_page_screens(page, ids_by_symbol, shots: Path) -> None:
    mid = ids_by_symbol["PP-18/170"]
    page.goto(f"/meetings/{mid}#p-1.10")
    assert page.locator(".tl-bar .tl-suspension").count() == 6
    assert page.locator("#p-1\\.10 .badge-adopted").is_visible()
    page.screenshot(path=str(shots / "meeting.png"))
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/meetings/{mid}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scroll at phone width ({width}px)"
    page.screenshot(path=str(shots / "meeting-375.png"))
    page.goto(f"/meetings/{ids_by_symbol['C19/99']}")
    assert page.locator("script", has_text="alert(").count() == 0
    assert "<script>alert('x')</script>" in page.locator("#p-1\\.1 .para-text").inner_text()
    assert page.errors == []


def test_search_highlights(page, shots: Path) -> None:
    page.goto("/")
    page.fill("#q", "DONA")
    page.locator(".search-box button").click()
    page.wait_for_url("**/search?q=DONA")
    mark = page.locator(".snippet mark").first
    mark.wait_for()
    assert mark.inner_text() == "DONA"
    first = page.locator(".result .permalink").first
    href = first.get_attribute("href")
    assert "#p-" in href
    page.screenshot(path=str(shots / "search.png"))
    first.click()
    page.wait_for_url(f"**{href}")
    assert page.errors == []


def test_decision_register_filter_and_csv(page, shots: Path) -> None:
    page.goto("/decisions")
    everything = page.locator("table.decisions tbody tr").count()
    page.select_option("#f-kind", "adopted")
    page.select_option("#f-reading", "first")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**kind=adopted**")
    rows = page.locator("table.decisions tbody tr")
    shown = rows.count()
    assert 0 < shown < everything
    assert page.locator("table.decisions .badge-adopted").count() == shown
    page.screenshot(path=str(shots / "decisions.png"))
    with page.expect_download() as info:
        page.locator("#csv-link").click()
    download = info.value
    path = shots / "decisions.csv"
    download.save_as(str(path))
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == shown
    assert {r["kind"] for r in table} == {"adopted"} and {r["reading"] for r in table} == {"first"}
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scroll at phone width ({width}px)"
    page.screenshot(path=str(shots / "decisions-375.png"))
    assert page.errors == []


def test_network_chart(page, shots: Path) -> None:
    page.goto("/network")
    page.locator("#chart-network .main-svg").first.wait_for()
    page.screenshot(path=str(shots / "network.png"))
    assert page.errors == []
