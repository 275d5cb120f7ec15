"""Transliteration variants and merge proposals, against hand-worked expectations."""

from __future__ import annotations

import pytest

from orgmap.resolve import phonetic_key, same_entity_name
from orgmap.resolve.candidates import pair_reason


@pytest.mark.parametrize(
    "a, b",
    [
        ("Qods Force", "Quds Force"),
        ("Hizballah", "Hezbollah"),
        ("Esmail Qaani", "Ismail Qaani"),
        ("Qasem Soleimani", "Qassem Suleimani"),
        ("Muqtada al-Sadr", "Moqtada al-Sadr"),
        ("Nasrallah", "Nasrallah"),
    ],
)
def test_variants_are_the_same_name(a, b):
    assert same_entity_name(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Iraq", "Iran"),
        ("Unit 400", "Unit 340"),
        ("Hamas", "Hezbollah"),
        ("Qods Force", "Qods Force finance"),
        ("Syria", "Serbia"),
        ("Ali Reza", "Ali Raza Khan"),
    ],
)
def test_different_names_stay_apart(a, b):
    assert not same_entity_name(a, b)


def test_fold_is_a_consonant_key():
    assert phonetic_key("Quds") == phonetic_key("Qods") == "kds"


def test_pair_reasons():
    assert pair_reason(["Qaani"], ["Esmail Qaani"], "person")[1].startswith("surname")
    assert pair_reason(["IRGC"], ["Islamic Revolutionary Guard Corps"], "organization")[1].startswith(
        "acronym"
    )
    assert pair_reason(["Hamas"], ["Hezbollah"], "organization") is None


def test_a_surname_alias_is_no_reason_to_merge_two_full_names():
    assert pair_reason(["Omar Haddad", "Haddad"], ["Laila Haddad"], "person") is None
