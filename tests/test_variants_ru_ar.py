"""Seed 000 rendered "by other hands" in Russian and Arabic (tests/data/<lang>/000-variant.txt):
other verbs of saying, other word order, other ways to say "on behalf of", "together with",
"took note", "so decided", names in Cyrillic or Arabic script, and a full ITU header. Each
parses to the seed's gold facts, in its language, with the header its gold
(000-variant.header.json, written by hand from the header text) gives."""

from __future__ import annotations

import pytest
from scoring import micro_f1
from variants import assert_header, assert_seed_facts, parsed_variant, seed_gold

VARIANTS = ("ru", "ar")
KNOWN_CORE_MISSES: dict[str, set[tuple]] = {"ru": set(), "ar": set()}  # none left


def variant(lang: str) -> dict:
    return parsed_variant(lang, "000-variant")


@pytest.mark.parametrize("lang", VARIANTS)
def test_variant_gives_the_seed_facts(lang: str) -> None:
    assert_seed_facts(lang, "000-variant", frozenset(KNOWN_CORE_MISSES[lang]))


@pytest.mark.parametrize("lang", VARIANTS)
def test_variant_language_and_header(lang: str) -> None:
    assert_header(lang, "000-variant")


def test_russian_cosponsors_opening_with_the_speakers_country() -> None:
    """"вклад, внесенный Литвой совместно с Болгарией, ...": Lithuania's councillor speaks for
    the co-sponsors, her own country named again at the head of their list."""
    f1, _diff = micro_f1(variant("ru"), seed_gold())
    assert f1 >= 0.97
    para = next(p for item in variant("ru")["items"] for p in item["paragraphs"]
                if p["number"] == "5.2")
    assert [c["country"] for c in para["speakers"][0]["on_behalf_of"]][:2] == ["LTU", "BGR"]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a second "on behalf of" after "а также" / "وكذلك" continues the first list
    ("ru", "Выступая от имени своей страны, а также от имени Бангладеш и Туниса, Советник Индии "
           "внес предложение.",
     [("delegation", "IND", "councillor", None, ["IND", "BGD", "TUN"])]),
    ("ar", "وعرض عضو المجلس عن الهند، باسم بلده وكذلك باسم بنغلاديش وتونس، الاقتراح.",
     [("delegation", "IND", "councillor", None, ["IND", "BGD", "TUN"])]),
    # "another" before a unit's representative; a lead without a comma before the subject
    ("ru", "Еще один представитель БРЭ разъяснил, что отбор стран открыт.",
     [("official", "BDT", "representative", None, [])]),
    ("ru", "Относительно недавнего заражения Начальник Службы информационных технологий сообщил, "
           "что инцидентов было четыре.",
     [("official", "IS", "head", None, [])]),
    ("ru", "Представительница секретариата напомнила, что опросов было два.",
     [("official", "secretariat", "representative", None, [])]),
    ("ru", "По мнению одного из советников, кандидатуры следует группировать иначе.",
     [("collective", None, "councillor", "one", [])]),
    # names in Arabic script after an honorific; the "members" without "of the Council"
    ("ar", "أدلى سعادة السيد أندريوس كريفاس، سفير ليتوانيا، ببيان.",
     [("delegation", "LTU", "ambassador", None, [])]),
    ("ar", "وشدد بعض الأعضاء على أهمية التدابير العملية.",
     [("collective", None, "councillor", "several", [])]),
    ("ar", "واتفق أعضاء المجلس الذين تناولوا الكلمة على ضرر المشكلة.",
     [("collective", None, "councillor", "all", [])]),
])
def test_other_hands_wordings(lang: str, text: str, expected: list[tuple]) -> None:
    from plenary.parse.actors import finder

    found = [(a.kind, a.country or a.id, a.role, a.count,
              [o.country or o.id for o in a.on_behalf_of]) for a in finder(lang).speakers(text)]
    assert found == expected


def test_arabic_names_are_not_unknown_complements() -> None:
    """Arabic letters open a name only after a space: "عضو المجلس عن الهند" keeps its country."""
    from plenary.parse.actors import finder

    found = finder("ar").speakers("وقال عضو المجلس عن الهند إنه يؤيد الاقتراح.")
    assert [(a.kind, a.country, a.role) for a in found] == [("delegation", "IND", "councillor")]


