"""Named persons as entities: delegates, chairs, officials and candidates elected.

The records print a person's name with an honorific that depends on the language ("M. Mario
Canazza", "Mr Mario Canazza", "Sr. Mario Canazza") and sometimes in capitals ("E. SPINA"), so
a person's `id` is the name without honorific, case and accents ("mario-canazza"). Every
actor row with that name is the same person, whatever their kind, country or role. Counts
take each meeting once (reference versions only).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from ..store import Archive
from ..store.writer import ACTORS, INTERVENTIONS, ITEMS, MEETINGS, OUTCOMES, PARAGRAPHS, SITTINGS
from .common import PLACE_COLUMNS, REFERENCE, chunked, count_of, paged, place, with_place
from .names import fold, loose_pattern, loosely_matches

_HONORIFIC = re.compile(
    r"^(?:M|MM|Mr|Mrs|Messrs|Mme|Mmes|Mlle|Ms|Miss|Sr|Sra|Srta|Sres|Dr|Dra|Prof|Pr|"
    r"H\.\s?E|S\.\s?E|Excmo|Excma|Sir|Dame)\.?\s+", re.IGNORECASE)
# A "name" with digits, brackets or commas is a parser slip (a list of countries, votes).
_NOT_A_NAME = re.compile(r"[\d(),;:]")
_CONJUNCTION = re.compile(r"\s+(?:and|et|y|e|и)\s+")


def _names_countries(text: str) -> bool:
    """True when a would-be name is a list of countries ("Burkina Faso and Rwanda")."""
    parts = _CONJUNCTION.split(text)
    if len(parts) < 2:
        return False
    try:
        from ..gazetteer import gazetteer

        g = gazetteer()
        return any(g.country_by_name(part, lang) for part in parts for lang in ("en", "fr", "es"))
    except Exception:  # no gazetteer: keep the name
        return False


def _initial_not_title(text: str, rest: str) -> bool:
    """"M. AL MANSOORI" (an initial before a surname in capitals, as signature blocks print
    them) keeps its "M."; "M. Mario Canazza" (Monsieur) loses it."""
    return text.startswith("M.") and rest.isupper()


def clean_name(name: str | None) -> str | None:
    """The name without honorifics and extra spaces; None when it is not a person's name."""
    if not name:
        return None
    text = " ".join(name.split())
    while True:
        stripped = _HONORIFIC.sub("", text, count=1)
        if stripped == text or _initial_not_title(text, stripped):
            break
        text = stripped
    if not text or _NOT_A_NAME.search(text) or len(text) > 120 or _names_countries(text):
        return None
    return text


def person_id(name: str | None) -> str | None:
    """The person's id: `M. Mario Canazza` and `Mr MARIO CANAZZA` -> `mario-canazza`."""
    clean = clean_name(name)
    slug = fold(clean).replace(" ", "-") if clean else ""
    return slug or None


def _display(forms: Counter[str]) -> str:
    """The printed form to show: the most frequent one not in capitals, else the first with
    its capitals softened ("S. BIN GHELAITA" -> "S. Bin Ghelaita")."""
    mixed = [f for f, _ in forms.most_common() if not f.isupper()]
    return mixed[0] if mixed else forms.most_common(1)[0][0].title()


@dataclass
class _Person:
    id: str
    forms: Counter[str] = field(default_factory=Counter)
    actor_ids: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    interventions: int = 0
    elections: int = 0

    def entry(self) -> dict[str, Any]:
        return {"id": self.id, "name": _display(self.forms), "forms": sorted(self.forms),
                "countries": sorted(self.countries), "roles": sorted(self.roles),
                "units": sorted(self.units), "interventions": self.interventions,
                "elections": self.elections}


def _people(conn: Any) -> dict[str, _Person]:
    """Every named actor gathered into persons, with their counts."""
    people: dict[str, _Person] = {}
    by_actor: dict[int, _Person] = {}
    for r in conn.execute(select(ACTORS).where(ACTORS.c.name.is_not(None))):
        pid = person_id(r.name)
        if pid is None:
            continue
        person = people.setdefault(pid, _Person(pid))
        person.forms[clean_name(r.name) or r.name] += 1
        person.actor_ids.add(r.id)
        by_actor[r.id] = person
        if r.country:
            person.countries.add(r.country)
        if r.role:
            person.roles.add(r.role)
        if r.kind == "official" and r.code:
            person.units.add(r.code)
    if not by_actor:
        return people
    for chunk in chunked(sorted(by_actor)):
        spoke = (select(INTERVENTIONS.c.actor_id, func.count().label("n"))
                 .join(MEETINGS, MEETINGS.c.id == INTERVENTIONS.c.meeting_id)
                 .where(REFERENCE, INTERVENTIONS.c.actor_id.in_(chunk))
                 .group_by(INTERVENTIONS.c.actor_id))
        for r in conn.execute(spoke):
            by_actor[r.actor_id].interventions += r.n
        elected = (select(OUTCOMES.c.person_id, func.count().label("n"))
                   .join(MEETINGS, MEETINGS.c.id == OUTCOMES.c.meeting_id)
                   .where(REFERENCE, OUTCOMES.c.person_id.in_(chunk),
                          OUTCOMES.c.kind == "elected")
                   .group_by(OUTCOMES.c.person_id))
        for r in conn.execute(elected):
            by_actor[r.person_id].elections += r.n
    return people


