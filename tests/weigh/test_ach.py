"""ACH scoring on worked examples computed by hand (weights: docs/weighing.md).

Weights used in the hand computations:
  rating:       I = 1, II = 2, everything else 0
  credibility:  1 -> 1.0, 2 -> 0.85, 3 -> 0.65, 6 -> 0.5   (vocabulary.yaml)
  relevance:    low -> 1/sqrt(2) = 0.70711, medium -> 1, high -> sqrt(2) = 1.41421
"""

from __future__ import annotations

import math

import pytest

from orgmap.model import Hypothesis, HypothesisItem
from orgmap.weigh.ach import ACHError, score

H3 = [Hypothesis("first", "h1"), Hypothesis("second", "h2"), Hypothesis("third", "h3")]


def item(key, cred, rel, **ratings):
    return HypothesisItem(text=key, credibility=cred, relevance=rel, ratings=ratings, key=key)


WORKED = [
    # e1 weight 1.0 * 1 = 1.0
    item("e1", "1", "medium", h1="C", h2="I", h3="II"),
    # e2 weight 0.85 * 1.41421 = 1.20208
    item("e2", "2", "high", h1="I", h2="NA", h3="C"),
    # e3 weight 0.5 * 0.70711 = 0.35355
    item("e3", "6", "low", h1="N", h2="II", h3="I"),
    # e4 weight 0.65 * 1 = 0.65 (consistent or NA everywhere: never adds inconsistency)
    item("e4", "3", "medium", h1="CC", h2="C", h3="NA"),
]


def test_worked_example_scores_and_ranking(schema):
    r = score(H3, WORKED, schema)
    got = {h.key: h for h in r.hypotheses}
    # h1: e2 I -> 1 * 1.20208                       = 1.20208
    # h2: e1 I -> 1 * 1.0 ; e3 II -> 2 * 0.35355    = 1.70711
    # h3: e1 II -> 2 * 1.0 ; e3 I -> 1 * 0.35355    = 2.35355
    assert got["h1"].inconsistency == pytest.approx(0.85 * math.sqrt(2), abs=1e-6)
    assert got["h2"].inconsistency == pytest.approx(1 + 2 * 0.5 / math.sqrt(2), abs=1e-6)
    assert got["h3"].inconsistency == pytest.approx(2 + 0.5 / math.sqrt(2), abs=1e-6)
    assert [h.key for h in r.hypotheses] == ["h1", "h2", "h3"]
    assert [h.rank for h in r.hypotheses] == [1, 2, 3]
    # raw counts: h1 1 (one I); h2 1 + 2 = 3; h3 2 + 1 = 3
    assert {k: h.raw_inconsistency for k, h in got.items()} == {"h1": 1, "h2": 3, "h3": 3}
    # NA is not evidence: h2 is rated by e1, e3, e4 only; h3 by e1, e2, e3
    assert got["h2"].rated == 3 and got["h3"].rated == 3 and got["h1"].rated == 4


def test_worked_example_diagnosticity(schema):
    r = score(H3, WORKED, schema)
    diag = {i.key: i.diagnosticity for i in r.items}
    # e1: C=+1, I=-1, II=-2 -> 1 - (-2) = 3 ; e2: I=-1, C=+1 (NA skipped) -> 2
    # e3: N=0, II=-2, I=-1 -> 2 ; e4: CC=+2, C=+1 -> 1
    assert diag == {"e1": 3, "e2": 2, "e3": 2, "e4": 1}
    # weighted: e1 3.0, e2 2 * 1.20208 = 2.40416, e4 0.65, e3 2 * 0.35355 = 0.70711
    assert [i.key for i in r.items] == ["e1", "e2", "e3", "e4"]
    assert r.items[1].weighted_diagnosticity == pytest.approx(2 * 0.85 * math.sqrt(2), abs=1e-6)


def test_ties_share_a_rank(schema):
    # e1 (weight 0.85): h1 I, h2 I, h3 C -> h1 = h2 = 0.85, h3 = 0 -> ranks 1, 2, 2
    items = [item("e1", "2", "medium", h1="I", h2="I", h3="C")]
    r = score(H3, items, schema)
    assert [(h.key, h.rank) for h in r.hypotheses] == [("h3", 1), ("h1", 2), ("h2", 2)]
    assert r.ranking == [["h3"], ["h1", "h2"]]
    # two tied at the top: competition ranking 1, 1, 3
    r = score(H3, [item("e1", "2", "medium", h1="C", h2="CC", h3="I")], schema)
    assert [(h.key, h.rank) for h in r.hypotheses] == [("h1", 1), ("h2", 1), ("h3", 3)]


def test_item_rated_the_same_everywhere_is_not_diagnostic(schema):
    r = score(H3, [item("e1", "1", "high", h1="I", h2="I", h3="I")], schema)
    assert r.items[0].diagnosticity == 0 and r.items[0].weighted_diagnosticity == 0
    assert {h.rank for h in r.hypotheses} == {1}


def test_consistency_is_reported_but_not_ranked_on(schema):
    # h1 has lots of support but one II (weight 1): inconsistency 2; h2 one I: 1 -> h2 first
    items = [
        item("a", "1", "medium", h1="CC", h2="N"),
        item("b", "1", "medium", h1="CC", h2="I"),
        item("c", "1", "medium", h1="II", h2="C"),
    ]
    r = score(H3[:2], items, schema)
    assert [h.key for h in r.hypotheses] == ["h2", "h1"]
    assert r.hypotheses[1].consistency == pytest.approx(4.0)


@pytest.mark.parametrize(
    "bad, message",
    [
        (item("e1", "2", "medium", h1="X"), "rating 'X'"),
        (item("e1", "2", "medium", h9="I"), "unknown hypothesis 'h9'"),
        (item("e1", "7", "medium", h1="I"), "credibility '7'"),
        (item("e1", "2", "huge", h1="I"), "relevance 'huge'"),
    ],
)
def test_bad_items_are_named(schema, bad, message):
    with pytest.raises(ACHError, match=message):
        score(H3[:1], [bad], schema)


def test_hypothesis_without_evidence_is_an_error(schema):
    items = [item("e1", "2", "medium", h1="C", h2="NA", h3="I")]
    with pytest.raises(ACHError, match="'h2' has no evidence"):
        score(H3, items, schema)
    relaxed = score(H3, items, schema, require_evidence=False)
    assert relaxed.notes == ["hypothesis 'h2' has no evidence rated against it"]


def test_no_hypotheses(schema):
    with pytest.raises(ACHError, match="no hypotheses"):
        score([], [], schema)


def test_same_input_same_output(schema):
    a, b = score(H3, WORKED, schema), score(H3, list(reversed(WORKED)), schema)
    assert [vars(h) for h in a.hypotheses] == [vars(h) for h in b.hypotheses]
    assert [i.key for i in a.items] == [i.key for i in b.items]
