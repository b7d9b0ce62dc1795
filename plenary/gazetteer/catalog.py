"""The gazetteer: the data files loaded once, with the surface forms of each language."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from .lookup import Matcher
from .model import LANGUAGES, Country, Entity, EntityKind, Named
from .variants import all_variants, arabic_clitic_forms, first_letter_cases

DATA_DIR = Path(__file__).resolve().parent / "data"


def _is_acronym(form: str) -> bool:
    """A printed acronym: no space, at least three characters, starting with two capitals or
    a digit ("CEPT", "3GPP", "CWG-Internet")."""
    head = form[:2]
    return (len(form) >= 3 and " " not in form
            and (head.isupper() or head[:1].isdigit()) and head.isalnum())


class Gazetteer:
    """Countries, organizations, groups, units and role nouns in six languages."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        def read(name: str) -> Any:
            return json.loads((data_dir / name).read_text(encoding="utf-8"))

        self.countries: list[Country] = [
            Country(c["iso3"], c["iso2"], c["itu_member"], c["names"])
            for c in read("countries.json")
        ]
        self.organizations: list[Named] = [
            Named("organization", o["id"], o["names"], o.get("regional", False))
            for o in read("organizations.json")
        ]
        self.groups: list[Named] = [
            Named("group", g["id"], g["names"]) for g in read("groups.json")
        ]
        self.units: list[Named] = [Named("unit", u["id"], u["names"]) for u in read("units.json")]
        self.roles: dict[str, dict[str, dict[str, list[str]]]] = read("roles.json")
        # declined forms by language: {dictionary form: [forms]} (scripts/build_inflections.py)
        self.inflections: dict[str, dict[str, list[str]]] = {
            lang: table for lang, table in read("inflections.json").items() if lang in LANGUAGES
        }
        self._by_id: dict[tuple[str, str], Country | Named] = {
            (entry.entity.kind, entry.entity.id): entry for entry in self.entries()
        }
        self._surface: dict[str, dict[str, Entity]] = {}
        self._roles: dict[str, dict[str, tuple[str, bool]]] = {}
        self._matchers: dict[str, Matcher] = {}

    def entries(self) -> list[Country | Named]:
        """Every named thing, countries first."""
        return [*self.countries, *self.organizations, *self.groups, *self.units]

    def name(self, kind: EntityKind, id: str, lang: str) -> str | None:
        """The preferred name of an entity in `lang`, or None."""
        entry = self._by_id.get((kind, id))
        names = entry.names.get(lang) if entry else None
        return names[0] if names else None

    def surface_forms(self, lang: str) -> dict[str, Entity]:
        """Every form a text in `lang` may print, mapped to what it names.

        The stored names of the language come first, then the entities' acronyms printed in
        other languages, then the generated spelling variants; where two entities share a
        form, the earlier one keeps it (countries, organizations, groups, units, in file order).
        """
        if lang not in self._surface:
            self._surface[lang] = self._build_surface_forms(lang)
        return self._surface[lang]

    def _build_surface_forms(self, lang: str) -> dict[str, Entity]:
        stored: dict[str, Entity] = {}
        acronyms: dict[str, Entity] = {}
        for entry in self.entries():
            for form in entry.names.get(lang, []):
                stored.setdefault(form, entry.entity)
            if entry.entity.kind != "country":
                for other in LANGUAGES:
                    for form in entry.names.get(other, []):
                        if form == entry.entity.id and _is_acronym(form):
                            acronyms.setdefault(form, entry.entity)
        forms = dict(stored)
        for form, entity in acronyms.items():
            forms.setdefault(form, entity)
        for form, entity in list(forms.items()):
            seeds = {form}
            if entity.kind == "group":
                seeds = first_letter_cases(form)
            elif entity.kind == "unit" and form[:1].islower():
                seeds = {form, form[0].upper() + form[1:]}
            for variant in sorted(all_variants(seeds, lang)):
                forms.setdefault(variant, entity)
        self._add_inflected_forms(forms, lang)
        return forms

    def _add_inflected_forms(self, forms: dict[str, Entity], lang: str) -> None:
        """The declined forms (Russian) and the forms with an attached preposition (Arabic)
        of every form already found, each naming what its base form names."""
        table = self.inflections.get(lang, {})
        for form, entity in list(forms.items()):
            for inflected in table.get(form, []):
                forms.setdefault(inflected, entity)
        if lang == "ar":
            for form, entity in list(forms.items()):
                for attached in sorted(arabic_clitic_forms(form)):
                    forms.setdefault(attached, entity)

    def country_by_name(self, name: str, lang: str) -> str | None:
        """The ISO 3166-1 alpha-3 code of the country `name` denotes in `lang`, or None."""
        entity = self.surface_forms(lang).get(" ".join(name.split()))
        return entity.id if entity and entity.kind == "country" else None

    def role_forms(self, lang: str) -> dict[str, tuple[str, bool]]:
        """Every role noun of `lang` (first letter in either case) -> (role, plural).

        Where two roles share a noun (Chinese 代表 is delegate and representative), the role
        listed first in roles.json keeps it.
        """
        if lang not in self._roles:
            found: dict[str, tuple[str, bool]] = {}
            for role, by_lang in self.roles.items():
                numbers = by_lang.get(lang, {})
                declined = self.inflections.get(lang, {})
                for plural, key in ((False, "singular"), (True, "plural")):
                    for noun in numbers.get(key, []):
                        for form in [noun, *declined.get(noun, [])]:
                            for variant in sorted(first_letter_cases(form)):
                                found.setdefault(variant, (role, plural))
            self._roles[lang] = found
        return self._roles[lang]

    def matcher(self, lang: str) -> Matcher:
        """The Matcher over `surface_forms(lang)`, compiled once."""
        if lang not in self._matchers:
            self._matchers[lang] = Matcher(self.surface_forms(lang), lang)
        return self._matchers[lang]


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer of the package's data files, loaded once."""
    return Gazetteer()
