"""Word .docx: body paragraphs and tables in order, typed or automatic numbers, real footnotes.

Only the main document story is read: page headers and footers live in other parts, and text
boxes, drawings, deleted text, field codes and hidden runs are skipped. A hard line or page break
inside a paragraph starts a new block, as in Word's text export (the parser joins them later).

The package is read by `package.Package` within its limits (not by python-docx, which inflates
every part whole); the walks below keep their own stacks, so no file can drive Python's
recursion, and every number a file gives is bounded before it is used.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from .limits import MAX_BLOCKS, MAX_COUNTER, MAX_DEPTH, MAX_LEVEL_TEXT, Deadline, Refused
from .model import Block
from .package import Package
from .text import clean_spaces, split_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
R_FOOTNOTES = (R + "footnotes", R_STRICT + "footnotes")
R_ENDNOTES = (R + "endnotes", R_STRICT + "endnotes")
R_NUMBERING = (R + "numbering", R_STRICT + "numbering")
R_STYLES = (R + "styles", R_STRICT + "styles")
# Style names python-docx (and Word's UI) shows capitalised.
UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header",
            **{f"heading {i}": f"Heading {i}" for i in range(1, 10)}}
INTEGER = re.compile(r"\s*([+-]?)(\d+)\s*")
HEX = re.compile(r"[0-9A-Fa-f]{1,6}")

# Subtrees that hold no printed body text (properties, drawings, text boxes, tracked deletions,
# field instructions, comments).
SKIP = {
    f"{{{W}}}{tag}"
    for tag in (
        "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "drawing", "pict", "object",
        "txbxContent", "del", "moveFrom", "instrText", "delText", "commentReference",
        "footnoteRef", "endnoteRef", "annotationRef", "fldData",
    )
} | {f"{{{MC}}}AlternateContent"}
BREAK = object()  # a hard line, column or page break


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(_q(attr))


def _int(text: str | None, default: int, low: int = 0, high: int = MAX_COUNTER) -> int:
    """A number the file gives, clamped to [low, high]; `default` when it is not a number."""
    m = INTEGER.fullmatch(text) if text and len(text) < 10_000 else None
    if m is None:
        return default
    if len(m.group(2)) > 12:  # past any cap: no need to build the integer
        return low if m.group(1) == "-" else high
    return max(low, min(int(m.group(0)), high))


def _level(text: str | None) -> int:
    """A list level (0-8)."""
    return _int(text, 0, 0, 8)


def _too_deep(part: str) -> Refused:
    return Refused(f".docx part {part} nests elements more than {MAX_DEPTH} levels deep")


# --- numbering -------------------------------------------------------------------------------


@dataclass(slots=True)
class Level:
    """One level of a multilevel list: how its counter starts and how it is printed."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: bool = True
    legal: bool = False


ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _format(n: int, fmt: str) -> str:
    """`n` as a list label in format `fmt`; decimal where the format cannot show it briefly
    (letters past 26 x 4, roman numerals past 3999)."""
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26 * 4:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n <= 3999:
        out, rest = "", n
        for value, digits in ROMAN:
            while rest >= value:
                out, rest = out + digits, rest - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class Numbering:
    """numbering.xml: abstract lists, their instances, and the running counters."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: etree._Element | None) -> Numbering:
        self = cls()
        if root is None:
            return self
        for a in root.iter(_q("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in a.iter(_q("lvl")):
                levels[_level(_val(lvl, "ilvl"))] = Level(
                    start=_int(_val(lvl.find(_q("start"))), 1),
                    fmt=_val(lvl.find(_q("numFmt"))) or "decimal",
                    text=(_val(lvl.find(_q("lvlText"))) or "")[:MAX_LEVEL_TEXT],
                    restart=_val(lvl.find(_q("lvlRestart"))) != "0",
                    legal=lvl.find(_q("isLgl")) is not None,
                )
            self.abstract[_val(a, "abstractNumId") or ""] = levels
        for n in root.iter(_q("num")):
            overrides = {
                _level(_val(o, "ilvl")): _int(_val(o.find(_q("startOverride"))), 1)
                for o in n.iter(_q("lvlOverride"))
                if o.find(_q("startOverride")) is not None
            }
            self.nums[_val(n, "numId") or ""] = (_val(n.find(_q("abstractNumId"))) or "", overrides)
        return self

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter at `ilvl` and return the label as printed, or None."""
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        # Instances of one abstract list share their counters unless they restart it.
        key = f"n{num_id}" if overrides else f"a{abstract_id}"
        counters = self.counters.setdefault(key, [None] * 9)
        ilvl = max(0, min(ilvl, 8))
        level = levels.get(ilvl, Level())
        if counters[ilvl] is None:
            counters[ilvl] = overrides.get(ilvl, level.start)
        else:
            counters[ilvl] = min(counters[ilvl] + 1, MAX_COUNTER * 1000)
        for deeper in range(ilvl + 1, 9):
            if levels.get(deeper, Level()).restart:
                counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return None
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                lk = levels.get(k, Level())
                n = counters[k] if counters[k] is not None else overrides.get(k, lk.start)
                text = text.replace(f"%{k + 1}", _format(n, "decimal" if level.legal else lk.fmt))
        return text


