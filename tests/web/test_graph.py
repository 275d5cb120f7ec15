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


# -- at size: what is drawn of a large case -------------------------------------------


@pytest.fixture
def large(store):
    from synthetic_case import build

    case, members = build(store, groups=16, size=25)
    return store, case, members


def _drawn(built):
    nodes = [e["data"] for e in built["elements"] if "source" not in e["data"]]
    return [n for n in nodes if "entity" in n], [n for n in nodes if "community" in n]


def test_small_case_is_drawn_whole(qods_store):
    case = qods_store.default_case()
    built = build_elements(qods_store, case, GraphQuery(layers=_layers(qods_store.schema)))
    entities, communities = _drawn(built)
    assert len(entities) == built["nodes"] and communities == []
    assert built["scope"] == f"showing all {built['nodes']} entities"


def test_large_case_collapses_into_its_communities(large):
    store, case, members = large
    built = build_elements(store, case, GraphQuery(layers=_layers(store.schema), limit=300))
    entities, communities = _drawn(built)
    assert built["nodes"] == 400 and entities == []
    # the planted organizations are the communities: sixteen meta-nodes of 25
    assert sorted(c["members"] for c in communities) == [25] * 16
    assert {c["id"] for c in communities} == {f"c{min(m)}" for m in members}
    meta = [e["data"] for e in built["elements"] if "ties" in e["data"]]
    assert sorted(e["ties"] for e in meta) == [1] * 16  # the met_with ties between organizations
    assert len(built["elements"]) == 32
    assert "showing 0 of 400 entities; 16 communities collapsed" in built["scope"]


def test_an_opened_community_shows_its_members_and_their_ties(large):
    store, case, members = large
    key = f"c{min(members[3])}"
    built = build_elements(store, case, GraphQuery(layers=_layers(store.schema), opened=[key]))
    entities, communities = _drawn(built)
    assert sorted(n["entity"] for n in entities) == sorted(members[3])
    assert key not in {c["id"] for c in communities} and len(communities) == 15
    ties = [e["data"] for e in built["elements"] if "assertions" in e["data"]]
    assert len(ties) == 25 * 24 // 2
    meta = [e["data"] for e in built["elements"] if "ties" in e["data"]]
    first = f"e{members[3][0]}"  # meets the first members of organizations 2 and 4, now collapsed
    assert sorted(
        m["target"] if m["source"] == first else m["source"]
        for m in meta
        if first in (m["source"], m["target"])
    ) == sorted([f"c{min(members[2])}", f"c{min(members[4])}"])
    assert sum(m["ties"] for m in meta) == 16
    assert "1 open" in built["scope"]


def test_top_k_are_the_highest_degree_entities(large):
    store, case, members = large
    built = build_elements(store, case, GraphQuery(layers=_layers(store.schema), view="top", limit=16))
    g = nx.Graph()
    g.add_edges_from((r.subject.id, r.object.id) for r in store.relations(case))
    want = sorted(g, key=lambda n: (-g.degree(n), n))[:16]
    entities, _ = _drawn(built)
    assert sorted(n["entity"] for n in entities) == sorted(want) == sorted(m[0] for m in members)
    assert built["scope"] == "showing 16 of 400 entities: the top 16 by degree"


def test_neighbourhood_is_nearest_first(large):
    store, case, members = large
    focus = members[0][0]  # tied to its 24 colleagues and two other organizations' first members
    g = nx.Graph()
    g.add_edges_from((r.subject.id, r.object.id) for r in store.relations(case))
    dist = nx.single_source_shortest_path_length(g, focus)
    for limit, steps in ((27, 1), (60, 2)):
        built = build_elements(
            store,
            case,
            GraphQuery(layers=_layers(store.schema), view="neighbourhood", focus=f"e{focus}", limit=limit),
        )
        entities, _ = _drawn(built)
        got = sorted(n["entity"] for n in entities)
        if steps == 1:
            assert got == sorted(n for n, d in dist.items() if d <= 1)
        else:  # ring two (48 colleagues of the two neighbours) is cut to fit, by degree
            assert set(got) > {n for n, d in dist.items() if d <= 1} and len(got) == 60
            assert {dist[n] for n in got} == {0, 1, 2}
        assert f"({steps} step{'s' if steps > 1 else ''})" in built["scope"]


def test_a_change_to_the_store_is_drawn_next_time(large):
    from orgmap.model import Assertion, Evidence

    store, case, members = large
    q = GraphQuery(layers=_layers(store.schema), view="top", limit=400)
    before = build_elements(store, case, q)
    sid = store.sources(case)[0].id
    store.add_assertion(
        case,
        Assertion(members[0][5], "opposes", members[7][5], evidence=[Evidence(sid, 0, 9)], status="accepted"),
    )
    after = build_elements(store, case, q)
    assert after["edges"] == before["edges"] + 1


def test_serve_prepares_the_default_view_in_the_background(qods_db, tmp_path):
    import threading

    from orgmap.web import WebConfig, create_app, graphcache

    app = create_app(WebConfig(db=str(qods_db), who="t", upload_dir=tmp_path, warm=True))
    for t in threading.enumerate():
        if t.name == "orgmap-warm":
            t.join(timeout=60)
    state = app.server.config["ORGMAP"]
    assert any(hit[0] is state.store for hit in graphcache._READS.values())
    # the page's first request then reads nothing: the same relations object is served
    key = graphcache.read_key(state.store, state.case_id, GraphQuery(layers=_layers(state.store.schema)))
    assert key in graphcache._READS
