"""Views from the store and from CSV files; NetworkX export."""

from __future__ import annotations

from datetime import date

import pytest

from orgmap.network import EmptyView, build_view, collapse, to_networkx, view_from_edgelist
from orgmap.network.weights import KeepRule


@pytest.fixture
def qods(qods_store):
    return qods_store, qods_store.default_case()


def _edges(g, rtype=None):
    names = g.vs["name"]
    return {(names[e.source], e["type"], names[e.target]) for e in g.es if rtype in (None, e["type"])}


def test_view_keeps_typed_assertions_with_their_attributes(qods, schema):
    store, case_id = qods
    g = build_view(store, case_id)
    relations = [r for r in store.relations(case_id) if schema.modalities[r.assertion.modality].weight > 0]
    assert g.is_directed() and g.ecount() == len(relations)
    assert set(g.es.attributes()) >= {
        "type",
        "layer",
        "weight",
        "modality",
        "grade",
        "assertion_id",
        "symmetric",
    }
    assert set(g.vs.attributes()) >= {"name", "type", "entity_id", "kind", "groups"}
    ids = set(g.es["assertion_id"])
    assert ids == {r.assertion.id for r in relations}
    for e in g.es:
        rel = schema.relation(e["type"])
        assert e["layer"] == rel.layer and e["symmetric"] == rel.symmetric


def test_weight_is_the_product_of_the_schema_weights(qods, schema):
    store, case_id = qods
    g = build_view(store, case_id)
    by_id = {r.assertion.id: r.assertion for r in store.relations(case_id)}
    for e in g.es:
        a = by_id[e["assertion_id"]]
        expected = (
            schema.reliability[a.reliability].weight
            * schema.credibility[a.credibility].weight
            * schema.modalities[a.modality].weight
        )
        assert e["weight"] == pytest.approx(expected)


def test_denied_assertions_are_left_out_unless_asked(qods):
    store, case_id = qods
    denied = [r for r in store.relations(case_id) if r.assertion.modality == "denied"]
    assert denied, "the case states denials (Qaani had no tie to Soleimani's networks)"
    g = build_view(store, case_id)
    assert not {r.assertion.id for r in denied} & set(g.es["assertion_id"])
    assert {r.assertion.id for r in denied} <= set(
        build_view(store, case_id, include_denied=True).es["assertion_id"]
    )


def test_as_of_layers_and_grade_filter(qods):
    store, case_id = qods
    before = _edges(build_view(store, case_id, as_of=date(2019, 12, 31)), "leads")
    after = _edges(build_view(store, case_id, as_of=date(2024, 1, 1)), "leads")
    assert ("Qasem Soleimani", "leads", "Qods Force") in before and (
        "Esmail Qaani",
        "leads",
        "Qods Force",
    ) not in before
    assert ("Esmail Qaani", "leads", "Qods Force") in after and (
        "Qasem Soleimani",
        "leads",
        "Qods Force",
    ) not in after
    informal = build_view(store, case_id, layers=["informal"])
    assert set(informal.es["layer"]) == {"informal"}
    graded = build_view(store, case_id, min_grade="B")
    assert all(grade[0] in "AB" for grade in graded.es["grade"])


def test_groups_come_from_membership(qods):
    g = build_view(*qods)
    groups = dict(zip(g.vs["name"], g.vs["groups"]))
    assert "Qods Force" in groups["Lebanese Hezbollah"]
    group = dict(zip(g.vs["name"], g.vs["group"]))
    assert group["Islamic Revolutionary Guard Corps"] == "Islamic Revolutionary Guard Corps"


def test_empty_view_says_which_filters_emptied_it(qods):
    with pytest.raises(
        EmptyView, match=r"empty \(layers informal; as of 1900-01-01; grade A1 or better.*widen"
    ):
        build_view(*qods, layers=["informal"], as_of=date(1900, 1, 1), min_grade="A1")


def test_unknown_layer_is_named(qods):
    with pytest.raises(KeyError, match="unknown layer 'social'"):
        build_view(*qods, layers=["social"])


def test_edge_list_with_header_weights_layers_and_nodes(tmp_path):
    edges = tmp_path / "e.csv"
    edges.write_text("source,target,weight,layer\na,b,2,formal\nb,c,,informal\n# comment\nc,a,0.5\n")
    nodes = tmp_path / "n.csv"
    nodes.write_text("name,group\na,X\nb,Y\nlonely,Z\n")
    g = view_from_edgelist(edges, nodes)
    assert sorted(g.vs["name"]) == ["a", "b", "c", "lonely"]
    assert g.es["weight"] == [2.0, 1.0, 0.5] and g.es["layer"] == ["formal", "informal", "tie"]
    assert dict(zip(g.vs["name"], g.vs["group"])) == {"a": "X", "b": "Y", "lonely": "Z", "c": None}


@pytest.mark.parametrize(
    "text, message",
    [
        ("a,b\nc,d,heavy\n", "line 2: weight 'heavy' is not a number"),
        ("a,b\nc\n", "line 2: expected source,target"),
        ("a,b,-1\n", "line 1: weight must be positive"),
        ("source,target\n", "no edges"),
    ],
)
def test_bad_edge_lists_name_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        view_from_edgelist(path)


def test_collapse_merges_parallel_assertions_keeping_the_strongest():
    from orgmap.network import view_from_rows

    g = view_from_rows([("a", "b", 0.3), ("b", "a", 0.9), ("a", "b", 0.5), ("a", "a", 1.0)])
    simple = collapse(g)
    assert not simple.is_directed() and simple.ecount() == 1 and simple.es["weight"] == [0.9]
    directed = collapse(view_from_rows([("a", "b", 0.4)]), directed=True)
    assert directed.ecount() == 2  # a symmetric tie counts both ways


def test_to_networkx_keeps_every_assertion(qods):
    g = build_view(*qods)
    multi = to_networkx(g)
    assert multi.number_of_edges() == g.ecount() and multi.number_of_nodes() == g.vcount()
    simple = to_networkx(g, simple=True, directed=False)
    assert simple.number_of_edges() == collapse(g).ecount()


def test_keep_rule_from_yaml(tmp_path, schema):
    path = tmp_path / "keep.yaml"
    path.write_text("modality: {hedged: 0.2}\nreliability: {B: 0.5}\nfloor: 0.05\n")
    rule = KeepRule.from_file(path, schema)
    assert rule.probability("B", "2", "hedged") == pytest.approx(0.5 * 0.85 * 0.2)
    assert rule.probability("E", "5", "denied") == pytest.approx(0.05)
    path.write_text("modality: {rumoured: 0.2}\n")
    with pytest.raises(ValueError, match=r"modality.rumoured: unknown"):
        KeepRule.from_file(path, schema)
    path.write_text("credibility: {'2': 1.5}\n")
    with pytest.raises(ValueError, match="between 0 and 1"):
        KeepRule.from_file(path, schema)
