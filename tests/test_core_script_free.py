"""The parser core assumes no script: what is Latin (capitals, suffixes) lives in the packs.

Arabic has no capitals, Chinese no spaces, Russian other suffixes: a `[A-Z]` class, an
`isupper()` or an `endswith("s")` in `plenary/parse/` would read only Latin records right. The
one exception is the ITU's document symbols ("C17/124", "PP18/12"), printed in Latin capitals
in every language version, Arabic and Chinese included.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "plenary" / "parse"
LATIN_ASSUMPTIONS = {
    "a Latin capital class": re.compile(r"\[A-Z|\[a-z"),
    "isupper()": re.compile(r"\.isupper\(\)"),
    "a Latin suffix test": re.compile(r"""\.endswith\(\s*["'][A-Za-z]+["']"""),
}
# ITU document symbols are Latin capitals in every language version
SYMBOL_PATTERNS = re.compile(r"^_(?:SYMBOL_CORE|NUMBER) = ")


def _lines() -> list[tuple[str, int, str]]:
    return [(path.name, n, line) for path in sorted(CORE.glob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]


@pytest.mark.parametrize("assumption", LATIN_ASSUMPTIONS)
def test_the_core_makes_no_latin_assumption(assumption: str) -> None:
    pattern = LATIN_ASSUMPTIONS[assumption]
    found = [f"{name}:{n}: {line.strip()}" for name, n, line in _lines()
             if pattern.search(line) and not SYMBOL_PATTERNS.match(line)]
    assert found == [], f"{assumption} in plenary/parse/ (move it to the packs): {found}"


def test_the_check_sees_a_latin_assumption() -> None:
    """The patterns catch what they are meant to (so the test above can fail)."""
    assert LATIN_ASSUMPTIONS["a Latin capital class"].search('re.compile(r"[A-Z]\\w+")')
    assert LATIN_ASSUMPTIONS["isupper()"].search("if word.isupper():")
    assert LATIN_ASSUMPTIONS["a Latin suffix test"].search('plural = kind.endswith("s")')
    assert any(SYMBOL_PATTERNS.match(line) for _n, _k, line in _lines())
