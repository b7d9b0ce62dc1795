"""Every language pack is complete: the keys the parser core reads, compiling patterns."""

from __future__ import annotations

import re

import pytest

from plenary.lang import available, pack

# keys a pack may leave out (the core falls back to a pattern that never matches)
OPTIONAL = {"fragments.postnominal", "fragments.delegation_of", "fragments.agent"}


def keys(data: dict, prefix: str = "") -> set[str]:
    out = set()
    for k, v in data.items():
        path = f"{prefix}{k}"
        if isinstance(v, dict) and not path.endswith(("kinds", "places", "months", "languages",
                                                       "readings", "event_verbs", "counts",
                                                       "roles", "time_words", "intents")):
            out |= keys(v, path + ".")
        else:
            out.add(path)
    return out


def test_the_three_first_languages_are_installed() -> None:
    assert {"fr", "en", "es"} <= set(available())


@pytest.mark.parametrize("code", available())
def test_pack_has_every_key_of_the_french_pack(code: str) -> None:
    reference = keys(pack("fr").data) - OPTIONAL - {"fragments.particles"}
    missing = {k for k in reference - keys(pack(code).data)
               if not k.startswith(("fragments.", "detect."))}
    assert not missing, f"{code} lacks {sorted(missing)}"


@pytest.mark.parametrize("code", available())
def test_every_pattern_compiles(code: str) -> None:
    lp = pack(code)
    for path in sorted(keys(lp.data)):
        value = lp.get(path)
        if isinstance(value, str) and path.split(".")[0] in (
                "layout", "refs", "actors", "outcomes", "elections", "header"):
            try:
                lp.pattern(path)
            except re.error as exc:  # pragma: no cover - the assertion reports it
                pytest.fail(f"{code} {path}: {exc}")


@pytest.mark.parametrize("code", available())
def test_ordinals(code: str) -> None:
    words = {"fr": ("vingt-et-unième", 21), "en": ("twenty-first", 21),
             "es": ("vigésima primera", 21)}
    if code in words:
        word, number = words[code]
        assert pack(code).ordinal(word) == number
