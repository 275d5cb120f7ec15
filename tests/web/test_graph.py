"""Network page model: elements from the store, node sizes checked against NetworkX."""

from __future__ import annotations

import networkx as nx
import pytest

from orgmap.web import bridge
from orgmap.web.graph import GraphQuery, build_elements, igraph_measure, stylesheet

KITE = [
    ("Andre", "Beverly"),
    ("Andre", "Carol"),
    ("Andre", "Diane"),
    ("Andre", "Fernando"),
    ("Beverly", "Diane"),
    ("Beverly", "Ed"),
    ("Beverly", "Garth"),
    ("Carol", "Diane"),
    ("Carol", "Fernando"),
    ("Diane", "Ed"),
    ("Diane", "Fernando"),
    ("Diane", "Garth"),
    ("Ed", "Garth"),
    ("Fernando", "Garth"),
    ("Fernando", "Heather"),
    ("Garth", "Heather"),
    ("Heather", "Ike"),
    ("Ike", "Jane"),
]


def _edges(pairs):
    return [{"source": a, "target": b} for a, b in pairs]


@pytest.mark.parametrize(
    "measure,reference",
    [
        ("degree", lambda g: dict(g.degree())),
        ("betweenness", lambda g: nx.betweenness_centrality(g, normalized=False)),
        ("pagerank", lambda g: nx.pagerank(g)),
    ],
)
def test_igraph_measures_match_networkx_on_krackhardts_kite(measure, reference):
    g = nx.Graph(KITE)
    nodes = sorted(g)
    got = igraph_measure(nodes, _edges(KITE), measure)
    want = reference(g)
    assert got == pytest.approx(want, rel=1e-4)


def _layers(schema):
    return list(schema.layers)


def test_elements_from_the_case_match_the_stored_relations(qods_store, monkeypatch):
    monkeypatch.setattr(bridge, "network_measure", lambda *a: None)  # force the igraph path
    case = qods_store.default_case()
    built = build_elements(qods_store, case, GraphQuery(layers=_layers(qods_store.schema)))
    rels = qods_store.relations(case)
    edges = [e["data"] for e in built["elements"] if "source" in e["data"]]
    nodes = {e["data"]["id"]: e["data"] for e in built["elements"] if "source" not in e["data"]}
    assert sum(len(e["assertions"]) for e in edges) == len(rels)
    assert built["nodes"] == len({r.subject.id for r in rels} | {r.object.id for r in rels})
    multigraph = nx.MultiGraph()
    multigraph.add_nodes_from(nodes)
    multigraph.add_edges_from((e["source"], e["target"]) for e in edges if not e["denied"])
    assert {n: d["score"] for n, d in nodes.items()} == {n: float(d) for n, d in multigraph.degree()}
    assert built["measure_source"] == "igraph"


def test_layer_filter_keeps_only_that_layer(qods_store):
    case = qods_store.default_case()
    built = build_elements(qods_store, case, GraphQuery(layers=["formal"]))
    layers = {e["data"]["layer"] for e in built["elements"] if "source" in e["data"]}
    assert layers <= {"formal"}
    assert built["edges"] == len(
        {(r.subject.id, r.type, r.object.id) for r in qods_store.relations(case, layer="formal")}
    )
    assert build_elements(qods_store, case, GraphQuery(layers=[]))["elements"] == []


def test_search_matches_aliases(qods_store):
    case = qods_store.default_case()
    qaani = qods_store.find_entity(case, "Qaani")
    built = build_elements(qods_store, case, GraphQuery(layers=["formal"], search="ghaani"))
    assert built["matches"] == [f"e{qaani.id}"]


