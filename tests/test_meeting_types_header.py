"""The header grammar of every ITU meeting type, in the three packs: bodies and sessions by their
letterhead, ordinals of any form, two original languages, chairs under plural labels.

Each case is a header line as the ITU prints it; the expected facts are those of
../shared/record-format.md ("Bodies and sessions")."""

from __future__ import annotations

import re

import pytest

from plenary.lang import pack


def _body(code: str, line: str) -> tuple[str, str] | None:
    """The (body, session) the pack's letterhead rules give a line, as the core reads them."""
    lp = pack(code)
    for rule in lp.get("header.bodies", []):
        m = re.compile(lp.expand(rule["pattern"])).search(line)
        if m:
            groups = {k: v for k, v in m.groupdict().items() if v}
            if "year" in groups and "yy" not in groups:
                groups["yy"] = groups["year"][2:]
            return rule["body"], rule["session"].format(**groups)
    return None


@pytest.mark.parametrize(("code", "line", "body", "session"), [
    ("en", "WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY (WTSA-16)", "wtsa", "WTSA-16"),
    ("en", "World Telecommunication Development Conference (Istanbul, 2002)", "wtdc", "WTDC-02"),
    ("en", "WORLD RADIOCOMMUNICATION CONFERENCE (WRC-2000)", "wrc", "WRC-00"),
    ("en", "RADIOCOMMUNICATION ASSEMBLY (RA-19)", "ra", "RA-19"),
    ("en", "World Telecommunication/ICT Policy Forum (WTPF-21)", "wtpf", "WTPF-21"),
    ("en", "WORLD CONFERENCE ON INTERNATIONAL TELECOMMUNICATIONS (WCIT-12)", "wcit", "WCIT-12"),
    ("en", "PLENIPOTENTIARY CONFERENCE (Kyoto, 1994)", "plenipotentiary", "PP-94"),
    ("en", "GENEVA — 1999 SESSION — (21 – 30 JUNE)", "council", "Council 1999"),
    ("en", "Council 2017", "council", "Council 2017"),
    ("en", "WRC-19", "wrc", "WRC-19"),
    ("fr", "CONFÉRENCE MONDIALE DES RADIOCOMMUNICATIONS (CMR-19)", "wrc", "WRC-19"),
    ("fr", "ASSEMBLÉE MONDIALE DE NORMALISATION DES TÉLÉCOMMUNICATIONS (AMNT-20)", "wtsa",
     "WTSA-20"),
    ("fr", "CONFÉRENCE MONDIALE DES TÉLÉCOMMUNICATIONS INTERNATIONALES (CMTI-12)", "wcit",
     "WCIT-12"),
    ("fr", "Conférence mondiale de développement des télécommunications (Istanbul, 2002)", "wtdc",
     "WTDC-02"),
    ("fr", "GENÈVE — SESSION DE 1999 — (21 - 30 JUIN)", "council", "Council 1999"),
    ("es", "Conferencia Mundial de Desarrollo de las Telecomunicaciones 2017 (CMDT-17)", "wtdc",
     "WTDC-17"),
    ("es", "Asamblea de Radiocomunicaciones (AR-15)", "ra", "RA-15"),
    ("es", "Foro Mundial de Política de las Telecomunicaciones/TIC (FMPT-21)", "wtpf", "WTPF-21"),
    ("es", "Consejo 2019", "council", "Council 2019"),
])
def test_letterhead_gives_body_and_session(code: str, line: str, body: str, session: str) -> None:
    assert _body(code, line) == (body, session)


@pytest.mark.parametrize(("code", "line"), [
    ("en", "Geneva, 15-25 May 2017"),
    ("en", "Hammamet, 25 October – 3 November 2016"),
    ("fr", "Charm el-Cheikh, 28 octobre – 22 novembre 2019"),
    ("es", "Buenos Aires, Argentina, 9-20 de octubre de 2017"),
])
def test_a_place_line_is_no_letterhead(code: str, line: str) -> None:
    assert _body(code, line) is None


def _number(code: str, title: str) -> int | None:
    lp = pack(code)
    for m in lp.pattern("header.ordinal").finditer(title):
        n = lp.ordinal(m.group("ord"))
        if n:
            return n
    return None


@pytest.mark.parametrize(("code", "title", "number"), [
    ("en", "SUMMARY RECORD OF THE TENTH AND LAST PLENARY MEETING", 10),
    ("en", "MINUTES OF THE TWENTY FIRST PLENARY MEETING", 21),
    ("en", "MINUTES OF THE 14th PLENARY MEETING", 14),
    ("en", "MINUTES OF THE FOURTH MEETING OF COMMITTEE 5", 4),
    ("fr", "PROCÈS-VERBAL DE LA VINGT ET UNIÈME SÉANCE PLÉNIÈRE", 21),
    ("fr", "COMPTE RENDU DE LA DIXIÈME ET DERNIÈRE SÉANCE PLÉNIÈRE", 10),
    ("fr", "PROCÈS-VERBAL DE LA 14e SÉANCE PLÉNIÈRE", 14),
    ("es", "ACTA DE LA DÉCIMA QUINTA SESIÓN PLENARIA", 15),
    ("es", "RESUMEN DE LOS DEBATES DE LA DÉCIMA Y ÚLTIMA SESIÓN PLENARIA", 10),
    ("es", "RESUMEN DE LOS DEBATES DE LA TERCERA SESIÓN DE LA COMISIÓN 4", 3),
])
def test_ordinal_of_any_form(code: str, title: str, number: int) -> None:
    assert _number(code, title) == number


@pytest.mark.parametrize(("code", "line"), [
    ("en", "Original: English/French"),
    ("fr", "Original: anglais/français"),
    ("es", "Original: inglés/francés"),
])
def test_two_original_languages_give_none(code: str, line: str) -> None:
    assert pack(code).pattern("header.original").match(line) is None


def test_plural_chair_label() -> None:
    m = pack("en").pattern("header.chair").match("Chairmen: Mr A. BADAWI (Egypt) and Mr K. OMAROV")
    assert m is not None and m.group("rest").startswith("Mr A. BADAWI")
