"""Query-parameter validation shared by the JSON API and the HTML pages.

Every value a client sends is checked here before it reaches the archive: ISO3 codes, ISO
dates, vocabulary words, lengths. A malformed or oversized value raises `BadParam`, which the
app turns into a 400 (`{"error": ...}` for the API, an error page for HTML). A well-formed
value outside the contract's vocabularies is not an error: `Filters.impossible` tells the
caller to answer with an empty result without asking the archive.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any, get_args

from fastapi import Query

from plenary.record import OutcomeKind, Reading

MAX_QUERY = 500
MAX_LABEL = 300
MAX_OFFSET = 100_000
MAX_ID = 2**62

OUTCOME_KINDS: tuple[str, ...] = get_args(OutcomeKind)
READINGS: tuple[str, ...] = get_args(Reading)

_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"^[a-z][a-z-]{0,39}$")
_GROUP = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
_PARA = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadParam(ValueError):
    """A malformed or oversized request parameter (answered with a 400)."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"parameter '{name}': {reason}")


def free_text(name: str, value: str | None, limit: int = MAX_QUERY) -> str | None:
    """Free text: stripped, at most `limit` characters, no control characters; blank -> None."""
    if value is None:
        return None
    if len(value) > limit:
        raise BadParam(name, f"longer than {limit} characters")
    if _CONTROL.search(value):
        raise BadParam(name, "contains control characters")
    value = value.strip()
    return value or None


def iso3(name: str, value: str | None) -> str | None:
    """An ISO 3166-1 alpha-3 code in capitals (`CAN`)."""
    value = free_text(name, value, 16)
    if value is None:
        return None
    if not _ISO3.match(value):
        raise BadParam(name, "expected an ISO 3166-1 alpha-3 code such as CAN")
    return value


