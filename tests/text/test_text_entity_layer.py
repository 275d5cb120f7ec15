"""The entity layer on invented sentences: markup with an offset map, identifier blocks,
non-entities, bracketed short forms, titled names, demonym institutions, company forms."""

from __future__ import annotations

import pytest

from orgmap.extract import extract_document
from orgmap.extract.markup import strip_markup


def _entities(text):
    r = extract_document(text)
    return {e.name: e for e in r.entities}, r


def _spans_point_into_original(r, text):
    for e in r.entities:
        for s, t in e.mentions:
            got = text[s:t]
            assert got.strip("*_[]") and "".join(got.split()) != "", (e.name, got)
    for rel in r.relations:
        s, t = rel.evidence[0]
        assert 0 <= s < t <= len(text)


def test_markup_is_stripped_and_spans_point_into_the_original():
    text = (
        "**OSTIA –** Norvik national**Erik Lund Senior**(Erik Sr.) met [Hugo Brandt](https://example.org/a_b) "
        "of the _Sudmark Trading Group_.\n\n### THE LUND NETWORK\n\nErik Lund Senior leads the Sudmark Trading Group."
    )
    ents, r = _entities(text)
    assert "Erik Lund Senior" in ents and "Hugo Brandt" in ents and "Sudmark Trading Group" in ents
    assert not [n for n in ents if "*" in n or "[" in n or "http" in n]
    # the dateline and the heading are not entities; "Erik Sr." is an alias, not a second person
    assert "OSTIA" not in ents and not [n for n in ents if "NETWORK" in n]
    assert [n for n in ents if "Erik" in n] == ["Erik Lund Senior"]
    for e in r.entities:
        for s, t in e.mentions:
            assert text[s:t].replace("**", "") in {e.name, *e.aliases}, (e.name, text[s:t])
    assert r.text == text


def test_offset_map_round_trips_every_kept_character():
    text = "A **bold** [link](http://x.y/z_1) and _under_score_ word__glued\n## Head\nEnd."
    clean = strip_markup(text, [])
    assert clean.text == "A bold link and under_score word__glued\nHead\nEnd."
    for k, ch in enumerate(clean.text):
        assert text[clean.to_original(k, k + 1)[0]] == ch
    assert clean.headings == [(clean.text.index("Head"), clean.text.index("Head") + 4)]


def test_identifier_block_with_glued_labels_is_one_person_and_no_label_entities():
    text = (
        "The Treasury designated a smuggler today.\n\n"
        "Full name: RUI COSTAAlias: Rui da CostaAlias: Costa, RuiBorn: 1970Nationality: Norlandic\n"
    )
    ents, r = _entities(text)
    people = [e for e in r.entities if e.type == "person"]
    assert len(people) == 1
    names = {people[0].name, *people[0].aliases}
    assert {"Rui da Costa", "Rui Costa"} <= {n.title() if n.isupper() else n for n in names}
    for label in ("Full name", "Alias", "Born", "Nationality", "Costa, Rui"):
        assert label not in ents


@pytest.mark.parametrize(
    "name",
    [
        "Sudmark Sanctions Regulations",
        "SDN List",
        "Foreign Terrorist Organization",
        "E.O. 14059",
        "Norland Accountability Act",
    ],
)
def test_laws_lists_and_designation_labels_are_not_entities(name):
    ents, _ = _entities(f"John Miller was sanctioned under the {name} on Tuesday.")
    assert name not in ents and "John Miller" in ents


def test_a_label_opening_a_name_is_not_part_of_it():
    ents, _ = _entities("The ministry also designated SDGT Norland Liberation Front, a militia.")
    assert "Norland Liberation Front" in ents and not [n for n in ents if n.startswith("SDGT")]


def test_bracketed_short_forms_are_aliases():
    ents, _ = _entities("Lars Erik Holm (Lars) met Norvik Shipping Ltd. (Norvik Shipping) in Ostia.")
    assert "Lars" not in ents and "Lars" in ents["Lars Erik Holm"].aliases
    norvik = [e for e in ents.values() if e.type == "organization" and "Norvik" in e.name]
    assert len(norvik) == 1


@pytest.mark.parametrize(
    "text, body",
    [
        ("The Norwegian military backed the rebels.", "Norwegian military"),
        ("The U.S. government opposed the plan.", "U.S. government"),
        ("Russia's army crossed the border.", "Russia's army"),
        ("The Holm regime jailed the editor.", "Holm regime"),
        ("Members of the Lund family own the port.", "Lund family"),
        ("Authorities in Guatemala arrested him.", "Authorities in Guatemala"),
    ],
)
def test_a_state_or_demonym_with_an_institution_noun_is_an_organization(text, body):
    ents, _ = _entities(text)
    assert ents[body].type == "organization"
    assert not [
        e for e in ents.values() if e.type == "organization" and e.name in {"Norway", "Russia", "U.S."}
    ]


