"""Constructions common in press releases, designations and crime reporting (sentences
written for the test; none is taken from a gold document)."""

from __future__ import annotations

import pytest

from orgmap.extract import extract_document
from orgmap.names import normalize_name


@pytest.fixture(autouse=True)
def _patterns_only(monkeypatch):
    """These pin the hand-written patterns; the learned model is held by test_relation_model.py."""
    monkeypatch.setenv("ORGMAP_RELATION_MODEL", "none")


CASES = [
    (
        "Anna Berg was appointed chief executive of Nordic Steel in 2019.",
        ("Anna Berg", "leads", "Nordic Steel"),
    ),
    ("Nordic Steel's chief executive, Anna Berg, resigned.", ("Anna Berg", "leads", "Nordic Steel")),
    ("Anna Berg, who heads Nordic Steel, resigned.", ("Anna Berg", "leads", "Nordic Steel")),
    ("The Vitti Clan is led by Marco Vitti.", ("Marco Vitti", "leads", "Vitti Clan")),
    # ownership is manages, a person owner too (annotation guide: "a controlling owner -> manages")
    ("Marco Vitti owns Vitti Shipping Ltd.", ("Marco Vitti", "manages", "Vitti Shipping Ltd")),
    ("Vitti Shipping Ltd is owned by Marco Vitti.", ("Marco Vitti", "manages", "Vitti Shipping Ltd")),
    (
        "Atlas Holdings acquired Vitti Shipping Ltd in 2020.",
        ("Vitti Shipping Ltd", "part_of", "Atlas Holdings"),
    ),
    (
        "Vitti Shipping Ltd, a subsidiary of Atlas Holdings, was sanctioned.",
        ("Vitti Shipping Ltd", "part_of", "Atlas Holdings"),
    ),
    ("Paolo Greco is a member of the Vitti Clan.", ("Paolo Greco", "member_of", "Vitti Clan")),
    ("Paolo Greco joined the Vitti Clan in 2015.", ("Paolo Greco", "member_of", "Vitti Clan")),
    ("The Vitti Clan was founded by Marco Vitti.", ("Marco Vitti", "leads", "Vitti Clan")),
    ("Lena Dahl will be replaced by Ola Nord.", ("Ola Nord", "succeeded", "Lena Dahl")),
    ("Ola Nord succeeded Lena Dahl as chair of Fjord Bank.", ("Ola Nord", "leads", "Fjord Bank")),
    ("Sofia Greco, the wife of Paolo Greco, runs a bakery.", ("Sofia Greco", "personal_tie", "Paolo Greco")),
    ("Omar Aziz is a financier of the Vitti Clan.", ("Omar Aziz", "funds", "Vitti Clan")),
    ("Omar Aziz sends money to the Vitti Clan.", ("Omar Aziz", "funds", "Vitti Clan")),
    ("The Vitti Clan receives funding from Omar Aziz.", ("Omar Aziz", "funds", "Vitti Clan")),
    ("Omar Aziz reports to Marco Vitti.", ("Omar Aziz", "reports_to", "Marco Vitti")),
    ("The Vitti Clan is at war with the Red Circle.", ("Vitti Clan", "opposes", "Red Circle")),
    ("The Vitti Clan cooperates with the Red Circle.", ("Vitti Clan", "allied_with", "Red Circle")),
    (
        "Paolo Greco, a senior official of the Vitti Clan, was arrested.",
        ("Paolo Greco", "member_of", "Vitti Clan"),
    ),
    ("Paolo Greco, a Vitti Clan commander, was arrested.", ("Paolo Greco", "member_of", "Vitti Clan")),
    ("Marco Vitti is the brother of Luca Vitti.", ("Marco Vitti", "personal_tie", "Luca Vitti")),
    ("The Vitti Clan operates in Sicily and Calabria.", ("Vitti Clan", "responsible_for", "Calabria")),
    ("Luca Conti, Marco Vitti's deputy, was arrested.", ("Luca Conti", "reports_to", "Marco Vitti")),
    # a definite common noun or "its" refers back to the body named before
    (
        "The Vitti Clan controls Naples. The group is led by Marco Vitti.",
        ("Marco Vitti", "leads", "Vitti Clan"),
    ),
    (
        "Atlas Holdings announced results. Its chief executive, Anna Berg, resigned.",
        ("Anna Berg", "leads", "Atlas Holdings"),
    ),
    (
        "Omar Aziz met the Gulf Cartel in May. Police say he funds the cartel.",
        ("Omar Aziz", "funds", "Gulf Cartel"),
    ),
    ("Atlas Holdings named Anna Berg as its new chief executive.", ("Anna Berg", "leads", "Atlas Holdings")),
    (
        "Paolo Greco, 45, a former commander of the Vitti Clan, was arrested.",
        ("Paolo Greco", "member_of", "Vitti Clan"),
    ),
    (
        "Paolo Greco and Luca Conti, both members of the Vitti Clan, were arrested.",
        ("Luca Conti", "member_of", "Vitti Clan"),
    ),
    ("Marco Vitti is believed to be the leader of the Vitti Clan.", ("Marco Vitti", "leads", "Vitti Clan")),
    ("The Vitti Clan's leader Marco Vitti fled.", ("Marco Vitti", "leads", "Vitti Clan")),
    ("Marco Vitti has close ties to the Red Circle.", ("Marco Vitti", "allied_with", "Red Circle")),
    (
        "Marco Vitti allegedly ordered the killing of Paolo Greco.",
        ("Marco Vitti", "planned", "killing of Paolo Greco"),
    ),
    (
        "Anna Berg will take over as chief executive of Atlas Holdings.",
        ("Anna Berg", "leads", "Atlas Holdings"),
    ),
    ("The Red Circle is a rival of the Vitti Clan.", ("Red Circle", "opposes", "Vitti Clan")),
    ("Luca Conti serves as the Vitti Clan's treasurer.", ("Luca Conti", "member_of", "Vitti Clan")),
    (
        "The Vitti Clan launched an attack on the Red Circle on 12 June 2023.",
        ("Vitti Clan", "opposes", "Red Circle"),
    ),
    (
        "Marco Vitti, the son of Aldo Vitti, took over the clan.",
        ("Marco Vitti", "personal_tie", "Aldo Vitti"),
    ),
    ("Omar Aziz has financed the Vitti Clan since 2018.", ("Omar Aziz", "funds", "Vitti Clan")),
    ("The Vitti Clan is backed by the Red Circle.", ("Red Circle", "supports", "Vitti Clan")),
    ("Marco Vitti is a close associate of Omar Aziz.", ("Marco Vitti", "personal_tie", "Omar Aziz")),
    ("Vitti Shipping Ltd acts on behalf of the Vitti Clan.", ("Vitti Clan", "manages", "Vitti Shipping Ltd")),
    (
        "Atlas Holdings makes ships. Its subsidiaries include Atlas Marine and Atlas Rail.",
        ("Atlas Rail", "part_of", "Atlas Holdings"),
    ),
    ("Fjord Bank has been a lender to Atlas Holdings since 2008.", ("Fjord Bank", "funds", "Atlas Holdings")),
]


