"""Bad input is refused with one InputError naming the file and the reason, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from render import render_docx, render_pdf

import plenary.read
from plenary.errors import InputError
from plenary.read import MAX_BYTES, read_bytes, read_path

SAMPLE = "1\tOuverture de la séance\n1.1\tLa Présidente ouvre la séance.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _docx_with(part: str, data: bytes) -> bytes:
    """The sample .docx with one part replaced."""
    with zipfile.ZipFile(io.BytesIO(render_docx(SAMPLE))) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files[part] = data
    return _zip(files)


def _pdf_without_text() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.rect(100, 100, 300, 400, fill=1)  # a page with a picture and no text, as a scan
    c.showPage()
    c.save()
    return out.getvalue()


CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty": ("empty.txt", lambda: b"", "empty file"),
    "whitespace": ("blank.txt", lambda: b"  \n\t\r\n   \n", "only whitespace"),
    "utf16-whitespace": ("blank16.txt", lambda: " \n\t".encode("utf-16"), "only whitespace"),
    "png-as-txt": ("image.txt", lambda: PNG, "binary file (a PNG image)"),
    "nul-bytes": ("data.txt", lambda: b"abc\x00\x01\x02def", "binary file"),
    "latin1": ("latin1.txt", lambda: SAMPLE.encode("latin-1"),
               "undecodable byte 0xE9 at offset 19"),
    "broken-docx": ("broken.docx", lambda: b"this is not a zip", "broken .docx: not a zip archive"),
    "truncated-docx": ("cut.docx", lambda: render_docx(SAMPLE)[:3000], "broken .docx: a truncated"),
    "zip-not-docx": ("other.docx", lambda: _zip({"notes/readme.txt": b"hello"}),
                     "broken .docx: a zip archive without word/document.xml"),
    "xlsx-as-docx": ("book.docx", lambda: _zip({"xl/workbook.xml": b"<workbook/>"}),
                     "an Excel workbook without word/document.xml"),
    "invalid-xml-docx": ("badxml.docx", lambda: _docx_with("word/document.xml", b"<w:document"),
                         "broken .docx: invalid XML"),
    "pdf-as-docx": ("really.docx", lambda: render_pdf(SAMPLE), "the content is a PDF document"),
    "empty-docx": ("nothing.docx", lambda: render_docx(""), "no text in the .docx file"),
    "truncated-pdf": ("cut.pdf", lambda: render_pdf(SAMPLE)[:2000], "broken .pdf: truncated"),
    "not-pdf": ("fake.pdf", lambda: b"Hello, I am text.\n", "broken .pdf: not a PDF file"),
    "damaged-pdf": ("damaged.pdf", lambda: b"%PDF-1.4\n1 0 obj << >>\nendobj\n%%EOF\n",
                    "broken .pdf:"),
    "scanned-pdf": ("scan.pdf", _pdf_without_text, "PDF has no text layer (scanned?)"),
    "unknown-extension": ("record.rtf", lambda: b"{\\rtf1 hello}", "unsupported format '.rtf'"),
}


@pytest.fixture(params=sorted(CASES))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    name, make, reason = CASES[request.param]
    path = tmp_path / name
    path.write_bytes(make())
    return path, reason


def test_refused_with_file_and_reason(bad_file: tuple[Path, str]) -> None:
    path, reason = bad_file
    with pytest.raises(InputError) as info:
        read_path(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert reason in message, message
    assert "\n" not in message


def test_utf16_with_bom_is_read() -> None:
    for codec in ("utf-16", "utf-16-be"):
        data = SAMPLE.encode(codec)
        if codec == "utf-16-be":
            data = b"\xfe\xff" + data
        doc = read_bytes(data, "record.txt")
        assert [(b.number, b.text) for b in doc.blocks] == [
            ("1", "Ouverture de la séance"), ("1.1", "La Présidente ouvre la séance.")]


def test_utf8_bom_is_read() -> None:
    doc = read_bytes(b"\xef\xbb\xbf" + SAMPLE.encode(), "record.txt")
    assert doc.blocks[0].number == "1"


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: no data written, no time spent
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match=r"file too large .* the limit is"):
        read_path(path)


def test_huge_bytes_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plenary.read, "MAX_BYTES", 64)
    with pytest.raises(InputError, match=r"^big\.txt: file too large \(65 bytes"):
        read_bytes(b"x" * 65, "big.txt")


def test_directory_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


def test_missing_file_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        read_path(tmp_path / "absent.txt")


def _plenary() -> list[str]:
    """The installed `plenary` command, or the same entry point run by this interpreter."""
    script = ROOT / ".venv" / "bin" / "plenary"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from plenary.cli import main; "
            "sys.exit(main(prog_name='plenary'))"]


def assert_cli_refuses(path: Path, reason: str, timeout: float = 120) -> None:
    """`plenary parse PATH` exits non-zero with one line naming the file and the reason
    (`timeout` only guards against a hang)."""
    run = subprocess.run([*_plenary(), "parse", str(path)], capture_output=True, text=True,
                         cwd=ROOT, timeout=timeout)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"plenary: {path}:"), lines[0]
    assert reason in lines[0], lines[0]


def test_cli_reports_one_line(bad_file: tuple[Path, str]) -> None:
    assert_cli_refuses(*bad_file)
