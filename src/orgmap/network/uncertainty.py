"""Uncertainty: recompute measures on graphs whose edges are kept at random.

Each edge (one assertion) is kept with its ``keep`` probability - by default the
product of its reliability, credibility and modality weights (see
:mod:`orgmap.network.weights`). A tie stated by two sources survives if either is kept.
For every actor the result gives the mean over samples, an interval (5-95 % by default)
and the probability that the actor ranks in the top ``k`` (ties share the rank).
Same graph, same seed: same numbers, whatever the number of ``workers`` (each sample
draws its edges, and the pivots of estimated measures, from its own seed spawned from
``seed``; samples run in forked processes when ``workers > 1``).

>>> from orgmap.network.edgelist import view_from_rows
>>> from orgmap.network.measures import degree
>>> g = view_from_rows([("a", "b"), ("a", "c")])
>>> g.es["keep"] = [1.0, 0.0]
>>> est = sample_measures(g, {"degree": degree}, samples=20, seed=1, top_k=1)["degree"]
>>> est["a"].mean, est["c"].high, est["a"].p_top
(0.5, 0.0, 1.0)
"""

from __future__ import annotations

import multiprocessing
import os
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


def _sample_seeds(samples: int, seed: int) -> list[np.random.SeedSequence]:
    if samples < 1:
        raise ValueError(f"--samples must be at least 1, got {samples}")
    return np.random.SeedSequence(seed).spawn(samples)


def _keep(graph: ig.Graph, keep_attr: str = "keep") -> np.ndarray:
    return np.asarray(
        graph.es[keep_attr] if keep_attr in graph.es.attributes() else [1.0] * graph.ecount(), dtype=float
    )


def _one_sample(graph: ig.Graph, keep: np.ndarray, seq: np.random.SeedSequence) -> tuple[ig.Graph, int]:
    """Sample ``seq``'s graph, and the seed its estimated measures draw their pivots from."""
    rng = np.random.default_rng(seq)
    mask = rng.random(graph.ecount()) < keep
    sampled = graph.subgraph_edges(np.flatnonzero(mask).tolist(), delete_vertices=False)
    return sampled, int(rng.integers(2**31))


def sample_graphs(graph: ig.Graph, samples: int, seed: int, keep_attr: str = "keep"):
    """Yield ``samples`` copies of ``graph`` with edges kept at their ``keep`` probability."""
    keep = _keep(graph, keep_attr)
    for seq in _sample_seeds(samples, seed):
        yield _one_sample(graph, keep, seq)[0]


def _in_top(values: Mapping[str, float], k: int) -> set[str]:
    clean = {n: v for n, v in values.items() if v == v}
    ranked = sorted(clean.values(), reverse=True)
    if not ranked:
        return set()
    cut = ranked[min(k, len(ranked)) - 1]
    return {n for n, v in clean.items() if v >= cut}


# Set in the parent before forking: workers inherit the graph and the functions (closures too).
_JOB: dict = {}


def _measure_sample(index: int) -> tuple[int, dict[str, np.ndarray]]:
    graph, keep, seqs, measures = _JOB["graph"], _JOB["keep"], _JOB["seqs"], _JOB["measures"]
    names = graph.vs["name"]
    g, pivot_seed = _one_sample(graph, keep, seqs[index])
    rows = {}
    for m, fn in measures.items():
        result = fn(g, seed=pivot_seed) if getattr(fn, "seeded", False) else fn(g)
        rows[m] = np.array([float(result.get(n, np.nan)) for n in names])
    return index, rows


def _run_samples(workers: int, samples: int):
    """Yield ``(index, rows)`` for every sample, in processes when ``workers > 1``."""
    if workers <= 1 or samples < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for i in range(samples):
            yield _measure_sample(i)
        return
    with multiprocessing.get_context("fork").Pool(min(workers, samples)) as pool:
        yield from pool.imap_unordered(_measure_sample, range(samples))


def sample_measures(
    graph: ig.Graph,
    measures: Mapping[str, Callable[[ig.Graph], Mapping[str, float]]],
    *,
    samples: int = 100,
    seed: int = 0,
    top_k: int = 3,
    interval: tuple[float, float] = (0.05, 0.95),
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> dict[str, dict[str, Estimate]]:
    """Mean, interval and P(top ``top_k``) of each measure per actor over sampled graphs.

    ``workers``: processes to run the samples in (0: one per core); the numbers do not
    depend on it. A measure with a true ``seeded`` attribute is called as ``fn(g, seed=...)``.
    """
    names = graph.vs["name"]
    values = {m: np.zeros((samples, len(names))) for m in measures}
    top = {m: np.zeros(len(names)) for m in measures}
    _JOB.update(graph=graph, keep=_keep(graph), seqs=_sample_seeds(samples, seed), measures=measures)
    try:
        for done, (s, rows) in enumerate(_run_samples(workers or os.cpu_count() or 1, samples), 1):
            for m, row in rows.items():
                values[m][s] = row
                chosen = _in_top(dict(zip(names, row)), top_k)
                top[m] += np.array([n in chosen for n in names])
            if progress:
                progress(done)
    finally:
        _JOB.clear()
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
