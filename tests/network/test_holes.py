"""Burt's constraint and effective size against NetworkX."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from orgmap.network import view_from_rows
from orgmap.network.measures import constraint, effective_size

from .graphs import as_view, florentine, kite, random_graph


def close(a: dict, b: dict, tol: float = 1e-9) -> None:
    assert set(a) == set(b)
    for k in b:
        if isinstance(b[k], float) and math.isnan(b[k]):
            assert math.isnan(a[k]), k
        else:
            assert a[k] == pytest.approx(b[k], abs=tol), k


@pytest.mark.parametrize("make", [florentine, kite, random_graph])
def test_unweighted_match_networkx(make):
    G = make()
    g = as_view(G)
    close(constraint(g), nx.constraint(G))
    close(effective_size(g), nx.effective_size(G))


def test_weighted_match_networkx():
    G = random_graph(30, 0.2, 4, weighted=True)
    g = as_view(G, weight="weight")
    close(constraint(g, weighted=True), nx.constraint(G, weight="weight"))
    # NetworkX 3.6's sparse fast path (nodes=None) disagrees with its own per-node formula by
    # ~0.1 %; the per-node path is the literal definition (Burt 1992), so compare with that.
    close(effective_size(g, weighted=True), nx.effective_size(G, nodes=list(G), weight="weight"))


def test_isolates_are_nan_like_networkx():
    g = view_from_rows([("a", "b")], nodes={"lonely": {}})
    assert math.isnan(constraint(g)["lonely"]) and math.isnan(effective_size(g)["lonely"])


def test_broker_between_cliques_spans_the_hole():
    # Hand-worked: b has two contacts not tied to each other -> effective size 2, constraint 2 * (1/2)^2.
    from .graphs import two_cliques

    g = as_view(two_cliques())
    assert effective_size(g)["b"] == pytest.approx(2.0)
    assert constraint(g)["b"] == pytest.approx(0.5)
