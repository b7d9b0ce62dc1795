"""Atom 1.0 feeds (`/feeds/...`, written with feedgen): the latest decisions, a delegation's
interventions, a text's mentions and outcomes, and a search's matching paragraphs.

Each entry links to its paragraph on the meeting page (`/meetings/{id}#p-{number}`). A feed
reads one page of the archive (the latest `FEED_SIZE` rows). Responses carry an `ETag` (hash
of the feed) and `Last-Modified` (when the archive last took in a meeting) and answer 304 to a
matching `If-None-Match` / `If-Modified-Since`. `feed_for(path, query)` gives the feed a page
announces in `<link rel="alternate" type="application/atom+xml">`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from feedgen.feed import FeedGenerator

from plenary import analyse
from plenary.export.labels import actor_list, country_name

from .api import run_search
from .deps import Archive, FilterSet
from .feedlinks import feed_for  # noqa: F401 - where the pages' feeds are named
from .params import MAX_LABEL, MAX_QUERY

router = APIRouter(prefix="/feeds", tags=["feeds"])

FEED_SIZE = 50
ATOM = "application/atom+xml"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ATOM_EXAMPLE = {ATOM: {"example": '<?xml version="1.0" encoding="UTF-8"?>\n'
                                   '<feed xmlns="http://www.w3.org/2005/Atom">...</feed>'}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "An Atom 1.0 feed", "content": _ATOM_EXAMPLE},
    304: {"description": "Not modified (the `ETag` or `Last-Modified` sent still holds)"},
}


# --- building a feed ------------------------------------------------------------------------

def _day(date: str | None) -> datetime:
    try:
        return datetime.fromisoformat(date).replace(tzinfo=UTC) if date else _EPOCH
    except ValueError:
        return _EPOCH


def last_ingest(archive: Any) -> datetime:
    """When the archive last took in a meeting version (the feeds' Last-Modified)."""
    from sqlalchemy import func, select

    from plenary.store.writer import MEETINGS

    with archive.read() as conn:
        when = conn.execute(select(func.max(MEETINGS.c.ingested_at))).scalar()
    if when is None:
        return _EPOCH
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).replace(microsecond=0)


def paragraph_link(base: str, meeting: dict[str, Any], number: str | None) -> str:
    """The absolute URL of a paragraph on its meeting page."""
    url = f"{base}/meetings/{meeting['id']}"
    return f"{url}#p-{quote(number)}" if number else url


