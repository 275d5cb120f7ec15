"""Communities: Leiden modularity partition, seeded so the same graph gives the same answer.

>>> from orgmap.network.edgelist import view_from_rows
>>> two = view_from_rows([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
>>> part = communities(two, seed=1)
>>> part["a"] == part["b"] == part["c"] != part["x"] == part["y"] == part["z"]
True
"""

from __future__ import annotations

import igraph as ig
import leidenalg

from orgmap.network.view import collapse

__all__ = ["communities"]


def communities(
    graph: ig.Graph, *, seed: int = 0, weighted: bool = False, resolution: float | None = None
) -> dict[str, int]:
    """Community number per actor (0 is the largest community); isolates get their own.

    Modularity by default; a ``resolution`` switches to the constant Potts model (CPM).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> two = view_from_rows([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> communities(two)  # two triangles joined by one tie
    {'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1, 'f': 1}
    """
    g = collapse(graph)
    weights = "weight" if weighted and "weight" in g.es.attributes() else None
    if resolution is None:
        part = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights=weights, seed=seed)
    else:
        part = leidenalg.find_partition(
            g, leidenalg.CPMVertexPartition, weights=weights, seed=seed, resolution_parameter=resolution
        )
    order = sorted(range(len(part)), key=lambda i: (-len(part[i]), min(part[i]) if part[i] else 0))
    renumber = {old: new for new, old in enumerate(order)}
    membership = part.membership
    return {name: renumber[m] for name, m in zip(g.vs["name"], membership)}
