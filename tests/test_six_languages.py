"""The six languages side by side: our renderings of seed 000 keep the gold's paragraphs and
documents, their names are found by the gazetteer, and search finds their paragraphs on both
backends (a Russian word form, an Arabic word with a prefix, a Chinese term)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import GOLD
from renderings import RENDERED, rendered_paragraphs, rendered_record

from plenary import analyse
from plenary.gazetteer import gazetteer
from plenary.store import Archive

SYMBOL = re.compile(r"C17/(?:INF/)?\d+(?:\(Rev\.\d\))?")


def gold_paragraphs() -> dict[str, dict]:
    gold = json.loads((GOLD / "000.json").read_text(encoding="utf-8"))
    return {p["number"]: p for item in gold["items"] for p in item["paragraphs"]}


@pytest.mark.parametrize("lang", RENDERED)
def test_rendering_keeps_the_paragraphs_and_documents_of_the_gold(lang: str) -> None:
    texts = rendered_paragraphs(lang)
    gold = gold_paragraphs()
    assert set(texts) == set(gold)
    for number, para in gold.items():
        printed = {m.replace(" ", "") for m in SYMBOL.findall(texts[number])}
        assert set(para["documents"]) <= printed, (lang, number)


@pytest.mark.parametrize("lang", RENDERED)
def test_gazetteer_finds_the_co_sponsors_in_every_rendering(lang: str) -> None:
    texts = rendered_paragraphs(lang)
    matcher = gazetteer().matcher(lang)
    for number in ("3.5", "5.2", "5.3"):
        sponsors = {o["country"] for o in gold_paragraphs()[number]["speakers"][0]["on_behalf_of"]}
        found = {e.id for _, _, e in matcher.find(texts[number]) if e.kind == "country"}
        assert sponsors <= found, (lang, number, sponsors - found)


@pytest.fixture
def six(store: Archive) -> Archive:
    for lang in RENDERED:
        store.add_record(rendered_record(lang))
    return store


def found(archive: Archive, q: str) -> dict[str, list[str]]:
    """Paragraph numbers by language of the meeting, and the hit segments, for a query."""
    out: dict[str, list[str]] = {}
    for r in analyse.search(archive, q, limit=500)["results"]:
        hits = "|".join(s["text"] for s in r["snippet"] if s["hit"])
        out.setdefault(r["number"], []).append(hits)
    return out


def test_russian_word_form_finds_the_declined_name(six: Archive) -> None:
    # the text prints "Российской Федерации"; the query gives the instrumental
    hits = found(six, "Российской Федерацией")
    assert set(hits) == {"5.3"}
    assert hits["5.3"] == ["Российской|Федерации"]
    assert "5.2" in found(six, "слушаниями")  # "ввести слушания"


def test_arabic_word_with_a_prefix(six: Archive) -> None:
    # "بالوثيقة" (by the document) in 3.4 and 3.7; "الوثيقة" elsewhere; the query is bare
    hits = found(six, "الوثيقة")
    assert {"3.4", "3.7", "1.1", "5.3"} <= set(hits)
    assert "بالوثيقة" in hits["3.4"][0]
    # and a query carrying the prefix finds the bare word ("الهند" in 3.5)
    assert "3.5" in found(six, "للهند")


def test_chinese_term_without_spaces(six: Archive) -> None:
    hits = found(six, "秘书长")
    assert set(hits) == {"1.1", "5.2"}
    assert all(h == ["秘书长"] for h in hits.values())
    assert found(six, "网络演习") .keys() >= {"3.2", "3.3"}


def test_a_query_in_one_script_finds_only_that_language(six: Archive) -> None:
    # the renderings are versions of one meeting (C17/124): a hit names that meeting once
    results = analyse.search(six, "GSMA", limit=500)["results"]
    assert len({r["meeting"]["id"] for r in results}) == 1 and results
    for q, lang in (("Советник", "ru"), ("理事", "zh"), ("المجلس", "ar")):
        assert analyse.search(six, q, language=lang, limit=500)["results"], (q, lang)
        others = [x for x in RENDERED if x != lang]
        for other in others:
            assert analyse.search(six, q, language=other, limit=500)["results"] == [], (q, other)


def test_meeting_page_sets_language_and_direction(tmp_path) -> None:
    from conftest import build_archive
    from fastapi.testclient import TestClient

    from plenary.web import create_app

    records = [rendered_record(lang).to_dict() for lang in RENDERED]
    with TestClient(create_app(build_archive(tmp_path / "six.sqlite", records))) as client:
        (meeting,) = client.get("/api/meetings").json()["meetings"]  # one meeting, six versions
        pages = {lang: client.get(f"/meetings/{meeting['id']}?language={lang}").text
                 for lang in ("ar", "zh", "ru")}
    ar_text = rendered_paragraphs("ar")["3.4"]
    assert f'<p class="para-text" lang="ar" dir="rtl">{ar_text}</p>' in pages["ar"]
    # every paragraph of the Chinese page is Chinese, left to right (the language switch may
    # name Arabic with its own direction)
    zh_paragraphs = re.findall(r'<p class="para-text"[^>]*>', pages["zh"])
    assert zh_paragraphs and set(zh_paragraphs) == {'<p class="para-text" lang="zh">'}
    assert '<p class="para-text" lang="ru">' in pages["ru"]


# --- parsing: the renderings and our own records, for each language that has its pack --------

OWN_RECORDS = {"ru": "council-2019-plenary-04", "zh": "pp-22-plenary-09",
               "ar": "council-2021-plenary-02"}


def _packed(langs) -> list:
    from plenary.lang import available

    return [pytest.param(lang, marks=pytest.mark.skipif(
        lang not in available(), reason=f"no {lang} pack yet")) for lang in langs]


@pytest.mark.parametrize("lang", _packed(RENDERED))
def test_rendering_of_seed_000_scores_against_the_gold(lang: str) -> None:
    from renderings import rendering_path
    from scoring import micro_f1

    from plenary.parse import parse_path

    record = parse_path(rendering_path(lang)).to_dict()
    assert record["language"] == lang
    gold = json.loads((GOLD / "000.json").read_text(encoding="utf-8"))
    f1, diff = micro_f1(record, gold)
    assert f1 >= 0.95, diff
    assert not record["warnings"]


@pytest.mark.parametrize("lang", _packed(RENDERED))
def test_own_record_header_exact_and_facts(lang: str) -> None:
    from renderings import rendering_path
    from scoring import micro_f1

    from plenary.parse import parse_path

    name = OWN_RECORDS[lang]
    record = parse_path(rendering_path(lang, name)).to_dict()
    expected = json.loads(rendering_path(lang, name).with_suffix(".expected.json")
                          .read_text(encoding="utf-8"))
    assert record["language"] == lang
    assert {k: record["meeting"].get(k) for k in expected["meeting"]} == expected["meeting"]
    f1, diff = micro_f1(record, expected)
    assert f1 >= 0.95, diff