def test_network_measures_used_when_installed(qods_store):
    net = pytest.importorskip("orgmap.network")
    case = qods_store.default_case()
    built = build_elements(
        qods_store, case, GraphQuery(layers=_layers(qods_store.schema), measure="betweenness")
    )
    assert built["measure_source"] == "orgmap.network"
    g = nx.Graph()
    g.add_nodes_from(e["data"]["id"] for e in built["elements"] if "source" not in e["data"])
    g.add_edges_from(
        (e["data"]["source"], e["data"]["target"])
        for e in built["elements"]
        if "source" in e["data"] and not e["data"]["denied"]
    )  # denied ties are not ties
    want = nx.betweenness_centrality(g, normalized=True)
    got = {e["data"]["id"]: e["data"]["score"] for e in built["elements"] if "source" not in e["data"]}
    assert got == pytest.approx(want, abs=1e-4)
    assert net is not None


def test_stylesheet_has_a_rule_per_layer_and_entity_type(schema):
    selectors = {rule["selector"] for rule in stylesheet(schema)}
    assert {f"edge.{layer}" for layer in schema.layers} <= selectors
    assert {f"node.{t}" for t in schema.entity_types} <= selectors


def _positions(built):
    return {
        e["data"]["id"]: (e["position"]["x"], e["position"]["y"])
        for e in built["elements"]
        if "source" not in e["data"]
    }


def test_layout_is_seeded_and_keeps_dragged_nodes(qods_store):
    import math

    case = qods_store.default_case()
    q = GraphQuery(layers=_layers(qods_store.schema))
    first = _positions(build_elements(qods_store, case, q))
    again = _positions(build_elements(qods_store, case, q))
    assert first == again  # same data, same seed: same picture
    other = _positions(build_elements(qods_store, case, GraphQuery(layers=q.layers, seed=7)))
    assert other != first
    pinned = {"e1": {"x": 1234.5, "y": -67.0}}
    moved = _positions(build_elements(qods_store, case, GraphQuery(layers=q.layers, pinned=pinned)))
    assert moved["e1"] == (1234.5, -67.0)
    assert {k: v for k, v in moved.items() if k != "e1"} == {k: v for k, v in first.items() if k != "e1"}
    points = list(first.values())  # no two nodes on top of each other: labels need room
    assert min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :]) > 40


def test_organigram_puts_the_whole_above_its_parts(qods_store):
    case = qods_store.default_case()
    built = build_elements(qods_store, case, GraphQuery(layers=["formal"], layout="organigram"))
    pos = _positions(built)
    ids = {
        n: f"e{qods_store.find_entity(case, n).id}"
        for n in ("Qods Force", "Unit 400", "Unit 340", "Islamic Revolutionary Guard Corps")
    }
    for part in ("Unit 400", "Unit 340"):  # part_of: the unit sits below the force
        assert pos[ids["Qods Force"]][1] < pos[ids[part]][1]
    assert pos[ids["Islamic Revolutionary Guard Corps"]][1] < pos[ids["Qods Force"]][1]


def test_legend_matches_what_is_drawn(schema):
    from pathlib import Path

    from orgmap.web.graph import legend_rows

    rules = {r["selector"]: r["style"] for r in stylesheet(schema)}
    rows = legend_rows(schema)
    assert [t for t, _ in rows["types"]] == list(schema.entity_types)
    for etype, spec in rows["types"]:
        assert rules[f"node.{etype}"]["shape"] == spec["shape"]
        assert rules[f"node.{etype}"]["background-color"] == spec["colour"]
    css = (Path(__file__).parents[2] / "src/orgmap/web/assets/orgmap.css").read_text()
    for _, spec in rows["types"]:  # the swatch is cut to the same shape
        assert f".swatch.{spec['shape']}" in css
    for layer, spec in rows["layers"]:
        assert (rules[f"edge.{layer}"]["line-style"], rules[f"edge.{layer}"]["line-color"]) == (
            spec["line"],
            spec["colour"],
        )
    for status in [*schema.statuses, "denied"]:  # every status the vocabulary knows has a style and a line
        assert f"edge.{status}" in rules
        assert any(text.startswith(status) for text, _ in rows["statuses"])