def people_index(archive: Archive, q: str | None = None, limit: int | None = None,
                 offset: int = 0) -> dict[str, Any]:
    """`{"total", "people": [{"id", "name", "forms", "countries", "roles", "units",
    "interventions", "elections"}]}`: every named person, by name (a page with `limit`);
    `q` matches a printed form loosely. Persons with neither interventions nor elections
    (named only in a signature block) are listed too."""
    pattern = loose_pattern(q)
    with archive.read() as conn:
        people = _people(conn)
    found = sorted((p.entry() for p in people.values()
                    if loosely_matches(pattern, *p.forms)),
                   key=lambda e: (fold(e["name"]), e["id"]))
    page = found[offset:] if limit is None else found[offset:offset + limit]
    return {"total": len(found), "people": page}


def _interventions(ids: list[int]) -> Any:
    return with_place(
        select(*PLACE_COLUMNS, INTERVENTIONS.c.role.label("as_"),
               INTERVENTIONS.c.id.label("iid"), ACTORS.c.kind, ACTORS.c.country,
               ACTORS.c.code, ACTORS.c.role, ITEMS.c.title.label("item_title"),
               PARAGRAPHS.c.text.label("paragraph_text"),
               SITTINGS.c.session.label("meeting_session"))
        .select_from(INTERVENTIONS)
        .join(ACTORS, ACTORS.c.id == INTERVENTIONS.c.actor_id)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == INTERVENTIONS.c.paragraph_id)
    ).where(INTERVENTIONS.c.actor_id.in_(ids)).order_by(
        "meeting_date", "meeting_id", "paragraph_position", "as_", "iid")


def _elections(conn: Any, ids: list[int]) -> list[dict[str, Any]]:
    stmt = with_place(
        select(*PLACE_COLUMNS, OUTCOMES.c.post, OUTCOMES.c.method, OUTCOMES.c.votes,
               ACTORS.c.country, SITTINGS.c.session.label("meeting_session"))
        .select_from(OUTCOMES)
        .join(ACTORS, ACTORS.c.id == OUTCOMES.c.person_id)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == OUTCOMES.c.paragraph_id)
    ).where(OUTCOMES.c.person_id.in_(ids), OUTCOMES.c.kind == "elected").order_by(
        "meeting_date", "meeting_id", "paragraph_position")
    return [{**place(r), "session": r.meeting_session, "post": r.post, "method": r.method,
             "country": r.country} for r in conn.execute(stmt)]


def _positions(conn: Any, ids: list[int]) -> list[dict[str, Any]]:
    """Roles over time: each (kind, country, unit, role) with the sessions it was seen in."""
    stmt = (select(ACTORS.c.kind, ACTORS.c.country, ACTORS.c.code, ACTORS.c.role,
                   SITTINGS.c.session, func.min(MEETINGS.c.date).label("first"),
                   func.count().label("n"))
            .select_from(INTERVENTIONS)
            .join(ACTORS, ACTORS.c.id == INTERVENTIONS.c.actor_id)
            .join(MEETINGS, MEETINGS.c.id == INTERVENTIONS.c.meeting_id)
            .join(SITTINGS, SITTINGS.c.id == MEETINGS.c.sitting_id)
            .where(REFERENCE, INTERVENTIONS.c.actor_id.in_(ids))
            .group_by(ACTORS.c.kind, ACTORS.c.country, ACTORS.c.code, ACTORS.c.role,
                      SITTINGS.c.session))
    rows = sorted(conn.execute(stmt), key=lambda r: (r.first or "", r.session or ""))
    return [{"kind": r.kind, "country": r.country, "unit": r.code, "role": r.role,
             "session": r.session, "first": r.first, "interventions": r.n} for r in rows]


def person(archive: Archive, pid: str, limit: int | None = None, offset: int = 0
           ) -> dict[str, Any] | None:
    """One person: `{"id", "name", "forms", "countries", "roles", "units", "total",
    "interventions": [{"meeting", "session", "item", "item_title", "number", "position",
    "text", "as", "actor"}], "elections": [{"meeting", "session", "number", "post", "method",
    "country"}], "positions": [{"kind", "country", "unit", "role", "session", "first",
    "interventions"}]}`; None when no record names them. `interventions` is a page (`limit`
    from `offset`); `total` counts them all."""
    if not isinstance(pid, str) or not pid or len(pid) > 200:
        return None
    with archive.read() as conn:
        found = _people(conn).get(pid)
        if found is None:
            return None
        ids = sorted(found.actor_ids)
        total = conn.execute(count_of(_interventions(ids))).scalar_one()
        rows = conn.execute(paged(_interventions(ids), limit, offset)).all()
        elections = _elections(conn, ids)
        positions = _positions(conn, ids)
    return dict(found.entry(), total=total, interventions=[
        {**place(r), "session": r.meeting_session, "item_title": r.item_title,
         "text": r.paragraph_text, "as": r.as_,
         "actor": {"kind": r.kind, "country": r.country, "id": r.code, "role": r.role}}
        for r in rows], elections=elections, positions=positions)

