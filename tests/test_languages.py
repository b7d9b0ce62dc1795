"""The French, English and Spanish records of one meeting give the same facts.

The English and Spanish files under tests/data/ are faithful renderings of the two French seeds,
so every language-free fact of their records (items, speakers and their links, texts,
documents, outcomes, events, signatories) must equal the French record's, field by field.
Language detection and its failures are checked here too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, seed_path

from plenary.errors import InputError
from plenary.lang import available
from plenary.parse import parse_bytes, parse_path
from plenary.record import Actor, Record

LANGUAGES = ("en", "es")
SEEDS = ("000", "002")


def _actor(a: Actor, names: bool) -> tuple:
    """An actor's identity with its links, nested (its name too, unless `names` is off)."""
    return (a.kind, a.country, a.id, a.role, a.count, a.name if names else None,
            tuple(_actor(o, names) for o in a.on_behalf_of),
            tuple(_actor(s, names) for s in a.supported_by))


def facts(record: Record, names: bool = True) -> dict[str, Any]:
    """Every language-free fact of a record, keyed by where it stands ("item 3", "para 3.5").
    `names=False` leaves out persons' names (transliterated in Arabic, Chinese, Russian)."""
    out: dict[str, Any] = {}
    for item in record.items:
        where = f"item {item.number}"
        out[f"{where} continued"] = item.continued
        out[f"{where} documents"] = item.documents
        out[f"{where} texts"] = [t.label for t in item.texts]
        for para in item.paragraphs:
            if para.number is None:
                continue
            p = f"para {para.number}"
            out[f"{p} speakers"] = [_actor(s, names) for s in para.speakers]
            out[f"{p} documents"] = para.documents
            out[f"{p} texts"] = [t.label for t in para.texts]
            out[f"{p} outcomes"] = [
                (o.kind, o.objects, o.reading, o.as_amended, o.conditional, o.refers_to)
                for o in para.outcomes]
    out["items"] = [(i.number, i.continued) for i in record.items]
    out["paragraphs"] = [p.number for _, p in record.paragraphs() if p.number]
    out["events"] = [(e.kind, e.at, e.after_paragraph) for e in record.events]
    out["signatories"] = [(s.role, s.name if names else None) for s in record.signatories]
    return out


def _differences(french: dict[str, Any], other: dict[str, Any]) -> list[str]:
    lines = []
    for key in sorted(set(french) | set(other)):
        want, got = french.get(key, "<absent>"), other.get(key, "<absent>")
        if want != got:
            lines.append(f"{key}:\n    fr: {want}\n    got: {got}")
    return lines


@pytest.fixture(scope="module")
def french() -> dict[str, dict[str, Any]]:
    return {name: facts(parse_path(seed_path(name))) for name in SEEDS}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SEEDS)
def test_rendering_gives_the_french_facts(french: dict, name: str, lang: str) -> None:
    record = parse_path(DATA / lang / f"{name}.txt")
    assert record.language == lang
    diff = _differences(french[name], facts(record))
    assert not diff, f"{lang}/{name}.txt differs from the French seed in {len(diff)} " \
                     "place(s):\n" + "\n".join(diff)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SEEDS)
def test_rendering_has_no_warnings(name: str, lang: str) -> None:
    record = parse_path(DATA / lang / f"{name}.txt")
    assert record.warnings == [], [w.message for w in record.warnings]


# -- detection ----------------------------------------------------------------------------------

def test_packs_are_installed() -> None:
    assert {"en", "es", "fr"} <= set(available())


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_detection_picks_the_language(lang: str) -> None:
    path = seed_path("000") if lang == "fr" else DATA / lang / "000.txt"
    assert parse_path(path).language == lang


def _record_text(lang: str) -> bytes:
    path = seed_path("000") if lang == "fr" else DATA / lang / "000.txt"
    return path.read_bytes()


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_language_option_overrides_detection(lang: str) -> None:
    other = "fr" if lang != "fr" else "en"
    record = parse_bytes(_record_text(lang), "record.txt", language=other)
    assert record.language == other


def test_language_option_on_the_command_line() -> None:
    path = DATA / "en" / "000.txt"
    out = subprocess.run([sys.executable, "-m", "plenary.cli", "parse", str(path), "--json",
                          "--language", "es"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert '"language": "es"' in out.stdout


def test_unknown_language_option_fails() -> None:
    with pytest.raises(InputError, match="no language pack for 'de'"):
        parse_bytes(_record_text("en"), "record.txt", language="de")


UNSUPPORTED = {
    "ru": "1\tСписок кандидатов\n1.1\tГенеральный секретарь представил документ о кандидатах на "
          "должности председателей и заместителей председателей рабочих групп Совета.\n",
    "ar": "1\tقائمة المرشحين\n1.1\tقدم الأمين العام الوثيقة التي تتضمن قائمة المرشحين لمناصب "
          "رؤساء ونواب رؤساء أفرقة العمل التابعة للمجلس.\n",
    "zh": "1\t候选人名单\n1.1\t秘书长介绍了载有理事会工作组主席和副主席职位候选人名单的文件，"
          "并说明了与各区域组织磋商的情况。\n",
}


WITHOUT_PACK = sorted(set(UNSUPPORTED) - set(available()))


@pytest.mark.parametrize("code", WITHOUT_PACK)
def test_unsupported_language_fails(code: str) -> None:
    with pytest.raises(InputError, match=f"unsupported language '{code}'") as err:
        parse_bytes(UNSUPPORTED[code].encode("utf-8"), f"record-{code}.txt")
    assert f"record-{code}.txt" in str(err.value)


@pytest.mark.parametrize("code", sorted(set(UNSUPPORTED) & set(available())))
def test_script_with_a_pack_is_detected(code: str) -> None:
    assert parse_bytes(UNSUPPORTED[code].encode("utf-8"), f"record-{code}.txt").language == code


@pytest.mark.skipif(not WITHOUT_PACK, reason="every official language has a pack")
def test_unsupported_language_on_the_command_line(tmp_path: Path) -> None:
    code = WITHOUT_PACK[0]
    path = tmp_path / f"record-{code}.txt"
    path.write_text(UNSUPPORTED[code], encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "plenary.cli", "parse", str(path), "--json"],
                         capture_output=True, text=True)
    assert out.returncode != 0 and out.stdout == ""
    assert "unsupported language" in out.stderr and f"record-{code}.txt" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def _paragraphs(path: Path, count: int) -> list[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return lines[:count]


@pytest.mark.parametrize("pair", [("fr", "en"), ("en", "es"), ("es", "fr")])
def test_mixed_languages_fail(tmp_path: Path, pair: tuple[str, str]) -> None:
    first, second = pair
    paths = {"fr": seed_path("000"), "en": DATA / "en" / "000.txt", "es": DATA / "es" / "000.txt"}
    # a bilingual text: the paragraphs of one record alternate with those of another
    a, b = _paragraphs(paths[first], 8), _paragraphs(paths[second], 8)
    lines = [line for pair_ in zip(a, b, strict=True) for line in pair_]
    path = tmp_path / "mixed.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="mixed languages") as err:
        parse_path(path)
    assert "mixed.txt" in str(err.value)
