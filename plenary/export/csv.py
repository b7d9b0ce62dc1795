"""CSV export: one CSV file per family of facts, each row keyed by meeting and paragraph.

Design: one file per family rather than one long table with a `type` column, because each
family has its own columns and a spreadsheet or `pandas.read_csv` reads each one cleanly:

- `{stem}-paragraphs.csv`    item, item title, paragraph number, text, documents, texts
- `{stem}-interventions.csv` one row per speaker per paragraph, and one per supporter (`as`
                             = `speaker` / `supporter`), with `on_behalf_of` and `supported_by`
- `{stem}-outcomes.csv`      one row per outcome: kind, objects, reading, flags, election facts
- `{stem}-events.csv`        suspensions, resumptions, closing, with time and position

Lists inside a cell are joined with `; `. Every file has a header row. Cells that a spreadsheet
would run as a formula (starting with `=`, `+`, `-`, `@`) are prefixed with `'`.
`decisions_csv` writes the archive's decision register (rows of `plenary.analyse.decisions`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .labels import actor_label, actor_list

FAMILIES = ("paragraphs", "interventions", "outcomes", "events")

_COLUMNS: dict[str, list[str]] = {
    "paragraphs": ["symbol", "date", "item", "item_title", "number", "text", "speakers",
                   "documents", "texts"],
    "interventions": ["symbol", "date", "item", "number", "as", "kind", "country", "id", "role",
                      "name", "label", "on_behalf_of", "supported_by", "supported"],
    "outcomes": ["symbol", "date", "item", "number", "kind", "objects", "reading", "as_amended",
                 "conditional", "refers_to", "person", "post", "method", "votes"],
    "events": ["symbol", "date", "kind", "at", "after_paragraph"],
}

DECISION_COLUMNS = ["date", "session", "meeting_id", "meeting_symbol", "meeting_title", "item",
                    "item_title", "number", "wording", "kind", "objects", "reading",
                    "as_amended", "conditional", "refers_to", "person", "post", "method"]


def safe_cell(value: Any) -> str:
    """A cell as text; lists joined with `; `; formula-looking text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = "; ".join(safe_cell(v) for v in value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def _key(actor: dict[str, Any]) -> str:
    return actor.get("country") or actor.get("id") or actor_label(actor)


def _votes(votes: dict[str, Any] | None) -> str:
    if not votes:
        return ""
    keys = ("for", "against", "abstaining")
    parts = [f"{k}={votes[k]}" for k in keys if votes.get(k) is not None]
    return ", ".join(parts)


def tables(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The record's facts as rows, one list per family (see the module docstring)."""
    meeting = record.get("meeting") or {}
    base = {"symbol": meeting.get("symbol"), "date": meeting.get("date")}
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in FAMILIES}
    for item in record.get("items") or []:
        for para in item.get("paragraphs") or []:
            where = dict(base, item=item.get("number"), number=para.get("number"))
            out["paragraphs"].append(dict(
                where, item_title=item.get("title"), text=para.get("text"),
                speakers=actor_list(para.get("speakers")),
                documents=para.get("documents") or [],
                texts=[t.get("label") for t in para.get("texts") or []],
            ))
            for speaker in para.get("speakers") or []:
                supporters = speaker.get("supported_by") or []
                out["interventions"].append(_intervention(where, "speaker", speaker, supporters))
                for sup in supporters:
                    row = _intervention(where, "supporter", sup, sup.get("supported_by") or [])
                    row["supported"] = _key(speaker)
                    out["interventions"].append(row)
            for outcome in para.get("outcomes") or []:
                person = outcome.get("person")
                out["outcomes"].append(dict(
                    where, kind=outcome.get("kind"), objects=outcome.get("objects") or [],
                    reading=outcome.get("reading"), as_amended=outcome.get("as_amended"),
                    conditional=outcome.get("conditional"), refers_to=outcome.get("refers_to"),
                    person=actor_label(person) if person else None, post=outcome.get("post"),
                    method=outcome.get("method"), votes=_votes(outcome.get("votes")),
                ))
    for event in record.get("events") or []:
        out["events"].append(dict(base, kind=event.get("kind"), at=event.get("at"),
                                  after_paragraph=event.get("after_paragraph")))
    return out


def _intervention(where: dict[str, Any], role_as: str, actor: dict[str, Any],
                  supporters: list[dict[str, Any]]) -> dict[str, Any]:
    return dict(
        where, **{"as": role_as}, kind=actor.get("kind"), country=actor.get("country"),
        id=actor.get("id"), role=actor.get("role"), name=actor.get("name"),
        label=actor_label(actor),
        on_behalf_of=[_key(a) for a in actor.get("on_behalf_of") or []],
        supported_by=[_key(a) for a in supporters], supported=None,
    )


def to_csv(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    """Rows as CSV text with a header row (CRLF line ends, as RFC 4180 says)."""
    return "".join(iter_csv(rows, columns, chunk=1 << 30))


def iter_csv(rows: Iterable[dict[str, Any]], columns: list[str], chunk: int = 500
             ) -> Iterator[str]:
    """Rows as CSV text with a header row, `chunk` rows a piece (for a streamed download:
    never more than one piece in memory)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    pending = 0
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
        pending += 1
        if pending >= chunk:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
            pending = 0
    if buf.tell():
        yield buf.getvalue()


def write(record: dict[str, Any], directory: Path, stem: str) -> list[Path]:
    """Write `{stem}-{family}.csv` for each family; return the paths written."""
    paths = []
    for family, rows in tables(record).items():
        path = Path(directory) / f"{stem}-{family}.csv"
        path.write_text(to_csv(rows, _COLUMNS[family]), encoding="utf-8", newline="")
        paths.append(path)
    return paths


def decision_rows(decisions: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Flatten the rows of `plenary.analyse.decisions` for `DECISION_COLUMNS`."""
    for d in decisions:
        meeting = d.get("meeting") or {}
        person = d.get("person")
        yield dict(
            d, meeting_id=meeting.get("id"), meeting_symbol=meeting.get("symbol"),
            meeting_date=meeting.get("date"), meeting_title=meeting.get("title"),
            person=actor_label(person) if isinstance(person, dict) else person,
        )


def decisions_csv(decisions: Iterable[dict[str, Any]]) -> str:
    """The decision register as CSV text with a header row."""
    return to_csv(decision_rows(decisions), DECISION_COLUMNS)


def iter_decisions_csv(decisions: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The decision register as CSV text, a piece at a time (see `iter_csv`)."""
    return iter_csv(decision_rows(decisions), DECISION_COLUMNS)
