"""Nominal events on invented sentences: named by their span, dated, with participants and targets."""

from __future__ import annotations

import pytest

from orgmap.extract import extract_document
from orgmap.extract.events import find_events
from orgmap.extract.nlp import get_nlp


def _events(text, doc_date=None):
    r = extract_document(text, doc_date=doc_date)
    names = {e.key: e.name for e in r.entities}
    return {
        e.name: (
            e,
            {
                role: [names[k] for k in keys]
                for role, keys in e.attributes.items()
                if role in {"participants", "targets", "places"}
            },
        )
        for e in r.entities
        if e.type == "event"
    }


def test_arrest_of_a_person_in_a_month_is_dated_and_targets_him():
    ev = _events("Police confirmed the arrest of Rui Costa in May 2021.")
    ((name, (e, roles)),) = ev.items()
    assert name.startswith("arrest of Rui Costa") and e.date == "2021-05"
    assert roles["targets"] == ["Rui Costa"]


def test_a_possessor_takes_part_in_a_visit_to_a_place():
    ev = _events("Hugo Brandt's visit to Sudmark angered the Norland Liberation Front.")
    e, roles = ev["Hugo Brandt's visit to Sudmark"]
    assert roles["participants"] == ["Hugo Brandt"] and roles["places"] == ["Sudmark"]


def test_a_dated_bombing_of_a_named_target():
    ev = _events("The Norland Liberation Front planned the 2019 bombing of the Ostia consulate.")
    e, roles = ev["2019 bombing of the Ostia consulate"]
    assert e.date == "2019" and roles["targets"] == ["Ostia"]


def test_a_month_names_a_ceasefire_and_the_document_date_gives_its_year():
    ev = _events("The March ceasefire between Norland and Sudmark collapsed.", doc_date="2024-06-01")
    ((name, (e, roles)),) = ev.items()
    assert "March ceasefire" in name and e.date == "2024-03"


def test_a_by_agent_and_an_against_object():
    ev = _events("The raid by the Norland Army against the Sudmark Freedom Movement failed.")
    ((name, (e, roles)),) = ev.items()
    assert roles["participants"] == ["Norland Army"] and roles["targets"] == ["Sudmark Freedom Movement"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry published the 2024 Code of Conduct for Ostia ports.",
        "He cited Resolution 2751 of the council.",
        "The designation of Lars Holm followed.",
    ],
)
def test_laws_resolutions_and_designations_are_not_events(text):
    assert not _events(text)


def test_an_event_noun_without_a_name_a_date_or_a_complement_is_no_event():
    assert not _events("The attack was condemned by many people.")


def test_a_series_is_no_event_unless_dated_and_a_conflict_needs_a_state_or_place():
    assert not _events("The Red Hand Brigade claimed attacks on Erik Lund's convoy.")
    assert "July 2006 Ostia train bombings" in _events("He planned the July 2006 Ostia train bombings.")
    assert not _events("His conflict with Erik Lund deepened.")  # a relation between people, not an event
    assert list(_events("The war in Sudan displaced millions.")) == ["war in Sudan"]


def test_one_event_noun_repeated_with_the_same_target_is_one_event():
    text = "Putin's war on Ukraine began in 2022. Russia's war against Ukraine displaced many. The war in Sudan differs."
    r = extract_document(text)
    wars = [e for e in r.entities if e.type == "event" and "Ukraine" in e.name]
    assert len(wars) == 1
    assert [text[s:t] for s, t in wars[0].mentions] == [
        "Putin's war on Ukraine",
        "Russia's war against Ukraine",
    ]
    assert "war in Sudan" in {e.name for e in r.entities}


def test_an_arrest_stated_by_a_verb_is_an_event_with_its_target_and_agent():
    ev = _events(
        "Rui Costa was arrested in May 2019 by the Norland Police Service. He was released later.",
        doc_date="2020-01-01",
    )
    ((name, (e, roles)),) = ev.items()
    assert name == "Rui Costa was arrested in May 2019" and e.date == "2019-05"
    assert roles["targets"] == ["Rui Costa"] and roles["participants"] == ["Norland Police Service"]
    assert not _events("Officers arrested many people.")  # no named person or body acted on


def test_a_date_after_an_event_noun_names_it_though_it_hangs_on_the_verb():
    found = [
        (m.name, m.date)
        for m in find_events(get_nlp()("The Unity Party survived a confidence vote in June."))
    ]
    assert found == [("confidence vote in June", "June")]


