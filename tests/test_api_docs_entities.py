"""The OpenAPI examples of the entity routes have the shapes the live API answers.

Each example's keys (and its first list item's keys, a level down) must be keys of the real
answer over the web archive: a renamed or dropped field makes the documentation lie.
"""

from __future__ import annotations

from typing import Any

import pytest

LIVE = {
    "/api/delegations": "/api/delegations",
    "/api/delegations/{iso3}": "/api/delegations/KEN",
    "/api/groups": "/api/groups",
    "/api/groups/{id}": "/api/groups/african-group",
    "/api/people": "/api/people",
    "/api/people/{id}": "/api/people/andrius-krivas",
}


def _unknown_keys(example: Any, live: Any, where: str = "") -> list[str]:
    """Keys of `example` the live answer lacks, two levels deep (lists: their first item)."""
    if isinstance(example, list) and isinstance(live, list):
        return _unknown_keys(example[0], live[0], where + "[0]") if example and live else []
    if not (isinstance(example, dict) and isinstance(live, dict)):
        return []
    missing = [f"{where}.{k}" for k in example if k not in live]
    for k in example.keys() & live.keys():
        if where.count(".") < 2:
            missing += _unknown_keys(example[k], live[k], f"{where}.{k}")
    return missing


def _media(spec: dict, path: str) -> dict:
    return spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]


@pytest.fixture(scope="module")
def spec(client) -> dict:
    return client.get("/openapi.json").json()


@pytest.mark.parametrize("path", sorted(LIVE))
def test_entity_example_has_the_live_shape(client, spec: dict, path: str) -> None:
    example = _media(spec, path)["example"]
    live = client.get(LIVE[path]).json()
    assert _unknown_keys(example, live) == []
    assert set(live) <= set(example) | {"name"}, f"{path}: fields the example leaves out"


def test_texts_documents_both_shapes(client, spec: dict) -> None:
    examples = _media(spec, "/api/texts")["examples"]
    assert set(examples) == {"index", "history"}
    index = client.get("/api/texts").json()
    history = client.get("/api/texts", params={"label": "Resolution 130"}).json()
    assert _unknown_keys(examples["index"]["value"], index) == []
    assert _unknown_keys(examples["history"]["value"], history) == []
    assert set(examples["index"]["value"]["texts"][0]) == set(index["texts"][0])
    assert set(history) <= set(examples["history"]["value"])
    spec30 = client.get("/docs/openapi-3.0.json").json()
    assert set(_media(spec30, "/api/texts")["examples"]) == {"index", "history"}
