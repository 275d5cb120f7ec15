"""Each pattern family on sentences written for the test (not from any gold document)."""

from __future__ import annotations

import pytest
from textkit import relation, triples

from orgmap.extract import extract_document


@pytest.mark.parametrize(
    "text, want",
    [
        # apposition
        (
            "Laila Haddad, the commander of the Northern Brigade, visited the front.",
            ("Laila Haddad", "leads", "Northern Brigade"),
        ),
        # parenthetical with a list of roles
        (
            "Omar Saleh (commander of Unit 12 and deputy commander of Unit 9) was promoted.",
            ("Omar Saleh", "deputy_of", "Unit 9"),
        ),
        (
            "Omar Saleh (commander of Unit 12 and deputy commander of Unit 9) was promoted.",
            ("Omar Saleh", "leads", "Unit 12"),
        ),
        # title before the name
        (
            "Hizballah Secretary General Hasan Nasrallah gave a speech.",
            ("Hasan Nasrallah", "leads", "Hizballah"),
        ),
        # copula
        ("Maria Lopez is the director of the Tijuana Cartel.", ("Maria Lopez", "leads", "Tijuana Cartel")),
        # "as"
        (
            "John Carter served in the board as the deputy chairman of Acme Holdings.",
            ("John Carter", "deputy_of", "Acme Holdings"),
        ),
    ],
)
def test_role_patterns(text, want):
    assert want in triples(text)


def test_role_with_portfolio_is_membership_and_responsibility():
    got = triples("Karim Nasser (Red Army commander responsible for Libya) resigned.")
    assert ("Karim Nasser", "responsible_for", "Libya") in got
    assert ("Karim Nasser", "member_of", "Red Army") in got
    assert ("Karim Nasser", "leads", "Red Army") not in got


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "After the death of Pablo Ortega, Luis Mendez took over the organization.",
            ("Luis Mendez", "succeeded", "Pablo Ortega"),
        ),
        ("In 2020 Sara Klein replaced Tom Weber.", ("Sara Klein", "succeeded", "Tom Weber")),
        (
            "Syria and Lebanon were managed by the Shadow Council.",
            ("Shadow Council", "responsible_for", "Syria"),
        ),
        ("The Gulf Cartel funds the Zeta Group.", ("Gulf Cartel", "funds", "Zeta Group")),
        ("Ahmed Rahimi met with Victor Lang in Vienna.", ("Ahmed Rahimi", "met_with", "Victor Lang")),
    ],
)
def test_verb_patterns(text, want):
    assert want in triples(text)


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Further trouble came from Mario Rossi’s refusal to allow Paolo Conte to enter the port.",
            ("Mario Rossi", "opposes", "Paolo Conte"),
        ),
        (
            "Karl Brandt maintains close relations with Ibrahim Hassan.",
            ("Karl Brandt", "allied_with", "Ibrahim Hassan"),
        ),
    ],
)
def test_noun_patterns(text, want):
    assert want in triples(text)


def test_phrase_pattern_with_coordinated_subjects_and_hedge():
    text = "Individuals like Ali Reza, Pavel Orlov and Jin Woo are all in purported conflict with Mark Stone."
    got = triples(text)
    for who in ("Ali Reza", "Pavel Orlov", "Jin Woo"):
        assert (who, "opposes", "Mark Stone") in got
    _, rel = relation(text, "Ali Reza", "opposes", "Mark Stone")
    assert rel.modality == "hedged"


@pytest.mark.parametrize(
    "text, want",
    [
        ("Unit 77 in the Qods Force handles Syria.", ("Unit 77", "part_of", "Qods Force")),
        (
            "The Qods Force—part of the Islamic Revolutionary Guard Corps (IRGC)—is elite.",
            ("Qods Force", "part_of", "Islamic Revolutionary Guard Corps"),
        ),
        ("Mira Kovac is head of Apex Group finance.", ("Apex Group finance", "part_of", "Apex Group")),
    ],
)
def test_structure_patterns(text, want):
    assert want in triples(text)


def test_coordinated_unit_list_is_part_of_the_body():
    got = triples("The Storm Corps comprises units known as Units 10, 20, and 30.")
    assert {("Unit 10", "part_of", "Storm Corps"), ("Unit 30", "part_of", "Storm Corps")} <= got


def test_relation_types_respect_schema_endpoint_types(schema):
    r = extract_document(
        "Laila Haddad, the commander of the Northern Brigade, attacked Damascus on May 3, 2021. "
        "The Northern Brigade funds Leila Darwish."
    )
    types = {e.key: e.type for e in r.entities}
    for x in r.relations:
        rt = schema.relation(x.type)
        assert types[x.source] in rt.source_types and types[x.target] in rt.target_types


def test_every_evidence_span_is_exact_text():
    from orgmap.extract import extract_document as extract

    text = (
        "Laila Haddad, the commander of the Northern Brigade, met Omar Saleh. Omar Saleh funds the brigade."
    )
    r = extract(text)
    assert r.relations
    for x in r.relations:
        for s, e in x.evidence:
            assert 0 <= s < e <= len(text)
    for ent in r.entities:
        for s, e in ent.mentions:
            assert text[s:e].strip() == text[s:e] and text[s:e]