def iso_date(name: str, value: str | None) -> str | None:
    """An ISO date `YYYY-MM-DD` that exists in the calendar."""
    value = free_text(name, value, 16)
    if value is None:
        return None
    try:
        if not _DATE.match(value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise BadParam(name, "expected an ISO date YYYY-MM-DD") from None
    return value


def word(name: str, value: str | None) -> str | None:
    """A vocabulary word (`adopted`, `first-and-second`): lower-case letters and hyphens."""
    value = free_text(name, value, 40)
    if value is None:
        return None
    if not _WORD.match(value):
        raise BadParam(name, "expected a lower-case word such as 'adopted'")
    return value


def org_id(name: str, value: str | None) -> str | None:
    """An organisation acronym or group slug (`CEPT`, `african-group`)."""
    value = free_text(name, value, 64)
    if value is None:
        return None
    if not _GROUP.match(value):
        raise BadParam(name, "expected an organisation or group id such as CEPT")
    return value


def paragraph_number(value: str) -> str:
    """A paragraph number as printed (`6.15`)."""
    if not _PARA.match(value or ""):
        raise BadParam("number", "expected a paragraph number such as 6.15")
    return value


def meeting_id(name: str, value: str | int | None) -> int | None:
    """A meeting id: a positive integer."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadParam(name, "expected a meeting id (a positive integer)")
    if isinstance(value, int):
        number = value
    else:
        value = value.strip()
        if not value:
            return None
        if not ascii_digits(value) or len(value) > 12:
            raise BadParam(name, "expected a meeting id (a positive integer)")
        number = int(value)
    if not 1 <= number <= MAX_ID:
        raise BadParam(name, "expected a meeting id (a positive integer)")
    return number


def ascii_digits(value: str) -> bool:
    """True for a non-empty string of ASCII digits only (`str.isdigit` also accepts '²')."""
    return bool(value) and value.isascii() and value.isdigit()


def bounded_int(name: str, value: str | int | None, default: int, low: int, high: int) -> int:
    """An integer within [low, high]; blank gives `default`."""
    if value is None or value == "":
        return default
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, bool) or (isinstance(text, str) and not (
            len(text) <= 20 and ascii_digits(text.removeprefix("-")))):
        raise BadParam(name, "expected an integer")
    try:
        number = int(text)
    except (TypeError, ValueError):
        raise BadParam(name, "expected an integer") from None
    if not low <= number <= high:
        raise BadParam(name, f"expected an integer from {low} to {high}")
    return number


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of search and the decision register, validated."""

    meeting: int | None = None
    country: str | None = None
    group: str | None = None
    kind: str | None = None
    reading: str | None = None
    text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    language: str | None = None

    @property
    def impossible(self) -> bool:
        """True when a well-formed value lies outside the contract's vocabularies."""
        return (self.kind is not None and self.kind not in OUTCOME_KINDS) or (
            self.reading is not None and self.reading not in READINGS)

    @property
    def any(self) -> bool:
        """True when at least one filter is set."""
        return any(v is not None for v in asdict(self).values())

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `plenary.analyse.search` / `decisions`."""
        return asdict(self)

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (API names: `from`, `to`)."""
        names = {"date_from": "from", "date_to": "to"}
        return {names.get(k, k): str(v) for k, v in asdict(self).items() if v is not None}


LANGUAGE_PATTERN = r"^(?:[a-z]{2})?$"  # blank: any (an HTML form sends `language=`)
NAME_LIMIT = 200

# FastAPI parameter declarations: raw strings, validated by `filters()` so that the error
# format is ours (`{"error": ...}`) and the OpenAPI document still lists every parameter.
LanguageCode = Annotated[str | None, Query(
    description="A version's language (fr, en, es, ar, zh, ru)", pattern=LANGUAGE_PATTERN)]
BodyQ = Annotated[str | None, Query(description="A body (council, plenipotentiary, ...)",
                                    max_length=NAME_LIMIT)]
SessionQ = Annotated[str | None, Query(description="A session (Council 2017, PP-18, ...)",
                                       max_length=NAME_LIMIT)]
MeetingQ = Annotated[str | None, Query(description="A meeting id", max_length=MAX_QUERY)]
CountryQ = Annotated[str | None, Query(description="ISO3 code of a speaker", max_length=MAX_QUERY)]
GroupQ = Annotated[str | None, Query(description="Organisation or group id (CEPT, african-group)",
                                     max_length=MAX_QUERY)]
KindQ = Annotated[str | None, Query(description="Outcome kind: " + ", ".join(OUTCOME_KINDS),
                                    max_length=MAX_QUERY)]
ReadingQ = Annotated[str | None, Query(description="Reading: " + ", ".join(READINGS),
                                       max_length=MAX_QUERY)]
TextQ = Annotated[str | None, Query(description="A text label, as in the contract",
                                    max_length=MAX_QUERY)]
FromQ = Annotated[str | None, Query(alias="from", description="ISO date YYYY-MM-DD (inclusive)",
                                    max_length=MAX_QUERY)]
ToQ = Annotated[str | None, Query(alias="to", description="ISO date YYYY-MM-DD (inclusive)",
                                  max_length=MAX_QUERY)]


async def filter_params(meeting: MeetingQ = None, country: CountryQ = None,
                        group: GroupQ = None, kind: KindQ = None, reading: ReadingQ = None,
                        text: TextQ = None, date_from: FromQ = None, date_to: ToQ = None,
                        language: LanguageCode = None) -> Filters:
    """FastAPI dependency: the raw filter values validated into `Filters` (or `BadParam`).
    (`async`: pure checks, run on the event loop rather than sent to a worker thread.)"""
    return Filters(
        meeting=meeting_id("meeting", meeting), country=iso3("country", country),
        group=org_id("group", group), kind=word("kind", kind), reading=word("reading", reading),
        text=free_text("text", text, MAX_LABEL), date_from=iso_date("from", date_from),
        date_to=iso_date("to", date_to), language=language or None,
    )
