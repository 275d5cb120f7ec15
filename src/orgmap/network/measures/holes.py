"""Structural holes (Burt): constraint and effective size, on the undirected tie graph.

An actor whose contacts are not tied to each other spans structural holes: low
constraint, effective size close to its degree.

>>> from orgmap.network.edgelist import view_from_rows
>>> star = view_from_rows([("hub", x) for x in "abc"])
>>> effective_size(star)["hub"], round(constraint(star)["hub"], 4)
(3.0, 0.3333)
"""

from __future__ import annotations

import math

import igraph as ig

from orgmap.network.view import collapse

__all__ = ["constraint", "effective_size"]


def constraint(graph: ig.Graph, *, weighted: bool = False) -> dict[str, float]:
    """Burt's constraint ``sum_j (p_ij + sum_q p_iq p_qj)^2``; isolates get NaN (as NetworkX).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> c = constraint(view_from_rows([("ego", "a"), ("ego", "b"), ("a", "b"), ("ego", "c")]))
    >>> round(c["c"], 6), round(c["ego"], 6)  # c has one contact; ego: 2 (1/3 + 1/3 * 1/2)^2 + (1/3)^2
    (1.0, 0.611111)
    """
    g = collapse(graph)
    weights = "weight" if weighted and "weight" in g.es.attributes() else None
    values = g.constraint(weights=weights)
    degrees = g.degree()
    return {name: (float("nan") if d == 0 else float(v)) for name, v, d in zip(g.vs["name"], values, degrees)}


def effective_size(graph: ig.Graph, *, weighted: bool = False) -> dict[str, float]:
    """Burt's effective size: contacts minus their redundancy; isolates get NaN.

    Unweighted it is Borgatti's ``n - 2t/n`` (n contacts, t ties among them); weighted,
    Burt's ``sum_j (1 - sum_q p_iq m_jq)`` with ``m`` the tie strength over the strongest.
    """
    g = collapse(graph)
    names = g.vs["name"]
    if not weighted or "weight" not in g.es.attributes():
        deg = g.degree()
        trans = g.transitivity_local_undirected(mode="zero")
        out = {}
        for name, n, c in zip(names, deg, trans):
            if n == 0:
                out[name] = float("nan")
            else:
                ties = c * n * (n - 1) / 2.0
                out[name] = n - 2.0 * ties / n
        return out
    adj: list[dict[int, float]] = [{} for _ in range(g.vcount())]
    for e in g.es:
        w = float(e["weight"])
        adj[e.source][e.target] = adj[e.source].get(e.target, 0.0) + w
        adj[e.target][e.source] = adj[e.target].get(e.source, 0.0) + w
    out = {}
    for i, name in enumerate(names):
        nbrs = {j: w for j, w in adj[i].items() if j != i}
        if not nbrs:
            out[name] = float("nan")
            continue
        total = sum(nbrs.values())
        size = 0.0
        for j in nbrs:
            top_j = max((w for q, w in adj[j].items() if q != j), default=0.0)
            redundancy = sum(
                nbrs[q] / total * (adj[j].get(q, 0.0) / top_j if top_j else 0.0) for q in nbrs if q != j
            )
            size += 1.0 - redundancy
        out[name] = size
    return out


def _isnan(x: float) -> bool:
    return isinstance(x, float) and math.isnan(x)
