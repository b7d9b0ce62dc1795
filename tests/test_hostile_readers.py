"""Hostile files, built here: each ends with a Document or the one-line InputError, never a
hang, a traceback or a MemoryError, both through the readers and through `plenary parse`.

The only time bound is the CLI's subprocess timeout (60 s), which only a hang can trip.
"""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from test_bad_input import assert_cli_refuses

from plenary.errors import InputError
from plenary.read import MAX_BYTES, check_regular_file, read_bytes, read_path, sanitise
from plenary.read.limits import (
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_ELEMENTS,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_STREAM_BYTES,
    Deadline,
    Refused,
    time_limit,
)
from plenary.read.pdf import blocks_from_pdf
from plenary.read.txt import MAX_LINES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PARA = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"

# --- building .docx files --------------------------------------------------------------------


def _rels(targets: dict[str, str]) -> bytes:
    items = "".join(f'<Relationship Id="rId{i}" Type="{REL}{kind}" Target="{target}"/>'
                    for i, (kind, target) in enumerate(targets.items(), 1))
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{items}</Relationships>').encode()


CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')


def docx(body: str, parts: dict[str, bytes | Iterable[bytes]] | None = None) -> bytes:
    """A .docx whose body is `body` (WordprocessingML), with extra parts related to it by
    name (word/numbering.xml, word/footnotes.xml, word/styles.xml). A part given as an
    iterable of chunks is streamed into the zip, so that a huge part costs no memory here."""
    parts = dict(parts or {})
    kinds = {"word/numbering.xml": "numbering", "word/footnotes.xml": "footnotes",
             "word/styles.xml": "styles"}
    document = (f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}'
                "</w:body></w:document>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", _rels({"officeDocument": "word/document.xml"}))
        z.writestr("word/_rels/document.xml.rels",
                   _rels({kinds[p]: p.split("/")[1] for p in parts if p in kinds}))
        z.writestr("word/document.xml", document)
        for name, data in parts.items():
            if isinstance(data, bytes):
                z.writestr(name, data)
            else:
                with z.open(name, "w", force_zip64=True) as f:
                    for chunk in data:
                        f.write(chunk)
    return out.getvalue()