RU_BODY = "1\tВопрос\n1.1\tСоветник от Кении выступил с заявлением.\n"
AR_BODY = "1\tمسألة\n1.1\tأدلى عضو المجلس عن كينيا ببيان.\n"


@pytest.mark.parametrize(("lang", "header", "expected"), [
    # hours as "9 ч. 30 м.", the year as "г."; the body and its year in capitals
    ("ru", "Совет 2017\nЖенева, 15-25 мая 2017 года\nДокумент C17/124-R\nОригинал: английский\n"
           "КРАТКИЙ ОТЧЕТ\nО ДЕСЯТОМ ПЛЕНАРНОМ ЗАСЕДАНИИ\n"
           "Четверг, 25 мая 2017 г., 9 ч. 30 м. – 12 ч. 30 м.\n"
           "Председатель: г-жа E. SPINA (Италия)",
     ("C17/124", "council", 10, "2017-05-25", "09:30", "12:30", ["ITA"])),
    ("ru", "ПОЛНОМОЧНАЯ КОНФЕРЕНЦИЯ (ПК-18)\nДубай, 29 октября – 16 ноября 2018 года\n"
           "ПЛЕНАРНОЕ ЗАСЕДАНИЕ\tДокумент 98-R\nКРАТКИЙ ОТЧЕТ\nО ТРЕТЬЕМ ПЛЕНАРНОМ ЗАСЕДАНИИ\n"
           "Понедельник, 5 ноября 2018 года, в 09 час. 30 мин.\n"
           "Председатель: г-н А. Р. АЛЬ-ХАЙДАР (Объединенные Арабские Эмираты)",
     ("98", "plenipotentiary", 3, "2018-11-05", "09:30", None, ["ARE"])),
    # the weekday after the date, in brackets
    ("ru", "Совет 2017\nЖенева, 15–25 мая 2017 г.\n\tДокумент C17/124-R\n"
           "КРАТКИЙ ОТЧЕТ О СЕДЬМОМ ПЛЕНАРНОМ ЗАСЕДАНИИ\n23 мая 2017 г. (вторник), 09:30–12:30\n"
           "Председатель: Э. Спина (Италия)",
     ("C17/124", "council", 7, "2017-05-23", "09:30", "12:30", ["ITA"])),
    # "دورة المجلس لعام", hours joined by a dash, four-digit hours, the weekday in brackets
    ("ar", "دورة المجلس لعام 2017\nجنيف، 15-25 مايو 2017\nالوثيقة C17/124-A\n"
           "محضر موجز للجلسة العامة الثانية عشرة\n"
           "الخميس، 25 مايو 2017، الساعة 9:30 - الساعة 12:30\n"
           "الرئيس: السيد ر. إسماعيلوف (الاتحاد الروسي)",
     ("C17/124", "council", 12, "2017-05-25", "09:30", "12:30", ["RUS"])),
    ("ar", "مؤتمر المندوبين المفوضين (PP-18)\nدبي، 29 أكتوبر - 16 نوفمبر 2018\n"
           "الجلسة العامة\tالوثيقة 98-A\nمحضر موجز\nللجلسة العامة الثالثة\n"
           "الاثنين 5 نوفمبر 2018، الساعة 0930\n"
           "الرئيس: السيد عبد الرحمن الحيدر (الإمارات العربية المتحدة)",
     ("98", "plenipotentiary", 3, "2018-11-05", "09:30", None, ["ARE"])),
    ("ar", "المجلس 2017\nجنيف، 15-25 أيار/مايو 2017\nالوثيقة C17/124-A\n"
           "محضر موجز للجلسة العامة السابعة\n23 أيار/مايو 2017 (الثلاثاء)، 09:30-12:30\n"
           "الرئيسة: إ. سبينا (إيطاليا)",
     ("C17/124", "council", 7, "2017-05-23", "09:30", "12:30", ["ITA"])),
])
def test_headers_worded_otherwise(lang: str, header: str, expected: tuple) -> None:
    from plenary.parse import parse_bytes

    body = RU_BODY if lang == "ru" else AR_BODY
    record = parse_bytes(f"{header}\n{body}".encode(), f"record-{lang}.txt").to_dict()
    m = record["meeting"]
    assert record["language"] == lang
    assert (m["symbol"], m["body"], m["number"], m["date"], m["start"], m["end"],
            [c["country"] for c in m["chairs"]]) == expected
