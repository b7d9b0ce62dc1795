"""Gates: the literal pre-checks that let a pattern skip a text, or scan only around its words.

A gate may only ever skip what cannot match: over the seeds and the renderings in every language,
each gated pattern of the parser must find exactly what the plain pattern finds, joined text and
paragraph alike.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import DATA, seed_path

from plenary.lang.gates import LONG, Gated, _windows, gate_of
from plenary.parse.actors import finder
from plenary.parse.joined import Joined
from plenary.parse.outcomes import reader
from plenary.read import read_path


@pytest.mark.parametrize(("pattern", "gate"), [
    (r"\bceux(?=\s+d)|\bcelles(?=\s+d)", {"ceux", "celles"}),  # a start the parser factors out
    (r"(?:Commission|Comité)\s+(?P<num>\d+)", {"Commission", "Comité"}),
    (r"adopt(?:é|ée)s?", {"adopté"}),  # "é(?:|e)" after the parser: "adopt" + "é" held
    (r"appuy(?:é|ée)s? par", {"appuyé"}),  # the longest run every match holds
    (r"\d+", None),  # no literal
    (r"ab|cd", None),  # literals shorter than three characters tell nothing
])
def test_gate_of(pattern: str, gate: set[str] | None) -> None:
    found = gate_of(re.compile(pattern))
    assert (set(found) if found is not None else None) == gate


def test_a_case_blind_pattern_has_no_gate() -> None:
    assert gate_of(re.compile("adopté", re.IGNORECASE)) is None


def _texts(lang: str) -> list[str]:
    paths = [seed_path("000"), seed_path("002")] if lang == "fr" else \
        sorted((DATA / lang).glob("00[02].txt"))
    return [b.text for p in paths for b in read_path(p).blocks]


def _gated(lang: str) -> list[Gated]:
    grammar = finder(lang).grammar
    out = [rx for _kind, rx in grammar.cues] + [grammar.bare, grammar.pronoun_head,
                                                  grammar.committee]
    out += [rx for _count, rx in grammar.collectives]
    if grammar.collective_words is not None:
        out.append(grammar.collective_words)
    outcomes = reader(lang)
    return out + [v.pattern for v in outcomes.verbs] + outcomes.elections


@pytest.mark.parametrize("lang", ["fr", "en", "es", "ru", "ar", "zh"])
def test_gated_scans_find_what_the_plain_pattern_finds(lang: str) -> None:
    texts = _texts(lang)
    joined = Joined(texts).text
    assert len(joined) > LONG  # the windowed scan is the one under test
    gated = [g for g in _gated(lang) if g.gate is not None]
    assert gated
    for g in gated:
        assert [m.span() for m in g.finditer(joined)] == \
               [m.span() for m in g.pattern.finditer(joined)], g.pattern.pattern
        for text in texts:
            assert g.may_match(text) or not g.pattern.search(text), (g.pattern.pattern, text)


def test_windows_are_cut_at_word_ends() -> None:
    text = "un mot\x00\nautre phrase très longue " + "x" * 300 + " fin"
    for a, b in _windows(text, [2, 12, 200]):
        assert a == 0 or text[a - 1].isspace() or text[a - 1] == "\x00"
        assert b == len(text) or text[b].isspace() or text[b] == "\x00"


def test_windows_merge_and_cover_every_position() -> None:
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice("abc \x00") for _ in range(rng.randint(1, 900)))
        positions = sorted(rng.sample(range(len(text)), min(len(text), 5)))
        windows = _windows(text, positions)
        pairs = zip(windows, windows[1:], strict=False)
        assert all(a1 < a2 and b1 <= b2 for (a1, b1), (a2, b2) in pairs)
        assert all(any(a <= p < b for a, b in windows) for p in positions)


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_may_match_in_is_may_match_of_the_slice(lang: str) -> None:
    texts = _texts(lang)[:60]
    rng = random.Random(3)
    for g in _gated(lang):
        for text in texts:
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert g.may_match_in(text, a, b) == g.may_match(text[a:b])
