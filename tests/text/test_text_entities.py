"""Entity mentions: acronyms, possessives, titles, surnames, events, pronouns, known names."""

from __future__ import annotations

import pickle

from orgmap.extract import extract_document


def _names(r):
    return {(e.name, e.type): set(e.aliases) for e in r.entities}


def test_acronym_defined_in_text_and_initials():
    r = extract_document(
        "The Islamic Revolutionary Guard Corps (IRGC) expanded. The IRGC trains Lebanese Hezbollah. "
        "LH leaders met."
    )
    names = _names(r)
    assert "IRGC" in names[("Islamic Revolutionary Guard Corps", "organization")]
    assert "LH" in names[("Lebanese Hezbollah", "organization")]
    assert "Hezbollah" in names[("Lebanese Hezbollah", "organization")]


def test_possessives_and_titles_are_stripped_and_kept():
    r = extract_document("Major General Qasem Soleimani’s forces moved. Soleimani’s deputy stayed.")
    person = [e for e in r.entities if e.type == "person"]
    assert [p.name for p in person] == ["Qasem Soleimani"]
    assert person[0].attributes["titles"] == ["Major General"]
    assert len(person[0].mentions) == 2


def test_surname_resolves_to_full_name_even_when_tagger_calls_it_a_place():
    text = "Esmail Qaani took over. Qaani was worried. Later Qaani left Tehran."
    r = extract_document(text)
    qaani = [e for e in r.entities if e.name == "Esmail Qaani"]
    assert qaani and qaani[0].type == "person" and len(qaani[0].mentions) == 3
    assert not any(e.name == "Qaani" for e in r.entities)


def test_dated_and_named_events():
    r = extract_document(
        "The council met at a meeting held on October 14, 2023. The Iraqi elections followed, "
        "and after the death of Ali Khan, Hamas attacked Israel on October 7."
    )
    names = {e.name: e for e in r.entities if e.type == "event"}
    assert {"October 14, 2023 meeting", "Iraqi elections", "death of Ali Khan", "October 7 attack"} <= set(
        names
    )
    assert names["October 14, 2023 meeting"].date == "2023-10-14"


def test_pronoun_resolves_to_nearest_person():
    from textkit import triples

    got = triples("Mario Rossi arrived late. Further signs include the Blue Front’s attacks on him.")
    assert ("Blue Front", "opposes", "Mario Rossi") in got


def test_known_entities_name_what_the_tagger_misses():
    r = extract_document(
        "Zorbax controls Kelvin Yard.",
        known_entities=[("Zorbax", "organization", ()), ("Kelvin Yard", "organization", ())],
    )
    assert {("Zorbax", "organization"), ("Kelvin Yard", "organization")} <= set(_names(r))


def test_result_is_plain_picklable_data():
    r = extract_document("Laila Haddad, the commander of the Northern Brigade, met Omar Saleh.")
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.to_gold("x.txt") == r.to_gold("x.txt")


def test_extraction_is_deterministic():
    text = "Laila Haddad, the commander of the Northern Brigade, met Omar Saleh in Homs in March 2021."
    assert extract_document(text).to_gold("a") == extract_document(text).to_gold("a")


def test_state_form_is_the_place_and_languages_are_not_actors():
    r = extract_document(
        "The Islamic Republic of Iran backs Kataib Sayyid. Iran denied it in Farsi and Arabic. "
        "The Islamic Republic was silent."
    )
    places = [e for e in r.entities if e.type == "place"]
    assert [p.name for p in places] == ["Iran"]
    assert {"Islamic Republic of Iran", "Islamic Republic"} <= set(places[0].aliases)
    assert not any(e.name in ("Farsi", "Arabic") for e in r.entities)


def test_transliterated_body_words_make_organizations():
    r = extract_document("Asaib Ahl al-Haq and Jaish al-Adl attacked the convoy.")
    assert {("Asaib Ahl al-Haq", "organization"), ("Jaish al-Adl", "organization")} <= set(_names(r))


def test_only_a_dated_day_makes_a_verb_an_event():
    def events(text):
        return [e.name for e in extract_document(text).entities if e.type == "event"]

    assert events("Rebels attacked the port on 3 March 2021.") == ["3 March 2021 attack"]
    assert events("Omar Aziz met the Gulf Cartel in May.") == []
    assert events("They attacked the base in 2022.") == []