def _where(meeting: dict[str, Any], number: str | None) -> str:
    name = meeting.get("symbol") or meeting.get("title") or f"meeting {meeting['id']}"
    return f"{name} ¶ {number}" if number else str(name)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML cannot hold (a query may carry them: `q=%00`)."""
    return _CONTROL.sub("", text)


class Feed:
    """A feed under construction: title, self link, entries newest first."""

    def __init__(self, request: Request, title: str, subtitle: str, updated: datetime) -> None:
        self.base = str(request.base_url).rstrip("/")
        self.gen = FeedGenerator()
        self_url = f"{self.base}{request.url.path}" + (f"?{request.url.query}"
                                                       if request.url.query else "")
        self.gen.id(xml_safe(self_url))
        self.gen.title(xml_safe(title))
        self.gen.subtitle(xml_safe(subtitle))
        self.gen.author({"name": "plenary"})
        self.gen.link(href=xml_safe(self_url), rel="self", type=ATOM)
        self.gen.link(href=f"{self.base}/", rel="alternate", type="text/html")
        self.gen.language("en")
        self.gen.updated(updated)
        self.gen.generator("plenary")

    def add(self, meeting: dict[str, Any], number: str | None, title: str, summary: str,
            key: str) -> None:
        """One entry about paragraph `number` of `meeting`; `key` makes its id unique."""
        link = paragraph_link(self.base, meeting, number)
        entry = self.gen.add_entry(order="append")
        entry.id(f"{self.base}/meetings/{meeting['id']}/paragraphs/{quote(number or '-')}"
                 f"#{quote(key)}")
        entry.title(xml_safe(title))
        entry.link(href=link, rel="alternate", type="text/html")
        entry.summary(xml_safe(summary or title))
        day = _day(meeting.get("date"))
        entry.published(day)
        entry.updated(day)

    def xml(self) -> bytes:
        return self.gen.atom_str(pretty=True)


def _latest(total: int, fetch: Callable[[int, int], list[dict[str, Any]]]
            ) -> list[dict[str, Any]]:
    """The last `FEED_SIZE` rows of a list in date order, newest first."""
    offset = max(0, total - FEED_SIZE)
    return list(reversed(fetch(FEED_SIZE, offset)))


def _outcome_title(row: dict[str, Any]) -> str:
    kind = (row.get("kind") or "decided").replace("-", " ").capitalize()
    objects = "; ".join(row.get("objects") or []) or row.get("post") or ""
    return f"{kind}: {objects}" if objects else kind


def decisions_feed(request: Request, archive: Any) -> bytes:
    from plenary.analyse.decisions import decisions_total

    feed = Feed(request, "plenary: latest decisions", "Outcomes recorded in the archive",
                last_ingest(archive))
    rows = _latest(decisions_total(archive),
                   lambda n, o: analyse.decisions(archive, limit=n, offset=o))
    for row in rows:
        feed.add(row["meeting"], row["number"], _outcome_title(row),
                 f"{_where(row['meeting'], row['number'])}: {_outcome_title(row)}",
                 "-".join(["outcome", str(row.get("position")), row["kind"],
                           *(row.get("objects") or [])]))
    return feed.xml()


def delegation_feed(request: Request, archive: Any, iso3: str) -> bytes | None:
    first = analyse.delegation(archive, iso3, limit=1)
    if first is None:
        return None
    code = first["country"]
    name = country_name(code)
    rows = _latest(first["total"], lambda n, o: analyse.delegation(
        archive, code, limit=n, offset=o)["interventions"])
    feed = Feed(request, f"plenary: {name}", f"Latest interventions of {name} ({code})",
                last_ingest(archive))
    for row in rows:
        what = {"supporter": "supported " + actor_list(row["supported"]),
                "opposer": "opposed " + actor_list(row.get("opposed") or [])}.get(
                    row["as"], "took the floor")
        extra = f" on behalf of {actor_list(row['on_behalf_of'])}" if row["on_behalf_of"] else ""
        title = f"{name} {what}{extra}"
        feed.add(row["meeting"], row["number"], title,
                 f"{_where(row['meeting'], row['number'])}: {title}",
                 f"{row['as']}-{row.get('position')}")
    return feed.xml()


def text_feed(request: Request, archive: Any, label: str) -> bytes | None:
    first = analyse.text_history(archive, label, limit=1)
    if first is None:
        return None
    rows = _latest(first["total"], lambda n, o: analyse.text_history(
        archive, label, limit=n, offset=o)["events"])
    feed = Feed(request, f"plenary: {label}", f"Mentions and outcomes of {label}",
                last_ingest(archive))
    for i, row in enumerate(rows):
        title = _outcome_title(row["outcome"]) if row.get("outcome") else f"Mentioned: {label}"
        feed.add(row["meeting"], row["number"], title, row.get("text") or title,
                 f"{row['type']}-{row.get('position')}-{i}")
    return feed.xml()


def search_feed(request: Request, archive: Any, q: str | None, f: Any) -> bytes:
    found = run_search(archive, q, f, FEED_SIZE, 0)
    rows = sorted(found["results"], key=lambda r: (r["meeting"].get("date") or "",
                                                  r["meeting"]["id"], r.get("position") or 0),
                  reverse=True)
    asked = "; ".join(f"{k}={v}" for k, v in request.query_params.items())
    feed = Feed(request, f"plenary: search {asked}", f"Paragraphs matching {asked}",
                last_ingest(archive))
    for row in rows:
        snippet = "".join(s["text"] for s in row.get("snippet") or [])
        who = actor_list(row.get("speakers"))
        title = _where(row["meeting"], row["number"]) + (f" — {who}" if who else "")
        feed.add(row["meeting"], row["number"], title, snippet,
                 f"search-{row.get('position')}")
    return feed.xml()


# --- conditional responses ------------------------------------------------------------------

def _not_modified(request: Request, etag: str, modified: datetime) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(since) >= modified
        except (TypeError, ValueError):
            return False
    return False


async def _answer(request: Request, key: tuple, make: Callable[[], bytes | None],
                  missing: str) -> Response:
    archive = request.app.state.archive

    def build() -> tuple[bytes | None, datetime]:
        return make(), last_ingest(archive)

    key = (str(request.base_url), *key)
    body, modified = await run_in_threadpool(request.app.state.cache.get, key, build)
    if body is None:
        raise HTTPException(404, missing)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True),
               "Cache-Control": "public, max-age=60"}
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=ATOM, headers=headers)


# --- routes -----------------------------------------------------------------------------------

@router.get("/decisions.atom", summary="Atom feed of the latest decisions",
            response_class=Response, responses=RESPONSES)
async def decisions(request: Request, archive: Archive) -> Response:
    """The latest outcomes (adopted, approved, elected, ...), each linking to its paragraph."""
    return await _answer(request, ("feed", "decisions"),
                         lambda: decisions_feed(request, archive), "no decisions")


@router.get("/delegations/{iso3}.atom", summary="Atom feed of a delegation's interventions",
            response_class=Response, responses={**RESPONSES, 404: {
                "description": "No intervention of that country"}})
async def delegation(request: Request, archive: Archive,
                     iso3: Annotated[str, Path(min_length=3, max_length=3,
                                               description="ISO 3166-1 alpha-3 code",
                                               examples=["CAN"])]) -> Response:
    """That country's latest interventions as speaker or supporter."""
    return await _answer(request, ("feed", "delegation", iso3.upper()),
                         lambda: delegation_feed(request, archive, iso3.upper()),
                         f"no intervention of {iso3}")


@router.get("/texts.atom", summary="Atom feed of a text's mentions and outcomes",
            response_class=Response, responses={**RESPONSES, 404: {
                "description": "No text with that label"}})
async def text(request: Request, archive: Archive,
               label: Annotated[str, Query(min_length=1, max_length=MAX_LABEL,
                                           description="The text's label as in the contract",
                                           examples=["Resolution 130 (Rev. Dubai, 2018)"])]
               ) -> Response:
    """Every mention or outcome of that text, newest first."""
    return await _answer(request, ("feed", "text", label),
                         lambda: text_feed(request, archive, label), f"no text {label!r}")


@router.get("/search.atom", summary="Atom feed of the paragraphs matching a search",
            response_class=Response, responses=RESPONSES)
async def search(request: Request, archive: Archive, f: FilterSet,
                 q: Annotated[str | None, Query(max_length=MAX_QUERY,
                                                description="Words to find",
                                                examples=["cybersecurity"])] = None
                 ) -> Response:
    """Paragraphs matching `q` and the filters of `/api/search`, newest meeting first."""
    key = ("feed", "search", tuple(sorted(request.query_params.multi_items())))
    return await _answer(request, key, lambda: search_feed(request, archive, q, f),
                         "no search")
