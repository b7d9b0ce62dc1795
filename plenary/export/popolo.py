"""Popolo JSON export: persons, organizations, memberships, posts, events, speeches, motions and
vote_events of one or many records, each object valid against the Popolo JSON Schemas.

Identifiers are stable strings (the same meeting, country or person gives the same id in every
export): `country/CAN`, `organization/CEPT`, `group/african-group`, `unit/committee-6`,
`body/council`, `itu`; `person/<name slug>`; `post/<organization id>/<role>`;
events use the Akoma Ntoso work IRI of the meeting (`/akn/int/debate/itu-council/...`) and
`session/<slug>` for the session they belong to.

- organizations: ITU, each body, each country that appears (`identifiers`: ISO 3166-1 alpha-3 and
  alpha-2), organisation, group and unit;
- persons: every named actor (delegates, chairs, officials, people elected, candidates);
- posts: each official role (per unit or body) and each post filled by an election;
- memberships: a country in the body it spoke at, a named delegate in their country's delegation,
  a named official in their post, a country in the group it spoke for (`on_behalf_of_id`), a
  person elected to a post;
- events: one per session and one per meeting (`parent_id` the session);
- speeches: one per intervention (`creator_id` the person when named; `organization_id` the
  country / organisation / unit spoken for; the support and on-behalf-of ids alongside);
- motions: one per text or document put to decision in a meeting (per election: its post);
- vote_events: one per outcome and motion, `result` the outcome kind, `counts` when printed.

`PopoloWriter` keeps only the de-duplicated small families in memory and spools speeches,
motions and vote events to temporary files, so an archive of any size streams through it.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .akoma_ntoso import work_iri
from .labels import actor_label, country_name, entity_name, group_label, role_label

FAMILIES = ("persons", "organizations", "memberships", "posts", "events", "speeches", "motions",
            "vote_events")
SCHEMA_OF = {"persons": "person", "organizations": "organization", "memberships": "membership",
             "posts": "post", "events": "event", "speeches": "speech", "motions": "motion",
             "vote_events": "vote_event"}
_SPOOLED = ("speeches", "motions", "vote_events")
_COUNT_OPTIONS = {"for": "yes", "against": "no", "abstaining": "abstain"}


def _slug(text: str) -> str:
    return re.sub(r"[\W_]+", "-", str(text).lower()).strip("-") or "x"


def _iso2(iso3: str) -> str | None:
    try:
        from plenary.gazetteer import gazetteer

        return next((c.iso2 for c in gazetteer().countries if c.iso3 == iso3), None)
    except Exception:  # the gazetteer is optional: without it only alpha-3 is given
        return None


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None and v != []}


class PopoloWriter:
    """Accumulates records; `write(fh)` gives one Popolo JSON document."""

    def __init__(self) -> None:
        self.small: dict[str, dict[str, dict[str, Any]]] = {
            f: {} for f in FAMILIES if f not in _SPOOLED}
        self._spool: dict[str, IO[str]] = {  # closed by close()
            f: tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            for f in _SPOOLED}
        self._motions: set[str] = set()
        self.counts = dict.fromkeys(FAMILIES, 0)
        self._org("itu", "International Telecommunication Union", "intergovernmental-organization")

    # --- entities ---------------------------------------------------------------------------

    def _put(self, family: str, obj: dict[str, Any]) -> str:
        if obj["id"] not in self.small[family]:
            self.small[family][obj["id"]] = _clean(obj)
            self.counts[family] += 1
        return obj["id"]

    def _spooled(self, family: str, obj: dict[str, Any]) -> None:
        self._spool[family].write(json.dumps(_clean(obj), ensure_ascii=False) + "\n")
        self.counts[family] += 1

    def _org(self, oid: str, name: str, classification: str, parent: str | None = None,
             identifiers: list[dict[str, str]] | None = None) -> str:
        return self._put("organizations", {"id": oid, "name": name,
                                           "classification": classification,
                                           "parent_id": parent, "identifiers": identifiers})

    def country(self, iso3: str) -> str:
        ids = [{"scheme": "ISO 3166-1 alpha-3", "identifier": iso3}]
        iso2 = _iso2(iso3)
        if iso2:
            ids.append({"scheme": "ISO 3166-1 alpha-2", "identifier": iso2})
        return self._org(f"country/{iso3}", country_name(iso3), "country", identifiers=ids)

    def body(self, body: str | None) -> str:
        if not body:
            return "itu"
        return self._org(f"body/{body}", body.replace("-", " ").capitalize(), "body", "itu")

    def entity(self, kind: str, code: str) -> str:
        """An organisation, group or unit by its contract id."""
        if kind == "group":
            return self._org(f"group/{code}", group_label(code), "group")
        if kind == "organization":
            name = entity_name("organization", code) or code
            return self._org(f"organization/{code}", name, "organization",
                             identifiers=[{"scheme": "acronym", "identifier": code}])
        return self._org(f"unit/{code}", entity_name("unit", code) or code, "unit", "itu")

    def person(self, name: str) -> str:
        return self._put("persons", {"id": f"person/{_slug(name)}", "name": name})

    def post(self, org: str, role: str, label: str | None = None) -> str:
        pid = f"post/{org}/{_slug(role)}"
        return self._put("posts", {"id": pid, "label": label or role_label(role), "role": role,
                                   "organization_id": org})

    def membership(self, **fields: Any) -> None:
        fields = {k: v for k, v in fields.items() if v is not None}
        member = (fields.get("member") or {}).get("id")
        key = "|".join([member or "", *(f"{k}={fields[k]}" for k in sorted(fields)
                                        if k != "member")])
        self._put("memberships", {"id": "membership/" + _slug(key), **fields})

    # --- actors -----------------------------------------------------------------------------

    def actor(self, actor: dict[str, Any], body: str) -> dict[str, str | None]:
        """Register `actor` and its links; its person id and organization id."""
        kind = actor.get("kind")
        org = None
        if actor.get("country"):
            org = self.country(actor["country"])
        if actor.get("id"):
            org = self.entity(kind if kind in ("organization", "group") else "unit", actor["id"])
        if kind == "delegation" and org:
            self.membership(member={"@type": "Organization", "id": org}, organization_id=body,
                            role="member")
        person = self.person(actor["name"]) if actor.get("name") else None
        if person and kind == "official":
            post = self.post(org or body, actor.get("role") or "official")
            self.membership(person_id=person, post_id=post, organization_id=org or body,
                            role=actor.get("role"))
        elif person and org:
            self.membership(person_id=person, organization_id=org, role=actor.get("role"),
                            label=role_label(actor.get("role")) or None)
        elif kind == "official" and actor.get("role"):
            self.post(org or body, actor["role"])
        for group in actor.get("on_behalf_of") or []:
            target = self.actor(group, body)["organization_id"]
            if org and target and group.get("kind") in ("group", "organization") \
                    and actor.get("country"):
                self.membership(member={"@type": "Organization", "id": org},
                                organization_id=target, role="member")
        for key in ("supported_by", "opposed_by"):
            for other in actor.get(key) or []:
                self.actor(other, body)
        return {"person_id": person, "organization_id": org}

    # --- a record ---------------------------------------------------------------------------

    def add(self, record: dict[str, Any]) -> None:
        """Add one record (one meeting's version) to the document."""
        meeting = record.get("meeting") or {}
        body = self.body(meeting.get("body"))
        event = work_iri(record)
        session = None
        if meeting.get("session"):
            session = self._put("events", {"id": f"session/{_slug(meeting['session'])}",
                                           "name": meeting["session"],
                                           "classification": "session",
                                           "organization_id": body})
        ids = [{"scheme": "itu-document", "identifier": meeting["symbol"]}] \
            if meeting.get("symbol") else None
        self._put("events", {"id": event, "name": meeting.get("title") or meeting.get("symbol")
                             or (record.get("source") or {}).get("name"),
                             "classification": "meeting", "start_date": meeting.get("date"),
                             "end_date": meeting.get("date"), "location": meeting.get("place"),
                             "identifiers": ids, "organization_id": body, "parent_id": session,
                             "language": record.get("language")})
        for chair in meeting.get("chairs") or []:
            self.actor(chair, body)
        for signatory in record.get("signatories") or []:
            self.actor(signatory, body)
        position = 0
        for n, item in enumerate(record.get("items") or [], start=1):
            for k, para in enumerate(item.get("paragraphs") or [], start=1):
                where = f"{event}/item-{n}/para-{k}"
                for i, speaker in enumerate(para.get("speakers") or [], start=1):
                    position += 1
                    self._speech(speaker, para, item, body, event, f"{where}/speech-{i}",
                                 position)
                for i, outcome in enumerate(para.get("outcomes") or [], start=1):
                    self._decision(outcome, para, body, event, session, f"{where}/outcome-{i}")

    def _speech(self, actor: dict[str, Any], para: dict[str, Any], item: dict[str, Any],
                body: str, event: str, sid: str, position: int) -> None:
        ids = self.actor(actor, body)
        links = {key: [_ref(self.actor(a, body)) for a in actor.get(key) or []]
                 for key in ("on_behalf_of", "supported_by", "opposed_by")}
        self._spooled("speeches", {
            "id": sid, "creator_id": ids["person_id"], "role": actor.get("role"),
            "attribution_text": actor_label(actor), "text": para.get("text") or "",
            "title": f"{item.get('number')}. {item.get('title') or ''}".strip(),
            "type": "speech", "position": position, "event_id": event,
            "organization_id": ids["organization_id"], "paragraph": para.get("number"),
            "on_behalf_of_ids": links["on_behalf_of"], "supported_by_ids": links["supported_by"],
            "opposed_by_ids": links["opposed_by"]})

    def _motion(self, mid: str, text: str, identifier: str | None, classification: str,
                body: str, session: str | None, event: str) -> str:
        if mid not in self._motions:
            self._motions.add(mid)
            self._spooled("motions", {"id": mid, "organization_id": body, "text": text,
                                      "identifier": identifier, "classification": classification,
                                      "legislative_session_id": session, "event_id": event})
        return mid

    def _decision(self, outcome: dict[str, Any], para: dict[str, Any], body: str, event: str,
                  session: str | None, vid: str) -> None:
        kind = outcome.get("kind") or "decided"
        motions: list[str] = []
        person = None
        if kind == "elected":
            post = outcome.get("post") or "post"
            self.post("itu", post, post)
            motions.append(self._motion(f"{event}/election/{_slug(post)}", f"Election: {post}",
                                        None, "election", body, session, event))
            if outcome.get("person"):
                person = self.actor(outcome["person"], body)["person_id"]
                if person:
                    self.membership(person_id=person, post_id=f"post/itu/{_slug(post)}",
                                    organization_id="itu", start_date=_date(event))
        for obj in outcome.get("objects") or []:
            cls = "document" if not re.match(r"[A-Z][a-z]", obj) else "text"
            motions.append(self._motion(f"{event}/motion/{_slug(obj)}", obj, obj, cls, body,
                                        session, event))
        if not motions:
            motions.append(self._motion(f"{vid}/motion", para.get("text") or kind, None,
                                        "proposal", body, session, event))
        for n, motion in enumerate(motions, start=1):
            self._spooled("vote_events", {
                "id": f"{vid}/{n}", "organization_id": body, "motion_id": motion,
                "legislative_session_id": session, "event_id": event, "result": kind,
                "classification": "election" if kind == "elected" else "decision",
                "counts": self._counts(outcome.get("votes") or {}, body),
                "reading": outcome.get("reading"), "as_amended": outcome.get("as_amended"),
                "conditional": outcome.get("conditional"), "refers_to": outcome.get("refers_to"),
                "elected_person_id": person, "method": outcome.get("method"),
                "paragraph": para.get("number")})

    def _counts(self, votes: dict[str, Any], body: str) -> list[dict[str, Any]]:
        counts = [{"option": _COUNT_OPTIONS[k], "value": v} for k, v in votes.items()
                  if k in _COUNT_OPTIONS and isinstance(v, int)]
        for cand in votes.get("candidates") or []:
            if isinstance(cand.get("votes"), int) and cand.get("person"):
                pid = self.actor(cand["person"], body)["person_id"]
                counts.append({"option": actor_label(cand["person"]), "value": cand["votes"],
                               "person_id": pid})
        return counts

    # --- output -----------------------------------------------------------------------------

    def objects(self, family: str) -> Iterable[dict[str, Any]]:
        """The objects of one family, in order (spooled ones read back from disk)."""
        if family in self.small:
            yield from self.small[family].values()
            return
        spool = self._spool[family]
        spool.flush()
        spool.seek(0)
        for line in spool:
            yield json.loads(line)

    def write(self, fh: IO[str]) -> None:
        """Write the document as JSON text to `fh`, one object per line inside each list."""
        fh.write("{")
        for i, family in enumerate(FAMILIES):
            fh.write(("," if i else "") + f'\n "{family}": [')
            for j, obj in enumerate(self.objects(family)):
                fh.write(("," if j else "") + "\n  " + json.dumps(obj, ensure_ascii=False))
            fh.write("\n ]")
        fh.write("\n}\n")

    def close(self) -> None:
        for spool in self._spool.values():
            spool.close()


def _ref(ids: dict[str, str | None]) -> str | None:
    return ids["person_id"] or ids["organization_id"]


def _date(event_iri: str) -> str | None:
    m = re.search(r"/(\d{4}-\d{2}-\d{2})/", event_iri)
    return m.group(1) if m and m.group(1) != "0001-01-01" else None


def document(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The Popolo document of `records` as a dict (for tests and small exports)."""
    import io

    writer = PopoloWriter()
    try:
        for record in records:
            writer.add(record)
        buf = io.StringIO()
        writer.write(buf)
    finally:
        writer.close()
    return json.loads(buf.getvalue())


def dumps(record: dict[str, Any]) -> str:
    """One record as a Popolo JSON document."""
    return json.dumps(document([record]), ensure_ascii=False, indent=1) + "\n"


def write(record: dict[str, Any], directory: Path, stem: str) -> list[Path]:
    """Write `{stem}.popolo.json` into `directory`; return the paths written."""
    path = Path(directory) / f"{stem}.popolo.json"
    path.write_text(dumps(record), encoding="utf-8")
    return [path]
