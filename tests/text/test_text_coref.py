"""Rule-based coreference on invented sentences: coreferent spans become mentions of the entity."""

from __future__ import annotations

from orgmap.extract import extract_document


def _mentions(text):
    r = extract_document(text)
    return {e.name: [text[s:t] for s, t in e.mentions] for e in r.entities}, r


def test_a_title_stands_for_its_only_holder():
    got, _ = _mentions("Lars Holm is the president of Norland. The President met Erik Lund in Ostia.")
    assert got["Lars Holm"] == ["Lars Holm", "President"]
    assert "President" not in got["Erik Lund"]


def test_a_title_held_by_two_people_stays_unresolved():
    got, _ = _mentions(
        "Lars Holm is the president of Norland. Erik Lund is the president of Sudmark. "
        "The president spoke first."
    )
    assert "president" not in got["Lars Holm"][1:] and "president" not in got["Erik Lund"][1:]


def test_a_subject_pronoun_is_the_previous_subject_not_the_nearest_person():
    got, _ = _mentions("Lars Holm met Erik Lund in Ostia. He said the talks went well.")
    assert "He" in got["Lars Holm"] and "He" not in got["Erik Lund"]


def test_both_states_are_the_last_two_states_named():
    got, _ = _mentions("Norway and Sweden signed a pact in Oslo. Both countries agreed to share radar data.")
    assert "Both countries" in got["Norway"] and "Both countries" in got["Sweden"]


def test_a_definite_description_refers_to_the_body_named_so():
    got, _ = _mentions("The Norland Security Bureau arrested Erik Lund. The bureau said he had fled.")
    assert "bureau" in got["Norland Security Bureau"]


def test_titled_names_are_split_into_person_body_and_state():
    got, r = _mentions(
        "Norlandic President Lars Holm met the Chairman of the Board of Norvik Holdings Erik Lund."
    )
    types = {e.name: e.type for e in r.entities}
    assert types == {
        "Norland": "place",
        "Lars Holm": "person",
        "Norvik Holdings": "organization",
        "Erik Lund": "person",
    }


def test_a_plural_subject_continues_the_list_of_the_sentence_before():
    text = (
        "Treasury designated Lars Holm, Erik Lund and Anna Berg on Tuesday. These individuals act for the "
        "Norland Liberation Front. They also fund it."
    )
    got, _ = _mentions(text)
    for person in ("Lars Holm", "Erik Lund", "Anna Berg"):
        assert got[person][1:] == ["These individuals", "They"]
    assert got["Norland Liberation Front"] == ["Norland Liberation Front"]


def test_a_typed_plural_takes_only_members_of_its_type():
    got, _ = _mentions(
        "OFAC named Lars Holm, Norvik Shipping Ltd. and Ostia Metals LLC on Monday. "
        "The companies moved oil for Sudmark."
    )
    assert "The companies" in got["Norvik Shipping Ltd."] and "The companies" in got["Ostia Metals LLC"]
    assert "The companies" not in got["Lars Holm"]
