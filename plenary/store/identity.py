"""Which meeting a record belongs to: its identity `(body, session, symbol)`.

From the record's header when it has one; else from what the user says (`--symbol`,
`--session`, `--body`, `--date`), a `NAME.meta.json` sidecar beside the file, or the ITU's
own file name (`S17-CL-C-0124!!MSW-F.docx` is C17/124 in French); else the record is
*unidentified* and known by its file name. `Identity.key` is what groups versions together.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..record import Record

Origin = Literal["header", "given", "sidecar", "file-name", "none"]

LANGUAGE_LETTERS = {"E": "en", "F": "fr", "S": "es", "A": "ar", "C": "zh", "R": "ru"}
_CONFERENCES = {"PP": "plenipotentiary", "WTSA": "wtsa", "WTDC": "wtdc", "WRC": "wrc",
                "RA": "ra", "WTPF": "wtpf", "WCIT": "wcit"}
_SESSION_BODIES = (("council", "council"), ("pp", "plenipotentiary"), ("wtsa", "wtsa"),
                   ("wtdc", "wtdc"), ("wrc", "wrc"), ("ra", "ra"), ("wtpf", "wtpf"),
                   ("wcit", "wcit"))
# S17-CL-C-0124!!MSW-F.docx, S18-PP-C-0112!R1!MSW-E.docx (revision 1), T16-WTSA.16-C-0100!!PDF-E.pdf
_ITU_NAME = re.compile(
    r"^(?P<sector>[SRTD])(?P<yy>\d{2})-(?P<conf>CL|PP|WTSA|WTDC|WRC|RA|WTPF|WCIT)"
    r"(?:\.\d{2})?-(?P<family>C|INF)-(?P<num>\d{1,4})(?:!R(?P<rev>\d+)!|!!)"
    r"(?:MSW|PDF|TXT|HTM|HTML)-(?P<lang>[EFSACR])$", re.IGNORECASE)
_COUNCIL_SYMBOL = re.compile(r"^C(\d{2})/")
_SIDECAR_FIELDS = ("symbol", "session", "body", "date", "language")
_MAX_SIDECAR = 64 * 1024


@dataclass(frozen=True, slots=True)
class Identity:
    """What is known of a meeting's identity, and where it came from."""

    body: str | None = None
    session: str | None = None
    symbol: str | None = None
    date: str | None = None
    language: str | None = None  # the version's language, when the file name or user says it
    origin: Origin = "none"

    @property
    def identified(self) -> bool:
        """True when a symbol, or a session and a date, say which meeting this is."""
        return bool(self.symbol) or bool(self.session and self.date)

    @property
    def key(self) -> str | None:
        """The grouping key (None when unidentified): body, session and symbol, normalised so
        that a header and a file name saying the same meeting give the same key."""
        if not self.identified:
            return None
        full = self.completed()
        body = (full.body or "").strip().lower()
        session = re.sub(r"[\s\-_.]+", "", (full.session or "").lower())
        if full.symbol:
            return f"{body}|{session}|{full.symbol.strip().upper()}"
        return f"{body}|{session}|date:{full.date}"

    def completed(self) -> Identity:
        """Body and session derived from one another or from a council symbol when missing."""
        body, session = self.body, self.session
        m = _COUNCIL_SYMBOL.match(self.symbol or "")
        if m and not session:
            session = f"Council 20{m.group(1)}"
        if m and not body:
            body = "council"
        if session and not body:
            low = session.strip().lower()
            body = next((b for prefix, b in _SESSION_BODIES if low.startswith(prefix)), None)
        return replace(self, body=body, session=session)

    def over(self, other: Identity) -> Identity:
        """This identity, its missing fields taken from `other`."""
        values = {f.name: getattr(self, f.name) or getattr(other, f.name)
                  for f in fields(self) if f.name != "origin"}
        return Identity(**values, origin=self.origin if self.identified else other.origin)


def from_header(record: Record) -> Identity:
    """The identity the record's own header gives (unidentified when it has none)."""
    mt = record.meeting
    if not mt.symbol and not (mt.session and mt.date):
        return Identity()
    return Identity(mt.body, mt.session, mt.symbol, mt.date, record.language, "header")


def from_file_name(name: str) -> Identity:
    """The identity an ITU document file name gives: `S17-CL-C-0124!!MSW-F.docx` is
    council / Council 2017 / C17/124 in French; unidentified for any other name."""
    stem = name.rsplit("/", 1)[-1]
    stem = stem[: stem.rindex(".")] if "." in stem else stem
    m = _ITU_NAME.match(stem)
    if not m:
        return Identity()
    yy, conf, num = m.group("yy"), m.group("conf").upper(), int(m.group("num"))
    language = LANGUAGE_LETTERS[m.group("lang").upper()]
    if conf == "CL":
        infix = "INF/" if m.group("family").upper() == "INF" else ""
        return Identity("council", f"Council 20{yy}", f"C{yy}/{infix}{num}", None, language,
                        "file-name")
    return Identity(_CONFERENCES[conf], f"{conf}-{yy}", str(num), None, language, "file-name")


def sidecars(path: Path) -> list[Path]:
    """Where a sidecar for `path` may be, most specific first: `NAME.EXT.meta.json`,
    `NAME.meta.json`, then `meta.json` for the whole folder."""
    return [path.with_name(path.name + ".meta.json"), path.with_name(path.stem + ".meta.json"),
            path.with_name("meta.json")]


def from_sidecar(path: Path) -> Identity:
    """The identity a sidecar beside `path` gives; raises InputError for a malformed one."""
    for side in sidecars(path):
        if side.is_file():
            return _read_sidecar(side)
    return Identity()


def _read_sidecar(side: Path) -> Identity:
    try:
        if side.stat().st_size > _MAX_SIDECAR:
            raise InputError(side, "sidecar larger than 64 KB")
        data: Any = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(side, f"unreadable sidecar ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise InputError(side, "sidecar is not a JSON object")
    values: dict[str, str | None] = {}
    for name in _SIDECAR_FIELDS:
        value = data.get(name)
        if value is not None and not (isinstance(value, str | int) and len(str(value)) <= 200):
            raise InputError(side, f"sidecar field '{name}' must be a short string")
        values[name] = str(value).strip() or None if value is not None else None
    return Identity(**values, origin="sidecar")


def resolve(record: Record, given: Identity | None = None, path: Path | None = None) -> Identity:
    """The identity of a record: header, else `given` (the command line), else a sidecar,
    else the ITU file name, else unidentified (`Identity().identified` is False)."""
    name = path.name if path is not None else record.source.name
    found = [from_header(record), given or Identity(),
             from_sidecar(path) if path is not None else Identity(), from_file_name(name)]
    for ident in found:
        if ident.identified:
            return ident
    return Identity(language=next((i.language for i in found if i.language), None))


def unidentified_key(name: str) -> str:
    """The grouping key of an unidentified record: its file name without folder and suffix
    (`fr/000.txt`, `en/000.docx` -> `file:000`)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base[: base.rindex(".")] if "." in base[1:] else base
    return f"file:{stem.strip().lower()}"
