"""Arabic, Chinese and Russian records in a real browser: direction, language, layout.

An archive of our renderings of seed 002 in Arabic, Chinese and Russian and of seed 000 in Arabic,
parsed from tests/data/<lang>/ (the shared `web_archive` holds no record in those languages), served
by uvicorn and opened in Debian's Chromium (fixtures `browser`, `page`, `server` in
tests/conftest.py) at 1280 px and at a 375 px phone width. Every paragraph of an Arabic record
and every item title must carry lang="ar" and dir="rtl" and be laid out right to left, with its
number on the right; the English labels and Latin symbols in it must be isolated left to right
("C17/55(Rev.1)" keeps its closing bracket on the right);
a Chinese paragraph carries lang="zh" and stays left to right; no page scrolls sideways or logs a
console error. Screenshots land in pytest's tmp dir (`rtl-shots`).
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import DATA, assert_fits, build_archive, open_at

from plenary.parse import parse_path

WIDTHS = [1280, 375]
LANGUAGES = ("ar", "zh", "ru")


# Records with a header, whose meeting titles are printed in their own language and script.
TITLED = {"ar": ("council-2019-plenary-04", "محضر موجز للجلسة العامة الرابعة"),
          "zh": ("council-2017-plenary-12", "第十二次全体会议简要记录")}


@pytest.fixture(scope="module")
def web_archive(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Overrides the shared archive for this module: the ar, zh and ru records of seed 002 (one
    meeting, three versions), the ar record of seed 000, and an Arabic and a Chinese record with
    a header (TITLED)."""
    paths = [DATA / lang / "002.txt" for lang in LANGUAGES] + [DATA / "ar" / "000.txt"] + [
        DATA / lang / f"{name}.txt" for lang, (name, _) in TITLED.items()]
    records = [parse_path(path).to_dict() for path in paths]
    return build_archive(tmp_path_factory.mktemp("rtl") / "archive.sqlite", records)


@pytest.fixture(scope="module")
def meetings(server: str) -> dict[tuple[str, str], int]:
    """The meeting id that holds each (seed, language) version: ("002", "ar") -> 1."""
    with urllib.request.urlopen(f"{server}/api/meetings?limit=100") as response:
        listed = json.load(response)["meetings"]
    return {(v["sources"][0]["name"].removesuffix(".txt"), v["language"]): m["id"]
            for m in listed for v in m["versions"]}


@pytest.fixture(scope="module")
def meeting_of(meetings: dict[tuple[str, str], int]) -> dict[str, int]:
    """The meeting of seed 002, by language of its versions."""
    return {lang: meetings["002", lang] for lang in LANGUAGES}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rtl-shots")






# One row per numbered paragraph: its attributes, computed direction and font, and the boxes of
# its number and its text.
PARAGRAPHS = """
Array.from(document.querySelectorAll('article.para[id^="p-"]')).map(a => {
  const text = a.querySelector('.para-text'), num = a.querySelector('.permalink');
  const t = text.getBoundingClientRect(), n = num.getBoundingClientRect();
  const style = getComputedStyle(text), numStyle = getComputedStyle(num);
  return {id: a.id, lang: text.getAttribute('lang'), dir: text.getAttribute('dir'),
          direction: style.direction, font: style.fontFamily, number: num.textContent.trim(),
          numberBidi: numStyle.unicodeBidi, numberDirection: numStyle.direction,
          text: [t.left, t.right], num: [n.left, n.right]};
})
"""

# The attributes of every item title (agenda links and section headings).
ITEM_TITLES = """
Array.from(document.querySelectorAll('.agenda li a, .item h2 span[lang]')).map(e => ({
  title: e.textContent.trim().slice(0, 40), lang: e.getAttribute('lang'),
  dir: e.getAttribute('dir'), direction: getComputedStyle(e).direction}))
"""

