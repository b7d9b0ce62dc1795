"""The gazetteer's records: what a name refers to, and the named things themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["country", "organization", "group", "unit"]

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "zh", "ru")
"""The six official languages of the ITU, the languages every name list covers."""


@dataclass(frozen=True, slots=True)
class Entity:
    """What a surface form refers to: a kind and a language-independent id.

    The id is the ISO 3166-1 alpha-3 code for a country, the acronym for an organization, a
    slug for a group (`african-group`) and the contract's unit id for a unit (`TSB`).
    """

    kind: EntityKind
    id: str


@dataclass(frozen=True)
class Country:
    """A country or territory; `names[lang][0]` is the preferred (ITU) form."""

    iso3: str
    iso2: str
    itu_member: bool
    names: dict[str, list[str]] = field(hash=False, compare=False)

    @property
    def entity(self) -> Entity:
        return Entity("country", self.iso3)


@dataclass(frozen=True)
class Named:
    """An organization, group or unit; `names[lang][0]` is the preferred form."""

    kind: EntityKind
    id: str
    names: dict[str, list[str]] = field(hash=False, compare=False)
    regional: bool = False

    @property
    def entity(self) -> Entity:
        return Entity(self.kind, self.id)
