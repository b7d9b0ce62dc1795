"""Property-based and mutational fuzzing of the readers and the parser (Hypothesis).

Every input, however damaged, ends with a Document (or a Record) whose strings encode as
UTF-8, or with the one-line InputError naming the file: never another exception. Examples
are derandomised so that CI sees the same cases on every run.
"""

from __future__ import annotations

import json
import zlib
from functools import cache

from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile_readers import PARA, docx, page_pdf, sym_docx

from plenary.errors import InputError
from plenary.read import Document, read_bytes

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NAMES = st.sampled_from(["f.txt", "f.docx", "f.pdf", "f.md"])


@cache
def seeds() -> list[bytes]:
    found = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    return found or ["1\tOuverture de la séance\n1.1\tLa Présidente ouvre la séance.\n".encode()]


@cache
def good_docx() -> bytes:
    numbering = ('<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                 '2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/>'
                 '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 "</w:num></w:numbering>")
    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            "<w:r><w:t>Ouverture</w:t></w:r></w:p>" + PARA.format("La séance est ouverte.") +
            "<w:tbl><w:tr><w:tc>" + PARA.format("Cellule") + "</w:tc></w:tr></w:tbl>")
    return docx(body, {"word/numbering.xml": numbering.encode()})


@cache
def good_pdf() -> bytes:
    text = b"BT /F1 12 Tf 72 720 Td (1 Ouverture de la seance) Tj 0 -14 Td (La seance) Tj ET"
    return page_pdf(zlib.compress(text), b"/Filter /FlateDecode")


def check(data: bytes, name: str) -> Document | InputError:
    """Read `data`; a Document must be clean, an error must be the one-line InputError."""
    try:
        doc = read_bytes(data, name)
    except InputError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc), str(exc)
        return exc
    assert doc.blocks
    strings = [doc.name] + [s for b in doc.blocks
                            for s in (b.text, b.number or "", *b.cells,
                                      *(x for note in b.footnotes for x in note))]
    json.dumps(strings, ensure_ascii=False).encode("utf-8")  # strict: no lone surrogates
    return doc


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """`base` with bit flips, a truncation, an insertion or a splice of another seed."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "splice", "delete"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 256))]
        else:
            other = draw(st.sampled_from(seeds()))
            start = draw(st.integers(0, max(0, len(other) - 1)))
            data[at:at] = other[start:start + draw(st.integers(1, 4096))]
    return bytes(data)


@FUZZ
@given(data=st.binary(max_size=4096), name=NAMES)
def test_arbitrary_bytes(data: bytes, name: str) -> None:
    check(data, name)


@FUZZ
@given(data=st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_text_even_with_surrogates(data: bytes) -> None:
    check(data, "t.txt")


@FUZZ
@given(data=st.sampled_from(range(2)).flatmap(lambda i: mutated(seeds()[i % len(seeds())])))
def test_mutated_seeds(data: bytes) -> None:
    check(data, "seed.txt")


@FUZZ
@given(data=st.deferred(lambda: mutated(good_docx())))
def test_mutated_docx(data: bytes) -> None:
    check(data, "m.docx")


@FUZZ
@given(data=st.deferred(lambda: mutated(good_pdf())))
def test_mutated_pdf(data: bytes) -> None:
    check(data, "m.pdf")


XML_PIECES = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:hyperlink>",
              "</w:hyperlink>", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>",
              "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", '<w:sym w:char="D800"/>',
              '<w:sym w:char="zz"/>', '<w:br/>', '<w:footnoteReference w:id="1"/>',
              '<w:numPr><w:ilvl w:val="99999999999999"/><w:numId w:val="1"/></w:numPr>',
              "&#xFFFE;", "&#1;", "é", "text ", "\t"]


@FUZZ
@given(pieces=st.lists(st.sampled_from(XML_PIECES), max_size=60))
def test_docx_with_random_markup(pieces: list[str]) -> None:
    """WordprocessingML from a vocabulary of the elements the reader walks, well formed or
    not, mixed with real paragraphs."""
    check(docx(PARA.format("Début") + "".join(pieces) + PARA.format("Fin")), "x.docx")


@FUZZ
@given(chars=st.lists(st.text(alphabet="0123456789ABCDEFXZdz", max_size=8), max_size=6))
def test_docx_sym_codes(chars: list[str]) -> None:
    doc = check(sym_docx(chars), "s.docx")
    assert isinstance(doc, Document)
    assert doc.blocks[0].text.startswith("Avant")


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.sampled_from(range(2)).flatmap(lambda i: mutated(seeds()[i % len(seeds())])))
def test_parser_on_mutated_seeds(data: bytes) -> None:
    """The whole parse of a damaged seed: a record whose JSON encodes, or the InputError."""
    from plenary.parse import parse_bytes

    try:
        record = parse_bytes(data, "seed.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")
