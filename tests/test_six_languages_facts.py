"""The French, English, Spanish, Arabic, Chinese and Russian records of one meeting give the same
facts.

tests/data/<lang>/000.txt and 002.txt render the two French seeds in the five other languages of
the ITU. Parsed, every language-free fact must equal the French record's, paragraph by paragraph:
the speakers (kind, country, id, role, count, and whom they speak for or are supported by),
the outcomes (kind, reading, objects, as amended, conditional, what they refer to), the documents
and texts cited, the items, the events.

A fact the parser still misses in one language is listed in KNOWN_MISSES with what it misses.
The comparison of every other fact stays strict, and each listed miss is its own strict xfail, so
that it fails the day the pack reads it (then delete its entry).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, seed_path
from test_languages import facts as language_facts

from plenary.parse import parse_path
from plenary.record import Record

LANGUAGES = ("en", "es", "ar", "zh", "ru")
SEEDS = ("000", "002")

Key = tuple[str, str, str]  # (seed, language, fact key such as "para 3.1 speakers")

KNOWN_MISSES: dict[Key, str] = {}  # none left: every rendering gives the French facts


def facts(record: Record) -> dict[str, Any]:
    """Every language-free fact of a record (test_languages.facts), names left out: they are
    transliterated."""
    return language_facts(record, names=False)


def paragraph_texts(record: Record) -> dict[str, str]:
    """The text of each numbered paragraph and the title of each item, by fact-key prefix."""
    out: dict[str, str] = {}
    for item in record.items:
        out[f"item {item.number}"] = item.title or ""
        for para in item.paragraphs:
            if para.number is not None:
                out[f"para {para.number}"] = para.text
    return out


def _where(key: str) -> str:
    """"para 3.1 speakers" -> "para 3.1"."""
    return key.rsplit(" ", 1)[0]


def differences(french: Record, other: Record, keys: set[str] | None = None) -> list[str]:
    """The facts that differ, each with both values and both paragraphs' texts."""
    want, got = facts(french), facts(other)
    texts_fr, texts_other = paragraph_texts(french), paragraph_texts(other)
    lines = []
    for key in sorted(keys if keys is not None else set(want) | set(got)):
        if want.get(key, "<absent>") == got.get(key, "<absent>"):
            continue
        where = _where(key)
        lines.append(f"{key}:\n    fr:  {want.get(key, '<absent>')}\n"
                     f"    {other.language}:  {got.get(key, '<absent>')}\n"
                     f"    fr text:  {texts_fr.get(where, '')}\n"
                     f"    {other.language} text:  {texts_other.get(where, '')}")
    return lines


@functools.cache
def record(name: str, lang: str) -> Record:
    """The parsed rendering (the French seed for "fr"), parsed once per session."""
    path: Path = seed_path(name) if lang == "fr" else DATA / lang / f"{name}.txt"
    return parse_path(path)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SEEDS)
def test_rendering_gives_the_french_facts(name: str, lang: str) -> None:
    other = record(name, lang)
    assert other.language == lang
    known = {key for (seed, code, key) in KNOWN_MISSES if (seed, code) == (name, lang)}
    compared = (set(facts(record(name, "fr"))) | set(facts(other))) - known
    diff = differences(record(name, "fr"), other, compared)
    assert not diff, f"{lang}/{name}.txt differs from the French seed in {len(diff)} " \
                     "place(s):\n" + "\n".join(diff)


@pytest.mark.parametrize(("name", "lang", "key"), [
    pytest.param(*key, marks=pytest.mark.xfail(strict=True, reason=reason),
                 id="-".join(key).replace(" ", "_"))
    for key, reason in KNOWN_MISSES.items()])
def test_known_miss_gives_the_french_fact(name: str, lang: str, key: str) -> None:
    diff = differences(record(name, "fr"), record(name, lang), {key})
    assert not diff, "\n".join(diff)


def test_every_known_miss_names_a_fact_of_the_seed() -> None:
    for name, lang, key in KNOWN_MISSES:
        assert lang in LANGUAGES and name in SEEDS
        assert key in facts(record(name, "fr")), (name, lang, key)

