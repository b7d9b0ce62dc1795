"""Test helper: print a seed .txt as Word would (.docx) and as a PDF export would (.pdf).

The seeds are Word's text export of real records; these functions rebuild the document they came
from, without the export's noise: bookmarks vanish, "[footnoteRef:1]" becomes a real footnote
(a Word footnote in the .docx, a superscript mark and a note at the page bottom in the .pdf), and
a line the export split off (a lowercase continuation) goes back into its paragraph after a line
break, or after a page break where the export left an empty line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from plenary.read.text import clean_spaces, split_number
from plenary.read.txt import BOOKMARK, FOOTNOTE_BODY, FOOTNOTE_REF

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class Para:
    """One paragraph of the source document as Word held it."""

    kind: str  # item (numbered heading), para (numbered), sub (bold heading), event, plain, rows
    number: str | None
    text: str  # typed text after the number; "[footnoteRef:N]" stays where the mark goes
    line: str  # the whole typed line, number and TAB included
    notes: dict[str, str] = field(default_factory=dict)
    breaks: list[tuple[str, str]] = field(default_factory=list)  # ("line"|"page", text)
    rows: list[list[str]] = field(default_factory=list)


def seed_paragraphs(text: str) -> list[Para]:
    """The paragraphs of a seed's text export, its conversion noise taken out."""
    paras: list[Para] = []
    blank = False
    for raw in text.splitlines():
        line = BOOKMARK.sub("", raw)
        if not line.strip():
            blank = bool(paras)
            continue
        notes: dict[str, str] = {}
        marks = set(FOOTNOTE_REF.findall(line))

        def body(m: re.Match[str], marks: set[str] = marks, notes: dict[str, str] = notes) -> str:
            if m.group(1) in marks:
                notes[m.group(1)] = clean_spaces(m.group(2).replace("\t", " "))
                return ""
            return m.group(0)

        line = FOOTNOTE_BODY.sub(body, line)
        number, rest = split_number(line)
        first = rest.lstrip()[:1]
        if number is None and first.islower() and paras:
            paras[-1].breaks.append(("page" if blank else "line", rest))
        elif number is None and "\t" in rest.strip():
            cells = [c.strip() for c in rest.split("\t") if c.strip()]
            if paras and paras[-1].kind == "rows" and not blank:
                paras[-1].rows.append(cells)
            else:
                paras.append(Para("rows", None, rest, line, rows=[cells]))
        else:
            if number:
                kind = "para" if "." in number else "item"
            elif rest.lstrip().startswith("La séance"):
                kind = "event"
            elif not first.isalpha():
                kind = "plain"
            else:
                kind = "sub"
            paras.append(Para(kind, number, rest, line, notes))
        blank = False
    return paras


# --- .docx -----------------------------------------------------------------------------------


