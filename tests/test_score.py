"""The gold scorer on small hand-made pairs; every expected figure is worked out by hand."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from orgmap.evaluate import Score, match_entities, micro_average, score_document


def ent(eid, name, etype="person", *aliases):
    return {"id": eid, "name": name, "type": etype, "aliases": list(aliases)}


def rel(s, rtype, t, modality=None):
    r = {"source": s, "type": rtype, "target": t}
    if modality:
        r["modality"] = modality
    return r


GOLD = {
    "document": "x.txt",
    "entities": [
        ent("q", "Esmail Qaani", "person", "Qaani"),
        ent("s", "Qasem Soleimani", "person", "Soleimani"),
        ent("f", "Qods Force", "organization"),
        ent("b", "Badr Organization", "organization"),
        ent("r", "Ibrahim Raisi"),
    ],
    "relations": [
        rel("q", "leads", "f", "asserted"),
        rel("s", "leads", "f", "asserted"),
        rel("b", "opposes", "q", "asserted"),
        rel("q", "allied_with", "r", "asserted"),
        rel("q", "succeeded", "s"),
    ],
}


def test_aliases_articles_possessives_and_case_match():
    pred = {
        "entities": [
            ent("1", "QAANI"),
            ent("2", "the Qods Force’s", "organization"),
            ent("3", "Soleimani's"),
            ent("4", "The Badr Organization", "organization"),
            ent("5", "Raisi"),
        ]
    }
    # 1~q via alias "Qaani"; 2~f ("qods force"); 3~s via alias; 4~b; 5 matches nothing
    # ("raisi" != "ibrahim raisi"): tp 4, fp 1, fn 1 -> P = R = 4/5.
    s = score_document(GOLD, pred)
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (4, 1, 1)
    assert s.entities.precision == pytest.approx(0.8) and s.entities.recall == pytest.approx(0.8)
    assert s.missed_entities == ["r"]
    assert s.entity_matches == {"q": "1", "f": "2", "s": "3", "b": "4"}


def test_types_must_agree():
    # "Qods Force" as a place does not match the gold organization: 0 tp, 1 fp, 5 fn.
    s = score_document(GOLD, {"entities": [ent("1", "Qods Force", "place")]})
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (0, 1, 5)


def test_one_to_one_matching_is_maximum_and_order_free():
    # Gold A {"x","y"} and B {"y"}; predictions P1 "y" and P2 "x". A greedy first-fit that
    # gives A to P1 (shared "y") would leave B unmatched; the maximum matching is A-P2, B-P1.
    gold = {"entities": [ent("A", "x", "person", "y"), ent("B", "y")], "relations": []}
    for preds in itertools.permutations([ent("P1", "y"), ent("P2", "x")]):
        for golds in itertools.permutations(gold["entities"]):
            m = match_entities({"entities": list(golds)}, {"entities": list(preds)})
            assert m == {"A": "P2", "B": "P1"}


def test_matching_size_equals_networkx_maximum_matching():
    rng = random.Random(7)
    names = [f"n{i}" for i in range(6)]
    for _ in range(30):
        gold = [ent(f"g{i}", rng.choice(names), "person", *rng.sample(names, 2)) for i in range(7)]
        pred = [ent(f"p{i}", rng.choice(names), "person", *rng.sample(names, 1)) for i in range(6)]
        graph = nx.Graph()
        graph.add_nodes_from(e["id"] for e in gold + pred)
        for g in gold:
            for p in pred:
                if {g["name"], *g["aliases"]} & {p["name"], *p["aliases"]}:
                    graph.add_edge(g["id"], p["id"])
        expected = len(nx.bipartite.maximum_matching(graph, top_nodes=[e["id"] for e in gold])) // 2
        assert len(match_entities({"entities": gold}, {"entities": pred})) == expected


def test_each_gold_entity_matches_once():
    # Two predictions both named "Qaani": one matches, the other is a false positive.
    s = score_document(GOLD, {"entities": [ent("1", "Qaani"), ent("2", "Esmail Qaani")]})
    assert (s.entities.tp, s.entities.fp) == (1, 1)
    assert s.entity_matches == {"q": "2"}  # the equal primary name is preferred


def test_relations_strict_lenient_and_per_type():
    pred = {
        "entities": [
            ent("1", "Qaani"),
            ent("2", "Qods Force", "organization"),
            ent("3", "Soleimani"),
            ent("4", "Badr Organization", "organization"),
        ],
        "relations": [
            rel("1", "leads", "2", "asserted"),  # = gold q leads f  -> tp
            rel("3", "member_of", "2"),  # wrong type: strict fp, lenient tp (s,f)
            rel("1", "opposes", "4"),  # wrong direction: strict fp, lenient tp (b,q)
            rel("1", "succeeded", "3", "hedged"),
        ],
    }  # tp, gold states no modality
    s = score_document(GOLD, pred)
    # strict: tp 2 (leads, succeeded); fp 2; fn 3 (s leads f, b opposes q, q allied r)
    assert (s.strict.tp, s.strict.fp, s.strict.fn) == (2, 2, 3)
    assert s.strict.precision == pytest.approx(0.5) and s.strict.recall == pytest.approx(0.4)
    assert s.strict.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    # lenient pairs: gold {q,f},{s,f},{b,q},{q,r},{q,s}; predicted {1,2},{3,2},{1,4},{1,3} all hit
    assert (s.lenient.tp, s.lenient.fp, s.lenient.fn) == (4, 0, 1)
    # per type: leads tp1 fn1; member_of fp1; opposes fp1 fn1; succeeded tp1; allied_with fn1
    by = {t: (x.tp, x.fp, x.fn) for t, x in s.by_type.items()}
    assert by == {
        "leads": (1, 0, 1),
        "member_of": (0, 1, 0),
        "opposes": (0, 1, 1),
        "succeeded": (1, 0, 0),
        "allied_with": (0, 0, 1),
    }
    # modality: only "leads" is matched with a gold modality, and it agrees: 1/1
    assert (s.modality.correct, s.modality.total) == (1, 1)
    assert ("b", "opposes", "q") in s.missed_relations


def test_symmetric_types_match_either_direction_and_duplicates_count_once():
    pred = {
        "entities": [ent("1", "Qaani"), ent("5", "Ibrahim Raisi")],
        "relations": [
            rel("5", "allied_with", "1", "hedged"),  # reversed symmetric: tp
            rel("1", "allied_with", "5", "asserted"),  # same relation again: counted once
            rel("1", "allied_with", "5", "asserted"),
        ],
    }
    s = score_document(GOLD, pred)
    assert (s.strict.tp, s.strict.fp, s.strict.fn) == (1, 0, 4)
    # modality of the duplicates: asserted 2 x, hedged 1 x -> "asserted" = gold: 1/1
    assert (s.modality.correct, s.modality.total) == (1, 1)


def test_directed_duplicates_of_a_wrong_relation_are_one_error():
    pred = {
        "entities": [ent("1", "Qaani"), ent("2", "Qods Force", "organization")],
        "relations": [rel("2", "leads", "1"), rel("2", "leads", "1")],
    }
    s = score_document(GOLD, pred)
    assert (s.strict.tp, s.strict.fp) == (0, 1)


def test_modality_disagreement():
    pred = {
        "entities": [ent("1", "Qaani"), ent("2", "Qods Force", "organization")],
        "relations": [rel("1", "leads", "2", "reported")],
    }
    s = score_document(GOLD, pred)
    assert (s.modality.correct, s.modality.total) == (0, 1) and s.modality.accuracy == 0.0


def test_relations_need_both_endpoints_matched():
    # "Raisi" does not match "Ibrahim Raisi", so Qaani-allied_with-Raisi cannot match.
    pred = {"entities": [ent("1", "Qaani"), ent("5", "Raisi")], "relations": [rel("1", "allied_with", "5")]}
    s = score_document(GOLD, pred)
    assert (s.strict.tp, s.strict.fp) == (0, 1) and (s.lenient.tp, s.lenient.fp) == (0, 1)


def test_empty_inputs():
    empty = {"entities": [], "relations": []}
    s = score_document(empty, empty)
    assert (s.entities.precision, s.entities.recall, s.entities.f1) == (1.0, 1.0, 1.0)
    assert s.modality.accuracy is None
    s = score_document(GOLD, empty)  # nothing predicted: P 1 (vacuous), R 0, F1 0
    assert (s.entities.precision, s.entities.recall, s.entities.f1) == (1.0, 0.0, 0.0)
    assert s.strict.fn == 5
    s = score_document(empty, GOLD)  # everything predicted is spurious: P 0, R 1, F1 0
    assert (s.entities.precision, s.entities.recall, s.entities.f1) == (0.0, 1.0, 0.0)


def test_micro_average_sums_counts():
    # file 1: tp 1 fp 1 fn 0; file 2: tp 3 fp 0 fn 2 -> P 4/5, R 4/6
    assert micro_average([Score(1, 1, 0), Score(3, 0, 2)]).to_dict() == pytest.approx(
        {
            "precision": 0.8,
            "recall": 4 / 6,
            "f1": 2 * 0.8 * (4 / 6) / (0.8 + 4 / 6),
            "tp": 4,
            "fp": 1,
            "fn": 2,
        }
    )
    a = score_document(GOLD, {"entities": [ent("1", "Qaani")]})  # ents tp1 fp0 fn4
    b = score_document(GOLD, {"entities": [ent("1", "Raisi"), ent("2", "Soleimani")]})  # tp1 fp1 fn4
    total = micro_average([a, b])
    assert (total.entities.tp, total.entities.fp, total.entities.fn) == (2, 1, 8)
    assert total.strict.fn == 10 and total.to_dict()["entities"]["recall"] == pytest.approx(0.2)


def test_scoring_does_not_depend_on_order():
    pred = {
        "entities": [ent("1", "Qaani"), ent("2", "Qods Force", "organization"), ent("3", "Soleimani")],
        "relations": [
            rel("1", "leads", "2", "asserted"),
            rel("3", "leads", "2", "hedged"),
            rel("3", "member_of", "2"),
        ],
    }
    first = score_document(GOLD, pred).to_dict()
    rng = random.Random(3)
    for _ in range(10):
        shuffled = {k: rng.sample(v, len(v)) for k, v in pred.items()}
        gold = {**GOLD, **{k: rng.sample(GOLD[k], len(GOLD[k])) for k in ("entities", "relations")}}
        assert score_document(gold, shuffled).to_dict() == first


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"entities": [{"id": "1", "type": "person"}]}, "predicted entity #1: needs 'name' and 'type'"),
        ({"entities": [ent("1", "a"), ent("1", "b")]}, "predicted entity #2: id '1' used twice"),
        (
            {"entities": [ent("1", "a")], "relations": [rel("1", "leads", "9")]},
            "predicted relation #1: '9' is not an entity id",
        ),
        (
            {"entities": [ent("1", "a")], "relations": [rel("1", "likes", "1")]},
            "predicted relation #1: unknown relation type 'likes'",
        ),
    ],
)
def test_bad_input_is_named(bad, message):
    with pytest.raises(ValueError, match=message):
        score_document(GOLD, bad)


def test_modality_of_duplicates_follows_the_overlapping_evidence():
    gold = {
        "entities": GOLD["entities"],
        "relations": [{**rel("b", "opposes", "q", "believed"), "evidence": "had reprimanded Qaani"}],
    }
    pred = {
        "entities": [ent("1", "Qaani"), ent("4", "Badr Organization", "organization")],
        "relations": [
            {**rel("4", "opposes", "1", "reported"), "evidence": "questioning Qaani"},
            {**rel("4", "opposes", "1", "reported"), "evidence": "criticism of Qaani"},
            {
                **rel("4", "opposes", "1", "believed"),
                "evidence": "The sources believed that they  HAD reprimanded Qaani in a meeting",
            },
        ],
    }
    # by frequency "reported" (2 of 3) would count; the one whose evidence contains the gold
    # evidence (case and spacing aside) says "believed", which agrees with gold: 1/1
    s = score_document(gold, pred)
    assert (s.strict.tp, s.modality.correct, s.modality.total) == (1, 1, 1)
    pred["relations"] = [
        *pred["relations"][:2],
        {**rel("4", "opposes", "1", "believed"), "evidence": "other"},
    ]
    assert score_document(gold, pred).modality.correct == 0  # no overlap: majority "reported"


def test_attribution_and_dates_are_scored_when_gold_states_them():
    gold = {
        "entities": [
            ent("q", "Esmail Qaani", "person", "Qaani"),
            {**ent("o", "October 7 attack", "event"), "date": "2023-10-07"},
            {**ent("m", "meeting with Soleimani’s family", "event"), "date": "2023-12"},
            {**ent("x", "Iraqi elections", "event"), "date": "2021"},
        ],
        "relations": [
            {
                **rel("q", "planned", "o", "reported"),
                "attribution": "sources affiliated with the so-called Axis of Resistance",
            },
            rel("q", "participated_in", "m"),
        ],
    }
    pred = {
        "entities": [
            ent("1", "Qaani"),
            {**ent("2", "October 7 attack", "event"), "attributes": {"date": "2023-10-07"}},
            {**ent("3", "the meeting with Soleimani's family", "event"), "date": "2023-12-05"},
            {**ent("4", "Iraqi elections", "event"), "date": "2020"},
        ],
        "relations": [
            {
                **rel("1", "planned", "2", "reported"),
                "attribution": "Sources affiliated with the so called Axis of Resistance",
            },
            {**rel("1", "participated_in", "3"), "attribution": "the author"},
        ],
    }
    s = score_document(gold, pred)
    # attribution: only the planned relation has one in gold; equal after case/punctuation: 1/1
    assert (s.attribution.correct, s.attribution.total) == (1, 1)
    # dates: 2023-10-07 = 2023-10-07 (from attributes); 2023-12-05 refines 2023-12; 2020 != 2021: 2/3
    assert (s.dates.correct, s.dates.total) == (2, 3)
    total = micro_average([s, s])
    assert (total.dates.correct, total.dates.total, total.attribution.total) == (4, 6, 2)
    assert s.to_dict()["dates"]["accuracy"] == pytest.approx(2 / 3)


def test_events_match_on_whole_word_containment():
    gold = {
        "entities": [
            ent("a", "arrest of Rui Costa", "event"),
            ent("k", "attack", "event"),
            ent("n", "Norvik", "organization"),
        ],
        "relations": [],
    }
    pred = {
        "entities": [
            ent("1", "the arrest of Rui Costa in May", "event"),  # contains gold a
            ent("2", "attacks on the port", "event"),  # "attack" is not a whole word of it
            ent("3", "Norvik Holdings", "organization"),
        ],  # containment is for events only
        "relations": [],
    }
    s = score_document(gold, pred)
    assert s.entity_matches == {"a": "1"}
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (1, 2, 2)
    # containment works in either direction: a short prediction inside a long gold name
    gold2 = {
        "entities": [ent("c", "the March ceasefire between Norland and Sudmark", "event")],
        "relations": [],
    }
    assert match_entities(gold2, {"entities": [ent("1", "March ceasefire", "event")]}) == {"c": "1"}


def test_events_match_on_the_same_full_date_only():
    gold = {
        "entities": [
            {**ent("b", "Haifa bombing", "event"), "date": "2021-05-03"},
            {**ent("v", "state visit", "event"), "date": "2021-05"},
        ],
        "relations": [],
    }
    pred = {
        "entities": [
            {**ent("1", "explosion at the port", "event"), "date": "2021-05-03"},
            {**ent("2", "trip to Sudmark", "event"), "date": "2021-05"},  # month only: no match
            {**ent("3", "talks", "event"), "attributes": {"date": "2021-05-03"}},
        ],
        "relations": [],
    }
    s = score_document(gold, pred)
    # 1 and 3 both share b's full date, but b matches at most one prediction
    assert s.entity_matches.keys() == {"b"} and s.entity_matches["b"] in {"1", "3"}
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (1, 2, 1)


def test_each_gold_event_matches_one_prediction_and_exact_names_win():
    gold = {"entities": [ent("c", "ceasefire", "event")], "relations": []}
    pred = {
        "entities": [ent("1", "the March ceasefire", "event"), ent("2", "ceasefire talks", "event")],
        "relations": [],
    }
    s = score_document(gold, pred)
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (1, 1, 0)
    # both gold events contain / are contained in both predictions; the matching is as large as
    # possible (2) and pairs the equal names rather than the merely contained ones
    gold = {
        "entities": [ent("o", "Ostia bombing", "event"), ent("y", "2019 Ostia bombing", "event")],
        "relations": [],
    }
    pred = {
        "entities": [ent("1", "the 2019 Ostia bombing", "event"), ent("2", "Ostia bombing", "event")],
        "relations": [],
    }
    assert match_entities(gold, pred) == {"o": "2", "y": "1"}
    # a relation to an event matched by containment counts as a strict hit
    gold = {
        "entities": [ent("r", "Rui Costa"), ent("a", "arrest of Rui Costa", "event")],
        "relations": [rel("r", "participated_in", "a")],
    }
    pred = {
        "entities": [ent("1", "Rui Costa"), ent("2", "the arrest of Rui Costa in May", "event")],
        "relations": [rel("1", "participated_in", "2")],
    }
    assert score_document(gold, pred).strict.tp == 1
