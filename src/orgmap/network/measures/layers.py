"""Layer comparison: formal position against informal brokerage.

Each actor gets its normalised betweenness in the formal layer (its place in the chain
of command) and in the informal layer (how much of the personal web runs through it),
and the percentile of each among the actors of the view. An actor whose informal
percentile exceeds its formal one by ``threshold`` or more is a *broker without rank*;
the reverse is *rank without ties*.

Populations and groups (vertices of ``kind`` "population") count as what they stand for:
before measuring, each is replaced by the members it represents (its ``size`` attribute,
else :data:`POPULATION_SIZE`), not tied to one another, each holding the population's ties.
An actor whose only informal tie is to forty proxy leaders thus sits between forty people,
not beside one node. Populations themselves are reported apart (``population=True``,
their members' mean betweenness, no label) and percentiles rank the actors only.

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

__all__ = ["POPULATION_SIZE", "LayerGap", "expand_populations", "layer_gaps", "percentiles"]

POPULATION_SIZE = 10
"""Members a population of unknown size stands for: a group, more than a handful (an assumption;
give the entity a ``size`` attribute where the text says how many)."""


@dataclass(frozen=True)
class LayerGap:
    name: str
    formal: float
    informal: float
    formal_pct: float
    informal_pct: float
    gap: float  # informal_pct - formal_pct
    label: str  # "broker without rank", "rank without ties" or ""
    population: bool = False  # a population or group, measured as its members and reported apart


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


def _size(v: ig.Vertex, attrs: list[str]) -> int:
    if "kind" not in attrs or v["kind"] != "population":
        return 1
    size = v["size"] if "size" in attrs else None
    try:
        return max(1, int(size)) if size not in (None, "", 0) else POPULATION_SIZE
    except (TypeError, ValueError):
        return POPULATION_SIZE


def expand_populations(graph: ig.Graph) -> tuple[ig.Graph, dict[str, list[str]]]:
    """The graph with each population replaced by its members, and ``{population: [member names]}``.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> g = view_from_rows([("unit", "leaders", 1, "informal")], nodes={"leaders": {"kind": "population"}})
    >>> g.vs["size"] = [3 if n == "leaders" else None for n in g.vs["name"]]
    >>> big, members = expand_populations(g)
    >>> big.vcount(), big.ecount(), members["leaders"]
    (4, 3, ['leaders #1', 'leaders #2', 'leaders #3'])
    """
    attrs = graph.vs.attributes()
    sizes = [_size(v, attrs) for v in graph.vs]
    if all(s == 1 for s in sizes):
        return graph, {}
    names: list[str] = []
    copies: list[list[int]] = []
    members: dict[str, list[str]] = {}
    for v, size in zip(graph.vs, sizes):
        ids = list(range(len(names), len(names) + size))
        if size == 1:
            names.append(v["name"])
        else:
            names += [f"{v['name']} #{k}" for k in range(1, size + 1)]
            members[v["name"]] = names[ids[0] :]
        copies.append(ids)
    edges, layers, weights = [], [], []
    has_weight = "weight" in graph.es.attributes()
    for e in graph.es:
        for a in copies[e.source]:
            for b in copies[e.target]:
                edges.append((a, b))
                layers.append(e["layer"])
                weights.append(e["weight"] if has_weight else 1.0)
    big = ig.Graph(len(names), edges, directed=graph.is_directed())
    big.vs["name"] = names
    big.es["layer"] = layers
    big.es["weight"] = weights
    return big, members


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
    big, members = expand_populations(graph)
    if pivots > 0:
        f = betweenness_pivots(layer_subgraph(big, formal), pivots, seed=seed).values
        i = betweenness_pivots(layer_subgraph(big, informal), pivots, seed=seed).values
    else:
        f = betweenness(layer_subgraph(big, formal))
        i = betweenness(layer_subgraph(big, informal))
    for population, names in members.items():  # a population: its members' mean, reported apart
        f[population] = sum(f.pop(n) for n in names) / len(names)
        i[population] = sum(i.pop(n) for n in names) / len(names)
    actors = [n for n in graph.vs["name"] if n not in members]
    fp = percentiles({n: f[n] for n in actors}) | percentiles({n: f[n] for n in members})
    ip = percentiles({n: i[n] for n in actors}) | percentiles({n: i[n] for n in members})
    out = []
    for name in graph.vs["name"]:
        gap = ip[name] - fp[name]
        label = ""
        if name in members:
            pass  # reported apart: a population is not an actor with or without rank
        elif gap >= threshold and i[name] > 0:
            label = "broker without rank"
        elif -gap >= threshold and f[name] > 0:
            label = "rank without ties"
        out.append(LayerGap(name, f[name], i[name], fp[name], ip[name], gap, label, name in members))
    return sorted(out, key=lambda x: (x.population, -x.gap, x.name))
