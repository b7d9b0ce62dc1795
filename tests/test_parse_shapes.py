"""Pathological shapes of text: the parser ends, in one piece, whatever the text's shape.

Each shape is built from the French pack's own vocabulary (cue words, role nouns, outcome
formulas, document symbols) in an order that never completes a fact, or from no vocabulary at
all (one word with no space, one huge line, deep parentheses). The parse runs in a capped
worker (as `plenary parse` does) with a cap that only a hang can reach; the assertions are
about what comes out, never about time: `benchmarks/bench_shapes.py` prints the times at n
and 4n bytes, which is where a quadratic path shows.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from plenary.errors import InputError
from plenary.isolate import Caps, run_capped
from plenary.parse import parse_bytes
from plenary.record import Record

HEAD = "1\tOuverture de la séance\n1.1\t"


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def no_spaces(size: int) -> str:
    """One paragraph that is one word: nothing to split on."""
    return HEAD + _fill("abcdefghij", size) + "\n"


def words(size: int) -> str:
    """One huge line of ordinary words, no sentence end."""
    return HEAD + _fill("la proposition du groupe ", size) + "\n"


def parens(size: int) -> str:
    """Deep parentheses: half opening, half closing."""
    half = max(1, size // 2)
    return HEAD + "(" * half + ")" * half + "\n"


def cues(size: int) -> str:
    """Speaker cues with no speaker: 'au nom de', 'avec l'appui de', 'le délégué de' ..."""
    return HEAD + _fill("le délégué de, au nom de, avec l'appui de, appuyé par ", size) + "\n"


def symbols(size: int) -> str:
    """Half-written document symbols and text labels: 'Document C17/', 'Résolution (Rév.'."""
    return HEAD + _fill("Document C17/ Résolution (Rév. ", size) + "\n"


def names(size: int) -> str:
    """Capitalised names with honorifics and no verb: a person-name scan with no end."""
    return HEAD + "Il est question de " + _fill("M. Jean Dupont Mme Marie Durand ", size) + "\n"


def sentences(size: int) -> str:
    """Many short sentences in one paragraph."""
    return HEAD + _fill("Le texte est long. ", size) + "\n"


def items(size: int) -> str:
    """Many agenda items, each with one short paragraph."""
    unit = "{n}\tPoint {n}\n{n}.1\tTexte du point.\n"
    out, n = [], 1
    total = 0
    while total < size:
        line = unit.format(n=n)
        out.append(line)
        total += len(line)
        n += 1
    return "".join(out)


SHAPES: dict[str, Callable[[int], str]] = {
    "no_spaces": no_spaces, "words": words, "parens": parens, "cues": cues,
    "symbols": symbols, "names": names, "sentences": sentences, "items": items,
}

SIZE = 200_000  # bytes: large enough for a quadratic path to hang, small enough to be quick
HANG = Caps(seconds=120, megabytes=2048)


def parse_shape(text: str) -> Record:
    """Parse `text` as a French .txt record in a capped worker (as `plenary parse` does)."""
    return parse_bytes(text.encode("utf-8"), "shape.txt", "fr")


def _capped(text: str) -> Record:
    result = run_capped(parse_shape, text, HANG)
    if isinstance(result, InputError):
        pytest.fail(f"the parse did not end with a record: {result}")
    return result


def _facts(record: Record) -> list:
    return [(p.number, p.speakers, p.outcomes) for it in record.items for p in it.paragraphs
            if p.speakers or p.outcomes]


@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "items"])
def test_one_paragraph_shapes_end_with_one_item_and_no_fact(shape: str) -> None:
    text = SHAPES[shape](SIZE)
    record = _capped(text)
    assert [it.number for it in record.items] == ["1"]
    [paragraph] = record.items[0].paragraphs
    assert paragraph.number == "1.1"
    assert len(paragraph.text) >= SIZE * 0.9
    assert _facts(record) == []
    assert record.events == []


def test_many_items_are_each_read() -> None:
    text = items(SIZE)
    expected = text.count("\tPoint ")
    record = _capped(text)
    assert len(record.items) == expected > 5000
    assert record.items[-1].number == str(expected)
    assert all(len(it.paragraphs) == 1 for it in record.items)
    assert _facts(record) == []


def test_shapes_are_the_size_asked() -> None:
    for shape, build in SHAPES.items():
        n = len(build(50_000).encode("utf-8"))
        assert 45_000 <= n <= 60_000, shape
