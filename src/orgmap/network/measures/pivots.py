"""Path-based measures estimated from sampled pivots, with an error bound.

Exact betweenness and closeness run one shortest-path search from every actor: O(n·m).
On large graphs they are estimated from ``k`` pivots drawn uniformly without replacement
(Brandes & Pich 2007; Eppstein & Wang 2004 for closeness), one search per pivot:

* betweenness: the dependencies of the pivots on every actor, scaled by ``n/k`` - an
  unbiased estimate of the exact value (igraph's subset betweenness does the searches);
* closeness: each actor's mean distance from the pivots stands for its mean distance from
  everyone (the number of actors that reach it is exact on undirected graphs; actors of a
  component no pivot fell in are computed exactly).

The pivots are split into ``batches`` groups of equal size; each group gives an
independent estimate, and the bound is the half-width ``z·sd/sqrt(batches)`` of the
largest of the actors' intervals, ``z`` the normal quantile at ``1 - 0.05/(2n)``
(Bonferroni over the n actors): every actor's value lies within ``±bound`` of its
estimate with about 95 % probability jointly. ``pivots=0`` (or ``pivots >= n``) computes
the exact value and the bound is 0.

>>> from orgmap.network.edgelist import view_from_rows
>>> path = view_from_rows([("a", "b"), ("b", "c"), ("c", "d")])
>>> betweenness_pivots(path, 0).values["b"], betweenness_pivots(path, 0).bound
(0.6666666666666666, 0.0)
>>> est = betweenness_pivots(path, 2, seed=1, batches=2)
>>> est.pivots, est.exact
(2, False)
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from statistics import NormalDist

import igraph as ig
import numpy as np

from orgmap.network.view import collapse

__all__ = [
    "EXACT_UP_TO",
    "PATH_MEASURES",
    "PathEstimate",
    "PivotMeasure",
    "betweenness_pivots",
    "choose_pivots",
    "closeness_pivots",
    "describe",
    "plan_path_measures",
    "simultaneous_z",
]

#: Measures that can be estimated from pivots.
PATH_MEASURES = ("betweenness", "closeness")

#: Graphs with at most this many actors get the exact computation when pivots are "auto".
EXACT_UP_TO = 2000

_FAR = 1e12


@dataclass(frozen=True)
class PathEstimate:
    """Per-actor values, how many pivots gave them (``n`` when exact) and the ± bound."""

    values: dict[str, float] = field(repr=False)
    pivots: int
    bound: float
    exact: bool


def simultaneous_z(n: int, confidence: float = 0.95) -> float:
    """Normal quantile making ``n`` two-sided intervals hold jointly (Bonferroni).

    >>> round(simultaneous_z(1), 2), round(simultaneous_z(20000), 2)
    (1.96, 4.71)
    """
    return NormalDist().inv_cdf(1 - (1 - confidence) / (2 * max(n, 1)))


def _distances(g: ig.Graph, weighted: bool) -> list[float] | None:
    if not weighted or "weight" not in g.es.attributes():
        return None
    return [1.0 / w if w > 0 else _FAR for w in g.es["weight"]]


def _pivot_batches(n: int, pivots: int, batches: int, seed: int) -> list[np.ndarray]:
    batches = max(1, min(batches, pivots))
    size = pivots // batches
    chosen = np.random.default_rng(seed).permutation(n)[: size * batches]
    return [np.sort(b) for b in chosen.reshape(batches, size)]


def _bound(estimates: np.ndarray, n: int) -> float:
    """Largest simultaneous half-width over actors from independent batch estimates (rows).

    Actors left out of some batches (NaN) count with the batches that saw them.
    """
    seen = (~np.isnan(estimates)).sum(axis=0)
    ok = seen >= 2
    if not ok.any():
        return 0.0 if estimates.shape[0] >= 2 else float("inf")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        sd = np.nanstd(estimates[:, ok], axis=0, ddof=1)
    return float(simultaneous_z(n) * np.max(sd / np.sqrt(seen[ok])))


def betweenness_pivots(
    graph: ig.Graph,
    pivots: int,
    *,
    seed: int = 0,
    directed: bool = False,
    weighted: bool = False,
    normalized: bool = True,
    batches: int = 8,
) -> PathEstimate:
    """Betweenness from ``pivots`` sampled sources (Brandes-Pich), scaled as the exact measure.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> line = view_from_rows([(str(i), str(i + 1)) for i in range(9)])  # 0 - 1 - ... - 9
    >>> every = betweenness_pivots(line, 10)  # every actor a pivot: the exact value
    >>> every.exact, round(every.values["4"], 6)  # 4 x 5 pairs through actor 4, of 36
    (True, 0.555556)
    >>> some = betweenness_pivots(line, 5, seed=1)
    >>> some.pivots, some.exact, some.bound > 0
    (5, False, True)
    """
    g = collapse(graph, directed=directed)
    n = g.vcount()
    weights = _distances(g, weighted)
    scale = 1.0 / ((n - 1) * (n - 2)) * (1.0 if directed else 2.0) if normalized and n > 2 else 1.0
    if pivots <= 0 or pivots >= n:
        values = np.asarray(g.betweenness(directed=directed, weights=weights), dtype=float) * scale
        return PathEstimate(dict(zip(g.vs["name"], values.tolist())), n, 0.0, True)
    groups = _pivot_batches(n, pivots, batches, seed)
    per_batch = np.array(
        [
            np.asarray(g.betweenness(directed=directed, weights=weights, sources=b.tolist()), dtype=float)
            * (n / len(b))
            * scale
            for b in groups
        ]
    )
    values = per_batch.mean(axis=0)
    used = sum(len(b) for b in groups)
    return PathEstimate(dict(zip(g.vs["name"], values.tolist())), used, _bound(per_batch, n), False)


def _closeness_from(g: ig.Graph, sources: np.ndarray, directed: bool, weights, reach: np.ndarray | None):
    """Wasserman-Faust closeness of every actor estimated from distances out of ``sources``."""
    n = g.vcount()
    d = np.asarray(
        g.distances(source=sources.tolist(), mode="out" if directed else "all", weights=weights), dtype=float
    )
    d[np.arange(len(sources)), sources] = np.inf  # an actor is not its own pivot
    finite = np.isfinite(d)
    count = finite.sum(axis=0)
    total = np.where(finite, d, 0.0).sum(axis=0)
    others = len(sources) - np.isin(np.arange(n), sources)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_d = total / count
        if reach is None:  # directed: share of the pivots that reach the actor
            reached = (n - 1) * count / np.maximum(others, 1)
        else:
            reached = reach - 1.0
        out = reached / (n - 1) / mean_d
    out = np.where((count > 0) & (mean_d > 0), out, 0.0)
    if reach is not None:  # no pivot in the actor's component: unknown here, filled in exactly later
        out[(count == 0) & (reach > 1)] = np.nan
    return out


def closeness_pivots(
    graph: ig.Graph,
    pivots: int,
    *,
    seed: int = 0,
    directed: bool = False,
    weighted: bool = False,
    batches: int = 8,
) -> PathEstimate:
    """Closeness (Wasserman-Faust, as :func:`~orgmap.network.measures.closeness`) from sampled pivots.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> line = view_from_rows([(str(i), str(i + 1)) for i in range(9)])  # 0 - 1 - ... - 9
    >>> from orgmap.network.measures import closeness
    >>> est = closeness_pivots(line, 10)
    >>> est.exact, est.values == closeness(line)
    (True, True)
    """
    from orgmap.network.measures.centrality import closeness

    g = collapse(graph, directed=directed)
    n = g.vcount()
    if pivots <= 0 or pivots >= n:
        return PathEstimate(closeness(g, directed=directed, weighted=weighted), n, 0.0, True)
    weights = _distances(g, weighted)
    reach = None
    if not directed:
        comps = g.connected_components()
        reach = np.asarray(comps.sizes(), dtype=float)[comps.membership]
    groups = _pivot_batches(n, pivots, batches, seed)
    per_batch = np.array([_closeness_from(g, b, directed, weights, reach) for b in groups])
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns, handled below
        values = np.nanmean(per_batch, axis=0)
    missed = np.flatnonzero(np.isnan(values))  # small components no pivot fell in: exact
    if missed.size and reach is not None:  # only an undirected estimate leaves actors unknown
        raw = g.closeness(vertices=missed.tolist(), mode="all", weights=weights, normalized=True)
        values[missed] = np.asarray(raw, dtype=float) * (reach[missed] - 1) / (n - 1)
    used = sum(len(b) for b in groups)
    return PathEstimate(dict(zip(g.vs["name"], values.tolist())), used, _bound(per_batch, n), False)


def choose_pivots(
    graph: ig.Graph,
    *,
    measure: str = "betweenness",
    directed: bool = False,
    weighted: bool = False,
    tolerance: float = 0.1,
    samples: int = 1,
    seed: int = 0,
    start: int = 64,
    exact_up_to: int = EXACT_UP_TO,
) -> PathEstimate:
    """How many pivots make ``measure`` precise enough on ``graph``: the estimate that decided.

    Its ``pivots`` and ``bound`` are the choice and its precision on ``graph``; ``exact``
    means no sampling. Each path measure is sized on its own bound: closeness, a mean
    over distances, settles with far fewer pivots than betweenness, a sum of dependencies.

    Exact on graphs of at most ``exact_up_to`` actors. Otherwise the pivot count doubles
    from ``start`` until the bound on the mean of ``samples`` independent estimates
    (``bound / sqrt(samples)``: each credibility sample draws its own pivots) is at most
    ``tolerance`` times the largest estimated value, so the top of the ranking is
    resolved to about ``tolerance``; it falls back to exact when that needs a quarter of
    the actors or more.
    Deterministic: it depends on the graph and the seed only.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> line = view_from_rows([(str(i), str(i + 1)) for i in range(9)])  # 0 - 1 - ... - 9
    >>> choice = choose_pivots(line)  # a small graph: computed exactly
    >>> choice.pivots, choice.exact, choice.bound
    (10, True, 0.0)
    """
    n = collapse(graph, directed=directed).vcount()
    k = start
    estimator = betweenness_pivots if measure == "betweenness" else closeness_pivots
    while n > exact_up_to and k < n // 4:
        est = estimator(graph, k, seed=seed, directed=directed, weighted=weighted)
        top = max(est.values.values(), default=0.0)
        if top == 0.0 or est.bound / math.sqrt(max(samples, 1)) <= tolerance * top:
            return est
        k *= 2
    return PathEstimate({}, n, 0.0, True)


@dataclass(frozen=True)
class PivotMeasure:
    """A path measure estimated from ``pivots`` pivots; called with a seed for the pivots.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> fn = PivotMeasure("closeness", 0)
    >>> fn(view_from_rows([("a", "b")]), seed=3)["a"]
    1.0
    """

    measure: str  # "betweenness" or "closeness"
    pivots: int
    directed: bool = False
    weighted: bool = False
    seeded = True  # sample_measures passes each sample's own seed

    def estimate(self, graph: ig.Graph, seed: int = 0) -> PathEstimate:
        fn = betweenness_pivots if self.measure == "betweenness" else closeness_pivots
        return fn(graph, self.pivots, seed=seed, directed=self.directed, weighted=self.weighted)

    def __call__(self, graph: ig.Graph, seed: int = 0) -> dict[str, float]:
        return self.estimate(graph, seed).values


def describe(est: PathEstimate, samples: int = 0) -> str:
    """One line saying how a measure was computed (``samples``: credibility samples averaged).

    >>> describe(PathEstimate({}, 2000, 0.0123, False))
    'estimated from 2,000 pivots, ±0.012 (95 %, all actors jointly)'
    >>> describe(PathEstimate({}, 256, 0.04, False), samples=50)[:66]
    'estimated from 256 pivots per sample, ±0.04 per sample, ±0.0057 on'
    >>> describe(PathEstimate({}, 15, 0.0, True))
    'exact'
    """
    if est.exact:
        return "exact"
    if samples > 1:
        return (
            f"estimated from {est.pivots:,} pivots per sample, ±{est.bound:.2g} per sample, "
            f"±{est.bound / math.sqrt(samples):.2g} on the mean of {samples} (95 %, all actors jointly)"
        )
    return f"estimated from {est.pivots:,} pivots, ±{est.bound:.2g} (95 %, all actors jointly)"


def plan_path_measures(
    graph: ig.Graph,
    names,
    *,
    pivots: int | None = None,
    directed: bool = False,
    weighted: bool = False,
    samples: int = 1,
    tolerance: float = 0.1,
    seed: int = 0,
) -> dict[str, PathEstimate]:
    """For each path measure among ``names``: exact, or how many pivots and with what bound.

    ``pivots=None`` chooses for each measure (:func:`choose_pivots` on its own bound), ``0``
    forces the exact computation, a number forces that many pivots for both.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> line = view_from_rows([(str(i), str(i + 1)) for i in range(9)])  # 0 - 1 - ... - 9
    >>> plan = plan_path_measures(line, ["betweenness", "degree", "closeness"])  # degree has no paths
    >>> {name: (p.pivots, p.exact) for name, p in plan.items()}
    {'betweenness': (10, True), 'closeness': (10, True)}
    >>> plan_path_measures(line, ["betweenness"], pivots=4)["betweenness"].exact
    False
    """
    wanted = [m for m in PATH_MEASURES if m in names]
    if not wanted:
        return {}
    n = collapse(graph, directed=directed).vcount()
    out = {}
    for m in wanted:
        if pivots is None:
            out[m] = choose_pivots(
                graph,
                measure=m,
                directed=directed,
                weighted=weighted,
                tolerance=tolerance,
                samples=samples,
                seed=seed,
            )
        elif pivots <= 0 or pivots >= n:
            out[m] = PathEstimate({}, n, 0.0, True)
        else:
            out[m] = PivotMeasure(m, pivots, directed, weighted).estimate(graph, seed)
    return out