# --- styles ----------------------------------------------------------------------------------


@dataclass
class Styles:
    """styles.xml: display names, inheritance and the numbering a paragraph style carries."""

    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    default: str | None = None

    @classmethod
    def parse(cls, root: etree._Element | None) -> Styles:
        self = cls()
        if root is None:
            return self
        for s in root.iter(_q("style")):
            if s.get(_q("type")) != "paragraph":
                continue
            sid = s.get(_q("styleId")) or ""
            name = _val(s.find(_q("name")))
            self.names[sid] = UI_NAMES.get(name, name) if name else sid
            if base := _val(s.find(_q("basedOn"))):
                self.based_on[sid] = base
            if (numpr := s.find(f"{_q('pPr')}/{_q('numPr')}")) is not None:
                ilvl = _val(numpr.find(_q("ilvl")))
                self.num[sid] = (_val(numpr.find(_q("numId"))), _level(ilvl) if ilvl else None)
            if s.get(_q("default")) in ("1", "true"):
                self.default = sid
        return self

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a style gives its paragraphs, following basedOn."""
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.num:
                return self.num[sid]
            sid = self.based_on.get(sid)
        return None, None


# --- notes -----------------------------------------------------------------------------------


@dataclass
class Notes:
    """Footnote (or endnote) bodies by id, and the marks given in order of reference."""

    bodies: dict[str, str] = field(default_factory=dict)
    count: int = 0

    @classmethod
    def parse(cls, root: etree._Element | None, tag: str, part: str) -> Notes:
        self = cls()
        if root is None:
            return self
        for note in root.iter(_q(tag)):
            if note.get(_q("type")) not in (None, "normal"):
                continue  # separators
            parts: list[str] = []
            for p in _outermost(note, _q("p"), part):
                parts.extend(x if isinstance(x, str) else " " for x in _runs(p, None, part))
                parts.append(" ")
            self.bodies[note.get(_q("id")) or ""] = _clean("".join(parts))
        return self

    def mark(self, note_id: str) -> tuple[str, str] | None:
        if note_id not in self.bodies:
            return None
        self.count += 1
        return str(self.count), self.bodies[note_id]


@dataclass
class Context:
    styles: Styles
    numbering: Numbering
    footnotes: Notes
    endnotes: Notes
    deadline: Deadline
    part: str = "word/document.xml"
    blocks: int = 0  # made so far
    bare_paragraphs_empty: bool = True  # whether a <w:p/> prints nothing (no default list)

    def __post_init__(self) -> None:
        num_id, _ = self.styles.numbering(self.styles.default)
        self.bare_paragraphs_empty = not num_id or num_id == "0"

    def count(self, n: int) -> None:
        """Count `n` more blocks, refusing a file with too many or too slow to read."""
        self.blocks += n
        if self.blocks > MAX_BLOCKS:
            raise Refused(f"more than {MAX_BLOCKS} paragraphs")
        self.deadline.check()


def _outermost(el: etree._Element, tag: str, part: str) -> Iterator[etree._Element]:
    """The descendants of `el` with `tag` that are not inside another one, in order."""
    stack = [iter(el)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == tag:
            yield child
        elif len(child):
            if len(stack) >= MAX_DEPTH:
                raise _too_deep(part)
            stack.append(iter(child))


def _clean(text: str) -> str:
    return clean_spaces(text.replace("\t", " "))


# --- paragraphs ------------------------------------------------------------------------------


def _symbol(code: str | None) -> str | None:
    """The character a w:sym gives, or None: symbol fonts' private-use codes, and codes that
    are not characters at all ("zz", a surrogate such as D800, past U+10FFFF) print nothing."""
    if not code or not HEX.fullmatch(code):
        return None
    n = int(code, 16)
    if n == 0 or 0xD800 <= n <= 0xDFFF or 0xE000 <= n <= 0xF8FF or n > 0x10FFFF:
        return None
    return chr(n)


def _runs(el: etree._Element, ctx: Context | None, part: str) -> Iterator[object]:
    """Text pieces of a paragraph in order: str, BREAK, or ("note", (mark, text)).

    Walked with an explicit stack: runs, hyperlinks, insertions, smart tags, content controls
    and simple fields are entered; a paragraph nested in a content control is followed by a
    space."""
    stack: list[tuple[Iterator[etree._Element], str | None]] = [(iter(el), None)]
    while stack:
        children, trailer = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if trailer is not None:
                yield trailer
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP:
            continue
        if tag == _q("r"):
            rpr = child.find(_q("rPr"))
            if rpr is not None and rpr.find(_q("vanish")) is not None:
                continue  # hidden text is not printed
        if tag == _q("t"):
            yield child.text or ""
        elif tag in (_q("tab"), _q("ptab")):
            yield "\t"
        elif tag in (_q("br"), _q("cr")):
            yield BREAK
        elif tag == _q("noBreakHyphen"):
            yield "-"
        elif tag == _q("sym"):
            if (char := _symbol(child.get(_q("char")))) is not None:
                yield char
        elif tag in (_q("footnoteReference"), _q("endnoteReference")):
            if ctx is not None:
                notes = ctx.footnotes if tag == _q("footnoteReference") else ctx.endnotes
                if (note := notes.mark(child.get(_q("id")) or "")) is not None:
                    yield ("note", note)
        elif len(child):
            if len(stack) >= MAX_DEPTH:
                raise _too_deep(part)
            stack.append((iter(child), " " if tag == _q("p") else None))
        elif tag == _q("p"):
            yield " "


def _para_label(p: etree._Element, ctx: Context, style_id: str | None) -> str | None:
    """The automatic number Word prints before the paragraph, if it is in a list."""
    numpr = p.find(f"{_q('pPr')}/{_q('numPr')}")
    num_id, ilvl = ctx.styles.numbering(style_id)
    if numpr is not None:
        num_id = _val(numpr.find(_q("numId"))) or num_id
        if (lvl := _val(numpr.find(_q("ilvl")))) is not None:
            ilvl = _level(lvl)
    if not num_id or num_id == "0":
        return None
    return ctx.numbering.label(num_id, ilvl or 0)


def _paragraph(p: etree._Element, ctx: Context) -> list[Block]:
    style_id = _val(p.find(f"{_q('pPr')}/{_q('pStyle')}")) or ctx.styles.default
    style = ctx.styles.names.get(style_id or "", style_id)
    label = _para_label(p, ctx, style_id)
    segments: list[tuple[list[str], list[tuple[str, str]]]] = [([], [])]
    for piece in _runs(p, ctx, ctx.part):
        if piece is BREAK:
            segments.append(([], []))
        elif isinstance(piece, tuple):
            segments[-1][1].append(piece[1])
        else:
            segments[-1][0].append(str(piece))
    blocks: list[Block] = []
    for i, (parts, notes) in enumerate(segments):
        raw = "".join(parts)
        if i == 0 and label:
            is_number = split_number(f"{label}\t")[0] is not None
            line = f"{label}\t{raw}" if is_number else f"{label} {raw}"
        else:
            line = raw
        if not line.strip():
            if notes and blocks:
                blocks[-1].footnotes.extend(notes)
            continue
        number, rest = split_number(line)
        cells = [clean_spaces(c) for c in rest.split("\t") if c.strip()]
        blocks.append(Block(number, _clean(rest), list(notes), cells, style))
    ctx.count(len(blocks))
    return blocks


def _table(tbl: etree._Element, ctx: Context, depth: int) -> list[Block]:
    """One block per row; its cells are the cell texts (merged-away cells are empty)."""
    blocks: list[Block] = []
    for tr in tbl.iterchildren(_q("tr")):
        cells: list[str] = []
        notes: list[tuple[str, str]] = []
        for tc in tr.iterchildren(_q("tc")):
            texts: list[str] = []
            for b in _body(tc, ctx, depth + 3):
                texts.append(" ".join(filter(None, [b.number, b.text])))
                notes.extend(b.footnotes)
            if text := _clean(" ".join(texts)):
                cells.append(text)
        if cells:
            blocks.append(Block(None, " ".join(cells), notes, cells))
            ctx.count(1)
    return blocks


def _body(container: etree._Element, ctx: Context, depth: int = 1) -> Iterator[Block]:
    """The blocks of a body, table cell or content control; `depth` is its XML depth (which
    libxml2 bounds, and this checks again so that the recursion stays bounded)."""
    if depth > MAX_DEPTH:
        raise _too_deep(ctx.part)
    for child in container:
        if child.tag == _q("p"):
            if len(child) == 0 and ctx.bare_paragraphs_empty:
                ctx.count(0)  # an empty paragraph prints nothing: only the clock is checked
                continue
            yield from _paragraph(child, ctx)
        elif child.tag == _q("tbl"):
            yield from _table(child, ctx, depth)
        elif child.tag in (_q("sdt"), _q("sdtContent"), _q("customXml"), _q("ins")):
            yield from _body(child, ctx, depth + 1)


# --- the package -----------------------------------------------------------------------------

OTHER_KINDS = (("xl/workbook.xml", "an Excel workbook"),
               ("ppt/presentation.xml", "a PowerPoint presentation"),
               ("content.xml", "an OpenDocument file"))


def _open(data: bytes, name: str, deadline: Deadline) -> tuple[Package, str]:
    """The package and its main part's name, or one clear InputError."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(name, "broken .docx: an old Word .doc or encrypted file, not .docx")
    try:
        package = Package(data, deadline)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        what = "a truncated or damaged zip archive" if data[:2] == b"PK" else "not a zip archive"
        raise InputError(name, f"broken .docx: {what}") from None
    main = package.main_part()
    if main is None:
        what = next((kind for part, kind in OTHER_KINDS if part in package.names),
                    "a zip archive")
        raise InputError(name, f"broken .docx: {what} without word/document.xml")
    return package, main


def blocks_from_docx(data: bytes, name: str, deadline: Deadline | None = None) -> list[Block]:
    """Read a .docx into blocks: paragraphs and table rows of the body, in order."""
    deadline = deadline or Deadline()
    package, main = _open(data, name, deadline)
    try:
        root = package.xml(main)
        body = root.find(_q("body"))
        if body is None:
            raise Refused(f"broken .docx: {main} has no document body")

        def notes(reltypes: tuple[str, ...], tag: str) -> Notes:
            part, root = package.related(main, reltypes)
            return Notes.parse(root, tag, part)

        ctx = Context(
            Styles.parse(package.related(main, R_STYLES)[1]),
            Numbering.parse(package.related(main, R_NUMBERING)[1]),
            notes(R_FOOTNOTES, "footnote"),
            notes(R_ENDNOTES, "endnote"),
            deadline,
            main,
        )
        return list(_body(body, ctx))
    except Refused as exc:
        raise InputError(name, str(exc)) from None