# The computed bidi of the Latin labels (documents, texts, tags) inside the paragraphs.
LABELS = """
Array.from(document.querySelectorAll('article.para .doc, article.para .chip, article.para .tag'))
  .map(e => [e.textContent.trim(), getComputedStyle(e).direction,
             getComputedStyle(e).unicodeBidi])
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_arabic_paragraphs_run_right_to_left(page, meeting_of: dict[str, int], width: int,
                                            shots: Path) -> None:
    open_at(page, width, f"/meetings/{meeting_of['ar']}?language=ar")
    rows = page.evaluate(PARAGRAPHS)
    assert len(rows) > 100  # seed 002 has some 200 numbered paragraphs
    for row in rows:
        assert (row["lang"], row["dir"], row["direction"]) == ("ar", "rtl", "rtl"), row
        assert row["id"] == f"p-{row['number']}"
        # the number stands on the right of its text, at the start edge of an rtl line
        assert row["num"][0] > (row["text"][0] + row["text"][1]) / 2, row
        assert abs(row["num"][1] - row["text"][1]) <= 2, row
        # "15.21" stays one left-to-right run, whatever surrounds it
        assert (row["numberBidi"], row["numberDirection"]) == ("isolate", "ltr"), row
        assert "Noto Naskh Arabic" in row["font"], row["font"]
    titles = page.evaluate(ITEM_TITLES)
    assert len(titles) >= 2 * 20  # 20 items, in the agenda and as headings
    assert all((t["lang"], t["dir"], t["direction"]) == ("ar", "rtl", "rtl") for t in titles), \
        [t for t in titles if (t["lang"], t["dir"]) != ("ar", "rtl")]
    labels = page.evaluate(LABELS)
    assert any(text.startswith("Resolution 102") for text, _, _ in labels)
    assert all(d == "ltr" and b == "isolate" for _, d, b in labels), labels
    assert_fits(page, width)
    page.screenshot(path=str(shots / f"meeting-ar-{width}.png"), full_page=True)
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_chinese_and_russian_paragraphs_run_left_to_right(page, meeting_of: dict[str, int],
                                                         lang: str, width: int,
                                                         shots: Path) -> None:
    open_at(page, width, f"/meetings/{meeting_of[lang]}?language={lang}")
    rows = page.evaluate(PARAGRAPHS)
    assert len(rows) > 100
    for row in rows:
        assert (row["lang"], row["dir"], row["direction"]) == (lang, None, "ltr"), row
        assert row["num"][1] < (row["text"][0] + row["text"][1]) / 2, row
        assert abs(row["num"][0] - row["text"][0]) <= 2, row
    if lang == "zh":
        assert all("Noto Sans CJK SC" in row["font"] for row in rows)
    titles = page.evaluate(ITEM_TITLES)
    assert titles and all((t["lang"], t["dir"]) == (lang, None) for t in titles)
    assert_fits(page, width)
    page.screenshot(path=str(shots / f"meeting-{lang}-{width}.png"), full_page=True)
    assert page.errors == []


SNIPPETS = """
Array.from(document.querySelectorAll('.result')).map(r => {
  const s = r.querySelector('.snippet');
  const box = s.getBoundingClientRect(), result = r.getBoundingClientRect();
  return {lang: s.getAttribute('lang'), dir: s.getAttribute('dir'),
          left: box.left - result.left, right: result.right - box.right,
          direction: getComputedStyle(s).direction,
          marks: Array.from(s.querySelectorAll('mark')).map(m => m.textContent)};
})
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_arabic_search_snippets_run_right_to_left(page, width: int, shots: Path) -> None:
    query = "القرار"
    open_at(page, width, f"/search?q={quote(query)}")
    results = page.evaluate(SNIPPETS)
    assert len(results) >= 10
    for r in results:
        assert (r["lang"], r["dir"], r["direction"]) == ("ar", "rtl", "rtl"), r
        assert abs(r["right"]) <= 1, r  # an Arabic snippet starts at the right edge
    assert any(r["marks"] for r in results)
    # the query, Arabic inside an English sentence, is isolated
    assert page.locator(".summary q bdi").count() == 1
    assert page.locator(".summary q bdi").inner_text() == query
    assert_fits(page, width)
    page.screenshot(path=str(shots / f"search-ar-{width}.png"), full_page=True)
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_chinese_search_snippets_carry_their_language(page, width: int) -> None:
    open_at(page, width, f"/search?q={quote('秘书长')}")
    results = page.evaluate(SNIPPETS)
    assert results
    assert all((r["lang"], r["dir"], r["direction"]) == ("zh", None, "ltr") for r in results)
    assert all(abs(r["left"]) <= 1 for r in results)
    assert_fits(page, width)
    assert page.errors == []


