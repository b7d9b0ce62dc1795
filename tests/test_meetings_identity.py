"""Which meeting a record belongs to: header, user, sidecar, ITU file name, else its file name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import record_of

from plenary.errors import InputError
from plenary.store.identity import (
    Identity,
    from_file_name,
    from_header,
    from_sidecar,
    resolve,
    unidentified_key,
)


@pytest.mark.parametrize(("name", "body", "session", "symbol", "language"), [
    ("S17-CL-C-0124!!MSW-F.docx", "council", "Council 2017", "C17/124", "fr"),
    ("S17-CL-C-0124!!PDF-E.pdf", "council", "Council 2017", "C17/124", "en"),
    ("S19-CL-INF-0006!!MSW-S.docx", "council", "Council 2019", "C19/INF/6", "es"),
    ("S18-PP-C-0112!!MSW-E.docx", "plenipotentiary", "PP-18", "112", "en"),
    ("S18-PP-C-0112!R1!MSW-A.docx", "plenipotentiary", "PP-18", "112", "ar"),
    ("R16-WTSA-C-0045!!MSW-R.docx", "wtsa", "WTSA-16", "45", "ru"),
    ("T16-WTSA.16-C-0100!!PDF-C.pdf", "wtsa", "WTSA-16", "100", "zh"),
    ("D14-WTDC-C-0203!!MSW-F.docx", "wtdc", "WTDC-14", "203", "fr"),
])
def test_itu_file_names(name: str, body: str, session: str, symbol: str, language: str) -> None:
    ident = from_file_name(name)
    assert (ident.body, ident.session, ident.symbol, ident.language) == \
        (body, session, symbol, language)
    assert ident.identified and ident.origin == "file-name"


@pytest.mark.parametrize("name", ["000.txt", "S17-CL-C-0124.docx", "S17-XX-C-0124!!MSW-F.docx",
                                  "S17-CL-C-0124!!MSW-Q.docx", "notes S17-CL-C-0124!!MSW-F.docx",
                                  "", "S17-CL-C-12345!!MSW-F.docx"])
def test_other_names_say_nothing(name: str) -> None:
    assert not from_file_name(name).identified


def test_header_and_file_name_give_one_key() -> None:
    record = record_of("000")  # C17/124, Council 2017
    header = from_header(record)
    assert header.origin == "header"
    assert header.key == from_file_name("S17-CL-C-0124!!MSW-E.docx").key
    assert header.key != from_file_name("S17-CL-C-0125!!MSW-E.docx").key
    # What the user types may be partial: the session is derived from a council symbol.
    assert Identity(symbol="C17/124").key == header.key
    assert Identity(session="PP-18", symbol="170").key == \
        Identity(body="plenipotentiary", session="PP 18", symbol="170").key


def test_header_wins_then_given_then_sidecar_then_file_name(tmp_path: Path) -> None:
    headed = record_of("000")
    given = Identity(symbol="C18/9", origin="given")
    assert resolve(headed, given).symbol == "C17/124"
    bare = record_of("000", symbol=None, session=None, date=None, body=None)
    assert resolve(bare, given).symbol == "C18/9"
    path = tmp_path / "S17-CL-C-0130!!MSW-F.txt"
    path.write_text("x", encoding="utf-8")
    assert resolve(bare, None, path).symbol == "C17/130"
    (tmp_path / "meta.json").write_text(json.dumps({"symbol": "C17/131"}), encoding="utf-8")
    assert resolve(bare, None, path).symbol == "C17/131"
    assert resolve(bare, given, path).symbol == "C18/9"
    plain = tmp_path / "sub" / "000.txt"
    plain.parent.mkdir()
    plain.write_text("x", encoding="utf-8")
    found = resolve(bare, None, plain)
    assert not found.identified and found.key is None


def test_sidecar_most_specific_first(tmp_path: Path) -> None:
    path = tmp_path / "000.docx"
    (tmp_path / "meta.json").write_text('{"symbol": "C17/1"}', encoding="utf-8")
    assert from_sidecar(path).symbol == "C17/1"
    (tmp_path / "000.meta.json").write_text('{"symbol": "C17/2", "date": "2017-05-19"}',
                                            encoding="utf-8")
    assert (from_sidecar(path).symbol, from_sidecar(path).date) == ("C17/2", "2017-05-19")
    (tmp_path / "000.docx.meta.json").write_text('{"session": "PP-18", "symbol": 170}',
                                                 encoding="utf-8")
    ident = from_sidecar(path)
    assert (ident.symbol, ident.session, ident.completed().body) == \
        ("170", "PP-18", "plenipotentiary")


@pytest.mark.parametrize("content", ["{", "[1, 2]", '{"symbol": ["a"]}', '{"symbol": {"x": 1}}',
                                     '{"symbol": "' + "x" * 300 + '"}'])
def test_malformed_sidecar_is_an_input_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "meta.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        from_sidecar(tmp_path / "000.txt")
    assert Path(err.value.path).name == "meta.json" and "\n" not in err.value.reason


def test_unidentified_key_is_the_file_name_without_folder_or_suffix() -> None:
    assert unidentified_key("fr/000.txt") == unidentified_key("en/000.docx") == "file:000"
    assert unidentified_key("a/b/Report.PDF") == "file:report"
    assert unidentified_key(".hidden") == "file:.hidden"
