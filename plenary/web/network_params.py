"""The network's query parameters, validated once for the API, the page and the image."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request

from plenary.analyse.network import NetworkFilters, Relation, network

from . import params

SessionQ = Annotated[str | None, Query(description="A session, as in the records (`PP-18`, "
                                       "`Council 2017`)", max_length=params.MAX_QUERY)]
BodyQ = Annotated[str | None, Query(description="A body (`council`, `plenipotentiary`)",
                                    max_length=params.MAX_QUERY)]
ItemQ = Annotated[str | None, Query(description="An agenda item number as printed (`6`)",
                                    max_length=params.MAX_QUERY)]
RelationQ = Annotated[str | None, Query(description="One relation: " + ", ".join(Relation),
                                        max_length=params.MAX_QUERY)]


async def network_filters(meeting: params.MeetingQ = None, session: SessionQ = None,
                          body: BodyQ = None, item: ItemQ = None,
                          date_from: params.FromQ = None, date_to: params.ToQ = None,
                          relation: RelationQ = None) -> NetworkFilters:
    """FastAPI dependency: the raw values validated into `NetworkFilters` (or `BadParam`)."""
    return NetworkFilters(
        meeting=params.meeting_id("meeting", meeting),
        session=params.free_text("session", session, 200),
        body=params.word("body", body), item=params.free_text("item", item, 50),
        date_from=params.iso_date("from", date_from), date_to=params.iso_date("to", date_to),
        relation=params.word("relation", relation),
    )


NetworkQuery = Annotated[NetworkFilters, Depends(network_filters)]


def cached_network(request: Request, f: NetworkFilters) -> dict[str, Any]:
    """`analyse.network` for the filters, through the app's answer cache."""
    archive = request.app.state.archive
    return request.app.state.cache.get(
        ("network", f), lambda: network(archive, meeting=f.meeting, session=f.session,
                                        body=f.body, item=f.item, date_from=f.date_from,
                                        date_to=f.date_to, relation=f.relation))
