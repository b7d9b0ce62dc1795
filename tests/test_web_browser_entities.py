"""The entity pages in a real browser: delegations, text histories, the texts index, groups, people.

Debian's Chromium driven by Playwright against uvicorn over the web archive (the gold records of
seeds 000 and 002 and the hand-written markup record); the fixtures `browser`, `page` and
`server` are in tests/conftest.py. Every page is opened at 1280 px and at a 375 px phone width:
it must not scroll sideways (tables scroll inside their own frame or become cards), must log no
console error (a Content-Security-Policy violation is one), and every paragraph text it shows
carries the `lang` of its record. Screenshots land in pytest's tmp dir (`entity-shots`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import assert_fits, open_at

WIDTHS = [1280, 375]

# Every element holding a record's own words: the meeting page's paragraphs, the snippets and
# item titles of the entity pages.
RECORD_TEXT = ".para-text, .snippet, .item-title [lang]"
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("entity-shots")






def assert_cards_fit(page, width: int) -> int:
    """Tables marked `cards` show every cell inside the viewport (no hidden columns to scroll
    to); returns how many cells were checked."""
    cells = page.evaluate(
        "Array.from(document.querySelectorAll('table.cards td'))"
        ".filter(td => td.offsetParent !== null)"
        ".map(td => { const r = td.getBoundingClientRect(); return [r.left, r.right]; })")
    outside = [c for c in cells if c[0] < -1 or c[1] > width + 1]
    assert outside == [], f"{len(outside)} of {len(cells)} cells outside the {width} px viewport"
    return len(cells)


def assert_record_text_has_lang(page) -> int:
    """Every rendered paragraph of a record carries a well-formed `lang`; returns how many."""
    shown = page.locator(RECORD_TEXT).count()
    missing = page.evaluate(
        f"Array.from(document.querySelectorAll({RECORD_TEXT!r}))"
        ".filter(e => !e.closest('[lang]') || e.closest('[lang]') === document.documentElement)"
        ".map(e => e.textContent.slice(0, 60))")
    assert missing == [], f"record text without its own lang: {missing}"
    tags = set(page.evaluate(
        "Array.from(document.querySelectorAll('main [lang]')).map(e => e.getAttribute('lang'))"))
    assert all(LANGUAGE_TAG.match(t) for t in tags), f"malformed lang values: {tags}"
    return shown


def shoot(page, shots: Path, name: str, width: int) -> None:
    page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_delegation_page(page, width: int, shots: Path) -> None:
    open_at(page, width, "/delegations/KEN")
    assert page.locator("h1").inner_text().startswith("Kenya")
    page.locator("#chart-sessions .main-svg").first.wait_for()
    page.locator("#chart-activity .main-svg").first.wait_for()
    chart_box = page.locator("#chart-sessions").bounding_box()
    assert chart_box and chart_box["width"] <= width

    said = page.locator(".interventions > li", has=page.locator("a.permalink", has_text="6.14"))
    assert said.locator(".item-title").inner_text().startswith("6 ")
    snippet = said.locator(".snippet")
    assert snippet.get_attribute("lang") == "fr"
    assert "s'exprimant au nom du Groupe africain" in snippet.inner_text()
    assert [m.inner_text() for m in snippet.locator("mark").all()] == ["Kenya"]
    assert assert_record_text_has_lang(page) == page.locator(RECORD_TEXT).count() > 0
    assert_fits(page, width)
    shoot(page, shots, "delegation-KEN", width)

    # Evidence: "Uzbekistan supported Kenya" links to the paragraph that says so.
    row = page.locator("table tr", has=page.locator("a", has_text="Uzbekistan")).first
    evidence = row.locator("a.permalink").first
    href = evidence.get_attribute("href")
    assert re.fullmatch(r"/meetings/\d+#p-6\.14", href), href
    evidence.click()
    page.wait_for_url(f"**{href}")
    target = page.locator(".para:target")
    assert target.get_attribute("id") == "p-6.14"
    speakers = target.locator(".speakers").inner_text()
    assert "Kenya" in speakers and "Uzbekistan" in speakers
    assert target.locator(".para-text").get_attribute("lang") == "fr"
    assert_fits(page, width)
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_text_history(page, width: int, shots: Path) -> None:
    open_at(page, width, "/texts?label=Resolution%20130")
    assert page.locator("h1").inner_text().startswith("Resolution 130")
    page.locator("#chart-text .main-svg").first.wait_for()
    chart_box = page.locator("#chart-text").bounding_box()
    assert chart_box and chart_box["width"] <= width
    versions = page.locator("a.chip", has_text="Rev. Dubai, 2018")
    assert versions.count() >= 1
    steps = page.locator("ol.history > li")
    assert steps.count() >= 5
    # The Council 2019 record approves it; PP-18's seventeenth meeting mentions it.
    assert page.locator("ol.history .badge-approved").count() >= 1
    assert page.locator("ol.history .tag", has_text="PP-18").count() >= 1
    assert assert_record_text_has_lang(page) > 0
    assert_fits(page, width)
    shoot(page, shots, "text-resolution-130", width)

    step = steps.filter(has=page.locator(".badge-approved")).first
    link = step.locator("a.permalink").first
    number = link.inner_text().removeprefix("¶").strip()
    link.click()
    page.wait_for_url(f"**#p-{number}")
    target = page.locator(".para:target")
    assert target.get_attribute("id") == f"p-{number}"
    assert target.locator(".badge-approved").count() == 1
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_texts_index_search(page, width: int, shots: Path) -> None:
    open_at(page, width, "/texts")
    everything = page.locator("table.texts tbody tr").count()
    assert everything > 10
    assert_fits(page, width)
    shoot(page, shots, "texts", width)
    page.fill("#q", "RÉSOLUTION  130")  # case, accents and spacing do not matter
    page.locator(".search-box button").click()
    page.wait_for_url("**/texts?q=**")
    rows = page.locator("table.texts tbody tr")
    assert 0 < rows.count() < everything
    labels = [a.inner_text() for a in rows.locator("td:first-child > a").all()]
    assert "Resolution 130" in labels
    assert_fits(page, width)
    page.locator("table.texts td:first-child > a", has_text=re.compile(r"^Resolution 130$")).click()
    page.wait_for_url("**/texts?label=Resolution+130**")
    assert page.locator("h1").inner_text().startswith("Resolution 130")
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_group_page(page, width: int, shots: Path) -> None:
    open_at(page, width, "/groups/african-group")
    assert page.locator("h1").inner_text() == "African Group"
    members = [a.inner_text() for a in page.locator(".partners a").all()]
    assert "Kenya" in members and "South Africa" in members
    interventions = page.locator("ol.history > li")
    assert interventions.count() == 7  # 6.7 ZAF, 6.14 KEN, 13.2 EGY, 15.13, 15.16, 15.26, 17.4
    assert page.locator("ol.history .snippet mark").count() >= 7
    # The group's own name is marked too, as the record's language prints it.
    named = page.locator("ol.history .snippet mark", has_text=re.compile("^Groupe africain$"))
    assert named.count() >= 5
    assert assert_record_text_has_lang(page) >= 7
    assert_fits(page, width)
    shoot(page, shots, "group-african-group", width)
    page.locator(".partners a", has_text="Kenya").click()
    page.wait_for_url("**/delegations/KEN")
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_person_page(page, width: int, shots: Path) -> None:
    open_at(page, width, "/people")
    assert page.locator("main a", has_text="Mario Canazza").count() == 1
    assert_fits(page, width)
    page.locator("main a", has_text="Mario Canazza").click()
    page.wait_for_url("**/people/mario-canazza")
    assert page.locator("h1").inner_text() == "Mario Canazza"
    assert page.locator(".lead a", has_text="Brazil").count() == 1
    election = page.locator("ol.history > li", has=page.locator(".badge-elected"))
    assert election.count() == 1
    post = election.locator(".post")
    assert post.get_attribute("lang") == "fr" and "Plan stratégique" in post.inner_text()
    assert_fits(page, width)
    shoot(page, shots, "person-mario-canazza", width)
    assert page.errors == []


def test_person_with_markup_in_name_is_escaped(page) -> None:
    open_at(page, 375, "/people")
    page.locator("main a", has_text="ZHAO</u>").click()
    assert page.locator("h1").inner_text() == "H. <u>ZHAO</u>"
    assert page.locator("main u").count() == 0
    assert_fits(page, 375)
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_person_interventions_highlight_the_name(page, width: int) -> None:
    open_at(page, width, "/people/andrius-krivas")
    snippet = page.locator("ol.history .snippet").first
    assert snippet.get_attribute("lang") == "fr"
    assert "Andrius Krivas" in [m.inner_text() for m in snippet.locator("mark").all()]
    assert page.locator("main td a", has_text="Lithuania").count() >= 1
    assert_fits(page, width)
    assert page.errors == []


@pytest.mark.parametrize("path", ["/delegations", "/groups", "/people", "/texts",
                                  "/texts?label=Series%20B20"])
def test_lists_fit_a_phone(page, path: str) -> None:
    open_at(page, 375, path)
    assert page.locator("main h1").count() == 1
    assert_fits(page, 375)
    if page.locator("table.cards").count():
        assert assert_cards_fit(page, 375) > 0
    assert_record_text_has_lang(page)
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_network_edges_lead_to_their_paragraphs(page, width: int, shots: Path) -> None:
    open_at(page, width, "/network")
    page.locator("#chart-network .main-svg").first.wait_for()
    chart_box = page.locator("#chart-network").bounding_box()
    assert chart_box and chart_box["width"] <= width
    assert_fits(page, width)
    shoot(page, shots, "network", width)
    rows = page.locator("#network-edges tbody tr")
    assert rows.count() > 10
    checked = 0
    for i in range(rows.count()):
        row = rows.nth(i)
        if row.locator("td").nth(1).inner_text() != "supported" or checked == 3:
            continue
        cells = row.locator("td")
        source, target = cells.nth(0).inner_text(), cells.nth(2).inner_text()
        href = row.locator("td a[href*='#p-']").first.get_attribute("href")
        page.goto(href)
        para = page.locator(".para:target")
        assert para.count() == 1, href
        speakers = para.locator(".speakers").inner_text()
        # The supporter and the speaker it supported both stand in the paragraph's speakers.
        assert source in speakers and target in speakers, (href, source, target, speakers)
        page.go_back()
        checked += 1
    assert checked == 3
    assert page.errors == []