@pytest.mark.parametrize(
    "text",
    [
        "The Norland Sanctions Office designated three members of the Ostia Brotherhood.",
        "The Norland Sanctions Office (NSO) today sanctioned two senior leaders of the Ostia Brotherhood.",
    ],
)
def test_the_authority_that_lists_or_sanctions_is_not_a_party(text):
    """The annotation guide: listings and sanctions, by anyone, are not relations, and a role that
    is the object of a verb acting on it ("designated three members of Y") is not the subject's."""
    found = triples(text, decider=None)
    assert not {t for t in found if "Sanctions Office" in t[0] or "Sanctions Office" in t[2]}, found


def test_a_post_held_as_an_object_still_has_its_holder():
    assert ("Ann Lee", "leads", "Brixmoor Holdings") in triples(
        "Ann Lee holds the post of chairman of Brixmoor Holdings.", decider=None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Norvik Holdings is controlled by Erik Lund.",
        "Norvik Holdings is owned or controlled by Erik Lund.",
        "Erik Lund owns Norvik Holdings.",
    ],
)
def test_ownership_and_control_are_manages_even_for_a_person(text):
    """The guide: "owned or controlled by P" -> P manages; a controlling owner manages, not leads."""
    found = triples(text, decider=None)
    assert ("Erik Lund", "manages", "Norvik Holdings") in found
    assert ("Erik Lund", "leads", "Norvik Holdings") not in found


def test_a_person_who_manages_a_body_still_leads_it():
    assert ("Erik Lund", "leads", "Norvik Holdings") in triples(
        "Norvik Holdings is managed by Erik Lund.", decider=None
    )


def test_a_family_named_by_a_surname_has_each_bearer_of_it_as_a_member():
    r = extract_document(
        "Karim Haddad and his brother Omar Haddad run the bank. The Haddad family also owns a hotel in Ostia.",
        decider=None,
    )
    found = {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}
    assert {
        ("Karim Haddad", "member_of", "Haddad family"),
        ("Omar Haddad", "member_of", "Haddad family"),
    } <= found


def test_a_regime_named_by_a_surname_two_people_share_has_no_leader_from_it():
    r = extract_document("Ana Mora and Luis Mora met. The Mora regime jailed critics.", decider=None)
    assert not [x for x in r.relations if x.pattern == "structure-eponym"]


def test_bodies_listed_behind_a_preposition_are_not_parts_of_each_other():
    got = triples(
        "The talks included participants from the Office of the National Cyber Director, the Department "
        "of War, the Federal Bureau of Investigation, and the Federal Communications Commission."
    )
    listed = {"Department of War", "Federal Bureau of Investigation", "Federal Communications Commission"}
    assert not [t for t in got if t[1] == "part_of" and t[0] in listed and t[2] in listed]


def test_allegiance_and_support_received_name_the_supporter():
    got = triples(
        "In 2015, the Red Hand Brigade pledged allegiance to the Ostia Front. The Vesh Front, another "
        "militia that receives support from the Red Army, received funding from Norvik Bank."
    )
    assert ("Red Hand Brigade", "supports", "Ostia Front") in got
    assert ("Red Army", "supports", "Vesh Front") in got
    assert ("Norvik Bank", "funds", "Vesh Front") in got


def test_one_of_several_leaders_is_a_member_not_the_head():
    got = triples("Hassan Afgo, a key leader of the Ostia Front, runs its finances.")
    assert ("Hassan Afgo", "member_of", "Ostia Front") in got
    assert ("Hassan Afgo", "leads", "Ostia Front") not in got


def test_a_cue_noun_with_its_preposition_reads_only_that_object():
    got = triples(
        "The Salvadoran government's counterinsurgency efforts against the Vesh Front failed. "
        "The Norland Army's joint operations with the Red Hand Brigade continue.",
        decider=None,
    )
    assert ("Salvadoran government", "opposes", "Vesh Front") in got
    assert not [t for t in got if t[1] == "opposes" and "Red Hand Brigade" in t]


def test_the_one_a_listing_acts_on_does_what_its_for_clause_says_and_the_authority_is_no_party():
    def rels(text):
        r = extract_document(text, decider=None)
        return {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}

    owned = rels(
        "OFAC designated Bebidas Norte Inc. and Dominicana Vesh S.A. pursuant to E.O. 13818 "
        "for being owned or controlled by Lars Holm."
    )
    assert {
        ("Lars Holm", "manages", "Bebidas Norte Inc."),
        ("Lars Holm", "manages", "Dominicana Vesh S.A."),
    } <= owned
    assert rels("Ali Musa was designated today for materially assisting the Vesh Front.") == {
        ("Ali Musa", "supports", "Vesh Front")
    }
    acting = rels("Treasury designated Ali Musa for having acted for or on behalf of the Vesh Front.")
    assert not [x for x in acting if "Treasury" in (x[0], x[2])]


def test_the_actor_of_an_arrest_or_prosecution_opposes_the_one_acted_on():
    for text in (
        "Elvis Lund was arrested by the Norland police in 2013.",
        "The Norland police arrested Elvis Lund in 2013.",
    ):
        r = extract_document(text, decider=None)
        found = {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}
        assert ("Norland police", "opposes", "Elvis Lund") in found, found
