"""One network analysis, as ``orgmap analyze`` and :meth:`orgmap.Case.analyze` run it.

Measures on the view, exact or (on large views) from sampled pivots; with ``samples``
each measure recomputed on graphs whose edges are kept with their grade/modality
probability (mean, 5-95 % interval, P(top k)); the formal/informal layer comparison and
Gould-Fernandez roles when they apply.

>>> from orgmap.network import view_from_rows
>>> found = run_analysis(view_from_rows([("a", "b"), ("b", "c")]), ["betweenness"])
>>> found.to_dict()["betweenness"]["b"]
1.0
>>> found.frame().loc["b", "betweenness"]
np.float64(1.0)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

__all__ = ["Analysis", "regroup", "run_analysis"]


@dataclass
class Analysis:
    """What an analysis found, with how each path measure was computed.

    ``results`` maps a measure to ``{actor: value}`` (sampled: ``{actor: {mean, low, high,
    p_top}}``); ``how`` says per path measure "exact" or how it was estimated; ``gaps`` are
    the layer comparisons; ``samples`` the graphs drawn (fewer than asked when
    ``until_stable`` stopped early).
    """

    results: dict[str, Any]
    how: dict[str, str]
    estimated: dict[str, dict[str, Any]]
    actors: list[str]
    layers: list[str]
    assertions: int
    samples: int = 0
    until_stable: float | None = None
    gaps: list[Any] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``orgmap analyze --json`` shape."""
        extra: dict[str, Any] = {"estimated": self.estimated} if self.estimated else {}
        if self.until_stable is not None:
            extra["samples"] = self.samples
        return {**self.results, **extra}

    def frame(self) -> Any:
        """A pandas DataFrame: one row per actor, one column per measure (sampled: the means)."""
        import pandas as pd

        columns = {}
        for m, values in self.results.items():
            if m in ("brokerage_roles", "layer_gap") or not isinstance(values, dict):
                continue
            columns[m] = {a: v["mean"] if isinstance(v, dict) else v for a, v in values.items()}
        return pd.DataFrame(columns, index=pd.Index(self.actors, name="actor"))


def regroup(graph: Any, attribute: str) -> None:
    """Use the vertex ``attribute`` as the brokerage groups (``group``: organization membership)."""
    if attribute == "group":
        return
    if attribute not in graph.vs.attributes():
        raise ValueError(
            f"--group-by {attribute!r}: no such attribute; known: {', '.join(graph.vs.attributes())}"
        )
    graph.vs["group"] = [v if v not in ("", None) else None for v in graph.vs[attribute]]


def run_analysis(
    graph: Any,
    measures: Sequence[str] | None = None,
    *,
    directed: bool = False,
    weighted: bool = False,
    samples: int = 0,
    seed: int = 0,
    top_k: int = 3,
    pivots: int | None = None,
    workers: int = 0,
    until_stable: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> Analysis:
    """Analyse ``graph`` (a view from :func:`orgmap.network.build_view`).

    ``pivots``: ``None`` chooses (exact up to 2,000 actors), 0 is exact, N samples N pivots.
    ``progress(i)`` is called as sampled graphs complete.
    """
    from orgmap.network.analyze import MEASURES, measure_functions
    from orgmap.network.analyze import analyze as run
    from orgmap.network.measures import layer_gaps
    from orgmap.network.measures.pivots import describe, plan_path_measures

    names = list(measures or [])
    measure_functions(names)  # unknown names fail before any work
    plan = plan_path_measures(
        graph,
        names or list(MEASURES),
        pivots=pivots,
        directed=directed,
        weighted=weighted,
        samples=max(samples, 1),
        seed=seed,
    )
    chosen = {m: (0 if e.exact else e.pivots) for m, e in plan.items()}
    used = samples
    if samples:
        results, used = _sample(
            graph, names, directed, weighted, samples, seed, top_k, chosen, workers, until_stable, progress
        )
    else:
        results = run(graph, names or None, directed=directed, weighted=weighted, seed=seed, pivots=chosen)
    how = {m: describe(e, used) for m, e in plan.items()}
    present = set(graph.es["layer"])
    gaps = (
        layer_gaps(graph, pivots=chosen.get("betweenness", 0), seed=seed)
        if {"formal", "informal"} <= present and not samples and not names
        else []
    )
    if gaps:
        results["layer_gap"] = {g.name: g.gap for g in gaps}
    if "brokerage" in results and not samples:
        from orgmap.network.measures import brokerage_roles

        results["brokerage_roles"] = brokerage_roles(graph, directed=directed)
    estimated = {
        m: {"pivots": e.pivots, "bound": e.bound, "how": how[m]} for m, e in plan.items() if not e.exact
    }
    return Analysis(
        results=results,
        how=how,
        estimated=estimated,
        actors=list(graph.vs["name"]),
        layers=sorted(present),
        assertions=graph.ecount(),
        samples=used,
        until_stable=until_stable,
        gaps=gaps,
    )


def _sample(
    graph: Any,
    names: list[str],
    directed: bool,
    weighted: bool,
    samples: int,
    seed: int,
    top_k: int,
    pivots: dict[str, int],
    workers: int,
    until_stable: float | None,
    progress: Callable[[int], None] | None,
) -> tuple[dict[str, Any], int]:
    from orgmap.network.analyze import measure_functions
    from orgmap.network.uncertainty import sample_until_stable
    from orgmap.network.view import collapse

    fns = measure_functions(names, directed=directed, weighted=weighted, seed=seed, pivots=pivots)
    if "group" not in graph.vs.attributes() or not any(graph.vs["group"]):
        fns.pop("brokerage", None)
    fns.pop("community", None)  # community numbers do not average
    est, used = sample_until_stable(
        graph,
        fns,
        samples=samples,
        tolerance=until_stable,
        seed=seed,
        top_k=top_k,
        workers=workers,
        progress=progress or (lambda i: None),
        prepare=partial(collapse, directed=directed),  # once per sample, not once per measure
    )
    return {
        m: {n: {"mean": e.mean, "low": e.low, "high": e.high, "p_top": e.p_top} for n, e in v.items()}
        for m, v in est.items()
    }, used
