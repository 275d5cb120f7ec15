"""Key-player fragmentation against published values and an independent implementation."""

import networkx as nx
import numpy as np
import pytest

from orgmap.network.measures.fragmentation import batch_fragmentation
from orgmap.network.measures.fragmentation import key_player_fragmentation as fragmentation
from orgmap.simulate.fragmentation import BipartiteFragmentation


def _florentine():
    g = nx.florentine_families_graph()
    nodes = sorted(g)
    idx = {n: i for i, n in enumerate(nodes)}
    return g, nodes, [(idx[a], idx[b]) for a, b in g.edges()]


def _nx_fragmentation(g):
    n = g.number_of_nodes()
    reach = sum(len(c) * (len(c) - 1) for c in nx.connected_components(g))
    return 1 - reach / (n * (n - 1))


def test_medici_removal_matches_published_value():
    # Borgatti (2006) key-player check on the 15-family marriage graph: F(Medici removed) = 0.385
    g, nodes, edges = _florentine()
    assert fragmentation(len(nodes), edges, absent=[nodes.index("Medici")]) == pytest.approx(0.385, abs=0.001)


def test_other_single_removals_barely_fragment():
    g, nodes, edges = _florentine()
    others = [fragmentation(len(nodes), edges, absent=[i]) for i, n in enumerate(nodes) if n != "Medici"]
    assert np.mean(others) == pytest.approx(0.03, abs=0.005)
    for i, n in enumerate(nodes):  # and every value agrees with NetworkX components
        h = g.copy()
        h.remove_node(n)
        assert fragmentation(len(nodes), edges, absent=[i]) == pytest.approx(_nx_fragmentation(h))


def test_hand_worked_values():
    assert fragmentation(4, [(0, 1), (2, 3)]) == pytest.approx(1 - 4 / 12)
    assert fragmentation(5, [(0, 1), (0, 2), (0, 3), (0, 4)], absent=[0]) == 1.0  # star without its centre
    assert fragmentation(3, [(0, 1), (1, 2)]) == 0.0


def test_fast_bipartite_version_agrees_with_graph_search():
    rng = np.random.default_rng(7)
    R, A, P = 40, 30, 5
    for trial in range(5):
        tied = rng.random((P, R, A)) < rng.uniform(0.01, 0.2)
        alive = rng.random((P, R)) < 0.8
        tied &= alive[:, :, None]
        aff = [(r, i, j) for r in range(R) for i in range(A) for j in range(i + 1, A) if rng.random() < 0.02]
        aff = np.asarray(aff, dtype=np.int64).reshape(-1, 3)
        pp = np.array([[0, 1], [2, 3]])
        fast = BipartiteFragmentation(R, A, aff)(tied, alive, pp)
        p, r, a = np.nonzero(tied)
        runs = np.concatenate([r, aff[:, 0], np.repeat(np.arange(R), len(pp))])
        i = np.concatenate([a, aff[:, 1], np.tile(pp[:, 0] + A, R)])
        j = np.concatenate([A + p, aff[:, 2], np.tile(pp[:, 1] + A, R)])
        present = np.concatenate([np.ones((R, A), dtype=bool), alive.T], axis=1)
        np.testing.assert_allclose(fast, batch_fragmentation(present, runs, i, j), atol=1e-12)
