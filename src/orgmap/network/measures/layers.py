"""Layer comparison: formal position against informal brokerage.

Each actor gets its normalised betweenness in the formal layer (its place in the chain
of command) and in the informal layer (how much of the personal web runs through it),
and the percentile of each among the actors of the view. An actor whose informal
percentile exceeds its formal one by ``threshold`` or more is a *broker without rank*;
the reverse is *rank without ties*.

>>> from orgmap.network.edgelist import view_from_rows
>>> g = view_from_rows([("boss", "unit", 1, "formal"), ("unit", "aide", 1, "formal"),
...                     ("aide", "p1", 1, "informal"), ("aide", "p2", 1, "informal")])
>>> [x.name for x in layer_gaps(g) if x.label == "broker without rank"]
['aide']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import igraph as ig

from orgmap.network.measures.centrality import betweenness
from orgmap.network.measures.pivots import betweenness_pivots
from orgmap.network.view import layer_subgraph

__all__ = ["LayerGap", "layer_gaps", "percentiles"]


@dataclass(frozen=True)
class LayerGap:
    name: str
    formal: float
    informal: float
    formal_pct: float
    informal_pct: float
    gap: float  # informal_pct - formal_pct
    label: str  # "broker without rank", "rank without ties" or ""


def percentiles(scores: dict[str, float]) -> dict[str, float]:
    """Mid-rank percentile in [0, 1]: share of actors below plus half the ties.

    >>> percentiles({"a": 1.0, "b": 2.0, "c": 2.0})  # b and c tie: one below, half of one tie
    {'a': 0.0, 'b': 0.75, 'c': 0.75}
    """
    values = list(scores.values())
    n = len(values)
    if n == 0:
        return {}
    return {
        k: (sum(1 for x in values if x < v) + 0.5 * (sum(1 for x in values if x == v) - 1)) / max(n - 1, 1)
        for k, v in scores.items()
    }


def layer_gaps(
    graph: ig.Graph,
    *,
    formal: Sequence[str] = ("formal",),
    informal: Sequence[str] = ("informal",),
    threshold: float = 0.5,
    pivots: int = 0,
    seed: int = 0,
) -> list[LayerGap]:
    """Every actor's formal and informal betweenness, largest informal-over-formal gap first.

    ``pivots > 0``: betweenness estimated from that many pivots per layer
    (:func:`~orgmap.network.measures.pivots.betweenness_pivots`, drawn with ``seed``).
    """
    layers = set(graph.es["layer"]) if graph.ecount() else set()
    missing = [x for x in (*formal, *informal) if x not in layers]
    if missing:
        raise ValueError(
            f"the view has no {', '.join(missing)} edges to compare (layers present: "
            f"{', '.join(sorted(layers)) or 'none'}); build it with those layers"
        )
    if pivots > 0:
        f = betweenness_pivots(layer_subgraph(graph, formal), pivots, seed=seed).values
        i = betweenness_pivots(layer_subgraph(graph, informal), pivots, seed=seed).values
    else:
        f = betweenness(layer_subgraph(graph, formal))
        i = betweenness(layer_subgraph(graph, informal))
    fp, ip = percentiles(f), percentiles(i)
    out = []
    for name in graph.vs["name"]:
        gap = ip[name] - fp[name]
        label = ""
        if gap >= threshold and i[name] > 0:
            label = "broker without rank"
        elif -gap >= threshold and f[name] > 0:
            label = "rank without ties"
        out.append(LayerGap(name, f[name], i[name], fp[name], ip[name], gap, label))
    return sorted(out, key=lambda x: (-x.gap, x.name))
