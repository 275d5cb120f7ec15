"""Centrality: degree, betweenness, closeness, eigenvector, PageRank.

Scores follow NetworkX's conventions so that results can be compared one to one:
normalised betweenness divides by the number of pairs (``(n-1)(n-2)/2`` undirected),
closeness uses Wasserman-Faust's scaling on disconnected graphs, eigenvector scores
have unit Euclidean length.

>>> from orgmap.network.edgelist import view_from_rows
>>> star = view_from_rows([("hub", x) for x in "abcd"])
>>> betweenness(star, normalized=False)["hub"]
6.0
>>> degree(star)["hub"]
1.0
"""

from __future__ import annotations

import math
import warnings

import igraph as ig

from orgmap.network.view import collapse

__all__ = ["EIGEN_DIGITS", "betweenness", "closeness", "degree", "eigenvector", "pagerank"]

EIGEN_DIGITS = 10

_FAR = 1e12


def _distances(g: ig.Graph, weighted: bool) -> list[float] | None:
    if not weighted or "weight" not in g.es.attributes():
        return None
    return [1.0 / w if w > 0 else _FAR for w in g.es["weight"]]  # zero strength: a last-resort path


def degree(
    graph: ig.Graph,
    *,
    directed: bool = False,
    mode: str = "all",
    normalized: bool = True,
    weighted: bool = False,
) -> dict[str, float]:
    """Degree (number of distinct neighbours), or strength when ``weighted``.

    ``mode`` is ``"all"``, ``"in"`` or ``"out"`` on directed graphs. Normalised by ``n-1``.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> degree(path, normalized=False), degree(path)["b"]  # b has 2 of 3 possible neighbours
    ({'a': 1.0, 'b': 2.0, 'c': 2.0, 'd': 1.0}, 0.6666666666666666)
    """
    g = collapse(graph, directed=directed)
    n = g.vcount()
    if weighted and "weight" in g.es.attributes():
        values = g.strength(mode=mode, weights="weight")
    else:
        values = g.degree(mode=mode)
    scale = 1.0 / (n - 1) if normalized and n > 1 else 1.0
    return dict(zip(g.vs["name"], (float(v) * scale for v in values)))


def betweenness(
    graph: ig.Graph, *, directed: bool = False, normalized: bool = True, weighted: bool = False
) -> dict[str, float]:
    """Shortest-path betweenness; normalised over the pairs of the whole graph.

    Florentine families (Padgett): the Medici score 47.5 raw, 0.522 normalised.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> betweenness(path, normalized=False)  # b lies on a-c and a-d
    {'a': 0.0, 'b': 2.0, 'c': 2.0, 'd': 0.0}
    """
    g = collapse(graph, directed=directed)
    n = g.vcount()
    values = g.betweenness(directed=directed, weights=_distances(g, weighted))
    if normalized and n > 2:
        scale = 1.0 / ((n - 1) * (n - 2)) * (1.0 if directed else 2.0)
    else:
        scale = 1.0
    return dict(zip(g.vs["name"], (v * scale for v in values)))


def closeness(graph: ig.Graph, *, directed: bool = False, weighted: bool = False) -> dict[str, float]:
    """Closeness ``(r-1)/sum(d)`` scaled by ``(r-1)/(n-1)`` (r: actors that reach it).

    On a directed graph distances are measured *to* the actor, as in NetworkX.
    Isolates score 0.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> closeness(path)["a"], closeness(path)["b"]  # 3 / (1 + 2 + 3) and 3 / (1 + 1 + 2)
    (0.5, 0.75)
    """
    g = collapse(graph, directed=directed)
    n = g.vcount()
    mode = "in" if directed else "all"
    raw = g.closeness(mode=mode, weights=_distances(g, weighted), normalized=True)
    if directed:
        reach = g.neighborhood_size(order=max(n, 1), mode=mode) if n else []
    else:
        comps = g.connected_components()
        sizes = comps.sizes()
        reach = [sizes[c] for c in comps.membership]
    out = {}
    for name, value, r in zip(g.vs["name"], raw, reach):
        if value is None or (isinstance(value, float) and math.isnan(value)) or n <= 1:
            out[name] = 0.0
        else:
            out[name] = value * (r - 1) / (n - 1)
    return out


def eigenvector(graph: ig.Graph, *, directed: bool = False, weighted: bool = False) -> dict[str, float]:
    """Eigenvector centrality with unit Euclidean length (NetworkX's scale), to ``EIGEN_DIGITS`` decimals.

    ARPACK starts from a random vector, so the last digits differed between runs; scores
    are rounded to ``EIGEN_DIGITS`` decimal places, far above that noise, so the same graph
    gives byte-identical output. On directed graphs a vertex is central when central vertices point to it. Only
    meaningful on (strongly) connected graphs: elsewhere the component with the largest
    eigenvalue takes the scores and the others get (nearly) zero.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> e = eigenvector(path)  # proportional to (1, phi, phi, 1), phi the golden ratio
    >>> round(e["b"] / e["a"], 6), round(sum(v * v for v in e.values()), 6)
    (1.618034, 1.0)
    """
    g = collapse(graph, directed=directed)
    if g.ecount() == 0:
        return dict.fromkeys(g.vs["name"], 0.0)
    weights = "weight" if weighted and "weight" in g.es.attributes() else None
    with warnings.catch_warnings():  # igraph warns on disconnected graphs; documented above
        warnings.simplefilter("ignore", RuntimeWarning)
        values = g.eigenvector_centrality(
            directed=True, scale=True, weights=weights
        )  # ignored when undirected
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return dict(zip(g.vs["name"], (round(v / norm, EIGEN_DIGITS) + 0.0 for v in values)))


def pagerank(
    graph: ig.Graph, *, directed: bool = True, damping: float = 0.85, weighted: bool = False
) -> dict[str, float]:
    """PageRank (scores sum to 1). Directed by default: a symmetric tie counts both ways.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])  # a - b - c - d
    >>> p = pagerank(path)
    >>> round(sum(p.values()), 9), round(p["a"], 9) == round(p["d"], 9), p["b"] > p["a"]
    (1.0, True, True)
    """
    g = collapse(graph, directed=directed)
    weights = "weight" if weighted and "weight" in g.es.attributes() else None
    values = g.pagerank(directed=directed, damping=damping, weights=weights)
    return dict(zip(g.vs["name"], values))
