"""PDF: rebuild printed paragraphs from the text layer's geometry (pdfminer.six, MIT licence).

Characters are grouped into lines by baseline; running headers, footers and page numbers are
dropped; the smaller-type lines at a page's foot are its footnotes, matched to the superscript
marks in the body. Lines are then joined into paragraphs: a number at the left margin followed by
a wide gap (Word's TAB) opens one, and so do extra line spacing, a change of type, or a line that
ended early (the next line's first word would have fitted). A paragraph carries over a page break
when the page's last line ran to the right margin. Line-end hyphens are removed only where a word
was split: a soft hyphen, or a word that the document also prints whole.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from .limits import MAX_BLOCKS, MAX_PAGES, Deadline, Refused
from .model import Block
from .text import clean_spaces

NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")
PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:page|p\.|seite|página)?\s*\d{1,4}(?:\s*(?:/|of|sur|de)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_][\w'’-]*")
SPACE = " \u00a0\u2007\u202f\t"
SOFT_HYPHEN = "\u00ad"


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


@dataclass(slots=True)
class Char:
    """One glyph: its text, box, baseline, size and font."""

    text: str
    x0: float
    x1: float
    y0: float
    base: float
    size: float
    font: str


@dataclass
class Line:
    """Glyphs on one baseline of one page, left to right."""

    page: int
    chars: list[Char]
    base: float = 0.0
    size: float = 0.0
    sup: list[bool] = field(default_factory=list)  # which chars are raised and smaller
    style: tuple[bool, bool] | None = None  # (bold, italic), worked out once

    def __post_init__(self) -> None:
        self.chars.sort(key=lambda c: c.x0)
        sizes = Counter(round(c.size, 1) for c in self.chars if c.text not in SPACE)
        self.size = sizes.most_common(1)[0][0] if sizes else self.chars[0].size
        normal = sorted(c.y0 for c in self.chars if c.size >= self.size * 0.95)
        bottom = normal[len(normal) // 2] if normal else self.chars[0].y0
        self.sup = [c.size <= self.size * 0.85 and c.y0 - bottom > self.size * 0.2
                    for c in self.chars]
        self.base = max(c.base for c, s in zip(self.chars, self.sup, strict=True) if not s) \
            if not all(self.sup) else self.chars[0].base

    @property
    def x0(self) -> float:
        return next((c.x0 for c in self.chars if c.text not in SPACE), self.chars[0].x0)

    @property
    def x1(self) -> float:
        return max((c.x1 for c in self.chars if c.text not in SPACE), default=self.chars[-1].x1)

    def text(self) -> str:
        return "".join(t for t, _ in self.pieces())

    def pieces(self, gap: float = 1.2) -> list[tuple[str, bool]]:
        """(text, is_superscript) runs, with spaces where glyphs stand apart and "\\t" where
        the gap is wider than `gap` times the type size (a TAB or a table column)."""
        out: list[tuple[str, bool]] = []
        last_end: float | None = None
        for c, sup in zip(self.chars, self.sup, strict=True):
            if c.text in SPACE:
                continue
            if last_end is not None:
                d = c.x0 - last_end
                sep = "\t" if d > gap * self.size else " " if d > 0.15 * self.size else ""
                if sep:
                    out.append((sep, False))
            out.append((c.text, sup))
            last_end = c.x1
        return out

    def bold(self) -> bool:
        return self._style()[0]

    def italic(self) -> bool:
        return self._style()[1]

    def _style(self) -> tuple[bool, bool]:
        """(bold, italic): whether nine glyphs in ten are set in such a font."""
        if self.style is None:
            fonts = [c.font.lower() for c in self.chars if c.text not in SPACE]
            need = 0.9 * len(fonts) if fonts else 1
            bold = sum(any(k in f for k in ("bold", "black", "heavy")) for f in fonts)
            italic = sum("italic" in f or "oblique" in f for f in fonts)
            self.style = (bold >= need, italic >= need)
        return self.style

    def lead_width(self, words: int = 2) -> float:
        """Width of the line's first `words` words. A no-break space binds its neighbours
        where the text layer shows it; where it shows a plain space, counting two words
        keeps "16 novembre" from looking as if "16" alone had been pushed down."""
        glyphs = [c for c in self.chars if c.text.strip() or c.text == "\u00a0"]
        end = glyphs[0].x1
        for a, b in zip(glyphs, glyphs[1:], strict=False):
            if b.x0 - a.x1 > 0.15 * self.size and "\u00a0" not in (a.text, b.text):
                words -= 1
                if words == 0:
                    break
            end = b.x1
        return end - glyphs[0].x0


# --- extraction ------------------------------------------------------------------------------


def _pages(data: bytes, name: str, deadline: Deadline) -> list[tuple[float, list[Char]]]:
    """(page height, glyphs) for every page; InputError when the file is not a readable PDF."""
    head = data[:1024]
    if b"%PDF-" not in head:
        raise InputError(name, "broken .pdf: not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(name, "broken .pdf: truncated (no %%EOF at the end)")
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from . import pdfguard

    def glyphs(item) -> list[Char]:
        """The upright glyphs of a page's layout, walked with an explicit stack."""
        out: list[Char] = []
        stack = [iter(item)]
        while stack:
            x = next(stack[-1], None)
            if x is None:
                stack.pop()
            elif isinstance(x, LTChar):
                m = x.matrix
                if x.upright and abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6 and x.size > 0:
                    out.append(Char(x.get_text(), x.x0, x.x1, x.y0, m[5], x.size, x.fontname))
            elif isinstance(x, LTContainer):
                stack.append(iter(x))
        return out

    pdfguard.install()
    pages: list[tuple[float, list[Char]]] = []
    try:
        with pdfguard.Budget(deadline):
            document = pdfguard.BoundedDocument(PDFParser(io.BytesIO(data)))
            manager = PDFResourceManager(caching=True)
            device = pdfguard.BoundedAggregator(manager, laparams=None)
            interpreter = pdfguard.BoundedInterpreter(manager, device)
            for page in PDFPage.create_pages(document):
                if len(pages) >= MAX_PAGES:
                    raise Refused(f"PDF has more than {MAX_PAGES} pages")
                deadline.check()
                interpreter.process_page(page)
                layout = device.get_result()
                pages.append((layout.height, glyphs(layout)))
    except PDFPasswordIncorrect:
        raise InputError(name, "broken .pdf: encrypted, a password is needed") from None
    except RecursionError:  # pdfminer walks name and number trees recursively
        raise InputError(name, "broken .pdf: objects nested too deeply (a cycle?)") from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise InputError(name, f"broken .pdf: {_reason(exc)}") from None
    if not pages:
        raise InputError(name, "broken .pdf: no pages")
    chars = [c for _, cs in pages for c in cs]
    if not any(c.text.strip() for c in chars):
        raise InputError(name, "PDF has no text layer (scanned?)")
    if sum(c.text.startswith("(cid:") for c in chars) > 0.3 * len(chars):
        raise InputError(name, "PDF text layer cannot be decoded (fonts without Unicode map)")
    return pages