def test_language_switch_marks_each_version(page, meeting_of: dict[str, int]) -> None:
    open_at(page, 1280, f"/meetings/{meeting_of['zh']}?language=zh")
    links = page.evaluate(
        "Array.from(document.querySelectorAll('.lang-switch a'))"
        ".map(a => [a.getAttribute('hreflang'), a.getAttribute('lang'), a.getAttribute('dir')])")
    assert sorted(links) == [["ar", "ar", "rtl"], ["ru", "ru", None], ["zh", "zh", None]]
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_side_by_side_gives_each_column_its_direction(page, meeting_of: dict[str, int],
                                                      width: int) -> None:
    open_at(page, width, f"/meetings/{meeting_of['ar']}?language=ar&compare=ru")
    columns = page.evaluate(
        "Array.from(document.querySelectorAll('.side-by-side thead th[lang], "
        ".side-by-side tbody td[lang]')).map(e => [e.getAttribute('lang'), "
        "getComputedStyle(e).direction])")
    assert len(columns) > 2 * 100
    assert {tuple(c) for c in columns} == {("ar", "rtl"), ("ru", "ltr")}
    assert_fits(page, width)
    assert page.errors == []


# The left and right edges, on screen, of the first and the last character of each isolated
# Latin symbol in the Arabic paragraphs.
SYMBOL_EDGES = """
Array.from(document.querySelectorAll('.para-text[dir="rtl"] bdi')).map(b => {
  const node = b.firstChild, range = document.createRange(), n = node.textContent.length;
  range.setStart(node, 0); range.setEnd(node, 1);
  const first = range.getBoundingClientRect();
  range.setStart(node, n - 1); range.setEnd(node, n);
  const last = range.getBoundingClientRect();
  return {symbol: b.textContent, direction: getComputedStyle(b).direction,
          first: [first.left, first.top], last: [last.left, last.top]};
})
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_latin_symbols_in_arabic_text_keep_their_order(page, meetings: dict, width: int) -> None:
    open_at(page, width, f"/meetings/{meetings['000', 'ar']}?language=ar")
    symbols = page.evaluate(SYMBOL_EDGES)
    assert "C17/55(Rev.1)" in {s["symbol"] for s in symbols}
    for s in symbols:
        assert s["direction"] == "ltr", s
        # on one line, "C" is drawn left of the closing ")" (Chromium's bracket-pair rule would
        # do so without the isolation too; the isolation is for renderers without it)
        if s["first"][1] == s["last"][1]:
            assert s["first"][0] < s["last"][0], s
    assert page.errors == []


def test_isolation_leaves_other_text_and_languages_alone() -> None:
    from plenary.web.present import isolated_text

    assert isolated_text("الوثيقة C17/55(Rev.1) <b>", "ar") == \
        'الوثيقة <bdi dir="ltr">C17/55(Rev.1)</bdi> &lt;b&gt;'
    assert isolated_text("بالوثيقة C17/18. (دبي، 2018)", "ar") == "بالوثيقة C17/18. (دبي، 2018)"
    assert isolated_text("le Document C17/55(Rev.1)", "fr") == "le Document C17/55(Rev.1)"


# --- meeting titles, item lines and elected posts -------------------------------------------
# Each with the attributes and computed direction the browser gives it.
ATTRS = """
sel => Array.from(document.querySelectorAll(sel)).map(e => ({
  text: e.textContent.trim(), lang: e.getAttribute('lang'), dir: e.getAttribute('dir'),
  direction: getComputedStyle(e).direction}))