def test_agreements_accords_and_runoffs_are_events_when_dated_or_named():
    doc = get_nlp()(
        "The 1992 peace accord ended the war. Lund reached an agreement with the Ostia opposition in 2012."
    )
    assert {m.name for m in find_events(doc)} >= {
        "1992 peace accord",
        "agreement with the Ostia opposition in 2012",
    }


def test_an_arrest_of_someone_named_by_a_pronoun_is_named_from_its_verb():
    ev = _events(
        "Lena Varga ran the Ostia network. She was arrested by Norland police in May 2024 on charges of fraud.",
        doc_date="2025-01-01",
    )
    ((name, (e, roles)),) = ev.items()
    assert name.startswith("arrested by Norland police in May 2024") and e.date == "2024-05"
    assert roles["targets"] == ["Lena Varga"]


def test_someone_described_as_arrested_by_a_relative_clause_is_its_target():
    ev = _events("The court heard Rui Costa, who was extradited to Norland in July 2025, on Monday.")
    ((name, (e, roles)),) = ev.items()
    assert name == "extradited to Norland in July 2025" and roles["targets"] == ["Rui Costa"]


def test_a_long_verb_event_keeps_its_core_and_needs_a_date_with_a_number():
    ev = _events(
        "Rui Costa was arrested by the Kosovo police and the European Union mission in Pristina on "
        "September 22, 2012."
    )
    assert [n for n in ev if n.startswith("Rui Costa was arrested")]
    assert "Rui Costa was detained in the days" not in _events(
        "Rui Costa was detained in the days after the raid."
    )


def test_the_one_arrested_is_the_target_not_a_participant():
    r = extract_document("Naser Vela was arrested on May 6, 2013 in Bosnia.")
    names = {e.key: e.name for e in r.entities}
    rels = {(names[x.source], x.type, names[x.target]) for x in r.relations}
    assert ("Naser Vela", "participated_in", "Naser Vela was arrested on May 6, 2013") not in rels


def test_an_event_word_inside_a_name_and_an_intended_act_are_no_events():
    assert not _events("Rui Costa was questioned by the Special Prosecution Office.")
    assert not _events("Lena Varga had two guards with him when he decided to arrest Rui Costa.")
    assert not _events(
        "The President charged the Treasury Department with pursuing sanctions against Rui Costa."
    )


def test_a_second_passive_verb_shares_the_first_ones_subject():
    ev = _events("Rui Costa was arrested in Lisbon in May 2012 and sentenced to four years in prison.")
    assert "sentenced to four years in prison" in ev
    assert ev["sentenced to four years in prison"][1]["targets"] == ["Rui Costa"]


def test_the_one_an_event_acted_on_is_never_made_its_participant_by_the_model():
    from orgmap.extract.relmodel.candidates import Candidate, Occurrence
    from orgmap.extract.relmodel.decide import hits_for
    from orgmap.schema import load_schema

    doc = get_nlp()("Police arrested Rui Costa in May 2019.")
    (event,) = find_events(doc)

    class G:
        def __init__(self, t, mentions=()):
            self.type, self.mentions = t, list(mentions)

    rui, ev = G("person"), G("event", [event])
    cand = Candidate(Occurrence(ev, event.i, event.j), Occurrence(rui, 2, 4), 0)
    hits = hits_for(doc, cand, [("participated_in<", 0.9), ("targets>", 0.8)], load_schema())
    assert [(h.source, h.type, h.target) for h in hits] == [(ev, "targets", rui)]


def test_a_state_body_in_the_complement_names_the_event():
    ev = _events("The Vesh Front entered negotiations with the Norlandic government in the capital.")
    assert "negotiations with the Norlandic government" in ev
    assert not _events("The Vesh Front entered negotiations with local elders in the capital.")


def test_the_formation_of_a_named_body_is_an_event():
    assert "formation of the Nasr Front" in _events("Karim Osei declared the formation of the Nasr Front.")


def test_a_date_the_tagger_took_for_an_event_names_no_event_and_agreeing_dates_make_one_event():
    ev = _events(
        "The Norland army staged the March 3, 2021 coup against the elected government. "
        "Lars Holm planned the 2021 coup. The results of the June 4, 2020 general election stood."
    )
    names = {name: e for name, (e, _) in ev.items()}
    assert "March 3, 2021 coup" in names and names["March 3, 2021 coup"].date == "2021-03-03"
    assert "2021 coup" in names["March 3, 2021 coup"].aliases and "2021 coup" not in names
    assert "June 4, 2020 general election" in names
    assert not [n for n in names if n in {"March 3, 2021", "June 4, 2020"}]
