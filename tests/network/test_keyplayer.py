"""Key players: Borgatti's published Florentine figures, hand-made graphs, exhaustive search."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest

from orgmap.network import view_from_rows
from orgmap.network.measures import (
    distance_fragmentation,
    distance_reach,
    fragmentation,
    key_players,
    m_reach,
)

from .graphs import as_view, florentine, random_graph, star, two_cliques


def nx_fragmentation(G) -> float:
    n = G.number_of_nodes()
    return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(G)) / (n * (n - 1))


def test_florentine_fragmentation_published_figures():
    G = florentine()
    g = as_view(G)
    assert fragmentation(g) == 0.0
    assert fragmentation(g, ["Medici"]) == pytest.approx(0.385, abs=1e-3)
    others = [fragmentation(g, [f]) for f in G if f != "Medici"]
    assert sum(others) / len(others) == pytest.approx(0.03, abs=0.005)


@pytest.mark.parametrize("removed", [["Medici", "Guadagni"], ["Strozzi"], ["Albizzi", "Salviati", "Peruzzi"]])
def test_fragmentation_matches_networkx_components(removed):
    G = florentine()
    H = G.copy()
    H.remove_nodes_from(removed)
    assert fragmentation(as_view(G), removed) == pytest.approx(nx_fragmentation(H))


def test_the_what_if_counts_fragmentation_the_same_way():
    """The what-if's per-layer F (lost actors as isolates) and the key-player F agree with networkx."""
    from orgmap.network.whatif.metrics import layer_fragmentation

    G = florentine()
    g = view_from_rows([(u, v, 1.0, "informal") for u, v in G.edges()], nodes={n: {} for n in G})
    kept = [f for f in G if f not in ("Medici", "Strozzi")]
    H = G.subgraph(kept).copy()
    H.add_nodes_from(["lost 1", "lost 2"])  # the two removed, counted as cut off from everyone
    assert layer_fragmentation(g, "informal", kept, lost=2) == pytest.approx(nx_fragmentation(H))
    assert fragmentation(as_view(G), ["Medici", "Strozzi"]) == pytest.approx(
        nx_fragmentation(G.subgraph(kept))
    )
    assert layer_fragmentation(g, "informal", ["Medici"]) is None  # no pair: no value
    assert fragmentation(as_view(G), [f for f in G if f != "Medici"]) == 1.0  # the search's convention


def test_distance_measures_match_networkx_distances():
    G = random_graph(25, 0.1, 5)
    H = G.copy()
    H.remove_nodes_from(["n0", "n1"])
    n = H.number_of_nodes()
    lengths = dict(nx.all_pairs_shortest_path_length(H))
    expected = 1 - sum(1 / d for u in H for v, d in lengths[u].items() if u != v) / (n * (n - 1))
    assert distance_fragmentation(as_view(G), ["n0", "n1"]) == pytest.approx(expected)
    players = ["n3", "n7"]
    dist = {
        v: min(nx.shortest_path_length(G, p, v) if nx.has_path(G, p, v) else math.inf for p in players)
        for v in G
        if v not in players
    }
    assert m_reach(as_view(G), players, 2) == pytest.approx(sum(d <= 2 for d in dist.values()) / len(dist))
    assert distance_reach(as_view(G), players) == pytest.approx(sum(1 / d for d in dist.values()) / len(dist))


def test_star_clique_and_broker():
    assert fragmentation(as_view(star()), ["hub"]) == 1.0
    assert key_players(as_view(star()), 1).players == ("hub",)
    assert m_reach(as_view(star()), ["hub"], 1) == 1.0
    clique = as_view(nx.complete_graph(6))
    assert fragmentation(clique, ["0"]) == 0.0
    g = as_view(two_cliques(4))
    best = key_players(g, 1)
    assert best.players == ("b",)
    # Removing b leaves two cliques of 4: F = 1 - 2*4*3 / (8*7).
    assert best.score == pytest.approx(1 - 24 / 56)
    assert key_players(g, 2, goal="reach", m=1).score == pytest.approx(1.0)


