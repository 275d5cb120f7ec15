"""Names by their shape: capital runs, patronymics, company forms, roles glued to bodies, places
inside states. Every text is invented; each case is one of the shapes the entity layer misread."""

from __future__ import annotations

import pytest

from orgmap.extract import extract_document
from orgmap.extract.markup import strip_markup
from orgmap.extract.truecase import recase_capital_runs


def _typed(text: str) -> dict[str, str]:
    return {e.name.lower(): e.type for e in extract_document(text).entities}


@pytest.mark.parametrize(
    "text",
    [
        "OFAC listed EMPRESA DE SERVICIOS Y VENTAS S.A. and ALI REZA; IRGC QF, U.S.",
        "ÉCOLE NATIONALE DES MINES STRASSE",  # accents, and a letter whose case forms differ in length
        "ǅ ǄEMAL ꞮRÖN İSTANBUL ﬀOO",
        "",
    ],
)
def test_recasing_keeps_every_offset(text):
    out = recase_capital_runs(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower() or len(out) == len(text)


def test_acronyms_and_initials_stay_capital():
    out = recase_capital_runs("The IRGC QF and the U.S. met ZAO NIKA at NATO HQ.")
    assert "IRGC QF" in out and "U.S." in out


def test_a_sanctions_list_in_capitals_names_its_companies_and_people():
    text = (
        "The Department of State added the following entities to the list:\n"
        "EMPRESA IMPORTADORA DE METALES DEL NORTE S.A.\n"
        "COMERCIALIZADORA DE ARTICULOS OSTIA\n"
        "It also designated VALERIO ANTUNEZ MARQUEZ, the director of EMPRESA IMPORTADORA DE METALES DEL "
        "NORTE S.A.\n"
    )
    got = _typed(text)
    assert got.get("empresa importadora de metales del norte s.a.") == "organization"
    assert got.get("comercializadora de articulos ostia") == "organization"
    assert got.get("valerio antunez marquez") == "person"


def test_the_original_text_is_what_evidence_quotes():
    text = "OFAC designated EMPRESA DE SERVICIOS NORTE S.A. on Tuesday."
    clean = strip_markup(text, [])
    assert clean.text.startswith("OFAC designated Empresa de Servicios Norte S.A.")
    assert clean.original == text


def test_a_bullet_list_of_patronymic_names_keeps_every_given_name():
    text = (
        "Today the Ministry designated the board of Ostia Bank:\n\n"
        "- **Yaroslav Petrovich Zhukin**\n"
        "- **Valerii Ilyich Morozko**\n"
        "- **Natalia Borisovna Kettler**\n"
    )
    people = {e.name for e in extract_document(text).entities if e.type == "person"}
    assert {"Yaroslav Petrovich Zhukin", "Valerii Ilyich Morozko", "Natalia Borisovna Kettler"} <= people
    assert not any(p.startswith(("Petrovich", "Ilyich", "Borisovna")) for p in people)


def test_company_forms_of_other_jurisdictions_make_a_company():
    got = _typed("Funds moved through Kaltona Holdings SARLU and Vesper Trade Ltda to Marek Novak.")
    assert got.get("kaltona holdings sarlu") == "organization"
    assert got.get("vesper trade ltda") == "organization"
    assert got.get("marek novak") == "person"


def test_a_bracketed_word_and_a_comma_inside_a_company_form_stay_in_the_name():
    got = _typed(
        "Lin Hao owns Golden Vale International (HK) Co., Limited and Tarvan Trading (Private) Limited, "
        "which run the casino."
    )
    assert got.get("golden vale international (hk) co., limited") == "organization"
    assert got.get("tarvan trading (private) limited") == "organization"
    assert "limited" not in got


def test_a_role_after_a_body_is_not_part_of_its_name():
    got = _typed("The Norland Finance Commission Deputy Head Omar Haddad met donors in Ostia.")
    assert "norland finance commission deputy head" not in got
    assert got.get("omar haddad") == "person"


def test_a_place_inside_a_state_is_a_place_not_a_person():
    got = _typed("Fighters crossed from Helen Province into Norland. They seized Karen State's capital.")
    assert got.get("helen province") == "place"
    assert got.get("karen state") == "place"


def test_a_peoples_possessive_stays_inside_a_partys_name():
    got = _typed(
        "The Norland People’s Party (NPP) won the election. Lars Holm’s Vision is a plan. The NPP rules."
    )
    assert got.get("norland people’s party") == "organization"
    assert "lars holm’s vision" not in got


def test_a_company_after_a_role_of_keeps_its_whole_name():
    got = _typed("He is a director of King Vela Company Limited. King Abdullah met him.")
    assert got.get("king vela company limited") == "organization"
    assert "limited" not in got and got.get("abdullah") == "person"


def test_a_bracketed_acronym_widens_its_long_form_over_joining_words():
    text = (
        "In May 2016, the Norland Brigade pledged allegiance to the Islamic Front of Norland and the "
        "Southern Marches (IFNSM). Karim Osei leads al-Nasr in the Lands of the Eastern Coast (ANEC). "
        "Lena Brandt went to the Democratic Republic of the Congo (DRC)."
    )
    ents = {e.name: e for e in extract_document(text).entities}
    assert ents["Islamic Front of Norland and the Southern Marches"].type == "organization"
    assert ents["al-Nasr in the Lands of the Eastern Coast"].type == "organization"
    assert ents["Democratic Republic of the Congo"].type == "place"
    assert "Southern Marches" not in ents and "Eastern Coast" not in ents


def test_initials_that_do_not_spell_the_words_before_the_bracket_widen_nothing():
    from orgmap.extract.acronym_forms import initials_spell

    def spells(name: str, acronym: str) -> bool:
        return initials_spell(name.split(), acronym, {"of", "and", "the", "in"})

    assert spells("Al Qaida in the Lands of the Islamic Maghreb", "AQIM")
    assert spells("Ministry of Intelligence and Security", "MOIS")
    assert not spells("Lands of the Islamic Maghreb", "AQIM")
    assert not spells("Islamic State of Iraq and the Levant", "ISIS")
    assert not spells("Norland Army Special Brigade Central Command", "NB")


def test_a_person_name_cut_short_by_the_tagger_takes_back_the_surname_after_it():
    text = (
        "The members designated today consist of:\n\n- **Yevgeniy Ivanovich Bessonov **\n"
        "- **Aleksey Vladimirovich Kurinniy **\n\nLieutenant General **Ye Win Oo** was appointed Joint "
        "Secretary of the Ruling Council."
    )
    people = {e.name for e in extract_document(text).entities if e.type == "person"}
    assert {"Yevgeniy Ivanovich Bessonov", "Aleksey Vladimirovich Kurinniy", "Ye Win Oo"} <= people
    assert not {"Yevgeniy Ivanovich", "Aleksey", "Ye Win"} & people


def test_a_name_never_runs_over_a_colon():
    text = (
        "The Department of State designated the following individuals who hold leadership roles within "
        "the Nasr Front: Karim Osei, Lena Brandt, and Omar Vesh pursuant to E.O. 13224."
    )
    names = {e.name for e in extract_document(text).entities}
    assert {"Nasr Front", "Karim Osei"} <= names
    assert not [n for n in names if ":" in n]


def test_a_body_named_by_its_owner_is_an_entity_the_owner_leads_or_contains():
    text = (
        "Lars Holm's criminal organization moves cocaine through Spain. Anna Berg sits on Norvik "
        "Bank's management board. The Management Board of Norvik Bank met in Oslo."
    )
    r = extract_document(text, decider=None)
    names = {e.name: e for e in r.entities}
    assert names["Lars Holm's criminal organization"].type == "organization"
    assert "Lars Holm" in names and names["Lars Holm"].type == "person"
    triples = {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}
    assert ("Lars Holm", "leads", "Lars Holm's criminal organization") in triples
    boards = [e for e in r.entities if "board" in e.name.lower()]
    assert len(boards) == 1  # the capitalised "Management Board" is the same body
    assert ("Norvik Bank", "organization") in {(e.name, e.type) for e in r.entities}
    assert any(s == boards[0].name and t == "part_of" and o == "Norvik Bank" for s, t, o in triples)


def test_an_owned_noun_that_describes_a_named_body_or_a_persons_office_makes_no_body():
    text = (
        "The RGB, which is Norland's primary intelligence bureau, controls the Lazarus Group. "
        "Anna Berg's office is in Oslo. Hamas's Council on International Relations met."
    )
    names = {e.name.lower() for e in extract_document(text, decider=None).entities}
    assert not [n for n in names if "bureau" in n or "office" in n]
    assert "hamas's council" not in names


def test_bold_runs_are_recorded_in_clean_offsets():
    clean = strip_markup("Minister**Yuri Petrovich Lund **(**Lund**) and __Ana__ met. A ** lone star.")
    assert [clean.text[s:e] for s, e in clean.emphasis] == ["Yuri Petrovich Lund", "Lund", "Ana"]


def test_a_name_set_in_bold_is_one_name_whatever_the_tagger_cut():
    text = (
        "Minister of the Interior**Yuriy Petrovich Karlov**(**Karlov**) and Deputy Minister of the "
        "Interior**Alyaksandr Ivanovich Barsukou **(**Barsukou**) direct the police. Saw Chit Thu "
        "appointed his two sons, **Saw Htoo Eh Moo **and **Saw Chit Chit**, as officers. "
        "OFAC designated **Global Lumen d.o.o. Laktasi**(**Global Lumen**), owned by Karlov."
    )
    ents = {e.name: e for e in extract_document(text).entities}
    for person in (
        "Yuriy Petrovich Karlov",
        "Alyaksandr Ivanovich Barsukou",
        "Saw Htoo Eh Moo",
        "Saw Chit Chit",
    ):
        assert ents[person].type == "person", person
    assert ents["Global Lumen d.o.o. Laktasi"].type == "organization"
    assert "Global Lumen" in ents["Global Lumen d.o.o. Laktasi"].aliases
    assert not [n for n in ents if "Interior" in n and ("Yuriy" in n or "Alyaksandr" in n)]


def test_two_bold_names_joined_by_and_stay_two_names():
    text = (
        "OFAC designated the **Norvik Cartel and the Ostia Clan** today. Lars Holm leads the Norvik Cartel."
    )
    names = {e.name for e in extract_document(text).entities}
    assert {"Norvik Cartel", "Ostia Clan"} <= names
    assert not [n for n in names if " and " in n]


def test_a_state_whose_name_starts_a_council_stays_a_place():
    text = (
        "Moldova's Central Election Commission (CEC) Deputy Chairperson Ivo Lund ran the vote. "
        "Protests spread across Moldova. Moldova Central Election Commission staff fled."
    )
    ents = {e.name: e for e in extract_document(text).entities}
    assert ents["Moldova"].type == "place"
    assert "Ivo Lund" in ents  # "Deputy Chairperson" is a title, not part of the name


def test_a_given_name_between_a_title_and_a_name_and_an_inner_surname_belong_to_the_person():
    text = (
        "OFAC designated Rafael Ortega, son of Vice President and First Lady Rosario Maria Murillo "
        "De Ortega. The company has ties to Murillo."
    )
    r = extract_document(text)
    people = {e.name: e for e in r.entities if e.type == "person"}
    assert "Rosario Maria Murillo De Ortega" in people
    assert "Murillo" not in {e.name for e in r.entities}  # the paternal surname is hers


def test_an_owned_body_after_a_bracketed_short_form_and_a_capitalised_owned_unit():
    text = (
        "The entities form a core part of Norland President Lars Holm's (Holm) patronage network. "
        "Ivo Lund commands the Ministry of the Interior's Internal Troops."
    )
    r = extract_document(text, decider=None)
    triples = {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}
    assert ("Lars Holm", "leads", "Lars Holm's patronage network") in triples
    troops = next(e for e in r.entities if e.name == "Internal Troops")
    assert troops.type == "organization" and "Ministry of the Interior's Internal Troops" in troops.aliases


def test_a_country_named_by_its_long_form_is_the_place_not_a_body():
    text = (
        "Peskov is the spokesperson of the Russian Federation. He worked in the energy sector of the "
        "Russian Federation economy. Russia invaded Ukraine."
    )
    ents = {e.name: e for e in extract_document(text).entities}
    places = [e for e in ents.values() if e.type == "place" and "Russia" in {e.name, *e.aliases}]
    assert len(places) == 1 and "Russian Federation" in {places[0].name, *places[0].aliases}
    assert not [e for e in ents.values() if e.name == "Russian Federation" and e.type == "organization"]


def test_names_the_text_declares_the_same_are_one_entity():
    text = (
        "Ostia Trading, also known as Norvik Exports Ltd, moved funds for Lars Holm. "
        "Aman Holding, which was formerly known as the Vesta Group, is run by Ivo Lund. "
        "The Vesh Front (VF) was designated as an alias of the Red Hand Brigade (RHB) in 2006."
    )
    ents = extract_document(text).entities
    by_name = {n: e for e in ents for n in (e.name, *e.aliases)}
    assert by_name["Ostia Trading"] is by_name["Norvik Exports Ltd"]
    assert by_name["Aman Holding"] is by_name["Vesta Group"]
    assert by_name["Vesh Front"] is by_name["Red Hand Brigade"]


def test_a_capital_that_owns_an_action_stands_for_its_country():
    text = "Russia and North Korea deepened ties in 2024. Moscow's support for Pyongyang grew. Talks were held in Moscow."
    ents = extract_document(text).entities
    russia = next(e for e in ents if e.name == "Russia")
    assert "Moscow" in russia.aliases
