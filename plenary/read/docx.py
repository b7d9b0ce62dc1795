"""Word .docx: body paragraphs and tables in order, typed or automatic numbers, real footnotes.

Only the main document story is read: page headers and footers live in other parts, and text
boxes, drawings, deleted text, field codes and hidden runs are skipped. A hard line or page break
inside a paragraph starts a new block, as in Word's text export (the parser joins them later).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from .model import Block
from .text import clean_spaces, split_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
R_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
R_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
MAX_PART_BYTES = 200 * 1024 * 1024  # uncompressed word/document.xml: refuse zip bombs

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


def _reason(exc: BaseException) -> str:
    """An exception's message on one line."""
    return " ".join(str(exc).split()) or type(exc).__name__


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
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
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
                levels[int(_val(lvl, "ilvl") or 0)] = Level(
                    start=int(_val(lvl.find(_q("start"))) or 1),
                    fmt=_val(lvl.find(_q("numFmt"))) or "decimal",
                    text=_val(lvl.find(_q("lvlText"))) or "",
                    restart=_val(lvl.find(_q("lvlRestart"))) != "0",
                    legal=lvl.find(_q("isLgl")) is not None,
                )
            self.abstract[_val(a, "abstractNumId") or ""] = levels
        for n in root.iter(_q("num")):
            overrides = {
                int(_val(o, "ilvl") or 0): int(_val(o.find(_q("startOverride"))) or 1)
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
            counters[ilvl] += 1
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
    def parse(cls, root: etree._Element | None, pretty: dict[str, str]) -> Styles:
        self = cls()
        if root is None:
            return self
        for s in root.iter(_q("style")):
            if s.get(_q("type")) != "paragraph":
                continue
            sid = s.get(_q("styleId")) or ""
            self.names[sid] = pretty.get(sid) or _val(s.find(_q("name"))) or sid
            if base := _val(s.find(_q("basedOn"))):
                self.based_on[sid] = base
            if (numpr := s.find(f"{_q('pPr')}/{_q('numPr')}")) is not None:
                ilvl = _val(numpr.find(_q("ilvl")))
                self.num[sid] = (_val(numpr.find(_q("numId"))), int(ilvl) if ilvl else None)
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
    def parse(cls, root: etree._Element | None, tag: str) -> Notes:
        self = cls()
        if root is None:
            return self
        for note in root.iter(_q(tag)):
            if note.get(_q("type")) not in (None, "normal"):
                continue  # separators
            parts: list[str] = []
            for p in note.iter(_q("p")):
                parts.extend(x if isinstance(x, str) else " " for x in _runs(p))
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


def _clean(text: str) -> str:
    return clean_spaces(text.replace("\t", " "))


# --- paragraphs ------------------------------------------------------------------------------


def _runs(el: etree._Element, ctx: Context | None = None) -> Iterator[object]:
    """Text pieces of a paragraph in order: str, BREAK, or ("note", (mark, text))."""
    for child in el:
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
            code = int(child.get(_q("char")) or "0", 16)
            if code and not 0xE000 <= code <= 0xF8FF:
                yield chr(code)
        elif tag in (_q("footnoteReference"), _q("endnoteReference")):
            if ctx is not None:
                notes = ctx.footnotes if tag == _q("footnoteReference") else ctx.endnotes
                if (note := notes.mark(child.get(_q("id")) or "")) is not None:
                    yield ("note", note)
        elif tag == _q("p"):  # a paragraph nested in a content control
            yield from _runs(child, ctx)
            yield " "
        else:  # runs, hyperlinks, insertions, smart tags, content controls, simple fields
            yield from _runs(child, ctx)


def _para_label(p: etree._Element, ctx: Context, style_id: str | None) -> str | None:
    """The automatic number Word prints before the paragraph, if it is in a list."""
    numpr = p.find(f"{_q('pPr')}/{_q('numPr')}")
    num_id, ilvl = ctx.styles.numbering(style_id)
    if numpr is not None:
        num_id = _val(numpr.find(_q("numId"))) or num_id
        if (lvl := _val(numpr.find(_q("ilvl")))) is not None:
            ilvl = int(lvl)
    if not num_id or num_id == "0":
        return None
    return ctx.numbering.label(num_id, ilvl or 0)


def _paragraph(p: etree._Element, ctx: Context) -> list[Block]:
    style_id = _val(p.find(f"{_q('pPr')}/{_q('pStyle')}")) or ctx.styles.default
    style = ctx.styles.names.get(style_id or "", style_id)
    label = _para_label(p, ctx, style_id)
    segments: list[tuple[list[str], list[tuple[str, str]]]] = [([], [])]
    for piece in _runs(p, ctx):
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
    return blocks


def _table(tbl: etree._Element, ctx: Context) -> list[Block]:
    """One block per row; its cells are the cell texts (merged-away cells are empty)."""
    blocks: list[Block] = []
    for tr in tbl.iterchildren(_q("tr")):
        cells: list[str] = []
        notes: list[tuple[str, str]] = []
        for tc in tr.iterchildren(_q("tc")):
            texts: list[str] = []
            for b in _body(tc, ctx):
                texts.append(" ".join(filter(None, [b.number, b.text])))
                notes.extend(b.footnotes)
            if text := _clean(" ".join(texts)):
                cells.append(text)
        if cells:
            blocks.append(Block(None, " ".join(cells), notes, cells))
    return blocks


def _body(container: etree._Element, ctx: Context) -> Iterator[Block]:
    for child in container:
        if child.tag == _q("p"):
            yield from _paragraph(child, ctx)
        elif child.tag == _q("tbl"):
            yield from _table(child, ctx)
        elif child.tag in (_q("sdt"), _q("sdtContent"), _q("customXml"), _q("ins")):
            yield from _body(child, ctx)


# --- the package -----------------------------------------------------------------------------


def _open(data: bytes, name: str):  # -> docx.document.Document
    """Open the package with python-docx, turning every failure into one clear InputError."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(name, "broken .docx: an old Word .doc or encrypted file, not .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            info = z.getinfo("word/document.xml") if "word/document.xml" in names else None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        what = "a truncated or damaged zip archive" if data[:2] == b"PK" else "not a zip archive"
        raise InputError(name, f"broken .docx: {what}") from None
    if info is None:
        what = next(
            (kind for part, kind in (("xl/workbook.xml", "an Excel workbook"),
                                     ("ppt/presentation.xml", "a PowerPoint presentation"),
                                     ("content.xml", "an OpenDocument file"))
             if part in names),
            "a zip archive",
        )
        raise InputError(name, f"broken .docx: {what} without word/document.xml")
    if info.file_size > MAX_PART_BYTES:
        size = info.file_size
        raise InputError(name, f"broken .docx: word/document.xml too large ({size} bytes)")
    import docx  # python-docx: imported here so .txt reading does not pay for it

    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise InputError(name, f"broken .docx: invalid XML ({_reason(exc)})") from None
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError(name, f"broken .docx: {_reason(exc)}") from None


def _part_xml(document, reltype: str, name: str) -> etree._Element | None:
    """The root element of the part the main document relates to by `reltype`, if any."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            try:
                parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
                return etree.fromstring(part.blob, parser)
            except etree.XMLSyntaxError as exc:
                raise InputError(name, f"broken .docx: invalid XML in {part.partname} "
                                       f"({_reason(exc)})") from None
    return None


def blocks_from_docx(data: bytes, name: str) -> list[Block]:
    """Read a .docx into blocks: paragraphs and table rows of the body, in order."""
    document = _open(data, name)
    try:
        pretty = {s.style_id: s.name for s in document.styles if s.style_id}
        styles_root = document.styles.element
    except Exception:  # a package without a styles part
        pretty, styles_root = {}, None
    ctx = Context(
        Styles.parse(styles_root, pretty),
        Numbering.parse(_part_xml(document, R_NUMBERING, name)),
        Notes.parse(_part_xml(document, R_FOOTNOTES, name), "footnote"),
        Notes.parse(_part_xml(document, R_ENDNOTES, name), "endnote"),
    )
    return list(_body(document.element.body, ctx))