@pytest.mark.parametrize("goal", ["fragmentation", "distance_fragmentation", "reach", "distance_reach"])
def test_greedy_search_finds_the_exhaustive_optimum_on_small_graphs(goal):
    G = random_graph(14, 0.2, 21)
    g = as_view(G)
    score = {
        "fragmentation": lambda s: fragmentation(g, s),
        "distance_fragmentation": lambda s: distance_fragmentation(g, s),
        "reach": lambda s: m_reach(g, s, 2),
        "distance_reach": lambda s: distance_reach(g, s),
    }[goal]
    best = max(score(list(s)) for s in itertools.combinations(G.nodes(), 2))
    found = key_players(g, 2, goal=goal, seed=3, restarts=4)
    assert found.score == pytest.approx(best)
    assert score(list(found.players)) == pytest.approx(found.score)


def test_same_seed_same_answer():
    g = as_view(random_graph(30, 0.1, 8))
    assert key_players(g, 3, seed=5) == key_players(g, 3, seed=5)


@pytest.mark.parametrize("k", [0, 16])
def test_k_outside_the_graph_is_a_clear_error(k):
    with pytest.raises(ValueError, match=r"k=\d+ must lie between 1 and the number of actors \(15\)"):
        key_players(as_view(florentine()), k)


def test_disconnected_graph_is_well_defined():
    g = view_from_rows([("a", "b"), ("c", "d")])
    assert fragmentation(g) == pytest.approx(1 - 4 / 12)
    assert m_reach(g, ["a"], 3) == pytest.approx(1 / 3)


def test_unknown_actor_is_named():
    with pytest.raises(KeyError, match="no actor called 'Nobody'"):
        fragmentation(as_view(star()), ["Nobody"])


def test_pivot_estimate_and_exact_start_agree_on_the_florentine_key_player():
    """The start set only seeds the search: estimated or exact, the best single actor to remove is
    the Medici with Borgatti's F = 0.385, and the result says how the start was computed."""
    g = as_view(florentine())
    exact = key_players(g, 1, pivots=0)
    estimated = key_players(g, 1, pivots=5, seed=3)
    chosen = key_players(g, 1)  # auto: 15 actors are exact
    assert exact.players == estimated.players == chosen.players == ("Medici",)
    assert exact.score == estimated.score == pytest.approx(0.3846, abs=1e-4)
    assert exact.start == chosen.start == "exact"
    assert estimated.start.startswith("estimated from 5 pivots, ±")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_removing_each_actor_in_one_pass_matches_networkx(seed):
    """The one-pass score of removing each further actor equals NetworkX's components after it."""
    from orgmap.network.measures.fragmentation import fragmentation_without_each

    G = nx.gnm_random_graph(60, 70 + 10 * seed, seed=seed)  # sparse: cut vertices, several components
    absent = sorted(G.nodes())[::17][: seed - 1]
    fast = fragmentation_without_each(60, list(G.edges()), absent)
    for v in G:
        if v in absent:
            assert math.isnan(fast[v])
            continue
        H = G.copy()
        H.remove_nodes_from([*absent, v])
        assert fast[v] == pytest.approx(nx_fragmentation(H), abs=1e-12)


def test_large_network_search_stays_exact_for_fragmentation_and_shortlists_the_rest():
    """Above 2,000 actors: fragmentation tries every outsider (its set beats the top-k betweenness
    start, scored independently by NetworkX); the reach goals say they swapped among a shortlist."""
    G = nx.barabasi_albert_graph(2500, 2, seed=4)
    g = view_from_rows([(str(u), str(v)) for u, v in G.edges()])
    found = key_players(g, 3, restarts=0, pivots=0)
    assert found.searched == "all 2,500 actors"
    H = G.copy()
    H.remove_nodes_from(int(p) for p in found.players)
    assert found.score == pytest.approx(nx_fragmentation(H))
    bc = nx.betweenness_centrality(G, k=300, seed=1)
    top = sorted(bc, key=lambda v: (-bc[v], v))[:3]
    T = G.copy()
    T.remove_nodes_from(top)
    assert found.score >= nx_fragmentation(T)
    reach = key_players(g, 2, goal="reach", m=1, restarts=0, pivots=0, shortlist=50)
    assert reach.searched == "the 50 highest-betweenness of 2,500 actors"
    assert reach.score == pytest.approx(m_reach(g, list(reach.players), 1))
