"""Reference graphs shared by the network tests (NetworkX builds them; orgmap reads them)."""

from __future__ import annotations

import random

import networkx as nx

from orgmap.network import view_from_rows


def as_view(G, *, weight: str | None = None, directed: bool = False):
    rows = [(u, v, d.get(weight, 1.0)) if weight else (u, v) for u, v, d in G.edges(data=True)]
    nodes = {n: {} for n in G.nodes()}
    return view_from_rows(rows, directed=directed, nodes=nodes)


def florentine():
    return nx.florentine_families_graph()


KITE_NAMES = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"]


def kite():
    """Krackhardt's kite with its people's names (NetworkX numbers them in this order)."""
    return nx.relabel_nodes(nx.krackhardt_kite_graph(), dict(enumerate(KITE_NAMES)))


def random_graph(n: int = 40, p: float = 0.12, seed: int = 7, weighted: bool = False):
    G = nx.gnp_random_graph(n, p, seed=seed)
    G = nx.relabel_nodes(G, {i: f"n{i}" for i in G})
    if weighted:
        rng = random.Random(seed)
        for u, v in G.edges():
            G[u][v]["weight"] = round(rng.uniform(0.2, 3.0), 3)
    return G


def random_digraph(n: int = 30, p: float = 0.12, seed: int = 3):
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    return nx.relabel_nodes(G, {i: f"n{i}" for i in G})


def star(leaves: int = 5):
    return nx.relabel_nodes(
        nx.star_graph(leaves), {0: "hub", **{i: f"leaf{i}" for i in range(1, leaves + 1)}}
    )


def two_cliques(size: int = 4):
    """Two cliques of ``size`` joined through one broker ``b``."""
    G = nx.Graph()
    left = [f"L{i}" for i in range(size)]
    right = [f"R{i}" for i in range(size)]
    G.add_edges_from((a, b) for i, a in enumerate(left) for b in left[i + 1 :])
    G.add_edges_from((a, b) for i, a in enumerate(right) for b in right[i + 1 :])
    G.add_edges_from([("L0", "b"), ("b", "R0")])
    return G
