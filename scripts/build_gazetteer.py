#!/usr/bin/env python3
"""Regenerate plenary/gazetteer/data/countries.json.

Sources: ISO 3166-1 codes (pycountry), country names in the six ITU languages (CLDR, via babel),
and the hand-kept ITU spellings and membership list in plenary/gazetteer/data/itu_forms.toml,
whose names come first (the first name of a list is the preferred form).

    .venv/bin/python scripts/build_gazetteer.py [--out DIR]

The output is deterministic: countries sorted by ISO 3166-1 alpha-3, names in a fixed order.
The versions of pycountry and babel it was built with are written beside it (built-with.json)
and pinned in pyproject.toml, so that a fresh machine rebuilds the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import babel
import pycountry

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
ITU_MEMBER_COUNT = 193
DATA_DIR = Path(__file__).resolve().parents[1] / "plenary" / "gazetteer" / "data"


def clean(name: str) -> str:
    """NFC, straight apostrophes, single spaces."""
    name = unicodedata.normalize("NFC", name).replace("\u2019", "'")
    return " ".join(name.split())


def unique(names: Iterable[str]) -> list[str]:
    """Names in first-seen order, without duplicates or empties."""
    seen: dict[str, None] = {}
    for name in names:
        if name:
            seen.setdefault(name, None)
    return list(seen)


def iso_english_names(country: object) -> list[str]:
    """pycountry's English names that read as running text (no inverted "X, Republic of")."""
    found = [getattr(country, attr, "") for attr in ("common_name", "name", "official_name")]
    found = [name.removeprefix("the ") for name in found if name]
    return [name for name in found if "," not in name]


def build(forms: dict) -> list[dict]:
    """The countries.json list from the hand-kept forms plus pycountry and CLDR."""
    members = set(forms["itu_members"])
    if len(members) != ITU_MEMBER_COUNT or len(forms["itu_members"]) != ITU_MEMBER_COUNT:
        raise SystemExit(f"itu_members lists {len(members)} codes, expected {ITU_MEMBER_COUNT}")
    known = {country.alpha_3 for country in pycountry.countries}
    unknown = (members | set(forms.get("countries", {}))) - known
    if unknown:
        raise SystemExit(f"codes not in ISO 3166-1: {sorted(unknown)}")
    exclude = {lang: set(names) for lang, names in forms.get("exclude", {}).items()}
    territories = {lang: babel.Locale.parse(lang).territories for lang in LANGUAGES}

    countries = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        hand = forms.get("countries", {}).get(country.alpha_3, {})
        names = {}
        for lang in LANGUAGES:
            found = list(hand.get(lang, []))
            cldr = territories[lang].get(country.alpha_2)
            if cldr:
                found.append(cldr)
            if lang == "en":
                found.extend(iso_english_names(country))
            cleaned = (clean(name) for name in found)
            names[lang] = unique(n for n in cleaned if n not in exclude.get(lang, set()))
        countries.append({
            "iso3": country.alpha_3,
            "iso2": country.alpha_2,
            "itu_member": country.alpha_3 in members,
            "names": names,
        })
    missing = [c["iso3"] for c in countries
               if c["itu_member"] and not all(c["names"][lang] for lang in LANGUAGES)]
    if missing:
        raise SystemExit(f"members without a name in every language: {missing}")
    return countries


def sources() -> dict[str, str]:
    """The versions of the libraries the data is generated from."""
    return {name: version(name) for name in ("pycountry", "babel")}


def render(countries: list[dict]) -> str:
    """JSON text: one country per block, names as compact lists, trailing newline."""
    return json.dumps(countries, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Read itu_forms.toml, write countries.json into --out (default: the package data)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=Path, default=DATA_DIR / "itu_forms.toml")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    forms = tomllib.loads(args.forms.read_text(encoding="utf-8"))
    countries = build(forms)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "countries.json"
    target.write_text(render(countries), encoding="utf-8")
    (args.out / "built-with.json").write_text(json.dumps(sources(), indent=1) + "\n",
                                              encoding="utf-8")
    members = sum(c["itu_member"] for c in countries)
    print(f"{target}: {len(countries)} countries, {members} ITU Member States", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
