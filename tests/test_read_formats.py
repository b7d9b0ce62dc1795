"""A seed printed as .docx and .pdf reads back into the same blocks as its .txt."""

from __future__ import annotations

import difflib
import io
import zipfile
from functools import cache
from pathlib import Path

import pytest
from conftest import seed_path
from render import render_docx, render_pdf, seed_paragraphs

from plenary.read import Block, read_bytes, read_path
from plenary.read.pdf import _join_lines

SEEDS = ["000", "002"]


@cache
def rendered(prefix: str, kind: str) -> bytes:
    """The seed rendered once per session: kind is "docx", "docx-auto" or "pdf"."""
    text = seed_path(prefix).read_text(encoding="utf-8")
    if kind == "pdf":
        return render_pdf(text)
    return render_docx(text, auto_numbers=kind == "docx-auto")


def _fields(b: Block) -> dict[str, object]:
    return {"number": b.number, "text": b.text, "footnotes": b.footnotes, "cells": b.cells}


def assert_same_blocks(expected: list[Block], got: list[Block], label: str) -> None:
    """Compare block by block, field by field; fail with the differing fields spelled out."""
    problems: list[str] = []
    if len(expected) != len(got):
        diff = difflib.unified_diff(
            [f"{b.number} {b.text[:70]}" for b in expected],
            [f"{b.number} {b.text[:70]}" for b in got],
            "txt", label, lineterm="", n=1,
        )
        problems.append(f"{len(expected)} blocks in the .txt, {len(got)} in the {label}:")
        problems.extend(list(diff)[:40])
    else:
        for i, (a, b) in enumerate(zip(expected, got, strict=True)):
            fa, fb = _fields(a), _fields(b)
            for name in fa:
                if fa[name] != fb[name]:
                    problems.append(f"block {i} ({a.number or a.text[:30]!r}) {name}:")
                    if name == "text":
                        at, bt = str(fa[name]), str(fb[name])
                        pairs = enumerate(zip(at, bt, strict=False))
                        k = next((j for j, (x, y) in pairs if x != y), min(len(at), len(bt)))
                        problems.append(f"  txt : ...{at[max(0, k - 40):k + 40]!r}")
                        problems.append(f"  {label}: ...{bt[max(0, k - 40):k + 40]!r}")
                    else:
                        problems.append(f"  txt : {fa[name]!r}")
                        problems.append(f"  {label}: {fb[name]!r}")
            if len(problems) > 60:
                break
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("prefix", SEEDS)
@pytest.mark.parametrize("kind", ["docx", "docx-auto", "pdf"])
def test_blocks_equal_txt(prefix: str, kind: str) -> None:
    expected = read_path(seed_path(prefix)).blocks
    doc = read_bytes(rendered(prefix, kind), f"{prefix}.{kind.split('-')[0]}")
    assert_same_blocks(expected, doc.blocks, kind)


@pytest.mark.parametrize("prefix", SEEDS)
def test_docx_is_a_real_word_document(prefix: str) -> None:
    """Numbers typed before a TAB, headings styled, no export noise, a real footnote."""
    data = rendered(prefix, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        names = z.namelist()
    assert "[bookmark" not in body and "footnoteRef:" not in body
    assert "<w:tab/>" in body
    blocks = read_bytes(data, "x.docx").blocks
    items = [b for b in blocks if b.number and "." not in b.number]
    assert items and all(b.style == "Heading 1" for b in items)
    notes = [b for b in blocks if b.footnotes]
    if any(p.notes for p in seed_paragraphs(seed_path(prefix).read_text(encoding="utf-8"))):
        assert "word/footnotes.xml" in names and "w:footnoteReference" in body
        assert notes
    texts = " ".join(b.text for b in blocks)
    assert "copie de test" not in texts  # page header
    assert "Cadre de texte" not in texts  # text box


@pytest.mark.parametrize("prefix", SEEDS)
def test_docx_automatic_numbering_is_not_typed(prefix: str) -> None:
    data = rendered(prefix, "docx-auto")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    assert "<w:numPr>" in body
    assert ">1.1\t" not in body and ">1.1<" not in body


def test_pdf_has_pages_and_furniture() -> None:
    """The long seed spans several pages with numbers and a running header, all dropped."""
    from pdfminer.high_level import extract_text

    data = rendered("002", "pdf")
    text = extract_text(io.BytesIO(data))
    assert "- 3 -" in text and "copie de test" in text
    assert text.count("\f") >= 5
    blocks = read_bytes(data, "x.pdf").blocks
    assert not any("copie de test" in b.text or b.text.startswith("- ") for b in blocks)


def test_pdf_hyphens() -> None:
    vocabulary = {"télécommunications", "président", "forme"}
    joined = _join_lines(["les télécommunica-", "tions du"], vocabulary)
    assert joined == "les télécommunications du"
    assert _join_lines(["le vice-", "président"], vocabulary) == "le vice-président"
    assert _join_lines(["les Etats-", "Unis"], vocabulary) == "les Etats-Unis"
    assert _join_lines(["une plate-", "forme"], vocabulary) == "une plate-forme"
    assert _join_lines(["interna\u00ad", "tional"], set()) == "international"
    assert _join_lines(["développe-", "ment durable"], set()) == "développement durable"


def _comparable(record: dict) -> dict:
    """A record's dict without what names the source file (name, hash, format)."""
    out = dict(record)
    for key in ("source", "sha256", "file", "format"):
        out.pop(key, None)
    return out


@pytest.mark.parametrize("prefix", SEEDS)
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_parsed_records_equal(prefix: str, kind: str, tmp_path: Path) -> None:
    from plenary.parse import parse_path

    path = tmp_path / f"{seed_path(prefix).stem}.{kind}"
    path.write_bytes(rendered(prefix, kind))
    expected = _comparable(parse_path(seed_path(prefix)).to_dict())
    got = _comparable(parse_path(path).to_dict())
    assert got == expected