def _lines(page: int, chars: list[Char]) -> list[Line]:
    """Group a page's glyphs by baseline, top to bottom; raised small glyphs drawn on a
    baseline of their own (superscripts) go with the line they sit on."""
    groups: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: -c.base):
        if groups and abs(groups[-1][0].base - c.base) <= max(1.0, 0.1 * c.size):
            groups[-1].append(c)
        else:
            groups.append([c])
    lines: list[Line] = []
    for i, g in enumerate(groups):
        size = max(c.size for c in g)
        below = groups[i + 1] if i + 1 < len(groups) else None
        if below is not None and size <= 0.85 * max(c.size for c in below) and \
                g[0].base - below[0].base < 0.6 * max(c.size for c in below):
            below.extend(g)
            continue
        if any(c.text.strip() for c in g):
            lines.append(Line(page, g))
    return lines


# --- page furniture and footnotes ------------------------------------------------------------


def _drop_furniture(pages: list[list[Line]], body_size: float) -> None:
    """Remove running headers and footers and page numbers (in place)."""
    def key(line: Line) -> tuple[int, str]:
        return round(line.base), re.sub(r"\d+", "#", clean_spaces(line.text()))

    def candidates(lines: list[Line]) -> list[Line]:
        """The first and last lines of a page, if set apart from the body by a wide gap."""
        out: dict[int, Line] = {}
        for seq in (lines, lines[::-1]):
            for i in range(min(2, len(seq))):
                nxt = seq[i + 1] if i + 1 < len(seq) else None
                if nxt is not None and abs(seq[i].base - nxt.base) <= 2.5 * body_size:
                    break
                out[id(seq[i])] = seq[i]
        return list(out.values())

    seen = Counter(key(line) for lines in pages for line in candidates(lines))
    need = max(2, len(pages) // 2)
    for lines in pages:
        for line in candidates(lines):
            repeated = len(pages) > 1 and seen[key(line)] >= need
            if repeated or PAGE_NUMBER.match(line.text()):
                lines.remove(line)


def _split_notes(lines: list[Line], body_size: float) -> dict[str, str]:
    """Take the footnotes (the smaller-type lines at the foot) off a page: {mark: text}."""
    k = len(lines)
    while k > 0 and lines[k - 1].size < 0.9 * body_size:
        k -= 1
    if k == 0 or k == len(lines):
        return {}
    notes: list[list[str]] = []  # [mark, line texts...]
    for line in lines[k:]:
        pieces = line.pieces()
        body = next((i for i, (_, sup) in enumerate(pieces) if not sup), len(pieces))
        lead = "".join(t for t, _ in pieces[:body])
        text = "".join(t for t, _ in pieces[body:]).strip()
        if not lead and not notes and (m := re.match(r"(\d{1,3}|[*†‡])\s+", text)):
            lead, text = m.group(1), text[m.end():]
        if lead or not notes:
            notes.append([lead.strip(), text])
        else:
            notes[-1].append(text)
    del lines[k:]
    return {n[0]: clean_spaces(_join_lines(n[1:], set())) for n in notes if n[0]}


# --- paragraphs ------------------------------------------------------------------------------


def _join_lines(texts: list[str], vocabulary: set[str]) -> str:
    """Join the lines of one paragraph, mending words split by a line-end hyphen (in time
    linear in the paragraph: the pieces are joined once, at the end)."""
    out: list[str] = []
    for text in texts:
        text = text.strip()
        last = out[-1] if out else ""
        if not out:
            out.append(text)
        elif last.endswith(SOFT_HYPHEN):
            out[-1] = last[:-1]
            out.append(text)
        elif last.endswith("-") and (m := re.search(r"([^\W\d_]+)-$", last)):
            head = m.group(1)
            tail = re.match(r"[^\W\d_]*", text).group(0)  # type: ignore[union-attr]
            whole, compound = (head + tail).lower(), f"{head}-{tail}".lower()
            # A word split by hyphenation unless the document prints the hyphen elsewhere,
            # the second part is a capitalised name, or it is a word of its own (vice-président).
            split = whole in vocabulary or not (
                compound in vocabulary or not tail[:1].islower() or tail.lower() in vocabulary
            )
            if split:
                out[-1] = last[:-1]
            out.append(text)
        else:
            out.extend((" ", text))
    return "".join(out).replace(SOFT_HYPHEN, "")


def _vocabulary(lines: list[Line]) -> set[str]:
    """Words printed whole (not at a line's ends), and the parts of hyphenated ones."""
    words: set[str] = set()
    for line in lines:
        for w in WORD.findall(line.text())[1:-1]:
            w = w.lower().strip("-'’")
            words.add(w)
            words.update(w.split("-"))
    return words


@dataclass
class Para:
    lines: list[Line]
    number: str | None
    texts: list[str]
    marks: list[str]


def _strip_marks(line: Line, notes: dict[str, str], gap: float = 1.2) -> tuple[str, list[str]]:
    """A line's text without its footnote marks, and the marks found."""
    out: list[str] = []
    marks: list[str] = []
    run = ""
    for text, sup in [*line.pieces(gap), ("", False)]:
        if sup:
            run += text
            continue
        if run:
            if run.strip() in notes:
                marks.append(run.strip())
            else:
                out.append(run)
            run = ""
        out.append(text)
    return "".join(out), marks


def blocks_from_pdf(data: bytes, name: str, deadline: Deadline | None = None) -> list[Block]:
    """Read a PDF's text layer into blocks, one per printed paragraph."""
    raw = _pages(data, name, deadline or Deadline())
    pages = [_lines(i, chars) for i, (_, chars) in enumerate(raw)]
    sizes = Counter(round(c.size, 1) for _, cs in raw for c in cs if c.text not in SPACE)
    body_size = sizes.most_common(1)[0][0]
    _drop_furniture(pages, body_size)
    notes = [_split_notes(lines, body_size) for lines in pages]
    all_notes = {m: t for page in notes for m, t in page.items()}
    body = [line for lines in pages for line in lines]
    if not body:
        raise InputError(name, "PDF has no body text")

    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    ends = sorted(line.x1 for line in body if len(line.chars) > 20) or [max(x.x1 for x in body)]
    right = ends[int(0.98 * (len(ends) - 1))]
    steps = Counter(
        round(b.base - a.base, 1) * -1
        for a, b in zip(body, body[1:], strict=False)
        if a.page == b.page and abs(a.size - b.size) < 0.5
    )
    pitch = next((s for s, _ in steps.most_common() if s > 0), body_size * 1.2)
    vocabulary = _vocabulary(body)

    paras: list[Para] = []
    prev: tuple[Line, str] | None = None
    page_notes: dict[str, str] = {}
    page = -1
    for line in body:
        if line.page != page:
            page, page_notes = line.page, {**all_notes, **notes[line.page]}
        if len(paras) > MAX_BLOCKS:
            raise InputError(name, f"more than {MAX_BLOCKS} paragraphs")
        text, marks = _strip_marks(line, page_notes)
        number = None
        # The number before Word's TAB: the gap may be narrow where a long number overran
        # the tab stop, but is always wider than a space.
        head, sep, _ = _strip_marks(line, page_notes, gap=0.5)[0].partition("\t")
        if sep and NUMBER.match(head.strip()) and abs(line.x0 - left) < 3:
            number, text = head.strip().rstrip("."), text[len(head):].lstrip()
        if prev is None or number or _breaks(prev, (line, text), pitch, right):
            paras.append(Para([line], number, [text], marks))
        else:
            paras[-1].lines.append(line)
            paras[-1].texts.append(text)
            paras[-1].marks.extend(marks)
        prev = line, text

    blocks: list[Block] = []
    for p in paras:
        joined = _join_lines(p.texts, vocabulary)
        footnotes = [(m, notes[p.lines[0].page].get(m) or all_notes[m]) for m in p.marks]
        cells = [clean_spaces(c) for c in joined.split("\t") if c.strip()]
        style = "bold" if all(x.bold() for x in p.lines) else \
            "italic" if all(x.italic() for x in p.lines) else None
        blocks.append(Block(p.number, clean_spaces(joined.replace("\t", " ")), footnotes,
                            cells, style))
    return blocks


def _breaks(a: tuple[Line, str], b: tuple[Line, str], pitch: float, right: float) -> bool:
    """Whether line `b` starts a new paragraph after line `a` (each with its text after the
    paragraph number)."""
    (la, ta), (lb, tb) = a, b
    if "\t" in ta.strip() or "\t" in tb.strip():
        return True  # table rows and tabbed lines stand alone
    if abs(la.size - lb.size) > 0.5 or la.bold() != lb.bold() or la.italic() != lb.italic():
        return True
    if la.page == lb.page and la.base - lb.base > 1.3 * pitch:
        return True
    if ta.rstrip().endswith((SOFT_HYPHEN, "-")):
        return False  # a word carried over
    return la.x1 + 0.3 * la.size + lb.lead_width() <= right + 0.5