def test_the_government_of_a_demonym_is_an_alias():
    ents, _ = _entities("The Norwegian government protested. Later the Government of Norway paid Lars Holm.")
    govs = [e for e in ents.values() if e.type == "organization"]
    assert len(govs) == 1 and {"Norwegian government", "Government of Norway"} <= {
        govs[0].name,
        *govs[0].aliases,
    }


@pytest.mark.parametrize(
    "name, bare",
    [
        ("Lund Metals S.A. de C.V.", "Lund Metals"),
        ("Breco (Asia Pacific) Ltd.", "Breco"),
        ("Ostia Shipping, S.A.", "Ostia Shipping"),
        ("Creative Python L.L.C.", "Creative Python"),
        ("Vesterhav Shipping ASA", "Vesterhav Shipping"),
    ],
)
def test_company_suffixes_belong_to_the_name_and_the_bare_name_is_an_alias(name, bare):
    ents, _ = _entities(f"{name} paid Lars Holm in 2020. Later {bare} paid him again.")
    assert ents[name].type == "organization" and bare in ents[name].aliases and bare not in ents
    assert not [n for n in ents if n != name and n.endswith(("Ltd.", "S.A.", "C.V.", "L.L.C."))]


def test_department_forms_are_one_body():
    ents, _ = _entities(
        "The U.S. Department of the Treasury acted. The Treasury Department said that Treasury "
        "will act again."
    )
    orgs = [e for e in ents.values() if e.type == "organization"]
    assert len(orgs) == 1 and "Treasury" in orgs[0].aliases


def test_an_office_label_before_a_name_does_not_make_it_a_body():
    ents, _ = _entities("Under Secretary for Terrorism and Financial Intelligence Brian E. Nelson said so.")
    assert ents["Brian E. Nelson"].type == "person"
    assert "Terrorism" not in ents and "Financial Intelligence" not in ents


def test_a_sponsored_body_is_an_organization_and_its_sponsor_keeps_its_mention():
    ents, _ = _entities("The Norland-backed militia attacked the village. Iran-backed militias fought on.")
    assert ents["Norland-backed militia"].type == "organization" and "Norland" in ents
    assert not [n for n in ents if n.endswith("militias")]  # a generic plural is no body


@pytest.mark.parametrize(
    "text",
    [
        "OFAC designated the following companies: (1) Norvik Shipping Ltd.; (2) Ostia Metals LLC; and (3) Sudmark "
        "Trading FZE.",
        "The designated entities are Norvik Shipping Ltd.; Ostia Metals LLC; Sudmark Trading FZE; and Brandt "
        "Logistics GmbH.",
    ],
)
def test_semicolon_and_numbered_lists_of_companies(text):
    ents, _ = _entities(text)
    companies = {n for n, e in ents.items() if e.type == "organization" and n != "OFAC"}
    assert {"Norvik Shipping Ltd.", "Ostia Metals LLC", "Sudmark Trading FZE"} <= companies
    assert companies <= {
        "Norvik Shipping Ltd.",
        "Ostia Metals LLC",
        "Sudmark Trading FZE",
        "Brandt Logistics GmbH",
    }
    assert "Brandt Logistics GmbH." not in ents  # the sentence's full stop is no part of the name


def test_hyphenated_and_acronym_prefixed_sub_units_are_whole_names():
    ents, _ = _entities("Lars Holm commands the Norland Army-Special Brigade and the GU Youth Office.")
    assert ents["Norland Army-Special Brigade"].type == ents["GU Youth Office"].type == "organization"


def test_middle_names_and_shared_surnames():
    ents, _ = _entities("Daniel Joseph Kinahan met Omar Saleh. Daniel Kinahan later left.")
    assert "Daniel Kinahan" in ents["Daniel Joseph Kinahan"].aliases and "Daniel Kinahan" not in ents
    text = "Erik Lund and his sister Anna Lund run the firm. Anna Lund chairs it. Lund said nothing."
    ents, r = _entities(text)
    lund = text.rindex("Lund")
    assert (lund, lund + 4) in ents["Anna Lund"].mentions and (lund, lund + 4) not in ents[
        "Erik Lund"
    ].mentions


def test_an_event_ending_in_a_name_stays_an_event_and_a_unique_first_name_is_its_holder():
    ents, _ = _entities(
        "Prosecutors filed an indictment against Lund in 2021. Erik Magnus Lund denied it. "
        "Later Erik left Ostia."
    )
    assert [e.type for n, e in ents.items() if n.startswith("indictment")] == ["event"]
    assert "Erik" not in ents and "Erik" in ents["Erik Magnus Lund"].aliases


