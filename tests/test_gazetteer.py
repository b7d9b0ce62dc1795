"""The gazetteer: its data (193 ITU members, six languages, ITU spellings) and its lookup."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from plenary.gazetteer import LANGUAGES, Entity, Matcher, compile_alternation, gazetteer

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "plenary" / "gazetteer" / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Countries each seed names, verified by reading the seeds (and their gold annotations: every
# country of the gold is here; 002 also names Palestine in a heading, not as a speaker).
SEED_COUNTRIES = {
    "000": {"ARM", "BGD", "BGR", "BLR", "BRA", "CHE", "CZE", "ESP", "IND", "LTU", "NGA", "NLD",
            "PHL", "POL", "PRT", "ROU", "RUS", "TUN", "UGA"},
    "002": {"ARE", "ARG", "AUS", "BHR", "BRA", "BWA", "CAN", "CHL", "CHN", "CIV", "CMR", "COL",
            "CUB", "CZE", "DNK", "DOM", "DZA", "EGY", "ESP", "FIN", "FRA", "GBR", "GHA", "GTM",
            "IRL", "IRN", "IRQ", "ISR", "JOR", "JPN", "KEN", "KWT", "MEX", "MLI", "NGA", "NLD",
            "NOR", "NZL", "OMN", "POL", "PRT", "PSE", "ROU", "RUS", "SAU", "SDN", "SEN", "SSD",
            "SWE", "TGO", "TZA", "UGA", "URY", "USA", "UZB", "ZAF", "ZWE"},
}
SEED_OTHERS = {
    "000": {("organization", "GSMA"), ("organization", "3GPP"), ("organization", "UNODC"),
            ("unit", "BDT"), ("unit", "TSB"), ("unit", "SPM"), ("unit", "IS"),
            ("unit", "secretariat")},
    "002": {("organization", "CEPT"), ("organization", "CITEL"), ("organization", "RCC"),
            ("group", "african-group"), ("group", "arab-group"), ("unit", "CWG-Internet"),
            ("unit", "editorial-committee"), ("unit", "working-group-of-the-plenary")},
}


def seed_text(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return found[0].read_text(encoding="utf-8")


# --- data ---------------------------------------------------------------------------------


def test_exactly_193_itu_members() -> None:
    members = {c.iso3 for c in gazetteer().countries if c.itu_member}
    assert len(members) == 193
    assert "VAT" in members and "PLW" not in members


def test_palestine_is_present_but_not_a_member() -> None:
    by_iso = {c.iso3: c for c in gazetteer().countries}
    assert by_iso["PSE"].itu_member is False
    assert by_iso["PSE"].names["fr"][0] == "Palestine"


def test_iso_codes_are_unique() -> None:
    countries = gazetteer().countries
    assert len({c.iso3 for c in countries}) == len(countries)
    assert len({c.iso2 for c in countries}) == len(countries)


def test_every_member_has_a_preferred_name_in_six_languages() -> None:
    for country in gazetteer().countries:
        if country.itu_member:
            for lang in LANGUAGES:
                assert country.names[lang] and country.names[lang][0].strip(), (country, lang)


@pytest.mark.parametrize("kind, id_, lang, preferred", [
    ("country", "RUS", "fr", "Fédération de Russie"),
    ("country", "USA", "fr", "Etats-Unis"),
    ("country", "ZAF", "fr", "République sudafricaine"),
    ("country", "IRN", "fr", "République islamique d'Iran"),
    ("country", "CIV", "es", "Côte d'Ivoire"),
    ("country", "RUS", "en", "Russian Federation"),
    ("country", "GBR", "es", "Reino Unido"),
    ("country", "TZA", "es", "Tanzanía"),
    ("country", "RUS", "ru", "Российская Федерация"),
    ("country", "RUS", "zh", "俄罗斯联邦"),
    ("country", "RUS", "ar", "الاتحاد الروسي"),
    ("organization", "ATU", "fr", "UAT"),
    ("unit", "CWG-Internet", "fr", "GTC-Internet"),
    ("unit", "secretariat", "es", "Secretaría"),
    ("group", "african-group", "fr", "Groupe africain"),
])
def test_preferred_names(kind: str, id_: str, lang: str, preferred: str) -> None:
    assert gazetteer().name(kind, id_, lang) == preferred  # type: ignore[arg-type]


def test_unknown_entity_has_no_name() -> None:
    assert gazetteer().name("country", "XYZ", "fr") is None


@pytest.mark.parametrize("name, lang, iso3", [
    ("Fédération de Russie", "fr", "RUS"),
    ("EtatsUnis", "fr", "USA"),
    ("Etats-Unis", "fr", "USA"),
    ("États-Unis", "fr", "USA"),
    ("Etats Unis", "fr", "USA"),
    ("République sudafricaine", "fr", "ZAF"),
    ("Afrique du Sud", "fr", "ZAF"),
    ("République islamique d'Iran", "fr", "IRN"),
    ("République islamique d’Iran", "fr", "IRN"),
    ("Côte d'Ivoire", "fr", "CIV"),
    ("Côte d’Ivoire", "fr", "CIV"),
    ("Royaume-Uni", "fr", "GBR"),
    ("RoyaumeUni", "fr", "GBR"),
    ("République tchèque", "fr", "CZE"),
    ("République Dominicaine", "fr", "DOM"),
    ("République dominicaine", "fr", "DOM"),
    ("Tanzanie", "fr", "TZA"),
    ("République-Unie de Tanzanie", "fr", "TZA"),
    ("Emirats arabes unis", "fr", "ARE"),
    ("Émirats arabes unis", "fr", "ARE"),
    ("Corée (République de)", "fr", "KOR"),
    ("République de Corée", "fr", "KOR"),
    ("Viet Nam", "fr", "VNM"),
    ("Syrie", "fr", "SYR"),
    ("République arabe syrienne", "fr", "SYR"),
    ("Soudan du Sud", "fr", "SSD"),
    ("Bahreïn", "fr", "BHR"),
    ("Ouzbékistan", "fr", "UZB"),
    ("Bélarus", "fr", "BLR"),
    ("Moldova", "fr", "MDA"),
    ("Pays-Bas", "fr", "NLD"),
    ("Nouvelle-Zélande", "fr", "NZL"),
    ("Vatican", "fr", "VAT"),
    ("Palestine", "fr", "PSE"),
    ("United States", "en", "USA"),
    ("Russian Federation", "en", "RUS"),
    ("Iran (Islamic Republic of)", "en", "IRN"),
    ("Islamic Republic of Iran", "en", "IRN"),
    ("Korea (Republic of)", "en", "KOR"),
    ("Czech Republic", "en", "CZE"),
    ("Viet Nam", "en", "VNM"),
    ("Estados Unidos", "es", "USA"),
    ("Reino Unido", "es", "GBR"),
    ("Federación de Rusia", "es", "RUS"),
    ("República Islámica del Irán", "es", "IRN"),
    ("Sudáfrica", "es", "ZAF"),
    ("República Checa", "es", "CZE"),
    ("Arabia Saudita", "es", "SAU"),
    ("México", "es", "MEX"),
    ("Canadá", "es", "CAN"),
    ("الاتحاد الروسي", "ar", "RUS"),
    ("الولايات المتحدة", "ar", "USA"),
    ("الصين", "ar", "CHN"),
    ("俄罗斯联邦", "zh", "RUS"),
    ("美国", "zh", "USA"),
    ("大韩民国", "zh", "KOR"),
    ("Российская Федерация", "ru", "RUS"),
    ("Соединенные Штаты Америки", "ru", "USA"),
    ("Франция", "ru", "FRA"),
])
def test_country_by_name(name: str, lang: str, iso3: str) -> None:
    assert gazetteer().country_by_name(name, lang) == iso3


def test_country_by_name_stays_in_its_language() -> None:
    g = gazetteer()
    assert g.country_by_name("Fédération de Russie", "en") is None
    assert g.country_by_name("Russian Federation", "fr") is None
    assert g.country_by_name("CEPT", "fr") is None  # an organization, not a country
    assert g.country_by_name("La réunion", "fr") is None  # no lower-case variant after "La"
    assert g.country_by_name("Reunión", "es") is None  # a Spanish common noun


@pytest.mark.parametrize("id_", ["APT", "ASMG", "ATU", "CEPT", "CITEL", "RCC"])
def test_regional_organizations_in_six_languages(id_: str) -> None:
    g = gazetteer()
    found = {o.id: o for o in g.organizations}
    assert found[id_].regional
    for lang in LANGUAGES:
        assert found[id_].names[lang], (id_, lang)
        assert g.surface_forms(lang)[found[id_].names[lang][0]] == Entity("organization", id_)


def test_only_the_six_rtos_are_regional() -> None:
    regional = {o.id for o in gazetteer().organizations if o.regional}
    assert regional == {"APT", "ASMG", "ATU", "CEPT", "CITEL", "RCC"}


@pytest.mark.parametrize("form, lang, id_", [
    ("UAT", "fr", "ATU"), ("CRC", "es", "RCC"), ("RCC", "fr", "RCC"), ("ONUDC", "fr", "UNODC"),
    ("Association GSM", "fr", "GSMA"),
    ("Union africaine des télécommunications", "fr", "ATU"),
    ("Comisión Interamericana de Telecomunicaciones", "es", "CITEL"),
])
def test_organization_forms(form: str, lang: str, id_: str) -> None:
    assert gazetteer().surface_forms(lang)[form] == Entity("organization", id_)


@pytest.mark.parametrize("id_", ["african-group", "arab-group"])
def test_groups_in_six_languages(id_: str) -> None:
    g = gazetteer()
    group = {x.id: x for x in g.groups}[id_]
    for lang in LANGUAGES:
        assert group.names[lang]
        assert g.surface_forms(lang)[group.names[lang][0]] == Entity("group", id_)


@pytest.mark.parametrize("form, lang, id_", [
    ("Groupe africain", "fr", "african-group"), ("groupe africain", "fr", "african-group"),
    ("groupe des Etats arabes", "fr", "arab-group"), ("Groupe arabe", "fr", "arab-group"),
    ("African States", "en", "african-group"), ("Arab Group", "en", "arab-group"),
    ("Grupo de Estados de África", "es", "african-group"), ("Grupo Árabe", "es", "arab-group"),
])
def test_group_forms(form: str, lang: str, id_: str) -> None:
    assert gazetteer().surface_forms(lang)[form] == Entity("group", id_)


@pytest.mark.parametrize("form, lang, id_", [
    ("TSB", "fr", "TSB"),
    ("Bureau de la normalisation des télécommunications", "fr", "TSB"),
    ("Oficina de Normalización de las Telecomunicaciones", "es", "TSB"),
    ("services informatiques", "fr", "IS"),
    ("Information Services", "en", "IS"),
    ("Département de la planification stratégique et des relations avec les Membres", "fr", "SPM"),
    ("secrétariat", "fr", "secretariat"),
    ("Secrétariat", "fr", "secretariat"),
    ("GTC-Internet", "fr", "CWG-Internet"),
    ("GTCInternet", "fr", "CWG-Internet"),
    ("CWG-Internet", "en", "CWG-Internet"),
    ("GTC-Internet", "es", "CWG-Internet"),
    ("Commission de rédaction", "fr", "editorial-committee"),
    ("Editorial Committee", "en", "editorial-committee"),
    ("Comisión de Redacción", "es", "editorial-committee"),
    ("Groupe de travail de la plénière", "fr", "working-group-of-the-plenary"),
    ("Working Group of the Plenary", "en", "working-group-of-the-plenary"),
    ("Grupo de Trabajo de la Plenaria", "es", "working-group-of-the-plenary"),
])
def test_unit_forms(form: str, lang: str, id_: str) -> None:
    assert gazetteer().surface_forms(lang)[form] == Entity("unit", id_)


def test_units_cover_the_contract_ids() -> None:
    ids = {u.id for u in gazetteer().units}
    assert {"TSB", "BDT", "BR", "SPM", "IS", "secretariat", "editorial-committee",
            "working-group-of-the-plenary", "RRB", "council", "CWG-Internet", "CWG-SFP",
            "CWG-WSIS&SDG", "CWG-FHR", "CWG-COP", "CWG-LANG", "SC-ADM", "EG-ITRs"} <= ids


def test_other_languages_preferred_forms_are_not_surface_forms() -> None:
    fr = gazetteer().surface_forms("fr")
    assert "Russian Federation" not in fr and "Federación de Rusia" not in fr
    assert fr["CITEL"] == Entity("organization", "CITEL")  # acronyms cross languages
    assert fr["ATU"] == Entity("organization", "ATU")


def test_stored_forms_do_not_collide_between_entities() -> None:
    g = gazetteer()
    for lang in LANGUAGES:
        owner: dict[str, Entity] = {}
        for entry in g.entries():
            for form in entry.names.get(lang, []):
                assert owner.setdefault(form, entry.entity) == entry.entity, (lang, form)


# --- roles --------------------------------------------------------------------------------

ROLES = {"delegate", "councillor", "ambassador", "minister", "observer", "chair", "vice-chair",
         "secretary-general", "deputy-secretary-general", "director", "legal-adviser",
         "representative", "head"}


def test_roles_cover_the_contract_in_six_languages() -> None:
    roles = gazetteer().roles
    assert set(roles) == ROLES
    for role, by_lang in roles.items():
        for lang in LANGUAGES:
            assert by_lang[lang]["singular"] and by_lang[lang]["plural"], (role, lang)


@pytest.mark.parametrize("noun, lang, expected", [
    ("délégué", "fr", ("delegate", False)), ("Déléguée", "fr", ("delegate", False)),
    ("délégués", "fr", ("delegate", True)), ("Conseiller", "fr", ("councillor", False)),
    ("conseillère", "fr", ("councillor", False)), ("conseillers", "fr", ("councillor", True)),
    ("Conseiller juridique", "fr", ("legal-adviser", False)),
    ("Président", "fr", ("chair", False)), ("Présidente", "fr", ("chair", False)),
    ("Vice-Président", "fr", ("vice-chair", False)), ("Chef", "fr", ("head", False)),
    ("Directrice", "fr", ("director", False)), ("représentante", "fr", ("representative", False)),
    ("Secrétaire général", "fr", ("secretary-general", False)),
    ("Chairman", "en", ("chair", False)), ("Vice-Chair", "en", ("vice-chair", False)),
    ("councillors", "en", ("councillor", True)), ("Legal Adviser", "en", ("legal-adviser", False)),
    ("Presidenta", "es", ("chair", False)), ("Vicepresidente", "es", ("vice-chair", False)),
    ("delegadas", "es", ("delegate", True)), ("Asesora Jurídica", "es", ("legal-adviser", False)),
    ("Jefa", "es", ("head", False)), ("Consejero", "es", ("councillor", False)),
    ("Председатель", "ru", ("chair", False)), ("主席", "zh", ("chair", False)),
])
def test_role_forms(noun: str, lang: str, expected: tuple[str, bool]) -> None:
    assert gazetteer().role_forms(lang)[noun] == expected


# --- lookup -------------------------------------------------------------------------------


def test_compile_alternation_is_a_trie_longest_first() -> None:
    source = compile_alternation(["Soudan", "Soudan du Sud", "Inde", "Indonésie"])
    assert source.count("Soudan") == 1 and source.count("Ind") == 1
    pattern = re.compile(source)
    assert pattern.match("Soudan du Sud").group() == "Soudan du Sud"
    assert pattern.match("Soudan du Nord").group() == "Soudan"
    assert pattern.match("Indonésie").group() == "Indonésie"
    assert re.fullmatch(compile_alternation([]), "") is None


def test_compile_alternation_escapes_metacharacters() -> None:
    words = ["Korea (Republic of)", "Lao P.D.R.", "CWG-WSIS&SDG", "a[b]", "x^-y", "a\\"]
    pattern = re.compile(compile_alternation(words))
    for word in words:
        assert pattern.fullmatch(word), word
    assert not pattern.fullmatch("Lao PxDxRx")


def test_matcher_is_word_bounded() -> None:
    g = gazetteer()
    fr, en = g.matcher("fr"), g.matcher("en")
    assert [e.id for _, _, e in en.find("Romania, Omani, Nigerian, Nigeria, Niger.")] == [
        "ROU", "NGA", "NER"]
    assert fr.find("les Indes, Indeed, Chinese, Malien") == []
    assert [e.id for _, _, e in fr.find("l'Inde et l’Oman")] == ["IND", "OMN"]
    assert fr.find("chine, france") == []  # case-sensitive


def test_matcher_leftmost_longest() -> None:
    matcher = gazetteer().matcher("fr")
    text = "du Soudan du Sud, du Soudan, de la Guinée-Bissau et de la Guinée."
    assert [(text[s:e], x.id) for s, e, x in matcher.find(text)] == [
        ("Soudan du Sud", "SSD"), ("Soudan", "SDN"), ("Guinée-Bissau", "GNB"), ("Guinée", "GIN")]


def test_matcher_from_custom_forms() -> None:
    matcher = Matcher({"ab": Entity("unit", "X"), "abc": Entity("unit", "Y")}, "en")
    assert matcher.find("abc ab abd") == [(0, 3, Entity("unit", "Y")), (4, 6, Entity("unit", "X"))]


def test_matcher_unspaced_and_arabic() -> None:
    g = gazetteer()
    zh = "俄罗斯联邦代表和中国代表"
    assert [x.id for _, _, x in g.matcher("zh").find(zh)] == ["RUS", "CHN"]
    ar = "قال مندوب الاتحاد الروسي والصين"
    assert [x.id for _, _, x in g.matcher("ar").find(ar)] == ["RUS", "CHN"]


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_matcher_finds_every_country_of_the_seeds(prefix: str) -> None:
    found = gazetteer().matcher("fr").find(seed_text(prefix))
    assert {x.id for _, _, x in found if x.kind == "country"} == SEED_COUNTRIES[prefix]
    assert SEED_OTHERS[prefix] <= {(x.kind, x.id) for _, _, x in found}


def test_gazetteer_is_a_cached_singleton() -> None:
    g = gazetteer()
    assert gazetteer() is g
    assert g.surface_forms("fr") is g.surface_forms("fr")
    assert g.matcher("fr") is g.matcher("fr")


# --- the build script ---------------------------------------------------------------------


def test_gazetteer_sources_are_pinned_to_the_versions_that_built_it() -> None:
    """pyproject.toml pins pycountry and babel to the versions recorded in built-with.json."""
    built_with = json.loads((DATA / "built-with.json").read_text(encoding="utf-8"))
    pins = dict(re.findall(r'"(babel|pycountry)==([^"]+)"',
                           (REPO / "pyproject.toml").read_text(encoding="utf-8")))
    assert pins == built_with
    for name, wanted in built_with.items():
        assert metadata.version(name) == wanted, f"{name} {metadata.version(name)} installed"


def test_build_script_reproduces_countries_json(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_gazetteer.py"),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    built = (tmp_path / "countries.json").read_bytes()
    assert built == (DATA / "countries.json").read_bytes()
    assert (tmp_path / "built-with.json").read_bytes() == (DATA / "built-with.json").read_bytes()
