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
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import igraph as ig
import numpy as np

__all__ = ["Estimate", "sample_graphs", "sample_measures", "sample_until_stable"]


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
    """Yield ``samples`` copies of ``graph`` with edges kept at their ``keep`` probability.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> g = view_from_rows([("a", "b"), ("b", "c")])
    >>> g.es["keep"] = [1.0, 0.5]  # the b-c tie holds with probability 0.5
    >>> counts = [s.ecount() for s in sample_graphs(g, 200, seed=1)]
    >>> sorted(set(counts)), 70 < counts.count(2) < 130
    ([1, 2], True)
    """
    keep = _keep(graph, keep_attr)
    for seq in _sample_seeds(samples, seed):
        yield _one_sample(graph, keep, seq)[0]


def _in_top(row: np.ndarray, k: int) -> np.ndarray:
    """Which actors are in the top ``k`` of one sample's ``row`` (ties at the cut count; NaN never).

    >>> _in_top(np.array([3.0, 1.0, np.nan, 3.0, 2.0]), 2).tolist()
    [True, False, False, True, False]
    >>> _in_top(np.array([np.nan]), 3).tolist()
    [False]
    """
    clean = row[~np.isnan(row)]
    if not clean.size:
        return np.zeros(row.shape, dtype=bool)
    cut = -np.partition(-clean, min(k, clean.size) - 1)[min(k, clean.size) - 1]
    return row >= cut  # NaN compares False


# Set in the parent before forking: workers inherit the graph and the functions (closures too).
_JOB: dict = {}


def _measure_sample(index: int) -> tuple[int, dict[str, np.ndarray]]:
    graph, keep, seqs, measures = _JOB["graph"], _JOB["keep"], _JOB["seqs"], _JOB["measures"]
    names = graph.vs["name"]
    g, pivot_seed = _one_sample(graph, keep, seqs[index])
    if _JOB["prepare"] is not None:
        g = _JOB["prepare"](g)
    rows = {}
    for m, fn in measures.items():
        result = fn(g, seed=pivot_seed) if getattr(fn, "seeded", False) else fn(g)
        rows[m] = np.array([float(result.get(n, np.nan)) for n in names])
    return index, rows


def _run_samples(workers: int, indices: range):
    """Yield ``(index, rows)`` for every sample index, in processes when ``workers > 1``."""
    if workers <= 1 or len(indices) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for i in indices:
            yield _measure_sample(i)
        return
    with multiprocessing.get_context("fork").Pool(min(workers, len(indices))) as pool:
        yield from pool.imap_unordered(_measure_sample, indices)


def _column_quantile(values: np.ndarray, count: np.ndarray, q: float) -> np.ndarray:
    """Quantile ``q`` of each column over its non-NaN entries (NumPy's linear method), vectorised.

    ``np.nanquantile`` falls back to a Python loop over columns when any NaN is present.

    >>> v = np.array([[1.0, np.nan], [3.0, 2.0], [2.0, 4.0]])
    >>> _column_quantile(v, (~np.isnan(v)).sum(axis=0), 0.5).tolist()
    [2.0, 3.0]
    """
    ordered = np.sort(values, axis=0)  # NaN last
    cols = np.arange(values.shape[1])
    pos = q * np.maximum(count - 1, 0)
    below = np.floor(pos).astype(np.int64)
    above = np.minimum(below + 1, np.maximum(count - 1, 0))
    a, b = ordered[below, cols], ordered[above, cols]
    out = a + (b - a) * (pos - below)
    out = np.where(a == b, a, out)  # equal ends (and infinities) stay exact
    return np.where(count > 0, out, np.nan)


def _summarise(values: np.ndarray, top: np.ndarray, names, interval) -> dict[str, Estimate]:
    """Per actor (columns of ``values``: one row per sample) mean, quantiles and P(top k)."""
    lo, hi = interval
    count = (~np.isnan(values)).sum(axis=0)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # actors never measured: NaN
        mean = np.nanmean(values, axis=0)
    low, high = (_column_quantile(values, count, q) for q in (lo, hi))
    for j, n in enumerate(names):
        if count[j] == 0:
            out[n] = Estimate(float("nan"), float("nan"), float("nan"), 0.0)
        else:
            out[n] = Estimate(float(mean[j]), float(low[j]), float(high[j]), float(top[j] / len(values)))
    return out


