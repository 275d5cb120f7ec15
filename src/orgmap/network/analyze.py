"""The standard battery of measures, as one call: what ``orgmap analyze`` prints.

>>> from orgmap.network.edgelist import view_from_rows
>>> out = analyze(view_from_rows([("a", "b"), ("b", "c")]), ["degree", "betweenness"])
>>> out["betweenness"]["b"]
1.0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

import igraph as ig

from orgmap.network.measures import (
    betweenness,
    brokerage_roles,
    closeness,
    communities,
    constraint,
    degree,
    effective_size,
    eigenvector,
    pagerank,
)
from orgmap.network.measures.pivots import PivotMeasure
from orgmap.network.view import collapse

__all__ = ["MEASURES", "analyze", "measure_functions"]

#: name -> (help, higher is more central?)
MEASURES: dict[str, tuple[str, bool]] = {
    "degree": ("distinct contacts / (n-1)", True),
    "betweenness": ("share of shortest paths through the actor (normalised)", True),
    "closeness": ("inverse mean distance (Wasserman-Faust on disconnected graphs)", True),
    "eigenvector": ("ties to well-tied actors (unit length)", True),
    "pagerank": ("random-walk importance (directed: symmetric ties count both ways)", True),
    "constraint": ("Burt: how redundant the contacts are (low = spans holes)", False),
    "effective_size": ("Burt: non-redundant contacts", True),
    "brokerage": ("Gould-Fernandez open two-paths brokered (all roles)", True),
    "community": ("Leiden community number", False),
}


def _brokerage(g: ig.Graph, directed: bool) -> dict[str, float]:
    return {n: float(r["total"]) for n, r in brokerage_roles(g, directed=directed).items()}


def measure_functions(
    names: Sequence[str] | None = None,
    *,
    directed: bool = False,
    weighted: bool = False,
    seed: int = 0,
    pivots: Mapping[str, int] | None = None,
) -> dict[str, Callable[..., Mapping[str, float]]]:
    """The chosen measures as one-argument functions (for :func:`analyze` and sampling).

    ``pivots`` maps a path measure (betweenness, closeness) to a number of pivots: it is
    then estimated (:class:`~orgmap.network.measures.pivots.PivotMeasure`, which also takes
    a ``seed``); 0 or absent means exact.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> fns = measure_functions(["degree", "closeness"])
    >>> fns["closeness"](view_from_rows([("a", "b")]))
    {'a': 1.0, 'b': 1.0}
    >>> measure_functions(["fame"])
    Traceback (most recent call last):
    ...
    ValueError: unknown measure 'fame'; known: degree, betweenness, closeness, eigenvector, pagerank, constraint, effective_size, brokerage, community
    """
    table: dict[str, Callable[..., Mapping[str, float]]] = {
        "degree": partial(degree, directed=directed, weighted=weighted),
        "betweenness": partial(betweenness, directed=directed, weighted=weighted),
        "closeness": partial(closeness, directed=directed, weighted=weighted),
        "eigenvector": partial(eigenvector, directed=directed, weighted=weighted),
        "pagerank": partial(pagerank, directed=directed, weighted=weighted),
        "constraint": partial(constraint, weighted=weighted),
        "effective_size": partial(effective_size, weighted=weighted),
        "brokerage": partial(_brokerage, directed=directed),
        "community": partial(communities, seed=seed, weighted=weighted),
    }
    for name, k in (pivots or {}).items():
        if k > 0:
            table[name] = PivotMeasure(name, k, directed, weighted)
    chosen = list(names) if names else list(table)
    unknown = [n for n in chosen if n not in table]
    if unknown:
        raise ValueError(f"unknown measure {', '.join(map(repr, unknown))}; known: {', '.join(table)}")
    return {n: table[n] for n in chosen}


def analyze(
    graph: ig.Graph,
    measures: Sequence[str] | None = None,
    *,
    directed: bool = False,
    weighted: bool = False,
    seed: int = 0,
    pivots: Mapping[str, int] | None = None,
) -> dict[str, dict[str, float]]:
    """Every chosen measure: ``{measure: {actor: value}}``. Brokerage needs a ``group`` attribute.

    The view is collapsed once and shared by all measures. ``pivots``: see
    :func:`measure_functions` (the pivots are drawn with ``seed``).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> star = view_from_rows([("hub", "a"), ("hub", "b"), ("hub", "c")])
    >>> out = analyze(star, ["degree", "betweenness"])
    >>> out["degree"]["hub"], out["betweenness"]["hub"], out["betweenness"]["a"]
    (1.0, 1.0, 0.0)
    """
    fns = measure_functions(measures, directed=directed, weighted=weighted, seed=seed, pivots=pivots)
    if "group" not in graph.vs.attributes() or not any(graph.vs["group"]):
        fns.pop("brokerage", None)
    simple = collapse(graph, directed=directed)
    return {
        name: dict(fn(simple, seed=seed) if getattr(fn, "seeded", False) else fn(simple))
        for name, fn in fns.items()
    }
