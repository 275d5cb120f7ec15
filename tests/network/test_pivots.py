"""Pivot estimates of betweenness and closeness against NetworkX's exact values."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from scipy.stats import spearmanr

from orgmap.network.analyze import analyze, measure_functions
from orgmap.network.measures.pivots import (
    PivotMeasure,
    betweenness_pivots,
    choose_pivots,
    closeness_pivots,
    plan_path_measures,
)
from orgmap.network.uncertainty import sample_measures

from .graphs import as_view, florentine, kite, random_digraph


def seeded_hub_graph(n: int = 600, seed: int = 11):
    """Preferential attachment, three ties per newcomer: a few hubs, as in real cases."""
    G = nx.barabasi_albert_graph(n, 3, seed=seed)
    return nx.relabel_nodes(G, {i: f"a{i}" for i in G})


def test_zero_pivots_is_the_exact_measure():
    G = kite()
    g = as_view(G)
    exact_b = nx.betweenness_centrality(G)
    exact_c = nx.closeness_centrality(G, wf_improved=True)
    b, c = betweenness_pivots(g, 0), closeness_pivots(g, 0)
    assert b.exact and b.bound == 0.0 and c.exact
    for name in G:
        assert b.values[name] == pytest.approx(exact_b[name])
        assert c.values[name] == pytest.approx(exact_c[name])


def test_betweenness_estimate_is_unbiased_on_the_florentine_families():
    # Brandes-Pich scaled by n/k is unbiased: the mean over many pivot draws approaches
    # the exact value (Medici 0.522 normalised, Padgett).
    G = florentine()
    g = as_view(G)
    exact = nx.betweenness_centrality(G)
    draws = [betweenness_pivots(g, 5, seed=s, batches=5).values for s in range(600)]
    for name in ("Medici", "Guadagni", "Albizzi", "Strozzi"):
        mean = np.mean([d[name] for d in draws])
        sd = np.std([d[name] for d in draws]) / np.sqrt(len(draws))
        assert mean == pytest.approx(exact[name], abs=4 * sd + 1e-9)
    assert exact["Medici"] == pytest.approx(0.522, abs=1e-3)


def test_betweenness_estimate_within_its_bound_and_ranks_the_top_like_networkx():
    G = seeded_hub_graph()
    g = as_view(G)
    exact = nx.betweenness_centrality(G)
    est = betweenness_pivots(g, 160, seed=3)
    assert not est.exact and est.pivots == 160
    worst = max(abs(est.values[x] - exact[x]) for x in G)
    assert worst <= est.bound
    top = sorted(exact, key=exact.get, reverse=True)[:20]
    rho = spearmanr([exact[x] for x in top], [est.values[x] for x in top]).statistic
    assert rho >= 0.8


def test_directed_betweenness_estimate_is_unbiased():
    G = random_digraph(n=40, p=0.1, seed=5)
    g = as_view(G, directed=True)
    exact = nx.betweenness_centrality(G)
    draws = [betweenness_pivots(g, 10, seed=s, directed=True, batches=2).values for s in range(400)]
    for name in sorted(exact, key=exact.get, reverse=True)[:3]:
        values = [d[name] for d in draws]
        assert np.mean(values) == pytest.approx(exact[name], abs=4 * np.std(values) / 20 + 1e-9)


def test_closeness_estimate_within_its_bound():
    G = seeded_hub_graph(500, seed=4)
    g = as_view(G)
    exact = nx.closeness_centrality(G, wf_improved=True)
    est = closeness_pivots(g, 120, seed=2)
    assert max(abs(est.values[x] - exact[x]) for x in G) <= est.bound
    top = sorted(exact, key=exact.get, reverse=True)[:20]
    assert spearmanr([exact[x] for x in top], [est.values[x] for x in top]).statistic >= 0.8


def test_closeness_estimate_on_a_disconnected_graph_keeps_the_component_scaling():
    # Two triangles and an isolate: Wasserman-Faust scales by (r-1)/(n-1) within components.
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    G.add_node("z")
    g = as_view(G)
    exact = nx.closeness_centrality(G, wf_improved=True)
    draws = [closeness_pivots(g, 6, seed=s, batches=2).values for s in range(50)]
    for name in G:
        for d in draws:  # distances within a triangle are all 1; a missed triangle is computed exactly
            assert d[name] == pytest.approx(exact[name])


def test_small_graphs_stay_exact_and_forced_pivots_are_used():
    g = as_view(florentine())
    assert choose_pivots(g).exact
    plan = plan_path_measures(g, ["betweenness", "closeness", "degree"], pivots=6, seed=1)
    assert set(plan) == {"betweenness", "closeness"}
    assert plan["betweenness"].pivots == 6 and not plan["closeness"].exact
    assert plan_path_measures(g, ["betweenness"], pivots=99)["betweenness"].exact


def test_choice_on_a_larger_graph_meets_its_tolerance():
    g = as_view(seeded_hub_graph(1200, seed=8))
    chosen = choose_pivots(g, exact_up_to=500, tolerance=0.5, samples=4, seed=1)
    assert not chosen.exact and 64 <= chosen.pivots < 300
    assert chosen.bound / 2 <= 0.5 * max(chosen.values.values())


def test_same_seed_same_intervals_whatever_the_number_of_workers():
    g = as_view(seeded_hub_graph(300, seed=2))
    g.es["keep"] = [0.7] * g.ecount()
    pivots = {"betweenness": 40, "closeness": 40}
    fns = measure_functions(["betweenness", "closeness", "degree"], pivots=pivots)
    assert isinstance(fns["betweenness"], PivotMeasure)
    one = sample_measures(g, fns, samples=6, seed=5, workers=1)
    two = sample_measures(g, fns, samples=6, seed=5, workers=2)
    assert one == two
    assert one != sample_measures(g, fns, samples=6, seed=6, workers=2)


def test_analyze_with_pivots_uses_the_estimator():
    G = seeded_hub_graph(300, seed=2)
    g = as_view(G)
    exact = analyze(g, ["betweenness"])["betweenness"]
    est = analyze(g, ["betweenness"], pivots={"betweenness": 30}, seed=4)["betweenness"]
    assert est == betweenness_pivots(g, 30, seed=4).values
    assert est != exact
    assert exact["a0"] == pytest.approx(nx.betweenness_centrality(G)["a0"])
