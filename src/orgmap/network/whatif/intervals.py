"""What-if under uncertainty: the same scenario on views whose edges are kept by credibility.

Each sample keeps every edge with its ``keep`` probability (reliability x credibility x
modality, as ``orgmap analyze`` samples; :func:`orgmap.network.uncertainty.sample_graphs`),
applies the scenario and measures before and after. Every figure is reported as the median
over the samples with its 5-95 % interval, so the headline number is always inside its
interval and both come from the same computation (a believed E4 tie no longer counts like
an asserted B2 one).

>>> summarise([0.0, 0.5, 0.5, 1.0, 1.0])
{'median': 0.5, 'low': 0.1, 'high': 1.0}
>>> summarise([None, None]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["FIGURES", "sample_scenario", "summarise"]

#: The figures given an interval: (state key, figure key, layer or None).
FIGURES = ("reach", "coverage")


def summarise(values: Sequence[float | None], interval: tuple[float, float] = (0.05, 0.95)) -> dict | None:
    """Median and the ``interval`` quantiles of the values that are not None (None if none are)."""
    data = np.array([v for v in values if v is not None], dtype=float)
    if data.size == 0:
        return None
    lo, hi = np.quantile(data, interval)
    return {"median": float(np.median(data)), "low": float(lo), "high": float(hi)}


def _figures(state: dict[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = {f: state.get(f) for f in FIGURES}
    for layer, value in (state.get("fragmentation") or {}).items():
        out[f"fragmentation:{layer}"] = value
    return out


def sample_scenario(graph: Any, scenario: Any, resolve: Any, schema: Any, *, samples: int, seed: int) -> dict:
    """Median and 5-95 % interval of every before/after figure over ``samples`` sampled views.

    The figures are reach, coverage and fragmentation (:data:`FIGURES`), so brokerage, the
    costly part on large views, is not computed in the samples.
    """
    from orgmap.network.uncertainty import sample_graphs
    from orgmap.network.whatif import run_scenario_on_graph

    seen: dict[str, dict[str, list[float | None]]] = {"baseline": {}, "after": {}}
    for g in sample_graphs(graph, samples, seed):
        result = run_scenario_on_graph(g, scenario, resolve, schema, seed=seed, brokerage=False)
        for state in ("baseline", "after"):
            for key, value in _figures(result[state]).items():
                seen[state].setdefault(key, []).append(value)
    return {
        "samples": samples,
        "seed": seed,
        "counts": "edges kept at random by reliability x credibility x modality; all layers of the view",
        **{state: {k: summarise(v) for k, v in sorted(seen[state].items())} for state in seen},
    }
