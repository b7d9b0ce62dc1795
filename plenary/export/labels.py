"""Human-readable English labels for the contract's actors, shared by the exports and the web UI."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_COUNT = {"one": "One", "several": "Several", "many": "Many", "all": "All"}


@lru_cache(maxsize=4096)
def entity_name(kind: str, code: str | None, lang: str = "en") -> str | None:
    """The gazetteer's name of a country, organisation or group; None when unknown.

    The gazetteer is written by another part of the project; until it answers, callers fall
    back to the code itself.
    """
    if not code:
        return None
    try:
        from plenary.gazetteer import gazetteer

        name = gazetteer().name(kind, code, lang)
    except Exception:  # the gazetteer is optional here: any failure means "no name"
        return None
    return name if isinstance(name, str) and name else None


def country_name(code: str | None, lang: str = "en") -> str:
    """A country's English name, or its code when the gazetteer does not know it."""
    if not code:
        return ""
    return entity_name("country", code, lang) or code


def role_label(role: str | None) -> str:
    """`secretary-general` -> `Secretary-General`, `vice-chair` -> `Vice-chair`."""
    if not role:
        return ""
    if role in ("secretary-general", "deputy-secretary-general"):
        return "-".join(p.capitalize() for p in role.split("-"))
    return role.replace("-", " ").capitalize().replace("Vice chair", "Vice-chair")


def group_label(slug: str | None) -> str:
    """`african-group` -> `African group` (or the gazetteer's name)."""
    if not slug:
        return ""
    return entity_name("group", slug) or slug.replace("-", " ").capitalize()


def actor_label(actor: dict[str, Any]) -> str:
    """A short English label: `Canada`, `Chair (committee-6)`, `Several councillors`."""
    kind = actor.get("kind")
    name = actor.get("name")
    role = actor.get("role")
    if kind == "delegation":
        label = country_name(actor.get("country")) or "Delegation"
        return f"{name} ({label})" if name else label
    if kind == "official":
        label = role_label(role) or "Official"
        if actor.get("id"):
            label += f" ({actor['id']})"
        return f"{label}, {name}" if name else label
    if kind == "organization":
        return entity_name("organization", actor.get("id")) or actor.get("id") or "Organisation"
    if kind == "group":
        return group_label(actor.get("id")) or "Group"
    if kind == "collective":
        noun = role or "speaker"
        count = actor.get("count")
        if count == "one":
            return f"One {noun}"
        return f"{_COUNT.get(count or '', 'Some')} {noun}s"
    if kind == "person":
        label = name or "Person"
        country = actor.get("country")
        return f"{label} ({country_name(country)})" if country else label
    return name or str(kind or "")


def actor_list(actors: list[dict[str, Any]] | None) -> str:
    """Labels joined with `; `."""
    return "; ".join(actor_label(a) for a in actors or [])
