"""The network page in a real browser (Chromium via Playwright, against uvicorn).

Uses conftest's `server` (over the web archive of the gold records), `browser` and `page`
(which skip without /usr/bin/chromium). Screenshots land in pytest's tmp dir (`network-shots`).
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("network-shots")


def test_force_graph_with_legend_and_evidence(page, ids_by_symbol, shots: Path) -> None:
    page.goto("/network")
    page.locator("#chart-network .main-svg").first.wait_for()
    legend = page.locator("#chart-network .legendtext").all_text_contents()
    assert {"supported", "on-behalf-of", "country", "organization"} <= set(legend)
    page.locator("#chart-network-matrix .main-svg").first.wait_for()
    assert page.locator("#network-nodes tbody tr").count() > 10
    page.screenshot(path=str(shots / "network.png"))
    page.screenshot(path=str(shots / "network-full.png"), full_page=True)
    page.locator("#chart-network").screenshot(path=str(shots / "network-graph.png"))
    page.locator("#network-edges a", has_text="¶ 6.15").first.click()
    page.wait_for_url(f"**/meetings/{ids_by_symbol['PP-18/170']}#p-6.15")
    assert page.errors == []


def test_phone_width_and_image(page, shots: Path) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/network?relation=supported")
    page.locator("#chart-network .main-svg").first.wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scroll at phone width ({width}px)"
    page.screenshot(path=str(shots / "network-375.png"), full_page=True)
    assert page.errors == []
    image = page.request.get("/network.svg?relation=supported")
    assert image.ok and image.headers["content-type"] == "image/svg+xml"
    page.set_content(image.text())  # the image alone, drawn by the browser
    assert page.locator("svg g#nodes > g").count() > 5
    page.screenshot(path=str(shots / "network-svg.png"))
