"""Leiden communities and the formal/informal layer comparison on hand-made organizations."""

from __future__ import annotations

import networkx as nx
import pytest

from orgmap.network import view_from_rows
from orgmap.network.measures import communities, layer_gaps
from orgmap.network.measures.layers import percentiles

from .graphs import as_view, random_graph, two_cliques


def test_two_cliques_split_in_two():
    part = communities(as_view(two_cliques(5)), seed=1)
    left = {part[f"L{i}"] for i in range(5)}
    right = {part[f"R{i}"] for i in range(5)}
    assert len(left) == 1 and len(right) == 1 and left != right


def test_modularity_is_at_least_networkx_louvain_and_seeded():
    G = random_graph(60, 0.08, 13)
    g = as_view(G)
    part = communities(g, seed=2)
    assert part == communities(g, seed=2)
    blocks = {}
    for n, c in part.items():
        blocks.setdefault(c, set()).add(n)
    ours = nx.community.modularity(G, blocks.values())
    louvain = nx.community.modularity(G, nx.community.louvain_communities(G, seed=2))
    assert ours >= louvain - 0.02


def org():
    # A commander with posts in the formal chain; an aide without rank who holds the web.
    formal = [
        ("commander", "force"),
        ("unit", "force"),
        ("aide", "unit"),
        ("deputy", "force"),
        ("commander", "region1"),
        ("commander", "region2"),
    ]
    informal = [("aide", f"proxy{i}") for i in range(4)] + [("aide", "commander")]
    return view_from_rows(
        [(a, b, 1, "formal") for a, b in formal] + [(a, b, 1, "informal") for a, b in informal]
    )


def test_broker_without_rank_and_rank_without_ties():
    gaps = {g.name: g for g in layer_gaps(org())}
    assert gaps["aide"].label == "broker without rank"
    assert gaps["force"].label == "rank without ties"
    assert gaps["aide"].gap > 0 > gaps["force"].gap


def test_percentiles_hand_worked():
    assert percentiles({"a": 0.0, "b": 0.0, "c": 1.0}) == {"a": 0.25, "b": 0.25, "c": 1.0}


def test_layer_comparison_needs_both_layers():
    with pytest.raises(ValueError, match="no formal edges"):
        layer_gaps(view_from_rows([("a", "b", 1, "informal")]))


def test_layer_gaps_with_pivots_use_the_estimate_in_each_layer():
    from orgmap.network import layer_subgraph
    from orgmap.network.measures.pivots import betweenness_pivots

    rows = [(f"p{i}", f"p{i + 1}", 1.0, "formal") for i in range(12)]
    rows += [(f"p{i}", f"p{(i * 5) % 13}", 1.0, "informal") for i in range(13) if (i * 5) % 13 != i]
    g = view_from_rows(rows)
    gaps = {x.name: x for x in layer_gaps(g, pivots=4, seed=2)}
    formal = betweenness_pivots(layer_subgraph(g, ["formal"]), 4, seed=2).values
    assert all(gaps[n].formal == formal[n] for n in formal)
    exact = {x.name: x for x in layer_gaps(g)}
    # without pivots: exact, the formal layer being a 13-actor chain
    assert exact["p6"].formal == pytest.approx(nx.betweenness_centrality(nx.path_graph(13))[6])


def test_a_population_counts_as_the_members_it_stands_for():
    """Hand-worked: unit's informal ties are to the boss and to 'leaders' (a population of 3).

    As a node, 'leaders' would leave unit between one pair of the 3 the four nodes allow (1/3). As
    members, unit is the hub of a star with 4 leaves (the boss and three leaders): C(4, 2) = 6 pairs
    of the (6-1)(6-2)/2 = 10 that six vertices (desk too) allow, normalised 0.6, and each leader 0. The population is reported apart, without
    a label, and left out of the actors' percentiles (boss and desk tie at 0 below unit: (0 + 0.5) / 2).
    """
    rows = [
        ("boss", "unit", 1, "formal"),
        ("boss", "desk", 1, "formal"),
        ("unit", "leaders", 1, "informal"),
        ("unit", "boss", 1, "informal"),
    ]
    g = view_from_rows(rows, nodes={"leaders": {"kind": "population"}})
    g.vs["size"] = [3 if n == "leaders" else None for n in g.vs["name"]]
    gaps = {x.name: x for x in layer_gaps(g)}
    assert gaps["unit"].informal == pytest.approx(0.6)
    assert gaps["leaders"].population and gaps["leaders"].label == "" and gaps["leaders"].informal == 0.0
    assert [x.name for x in layer_gaps(g)][-1] == "leaders"  # reported after the actors
    assert {gaps[n].informal_pct for n in ("boss", "desk")} == {0.25}  # among boss, desk, unit: mid-ranks


def test_the_seed_case_unit_400_holds_ties_not_rank_alone(qods_store):
    from datetime import date

    from orgmap.network.view import build_view

    store, case_id = qods_store, qods_store.case_id("qods-force")
    gaps = {x.name: x for x in layer_gaps(build_view(store, case_id, as_of=date(2024, 12, 31)))}
    assert gaps["Unit 400"].label != "rank without ties"  # issue 14: not because of one edge to a population
    assert gaps["Unit 400"].informal > 0
    assert gaps["proxy leaderships"].population and gaps["Soleimani’s circle"].population