def _ensure_styles(doc) -> None:  # doc: docx.document.Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    names = {s.name for s in doc.styles}
    if "Headingb" not in names:
        s = doc.styles.add_style("Headingb", WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = doc.styles["Normal"]
        s.font.bold = True
    if "footnote text" not in {n.lower() for n in names}:
        s = doc.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = doc.styles["Normal"]
        s.font.size = Pt(9)
    if "footnote reference" not in {n.lower() for n in names}:
        s = doc.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        s.font.superscript = True


def _add_text(p, text: str, notes: dict[str, str], state: dict[str, int], **fmt: bool) -> None:
    """Runs for `text`, each "[footnoteRef:N]" turned into a real footnote reference run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    parts = FOOTNOTE_REF.split(text)
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                run = p.add_run(part)
                run.bold = fmt.get("bold") or None
                run.italic = fmt.get("italic") or None
            continue
        if part not in notes:
            continue
        state["next"] += 1
        note_id = state["next"]
        state.setdefault("bodies", {})[note_id] = notes[part]  # type: ignore[index]
        run = p.add_run()
        run.style = "Footnote Reference"
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        run._r.append(ref)


def _footnotes_part(doc, bodies: dict[int, str]) -> None:
    """Add word/footnotes.xml (python-docx has no API for it) and relate it to the document."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    style = doc.styles["Footnote Text"].style_id
    ref_style = doc.styles["Footnote Reference"].style_id
    notes = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        f"</w:p></w:footnote>"
        for i, text in bodies.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def _auto_numbering(doc) -> str:
    """A two-level list "1", "1.1" in numbering.xml, carried by the Heading 1 style; its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="tab"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
        for i, text, indent, hanging in ((0, "%1", 567, 567), (1, "%1.%2", 0, 0))
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/>'
                               "</w:num>"))
    ppr = doc.styles["Heading 1"].element.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/>'
                            '<w:numId w:val="90"/></w:numPr>'))
    return "90"


def _text_box(p, text: str) -> None:
    """An anchored VML text box in the paragraph: drawn on the page, not body text."""
    from docx.oxml import parse_xml

    p._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape style="position:absolute;width:120pt;height:40pt"><v:textbox><w:txbxContent>'
        f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>"
        "</w:pict></w:r>"
    ))


def render_docx(text: str, auto_numbers: bool = False) -> bytes:
    """A .docx of the seed: typed "1.1<TAB>" numbers, or Word automatic numbering."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    doc = docx.Document()
    _ensure_styles(doc)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Compte rendu (copie de test)"
    section.footer.paragraphs[0]._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ))
    num_id = _auto_numbering(doc) if auto_numbers else None
    expected = [0, 0]  # the next automatic item and paragraph numbers
    state: dict[str, int] = {"next": 0}
    for i, para in enumerate(seed_paragraphs(text)):
        if para.kind == "rows":
            table = doc.add_table(rows=0, cols=max(len(r) for r in para.rows))
            for cells in para.rows:
                row = table.add_row().cells
                for cell, value in zip(row, cells, strict=False):
                    cell.text = value
            continue
        style = {"item": "Heading 1", "sub": "Headingb"}.get(para.kind, "Normal")
        p = doc.add_paragraph(style=style)
        typed = para.line
        if num_id and para.number:
            auto = _next_number(expected, para.number)
            if auto:
                typed = para.text.lstrip()
                if para.kind == "para":
                    p._p.get_or_add_pPr().insert(0, parse_xml(
                        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="1"/>'
                        f'<w:numId w:val="{num_id}"/></w:numPr>'))
            elif para.kind == "item":  # a number the list cannot print: typed, list off
                p._p.get_or_add_pPr().insert(0, parse_xml(
                    f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="0"/></w:numPr>'))
        _add_text(p, typed, para.notes, state, italic=para.kind == "event")
        for kind, rest in para.breaks:
            p.add_run().add_break(WD_BREAK.PAGE if kind == "page" else WD_BREAK.LINE)
            _add_text(p, rest, para.notes, state)
        if i == 0:
            _text_box(p, "Cadre de texte hors du corps")
    if state.get("bodies"):
        _footnotes_part(doc, state["bodies"])  # type: ignore[arg-type]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _next_number(expected: list[int], number: str) -> bool:
    """Whether Word's list, continuing from `expected`, prints `number` next (and advance)."""
    parts = number.split(".")
    if len(parts) == 1 and parts[0] == str(expected[0] + 1):
        expected[:] = [expected[0] + 1, 0]
        return True
    if len(parts) == 2 and parts == [str(expected[0]), str(expected[1] + 1)]:
        expected[1] += 1
        return True
    return False


# --- .pdf ------------------------------------------------------------------------------------


def _fonts() -> tuple[str, str, str]:
    """(regular, bold, italic) font names: DejaVu Sans if installed, else Helvetica."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = {
        "Body": "DejaVuSans.ttf", "Body-Bold": "DejaVuSans-Bold.ttf",
        "Body-Italic": "DejaVuSans-Oblique.ttf", "Body-BoldItalic": "DejaVuSans-BoldOblique.ttf",
    }
    if not all((FONT_DIR / f).exists() for f in files.values()):
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    for font, file in files.items():
        if font not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(font, str(FONT_DIR / file)))
    addMapping("Body", 0, 0, "Body")
    addMapping("Body", 1, 0, "Body-Bold")
    addMapping("Body", 0, 1, "Body-Italic")
    addMapping("Body", 1, 1, "Body-BoldItalic")
    return "Body", "Body-Bold", "Body-Italic"


VOWELS = set("aeiouyàâäéèêëîïôöùûü")


def hyphenate(word: str) -> list[tuple[str, str]]:
    """Split points for long words (vowel-consonant-vowel), longest head first."""
    if len(word) < 14 or not word.isalpha():
        return []
    low = word.lower()
    return [
        (word[:i], word[i:])
        for i in range(len(word) - 4, 3, -1)
        if low[i - 1] in VOWELS and low[i] not in VOWELS and low[i + 1] in VOWELS
    ]


def _markup(text: str, notes: dict[str, str], order: dict[str, str]) -> str:
    """reportlab paragraph markup; a footnote mark becomes a superscript that files its note."""
    out: list[str] = []
    for i, part in enumerate(FOOTNOTE_REF.split(text)):
        if i % 2 == 0:
            out.append(escape(part.replace("\t", " ")))
        elif part in notes:
            mark = order.setdefault(part, str(len(order) + 1))
            out.append(f'<super>{mark}</super><onDraw name="footnote" label="{mark}"/>')
    return "".join(out)


def render_pdf(text: str) -> bytes:
    """An A4 PDF of the seed: hanging numbers, running header, page numbers, real footnotes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageBreak,
        PageTemplate,
        Paragraph,
        Table,
        TableStyle,
    )

    regular, bold, italic = _fonts()
    width, height = A4
    margin = 2 * cm
    base = ParagraphStyle(
        "body", fontName=regular, fontSize=11, leading=14, spaceBefore=6,
        bulletFontName=regular, bulletFontSize=11, bulletIndent=0, firstLineIndent=1.25 * cm,
        embeddedHyphenation=1, hyphenationLang=hyphenate, hyphenationMinWordLength=14,
    )
    styles = {
        "para": base,
        "item": ParagraphStyle("item", base, fontName=bold, bulletFontName=bold,
                               leftIndent=1.25 * cm, firstLineIndent=0, spaceBefore=12),
        "sub": ParagraphStyle("sub", base, fontName=bold, firstLineIndent=0, spaceBefore=12),
        "event": ParagraphStyle("event", base, fontName=italic, firstLineIndent=0),
        "plain": ParagraphStyle("plain", base, firstLineIndent=0),
    }
    note_style = ParagraphStyle("note", base, fontSize=9, leading=11, spaceBefore=0,
                                firstLineIndent=0, leftIndent=0.6 * cm, bulletIndent=0,
                                bulletFontSize=9)
    notes: dict[str, str] = {}
    order: dict[str, str] = {}
    pending: list[str] = []

    def on_page(canvas, doc) -> None:
        canvas.setNamedCB("footnote", lambda _canvas, _kind, label: pending.append(label))
        if doc.page > 1:
            canvas.setFont(regular, 9)
            canvas.drawCentredString(width / 2, height - 1.3 * cm, "Compte rendu (copie de test)")

    def on_page_end(canvas, doc) -> None:
        top = 3.8 * cm
        if pending:
            canvas.line(margin, top + 4, margin + 5 * cm, top + 4)
        by_mark = {mark: notes[key] for key, mark in order.items()}
        for mark in pending:
            p = Paragraph(f"<super>{mark}</super>&nbsp;{escape(by_mark[mark])}", note_style)
            _, h = p.wrapOn(canvas, width - 2 * margin, 3 * cm)
            p.drawOn(canvas, margin, top - h)
            top -= h + 2
        pending.clear()
        canvas.setFont(regular, 10)
        canvas.drawCentredString(width / 2, 1.2 * cm, f"- {doc.page} -")

    frame = Frame(margin, 4.2 * cm, width - 2 * margin, height - 6.7 * cm, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, title="Compte rendu (copie de test)")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=on_page, onPageEnd=on_page_end)])
    story: list = []
    for para in seed_paragraphs(text):
        notes.update(para.notes)
        if para.kind == "rows":
            table = Table([[Paragraph(escape(c), styles["plain"]) for c in row]
                           for row in para.rows], colWidths=[(width - 2 * margin) / 2] * 2)
            table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
            continue
        style = styles[para.kind]
        body = _markup(para.text.lstrip(), para.notes, order)
        tail: list[str] = []
        for kind, rest in para.breaks:
            if kind == "line" and not tail:
                body += "<br/>" + _markup(rest, para.notes, order)
            else:
                tail.append(rest)
        story.append(Paragraph(body, style, bulletText=para.number))
        for rest in tail:
            story += [PageBreak(), Paragraph(_markup(rest, para.notes, order), styles["plain"])]
    doc.build(story)
    return out.getvalue()
