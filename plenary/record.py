"""The contract `plenary/record@1` as typed dataclasses, with JSON round-trips and a JSON Schema.

Every consumer (the archive, the web pages, the exports) speaks this model. Field names and
vocabularies follow `record-format.md`; fields may be added, never renamed.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union, get_args, get_origin

SCHEMA_ID = "plenary/record@1"

ActorKind = Literal["delegation", "official", "person", "organization", "group", "collective"]
Role = Literal[
    "delegate", "councillor", "ambassador", "minister", "observer", "chair", "vice-chair",
    "secretary-general", "deputy-secretary-general", "director", "legal-adviser",
    "representative", "head",
]
Count = Literal["one", "several", "many", "all"]
TextKind = Literal[
    "resolution", "decision", "recommendation", "council-decision", "council-resolution", "series",
]
OutcomeKind = Literal[
    "adopted", "approved", "noted", "decided", "elected", "postponed", "not-adopted", "withdrawn",
]
Reading = Literal["first", "second", "first-and-second"]
EventKind = Literal["opened", "suspended", "resumed", "closed"]
SourceFormat = Literal["txt", "docx", "pdf", "html"]


@dataclass(slots=True)
class Actor:
    """Someone who takes the floor, supports, is represented, signs or is elected."""

    kind: ActorKind
    country: str | None = None
    id: str | None = None
    role: Role | None = None
    count: Count | None = None
    name: str | None = None
    on_behalf_of: list[Actor] = field(default_factory=list)
    supported_by: list[Actor] = field(default_factory=list)
    # named in the speaker's own clause as opposing it ("opposed by the delegates of X and Y")
    opposed_by: list[Actor] = field(default_factory=list)

    def key(self) -> tuple:
        """Identity of the actor, ignoring its links (used to de-duplicate mentions)."""
        return (self.kind, self.country, self.id, self.role, self.count, self.name)


@dataclass(slots=True)
class TextRef:
    """A resolution, decision, recommendation or series of texts."""

    kind: TextKind
    number: str
    revised: bool = False
    place: str | None = None
    year: int | None = None
    draft: bool = False
    suppressed: bool = False
    label: str = ""


@dataclass(slots=True)
class Outcome:
    """What a paragraph records as decided."""

    kind: OutcomeKind
    objects: list[str] = field(default_factory=list)
    reading: Reading | None = None
    as_amended: bool = False
    conditional: bool = False
    refers_to: str | None = None
    person: Actor | None = None
    post: str | None = None
    method: Literal["acclamation", "ballot"] | None = None
    votes: dict[str, Any] | None = None


@dataclass(slots=True)
class Footnote:
    mark: str
    text: str


@dataclass(slots=True)
class Paragraph:
    """A numbered paragraph, or an unnumbered body line (`number` null)."""

    number: str | None
    text: str
    speakers: list[Actor] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    texts: list[TextRef] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    heading: bool = False


@dataclass(slots=True)
class Item:
    """An agenda item with its heading facts and paragraphs."""

    number: str
    title: str
    continued: bool = False
    documents: list[str] = field(default_factory=list)
    texts: list[TextRef] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    kind: EventKind
    at: str | None
    after_paragraph: str | None = None


@dataclass(slots=True)
class Meeting:
    """Header facts; every field null when the text has no header."""

    symbol: str | None = None
    body: str | None = None
    session: str | None = None
    number: int | None = None
    title: str | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    chairs: list[Actor] = field(default_factory=list)
    original_language: str | None = None
    place: str | None = None
    dates: str | None = None
    agenda: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Source:
    name: str
    sha256: str
    format: SourceFormat


@dataclass(slots=True)
class Warning:
    paragraph: str | None
    message: str


@dataclass(slots=True)
class Record:
    """One parsed summary record."""

    # first in the JSON (fields keep their order, so orjson writes a record as the contract)
    schema: str = field(default=SCHEMA_ID, kw_only=True)
    source: Source
    language: str
    meeting: Meeting = field(default_factory=Meeting)
    items: list[Item] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    signatories: list[Actor] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return from_dict(cls, data)

    def paragraphs(self) -> typing.Iterator[tuple[Item, Paragraph]]:
        for item in self.items:
            for para in item.paragraphs:
                yield item, para


# --- JSON round trip -------------------------------------------------------------------------

_NAMES: dict[type, tuple[str, ...]] = {}


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data for a dataclass tree (the contract's field names, in order)."""
    if dataclasses.is_dataclass(obj):
        names = _NAMES.get(type(obj))
        if names is None:
            names = _NAMES[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, list):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def _hints(cls: type) -> dict[str, Any]:
    cached = _HINTS.get(cls)
    if cached is None:
        cached = _HINTS[cls] = typing.get_type_hints(cls)
    return cached


_HINTS: dict[type, dict[str, Any]] = {}


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (arg,) = get_args(tp)
        return [_convert(arg, v) for v in value]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    return value


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Build a dataclass tree from contract JSON; unknown keys (such as `_note`) are ignored."""
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        key = f.name
        if key in data:
            kwargs[f.name] = _convert(hints[f.name], data[key])
    return cls(**kwargs)


# --- JSON Schema -----------------------------------------------------------------------------


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        nullable = len(inner) < len(get_args(tp))
        options = [_schema_for(a, defs) for a in inner]
        if nullable:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is list:
        return {"type": "array", "items": _schema_for(get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object"}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = _hints(tp)
            props = {
                f.name: _schema_for(hints[f.name], defs)
                for f in dataclasses.fields(tp)
            }
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().splitlines()[0] if tp.__doc__ else "",
                "properties": props,
                "required": [
                    f.name
                    for f in dataclasses.fields(tp)
                    if f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING  # type: ignore[misc]
                ],
            }
        return {"$ref": f"#/$defs/{name}"}
    return {
        str: {"type": "string"},
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        float: {"type": "number"},
        Any: {},
    }.get(tp, {})


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a record, generated from the dataclasses above."""
    defs: dict[str, Any] = {}
    _schema_for(Record, defs)
    root = dict(defs.pop("Record"))
    root["properties"] = dict(root["properties"], schema={"const": SCHEMA_ID})
    root["required"] = ["schema", "source", "language", "meeting", "items", "events",
                        "signatories", "warnings"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://plenary.example/schema/record.schema.json",
        "title": SCHEMA_ID,
        **root,
        "$defs": defs,
    }
