"""Uncertainty: recompute measures on graphs whose edges are kept at random.

Each edge (one assertion) is kept with its ``keep`` probability - by default the
product of its reliability, credibility and modality weights (see
:mod:`orgmap.network.weights`). A tie stated by two sources survives if either is kept.
For every actor the result gives the mean over samples, an interval (5-95 % by default)
and the probability that the actor ranks in the top ``k`` (ties share the rank).
Same graph, same seed: same numbers.

>>> from orgmap.network.edgelist import view_from_rows
>>> from orgmap.network.measures import degree
>>> g = view_from_rows([("a", "b"), ("a", "c")])
>>> g.es["keep"] = [1.0, 0.0]
>>> est = sample_measures(g, {"degree": degree}, samples=20, seed=1, top_k=1)["degree"]
>>> est["a"].mean, est["c"].high, est["a"].p_top
(0.5, 0.0, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import igraph as ig
import numpy as np

__all__ = ["Estimate", "sample_graphs", "sample_measures"]


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float
    p_top: float  # probability of ranking in the top k


def sample_graphs(graph: ig.Graph, samples: int, seed: int, keep_attr: str = "keep"):
    """Yield ``samples`` copies of ``graph`` with edges kept at their ``keep`` probability."""
    if samples < 1:
        raise ValueError(f"--samples must be at least 1, got {samples}")
    keep = np.asarray(
        graph.es[keep_attr] if keep_attr in graph.es.attributes() else [1.0] * graph.ecount(), dtype=float
    )
    rng = np.random.default_rng(seed)
    for _ in range(samples):
        mask = rng.random(graph.ecount()) < keep
        yield graph.subgraph_edges(np.flatnonzero(mask).tolist(), delete_vertices=False)


def _in_top(values: Mapping[str, float], k: int) -> set[str]:
    clean = {n: v for n, v in values.items() if v == v}
    ranked = sorted(clean.values(), reverse=True)
    if not ranked:
        return set()
    cut = ranked[min(k, len(ranked)) - 1]
    return {n for n, v in clean.items() if v >= cut}


def sample_measures(
    graph: ig.Graph,
    measures: Mapping[str, Callable[[ig.Graph], Mapping[str, float]]],
    *,
    samples: int = 100,
    seed: int = 0,
    top_k: int = 3,
    interval: tuple[float, float] = (0.05, 0.95),
    progress: Callable[[int], None] | None = None,
) -> dict[str, dict[str, Estimate]]:
    """Mean, interval and P(top ``top_k``) of each measure per actor over sampled graphs."""
    names = graph.vs["name"]
    values = {m: np.zeros((samples, len(names))) for m in measures}
    top = {m: np.zeros(len(names)) for m in measures}
    for s, g in enumerate(sample_graphs(graph, samples, seed)):
        for m, fn in measures.items():
            result = fn(g)
            row = np.array([float(result.get(n, np.nan)) for n in names])
            values[m][s] = row
            chosen = _in_top(dict(zip(names, row)), top_k)
            top[m] += np.array([n in chosen for n in names])
        if progress:
            progress(s + 1)
    out = {}
    lo, hi = interval
    for m in measures:
        data = values[m]
        out[m] = {}
        for j, n in enumerate(names):
            col = data[:, j]
            col = col[~np.isnan(col)]
            if col.size == 0:
                out[m][n] = Estimate(float("nan"), float("nan"), float("nan"), 0.0)
                continue
            out[m][n] = Estimate(
                float(col.mean()),
                float(np.quantile(col, lo)),
                float(np.quantile(col, hi)),
                float(top[m][j] / samples),
            )
    return out