"""
DIRECTION = {"ar": ("rtl", "rtl"), "zh": (None, "ltr")}


def _expected(lang: str, text: str) -> dict[str, str | None]:
    attr, computed = DIRECTION[lang]
    return {"text": text, "lang": lang, "dir": attr, "direction": computed}


@pytest.mark.parametrize("width", WIDTHS)
def test_meeting_titles_carry_their_language(page, width: int) -> None:
    open_at(page, width, "/")
    titles = page.evaluate(ATTRS, "table.meetings td a span[lang]")
    for lang, (_, title) in TITLED.items():
        assert _expected(lang, title) in titles, titles
    # a record without a header is named by its file, in no record's language
    labels = page.evaluate(ATTRS, "table.meetings td a:not(:has(span[lang]))")
    assert {"text": "002.txt", "lang": None, "dir": None, "direction": "ltr"} in labels, labels
    assert_fits(page, width)
    assert page.errors == []


@pytest.mark.parametrize(("lang", "query"), [("ar", "الميزانية"), ("zh", "审计")])
def test_search_results_link_their_meeting_in_its_language(page, lang: str, query: str) -> None:
    open_at(page, 1280, f"/search?q={quote(query)}")
    links = page.evaluate(ATTRS, ".result .result-head > a:first-child")
    titled = [link for link in links if link["text"] == TITLED[lang][1]]
    assert titled and all(link == _expected(lang, TITLED[lang][1]) for link in titled), links
    # the other hits' meetings have no header: named by their file, without a language
    assert all(link["lang"] is None for link in links if link not in titled), links
    assert page.errors == []


def _meeting_id(meetings: dict[tuple[str, str], int], lang: str) -> int:
    return meetings[TITLED[lang][0], lang]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "number", "item"), [
    ("ar", "2.1", "تعديلات على القرار 71 والقرار 200"), ("zh", "2.4", "对外审计员的报告")])
def test_paragraph_page_marks_title_and_item_line(page, meetings: dict, lang: str, number: str,
                                                 item: str, width: int, shots: Path) -> None:
    open_at(page, width, f"/meetings/{_meeting_id(meetings, lang)}/paragraphs/{number}")
    assert page.evaluate(ATTRS, "h1 .meeting-title") == [_expected(lang, TITLED[lang][1])]
    assert page.evaluate(ATTRS, ".item-line a span[lang]") == [_expected(lang, item)]
    # the item's number stays one left-to-right run before the title
    assert page.evaluate(ATTRS, ".item-line a .num")[0]["direction"] == "ltr"
    assert_fits(page, width)
    page.screenshot(path=str(shots / f"paragraph-{lang}-{width}.png"), full_page=True)
    assert page.errors == []


@pytest.mark.parametrize(("seed", "lang", "number", "post"), [
    ("000", "ar", "1.2", "رئيساً لفريق العمل التابع للمجلس"),
    ("council-2017-plenary-12", "zh", "2.4", "理事会副主席"),
])
def test_elected_post_carries_its_language(page, meetings: dict, seed: str, lang: str,
                                           number: str, post: str) -> None:
    open_at(page, 1280, f"/meetings/{meetings[seed, lang]}/paragraphs/{number}")
    [shown] = page.evaluate(ATTRS, ".outcome .post")
    assert shown["text"].startswith(post), shown
    assert (shown["lang"], shown["dir"], shown["direction"]) == (lang, *DIRECTION[lang])
    assert page.errors == []