def _norm(triple):
    return normalize_name(triple[0]), triple[1], normalize_name(triple[2])


@pytest.mark.parametrize("text, want", CASES)
def test_construction(text, want):
    r = extract_document(text)
    got = {_norm((r.entity(x.source).name, x.type, r.entity(x.target).name)) for x in r.relations}
    assert _norm(want) in got


def test_an_indefinite_commander_is_a_member_not_the_head():
    r = extract_document("Paolo Greco, a Vitti Clan commander, was arrested.")
    assert {x.type for x in r.relations} == {"member_of"}


def test_a_definite_noun_with_nothing_before_it_refers_to_nothing():
    r = extract_document("The company was founded in 1990 by Ann Lee. Acme Corp makes tools.")
    assert not [x for x in r.relations if x.type == "leads"]


def test_an_apposition_role_does_not_stand_in_for_a_second_subject():
    r = extract_document("Marco Vitti, the son of Aldo Vitti, took over the clan.")
    got = {(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations}
    assert ("Aldo Vitti", "succeeded", "Marco Vitti") not in got


def test_a_role_named_like_its_body_terminates():
    """Regression: "the Vitti Clan's leader" once sent the alias chain round in a circle."""
    r = extract_document("The Vitti Clan's leader Marco Vitti fled. The Vitti Clan leader spoke.")
    assert any(e.name == "Vitti Clan" for e in r.entities)
