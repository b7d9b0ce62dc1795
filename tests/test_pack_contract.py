"""Every pack keeps the declared contract, and every rule of every pack meets its examples."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from plenary.lang import PackError, available, load, pack
from plenary.lang.contract import BY_PATH, check, compile_rule
from plenary.parse.grammar import ActorGrammar

EN = Path(__file__).resolve().parents[1] / "plenary" / "lang" / "en" / "genre.toml"

def _rule(code: str, path: str) -> re.Pattern[str]:
    """The rule at `path` ("outcomes.verbs[3]") compiled as the core compiles it."""
    lp = pack(code)
    m = re.fullmatch(r"(.+?)(?:\[(\d+)\])?", path)
    assert m
    base, index = m.group(1), m.group(2)
    if base.startswith("outcomes.intents."):
        value = lp.get("outcomes.intents")[base.rsplit(".", 1)[1]]
    else:
        value = lp.get(base)
    if index is not None:
        value = value[int(index)]
        value = value["pattern"] if isinstance(value, dict) else value
    key = BY_PATH.get(base)
    nouns = ActorGrammar(lp).collective_nouns if base.startswith("actors.collectives.") else None
    return compile_rule(code, path, value, lp.fragments, key.flags if key else 0, nouns)


def _cases() -> list[tuple[str, str]]:
    return [(code, path) for code in available() for path in sorted(pack(code).examples)]


@pytest.mark.parametrize("code", available())
def test_pack_loads_against_the_contract(code: str) -> None:
    lp = pack(code)
    assert lp.code == code and lp.examples


@pytest.mark.parametrize(("code", "path"), _cases())
def test_rule_meets_its_examples(code: str, path: str) -> None:
    examples = pack(code).examples[path]
    assert any(e.match for e in examples), f"{code} {path}: no example"
    rx = _rule(code, path)
    for e in examples:
        m = rx.search(e.text)
        if not e.match:
            assert m is None, f"{code} {path} matches {e.text!r} ({m.group(0)!r})"
            continue
        assert m is not None, f"{code} {path} does not match {e.text!r}"
        for group, want in e.groups.items():
            assert m.group(group) == want, f"{code} {path} {group}: {m.group(group)!r}"


def _pack_with(tmp_path: Path, old: str, new: str) -> Path:
    text = EN.read_text(encoding="utf-8")
    assert old in text
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "genre.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("old", "new", "message"), [
    ("[header]\n", "[header]\nsubtitle = '''x'''\n", "header.subtitle: unknown key"),
    ("agenda.pattern = ", "agendum.pattern = ", "header.agendum"),
    ("(?P<symbol>", "(?P<sym>", "header.symbol: missing named group(s) ['symbol']"),
    ("acclamation.pattern = '''\\bby", "acclamation.pattern = '''(\\bby",
     "elections.acclamation: bad regex"),
    ("own.pattern = '''{own}'''", "own.pattern = '''{owned}'''",
     "unexpanded placeholder {owned}"),
    ("kind = \"withdrawn\"", "kind = \"dropped\"", "kind 'dropped' is not one of"),
    ("[header]\n", "[header]\nsubject_lead = '''(?!x)x'''\n", "header.subject_lead: unknown"),
])
def test_a_pack_with_a_bad_key_fails_naming_it(tmp_path: Path, old: str, new: str,
                                                message: str) -> None:
    folder = _pack_with(tmp_path, old, new)
    with pytest.raises(PackError) as err:
        load(folder)
    assert "'xx'" in str(err.value) and message in str(err.value)


def test_a_never_matching_rule_is_refused(tmp_path: Path) -> None:
    folder = _pack_with(tmp_path, "[actors]\n", "[actors]\nsubject_lead = '''(?!x)x'''\n")
    with pytest.raises(PackError, match="actors.subject_lead: a pattern that never matches"):
        load(folder)


def test_an_unused_fragment_is_a_dead_key(tmp_path: Path) -> None:
    folder = _pack_with(tmp_path, "[fragments]\n", "[fragments]\nspare = '''x'''\n")
    with pytest.raises(PackError, match="fragments.spare: unused fragment"):
        load(folder)


def test_a_pack_missing_a_key_fails_naming_it() -> None:
    data = tomllib.loads(EN.read_text(encoding="utf-8"))
    del data["outcomes"]["negation"]
    with pytest.raises(PackError, match="'xx': outcomes.negation: missing"):
        check("xx", data)


def test_the_core_reads_only_declared_keys() -> None:
    with pytest.raises(KeyError, match="not declared"):
        pack("en").pattern("actors.undeclared")


@pytest.mark.parametrize(("code", "word", "number"), [
    ("fr", "vingt-et-unième", 21), ("en", "twenty-first", 21), ("es", "vigésima primera", 21),
    ("en", "SIXTH", 6), ("fr", "SIXIÈME", 6), ("es", "SEXTA", 6),
])
def test_ordinals(code: str, word: str, number: int) -> None:
    assert pack(code).ordinal(word) == number