def _repeat(chunk: bytes, total: int, head: bytes = b"", tail: bytes = b"") -> Iterator[bytes]:
    yield head
    block = chunk * max(1, (1 << 20) // len(chunk))
    for _ in range(total // len(block) + 1):
        yield block
    yield tail


def many_parts_docx(n: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
        for i in range(n):
            z.writestr(f"word/media/p{i}.xml", b"")
    return out.getvalue()


def numbering_docx(start: str, fmt: str) -> bytes:
    numbering = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
                 f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    numbered = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                "</w:pPr><w:r><w:t>{}</w:t></w:r></w:p>")
    body = numbered.format("Ouverture de la séance") + numbered.format("Adoption de l'ordre")
    return docx(body, {"word/numbering.xml": numbering.encode()})


def nested_hyperlinks_docx(depth: int) -> bytes:
    inner = "<w:r><w:t>deep</w:t></w:r>"
    note = "<w:hyperlink>" * depth + inner + "</w:hyperlink>" * depth
    footnotes = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p>{note}</w:p>'
                 "</w:footnote></w:footnotes>")
    body = ('<w:p><w:r><w:t>Le Président ouvre la séance.</w:t></w:r>'
            '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>')
    return docx(body, {"word/footnotes.xml": footnotes.encode()})


def sym_docx(chars: list[str]) -> bytes:
    syms = "".join(f'<w:r><w:sym w:font="Arial" w:char="{c}"/></w:r>' for c in chars)
    return docx(f"<w:p><w:r><w:t>Avant</w:t></w:r>{syms}<w:r><w:t>après</w:t></w:r></w:p>")


def empty_paragraph_bomb(size: int) -> bytes:
    """A .docx whose document.xml is `size` bytes of empty paragraphs (a few hundred KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", _rels({"officeDocument": "word/document.xml"}))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for chunk in _repeat(b"<w:p/>", size, f'<w:document xmlns:w="{W_NS}"><w:body>'
                                 .encode(), b"</w:body></w:document>"):
                f.write(chunk)
    return out.getvalue()


def huge_styles_docx(size: int) -> bytes:
    head = f'<w:styles xmlns:w="{W_NS}">'.encode()
    return docx(PARA.format("Texte"),
                {"word/styles.xml": _repeat(b" ", size, head, b"</w:styles>")})


def lying_header_docx(size: int) -> bytes:
    """A part whose local and central headers say 10 bytes but which inflates to `size`."""
    data = huge_styles_docx(size)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/styles.xml")
    # the zip64 size fields of the local and central headers
    return data.replace(info.file_size.to_bytes(8, "little"), (10).to_bytes(8, "little"))


# --- building PDF files ----------------------------------------------------------------------


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with these objects (numbered from 1), a correct xref table and a trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page_pdf(content: bytes, filters: bytes = b"") -> bytes:
    """One page drawing `content` (already encoded by `filters`) in Helvetica."""
    stream = b"<< /Length %d %s >>\nstream\n" % (len(content), filters) + content + \
        b"\nendstream"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream,
        FONT,
    ])


TEXT = b"BT /F1 12 Tf 72 720 Td (1 Ouverture de la seance) Tj ET"


def flate_bomb(size: int) -> bytes:
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = z.compress(TEXT + b"\n") + b"".join(z.compress(chunk) for _ in range(size >> 20))
    return page_pdf(data + z.flush(), b"/Filter /FlateDecode")


def kids_cycle_pdf() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>",
                b"<< /Type /Pages /Kids [2 0 R] /Parent 3 0 R /Count 1 >>"])


def reference_cycle_pdf() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R"])


def self_parent_pdf() -> bytes:
    """123 bytes or so: the catalog is its own page tree."""
    return b"%PDF-1.0\n1 0 obj<</Type/Pages/Kids[1 0 R]/Parent 1 0 R/Pages 1 0 R>>endobj\n" \
        b"trailer<</Root 1 0 R>>\n%%EOF\n"


def _one_page(catalog: bytes, resources: bytes, content: bytes, *extra: bytes) -> bytes:
    return pdf([catalog, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources " + resources + b" >>",
                b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                FONT, *extra])


def page_labels_cycle_pdf() -> bytes:
    """A page-label number tree whose /Kids hold itself."""
    return _one_page(b"<< /Type /Catalog /Pages 2 0 R /PageLabels 6 0 R >>",
                     b"<< /Font << /F1 5 0 R >> >>", TEXT, b"<< /Kids [6 0 R] >>")


def xobject_cycle_pdf() -> bytes:
    """A form XObject that draws itself."""
    return _one_page(b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >>", TEXT + b" /X Do",
                     b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                     b"/Resources << /XObject << /X 6 0 R >> >> /Length 5 >>\n"
                     b"stream\n/X Do\nendstream")


def cmap_bomb_pdf() -> bytes:
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
            b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
            b"endcmap end end\n")
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length 40 >>\nstream\nBT /F1 12 Tf 72 720 Td <0041> Tj ET    \nendstream",
        font,
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (A) "
        b"/Ordering (B) /Supplement 0 >> /W [0 4000000000 500] >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
    ])


# --- the cases -------------------------------------------------------------------------------

MB = 1 << 20
CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "pdf-kids-cycle": ("cycle.pdf", kids_cycle_pdf, "broken .pdf"),
    "pdf-reference-cycle": ("refs.pdf", reference_cycle_pdf, "reference cycle"),
    "pdf-self-parent": ("tiny.pdf", self_parent_pdf, "broken .pdf"),
    "pdf-page-labels-cycle": ("labels.pdf", page_labels_cycle_pdf, "broken .pdf"),
    "pdf-flate-bomb": ("bomb.pdf", lambda: flate_bomb(MAX_STREAM_BYTES + 4 * MB),
                       "a PDF stream expands past 64 MB"),
    "pdf-cmap-bomb": ("cmap.pdf", cmap_bomb_pdf, "has more than 1000000 entries"),
    "docx-empty-paragraph-bomb": ("empty.docx", lambda: empty_paragraph_bomb(MAX_PART_BYTES + MB),
                                  ".docx part word/document.xml expands past 64 MB"),
    "docx-element-bomb": ("many.docx", lambda: empty_paragraph_bomb(6 * (MAX_ELEMENTS + 10)),
                          f"has more than {MAX_ELEMENTS} XML elements"),
    "docx-huge-styles": ("styles.docx", lambda: huge_styles_docx(MAX_PART_BYTES + MB),
                         ".docx part word/styles.xml expands past 64 MB"),
    "docx-lying-header": ("lying.docx", lambda: lying_header_docx(MAX_PART_BYTES + MB),
                          "word/styles.xml"),
    "docx-many-parts": ("parts.docx", lambda: many_parts_docx(MAX_PARTS + 1),
                        f".docx has more than {MAX_PARTS} parts"),
    "txt-many-lines": ("lines.txt", lambda: b"a" + b"\n" * (MAX_LINES + 1),
                       f"more than {MAX_LINES} lines"),
    "txt-many-paragraphs": ("paras.txt", lambda: b"a\n" * (MAX_BLOCKS + 1),
                            f"more than {MAX_BLOCKS} paragraphs"),
    "docx-nested-hyperlinks": ("links.docx", lambda: nested_hyperlinks_docx(1500),
                               f"nests elements more than {MAX_DEPTH} levels deep"),
}


@pytest.fixture(params=sorted(CASES))
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    name, make, reason = CASES[request.param]
    path = tmp_path / name
    path.write_bytes(make())
    return path, reason


def _assert_refused(path: Path, reason: str) -> None:
    with pytest.raises(InputError) as info:
        read_path(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert reason in message, message
    assert "\n" not in message


def test_hostile_file_refused(hostile: tuple[Path, str]) -> None:
    _assert_refused(*hostile)


def test_hostile_file_cli(hostile: tuple[Path, str]) -> None:
    assert_cli_refuses(*hostile, timeout=60)


def test_hostile_files_are_small() -> None:
    """The bombs are small on disk: the readers must refuse them by what they expand to."""
    assert len(flate_bomb(MAX_STREAM_BYTES + 4 * MB)) < 200_000
    assert len(empty_paragraph_bomb(MAX_PART_BYTES + MB)) < 400_000


# --- files that are read, with their hostile parts bounded -----------------------------------


@pytest.mark.parametrize("fmt", ["upperRoman", "lowerLetter", "decimal"])
def test_docx_numbering_start_is_capped(fmt: str) -> None:
    doc = read_bytes(numbering_docx("100000000000000000000", fmt), "numbers.docx")
    assert [(b.number, b.text) for b in doc.blocks] == [
        (None, "32767. Ouverture de la séance"), (None, "32768. Adoption de l'ordre")]


def test_docx_numbering_small_values_keep_their_format() -> None:
    doc = read_bytes(numbering_docx("4", "upperRoman"), "roman.docx")
    assert [b.text.split()[0] for b in doc.blocks] == ["IV.", "V."]


@pytest.mark.parametrize("start", ["x", "1e5", "9" * 5000, "-3"])
def test_docx_numbering_garbage_start(start: str) -> None:
    doc = read_bytes(numbering_docx(start, "decimal"), "garbage.docx")
    assert doc.blocks[0].text.endswith("Ouverture de la séance")
    assert len(doc.blocks[0].text) < 60


def test_docx_sym_garbage_ignored() -> None:
    doc = read_bytes(sym_docx(["zz", "D800", "DFFF", "110000", "", "0041"]), "sym.docx")
    assert [b.text for b in doc.blocks] == ["AvantAaprès"]
    json.dumps([b.text for b in doc.blocks], ensure_ascii=False).encode("utf-8")


def test_docx_nesting_within_limit_is_read() -> None:
    doc = read_bytes(nested_hyperlinks_docx(200), "links.docx")
    assert doc.blocks[0].footnotes == [("1", "deep")]


def test_pdf_xobject_cycle_is_read() -> None:
    doc = read_bytes(xobject_cycle_pdf(), "xobject.pdf")
    assert [b.text for b in doc.blocks] == ["1 Ouverture de la seance"]


def test_deadline_interrupts_a_busy_loop() -> None:
    """The timer stops pure-Python work that checks nothing (as a library loop would)."""
    with pytest.raises(Refused, match=r"reading it took longer than 0\.2 s"), \
            time_limit(Deadline(0.2)):
        while True:
            pass


def test_deadline_checked_while_reading_a_pdf() -> None:
    with pytest.raises(Refused, match="took longer than"):
        blocks_from_pdf(page_pdf(TEXT), "late.pdf", Deadline(-1))


def test_sanitise_replaces_unencodable() -> None:
    assert sanitise("a\ud800b\x00c\ufffe") == "a\ufffdb\ufffdc\ufffd"
    assert sanitise("Zoë\tok\n") == "Zoë\tok\n"


# --- what is not a regular file --------------------------------------------------------------


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "f.txt"
    os.mkfifo(path)
    return path


def _symlink_to_fifo(tmp_path: Path) -> Path:
    link = tmp_path / "link.txt"
    link.symlink_to(_fifo(tmp_path))
    return link


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "x.txt"
    path.mkdir()
    return path


def _sparse(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(3 * 1024**3)  # 3 GB, sparse: nothing written
    return path


def _device(tmp_path: Path) -> Path:
    link = tmp_path / "null.txt"
    link.symlink_to("/dev/null")
    return link


def _loop(tmp_path: Path) -> Path:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


SPECIAL: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "is a FIFO (named pipe), not a regular file"),
    "symlink-to-fifo": (_symlink_to_fifo, "is a FIFO (named pipe), not a regular file"),
    "directory": (_directory, "is a directory, not a regular file"),
    "device": (_device, "is a character device, not a regular file"),
    "sparse-3gb": (_sparse, f"file too large (3221225472 bytes; the limit is {MAX_BYTES})"),
    "symlink-loop": (_loop, "Too many levels of symbolic links"),
}


@pytest.fixture(params=sorted(SPECIAL))
def special(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    make, reason = SPECIAL[request.param]
    return make(tmp_path), reason


def test_special_file_refused(special: tuple[Path, str]) -> None:
    path, reason = special
    _assert_refused(path, reason)
    with pytest.raises(InputError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        check_regular_file(path)


def test_special_file_cli(special: tuple[Path, str]) -> None:
    assert_cli_refuses(*special, timeout=60)


def test_regular_file_size(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes(b"1\tOuverture\n")
    assert check_regular_file(path) == 12
    assert stat.S_ISREG(os.stat(path).st_mode)