def _change(old: dict[str, Estimate], new: dict[str, Estimate]) -> float:
    """Largest move of a mean or interval end (relative to the largest value) or of a P(top k)."""
    a = np.array([[e.mean, e.low, e.high] for e in old.values()])
    b = np.array([[e.mean, e.low, e.high] for e in new.values()])
    scale = np.nanmax(np.abs(b)) if np.isfinite(b).any() else 0.0
    moved = np.nanmax(np.abs(a - b)) / scale if scale > 0 and np.isfinite(a - b).any() else 0.0
    p_top = max((abs(old[n].p_top - new[n].p_top) for n in new), default=0.0)
    return float(max(moved, p_top))


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
    prepare: Callable[[ig.Graph], ig.Graph] | None = None,
) -> dict[str, dict[str, Estimate]]:
    """Mean, interval and P(top ``top_k``) of each measure per actor over sampled graphs.

    ``workers``: processes to run the samples in (0: one per core); the numbers do not
    depend on it. A measure with a true ``seeded`` attribute is called as ``fn(g, seed=...)``.
    ``prepare``: done once to each sampled graph before its measures (e.g. ``collapse``,
    which every measure would otherwise repeat).

    >>> from orgmap.network.edgelist import view_from_rows
    >>> from orgmap.network.measures import degree
    >>> g = view_from_rows([("a", "b"), ("b", "c")])
    >>> g.es["keep"] = [1.0, 0.5]
    >>> est = sample_measures(g, {"degree": degree}, samples=200, seed=1)
    >>> est["degree"]["a"].mean, 0.2 < est["degree"]["c"].mean < 0.3  # c keeps its one tie half the time
    (0.5, True)
    """
    return sample_until_stable(
        graph,
        measures,
        samples=samples,
        seed=seed,
        top_k=top_k,
        interval=interval,
        progress=progress,
        workers=workers,
        prepare=prepare,
    )[0]


def sample_until_stable(
    graph: ig.Graph,
    measures: Mapping[str, Callable[[ig.Graph], Mapping[str, float]]],
    *,
    samples: int = 100,
    tolerance: float | None = None,
    round_size: int = 10,
    seed: int = 0,
    top_k: int = 3,
    interval: tuple[float, float] = (0.05, 0.95),
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    prepare: Callable[[ig.Graph], ig.Graph] | None = None,
) -> tuple[dict[str, dict[str, Estimate]], int]:
    """:func:`sample_measures` in rounds of ``round_size``, stopping once the intervals are stable.

    After each round the estimates are compared with the previous round's: when no mean or
    interval end moved by more than ``tolerance`` times the measure's largest value, and no
    P(top k) by more than ``tolerance``, for every measure, sampling stops; ``samples`` is
    the most it draws (``tolerance=None``: all of them). Returns the estimates and the
    number of samples used. Sample i is the same whatever the maximum, so stopping at N
    gives exactly what ``samples=N`` gives.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> from orgmap.network.measures import degree
    >>> g = view_from_rows([("a", "b"), ("a", "c")])
    >>> sample_until_stable(g, {"degree": degree}, samples=100, tolerance=0.01, seed=1)[1]
    20
    """
    names = graph.vs["name"]
    values = {m: np.full((samples, len(names)), np.nan) for m in measures}
    top = {m: np.zeros(len(names)) for m in measures}
    step = samples if tolerance is None else max(1, round_size)
    _JOB.update(
        graph=graph, keep=_keep(graph), seqs=_sample_seeds(samples, seed), measures=measures, prepare=prepare
    )
    done, previous, out = 0, None, {}
    try:
        while done < samples:
            batch = range(done, min(done + step, samples))
            for s, rows in _run_samples(workers or os.cpu_count() or 1, batch):
                for m, row in rows.items():
                    values[m][s] = row
                    top[m] += _in_top(row, top_k)
                done += 1
                if progress:
                    progress(done)
            out = {m: _summarise(values[m][:done], top[m], names, interval) for m in measures}
            if (
                previous is not None
                and tolerance is not None
                and all(_change(previous[m], out[m]) <= tolerance for m in measures)
            ):
                break
            previous = out
    finally:
        _JOB.clear()
    return out, done
