"""What-if against what happened: the scenario's "after" beside a later view of the same case.

A scenario may name ``observed: "2024"``: the model's view as of that date (the last day of
the period) is measured as it stands, with the organization's leader in that view, the
scenario's affiliates and layers, and compared figure by figure with the scenario's "after".
With samples, the observed view is sampled by credibility like the scenario's, so both
sides carry a median and a 5-95 % interval of the same computation; a figure *agrees* when
the two intervals overlap.

>>> agree({"median": 0.5, "low": 0.2, "high": 0.6}, {"median": 0.7, "low": 0.6, "high": 0.9})
True
>>> agree({"median": 0.1, "low": 0.0, "high": 0.2}, {"median": 0.7, "low": 0.6, "high": 0.9})
False
"""

from __future__ import annotations

from typing import Any

from orgmap.network.whatif.intervals import _figures, summarise
from orgmap.network.whatif.metrics import layer_actors, leaders_of, state_metrics

__all__ = ["agree", "observed_state"]


def agree(predicted: dict | None, observed: dict | None) -> bool | None:
    """Whether two ``{median, low, high}`` intervals overlap (None when either is missing)."""
    if not predicted or not observed:
        return None
    return predicted["low"] <= observed["high"] and observed["low"] <= predicted["high"]


def _measure(
    graph: Any, result: dict[str, Any], layers: list[str], k: int, brokerage: Any, roles: Any
) -> dict[str, Any]:
    org = result["organization"]
    found = leaders_of(graph, org, roles) if org else []
    state = state_metrics(
        graph,
        layers=layers,
        actors={layer: layer_actors(graph, layer) for layer in layers},
        leader=found[0] if found else None,
        affiliates=[a for a in result["affiliates"] if a in set(graph.vs["name"])],
        k=k,
        brokerage_layers=brokerage,
        roles=roles,
    )
    state.pop("brokerage")
    return state


def observed_state(
    store: Any, case_id: int, scenario: Any, result: dict[str, Any], *, samples: int, seed: int
) -> dict:
    """The later view's figures (and intervals), and per figure whether the scenario's "after" agrees."""
    from orgmap.casefile.spans import parse_period
    from orgmap.network.uncertainty import sample_graphs
    from orgmap.network.view import build_view

    day = parse_period(str(scenario.observed))[1]
    graph = build_view(store, case_id, as_of=day, layers=scenario.layers, min_grade=scenario.min_grade)
    present = set(graph.es["layer"])
    layers = [x for x in result["baseline"]["fragmentation"] if x in present]
    roles = store.schema.roles
    args = (result, layers, scenario.k, scenario.brokerage_layers or (roles.ties_layer,), roles)
    out: dict[str, Any] = {
        "as_of": scenario.observed,
        "day": day.isoformat(),
        "state": _measure(graph, *args),
    }
    notes = []
    if out["state"]["leader"] is None:
        notes.append(f"nobody leads {result['organization']} in the view as of {day}")
    if samples:
        seen: dict[str, list[float | None]] = {}
        for g in sample_graphs(graph, samples, seed):
            for key, value in _figures(_measure(g, *args)).items():
                seen.setdefault(key, []).append(value)
        out["intervals"] = {k: summarise(v) for k, v in sorted(seen.items())}
        predicted = (result.get("intervals") or {}).get("after", {})
        out["agrees"] = {k: agree(predicted.get(k), v) for k, v in out["intervals"].items()}
    out["notes"] = notes
    return out