def test_a_company_name_cut_in_two_by_the_tagger_is_joined():
    ents, _ = _entities(
        "OFAC named Servicio De Proteccion Y Vigilancia, S.A. and Ostia Jil General Trading L.L.C. in 2020."
    )
    assert ents["Servicio De Proteccion Y Vigilancia, S.A."].type == "organization"
    assert not [n for n in ents if n in {"Vigilancia, S.A.", "Trading L.L.C.", "Servicio De Proteccion"}]


def test_two_companies_joined_by_and_stay_two():
    ents, _ = _entities("OFAC named Norvik Shipping Ltd. and Ostia Metals LLC on Monday.")
    assert {"Norvik Shipping Ltd.", "Ostia Metals LLC"} <= set(ents)


def test_untagged_surnames_and_joined_people_mention_the_people_named_in_full():
    text = "Yevgeniy Prigozhin and Dmitriy Utkin founded the Wagner Group. Prigozhin and Utkin ran it."
    ents, _ = _entities(text)
    assert (text.rindex("Prigozhin"), text.rindex("Prigozhin") + 9) in ents["Yevgeniy Prigozhin"].mentions
    assert (text.rindex("Utkin"), text.rindex("Utkin") + 5) in ents["Dmitriy Utkin"].mentions
    assert not [n for n in ents if " and " in n]


@pytest.mark.parametrize(("words", "typed"), [("Zhao Lin TCO", "organization"), ("Henry Ford II", "person")])
def test_a_name_ending_in_a_bodys_initials_is_a_body_whatever_the_tagger_said(words, typed):
    from collections import Counter

    from orgmap.extract.lexicon import load_lexicon
    from orgmap.extract.mention_span import Mention
    from orgmap.extract.mention_votes import gazetteer_places
    from orgmap.extract.nlp import get_nlp

    doc = get_nlp()(f"Su Ming acts for {words} in Laos.")
    m = Mention(4, 7, doc[4].idx, doc[6].idx + len(doc[6]), words, Counter(person=1))
    gazetteer_places(doc, [m], load_lexicon())
    assert m.best_type() == typed


def test_an_honorific_written_with_a_name_is_kept_as_an_alias_and_state_counselor_is_a_title():
    ents, _ = _entities(
        "Mullah Akhtar Mansur leads the Vesh Shura. The coup removed State Counselor Daw Khin Mya from office."
    )
    assert "Mullah Akhtar Mansur" in ents["Akhtar Mansur"].aliases
    assert ents["Daw Khin Mya"].type == "person"


def test_a_name_described_as_a_kind_of_business_is_a_body():
    from orgmap.extract.mentions import find_mentions
    from orgmap.extract.nlp import get_nlp

    doc = get_nlp()("Treasury named Vesh Amlak, the engineering conglomerate. Tarik Omar is a shipping firm.")
    types = {m.name: m.votes["organization"] for m in find_mentions(doc)}
    assert types["Vesh Amlak"] >= 2 and types["Tarik Omar"] >= 2


def test_a_body_described_and_then_named_in_apposition_is_one_body():
    ents, _ = _entities(
        "Ali Musa is a longtime member of the Nasr Front military wing, the Tal Brigades. "
        "Sami Haddad sits on the Vesh Senior Shura."
    )
    assert "Nasr Front military wing" in ents["Tal Brigades"].aliases
    assert "Nasr Front military wing" not in ents
    assert ents["Vesh Senior Shura"].type == "organization"


def test_a_hyphenated_description_before_a_name_is_no_part_of_it_and_demonyms_share_their_noun():
    ents, _ = _entities(
        "Sani met OFAC-designated Vesh Finance Commission Head Gul Tarin in May. "
        "Tarin appeared on the pro-Kremlin Channel Nine. "
        "Thai, Lao, and Chinese authorities have seized large narcotics shipments."
    )
    assert {"Vesh Finance Commission", "Channel Nine"} <= set(ents)
    assert {"Thai authorities", "Lao authorities", "Chinese authorities"} <= set(ents)
    assert "authorities of Laos" in ents["Lao authorities"].aliases


def test_a_short_form_opening_a_bracket_with_more_in_it_is_an_alias_and_may_end_in_a_number():
    from collections import Counter

    from orgmap.extract.gazetteer import load_gazetteer
    from orgmap.extract.mention_span import Mention
    from orgmap.extract.mention_votes import _unknown_acronym

    ents, _ = _entities("The Tal Front (TFV, designated in 2019) attacked Ostia. TFV fighters fled.")
    assert "TFV" in ents["Tal Front"].aliases and "TFV" not in ents
    gaz = load_gazetteer()
    assert _unknown_acronym(Mention(0, 1, 0, 5, "MS-13", Counter()), gaz)
    assert not _unknown_acronym(Mention(0, 1, 0, 7, "Unit-13", Counter()), gaz)
