"""Results as plain rows of text: what the CLI (and any other front end) puts in tables.

Every function takes the plain data of :func:`orgmap.network.analyze`,
:func:`orgmap.network.uncertainty.sample_measures` or
:func:`orgmap.network.whatif.run_scenarios` and returns ``(header, rows)`` of strings.

>>> header, rows = ranked_rows("degree", {"a": 0.5, "b": 1.0}, top=1)
>>> header, rows
(['#', 'actor', 'degree'], [['1', 'b', '1']])
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "brokerage_rows",
    "community_rows",
    "csv_rows",
    "fmt",
    "gap_rows",
    "interval_rows",
    "ranged",
    "ranked_rows",
    "role_rows",
    "whatif_rows",
]

Rows = tuple[list[str], list[list[str]]]
_ESTIMATE = ("mean", "low", "high", "p_top")


def fmt(value: Any) -> str:
    """Four significant digits; ``-`` for missing or NaN.

    >>> fmt(0.123456), fmt(12345.6), fmt(float("nan")), fmt(None), fmt(3)
    ('0.1235', '12,346', '-', '-', '3')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def _num(value: Any) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return -math.inf
    return -math.inf if math.isnan(f) else f


def ranked_rows(measure: str, values: Mapping[str, Any], *, top: int = 10, high_first: bool = True) -> Rows:
    """Actors ranked by one measure (NaN last).

    >>> ranked_rows("degree", {"a": 0.5, "b": float("nan"), "c": 1.0})
    (['#', 'actor', 'degree'], [['1', 'c', '1'], ['2', 'a', '0.5'], ['3', 'b', '-']])
    """
    sign = -1 if high_first else 1

    def key(kv: tuple[str, Any]) -> tuple[float, str]:
        v = _num(kv[1])
        return (sign * v if v > -math.inf else math.inf, str(kv[0]))

    ranked = sorted(values.items(), key=key)
    return ["#", "actor", measure], [[str(i), str(a), fmt(v)] for i, (a, v) in enumerate(ranked[:top], 1)]


def interval_rows(values: Mapping[str, Mapping[str, float]], *, top: int = 10, top_k: int = 3) -> Rows:
    """Sampled estimates ranked by mean: mean, 5 %, 95 %, P(top k).

    >>> est = {"mean": 0.5, "low": 0.25, "high": 0.75, "p_top": 0.9}
    >>> interval_rows({"a": est}, top_k=1)
    (['actor', 'mean', '5 %', '95 %', 'P(top 1)'], [['a', '0.5', '0.25', '0.75', '0.9']])
    """
    ranked = sorted(values.items(), key=lambda kv: (-_num(kv[1]["mean"]), kv[0]))
    return (
        ["actor", "mean", "5 %", "95 %", f"P(top {top_k})"],
        [[a, *(fmt(e[k]) for k in _ESTIMATE)] for a, e in ranked[:top]],
    )


def community_rows(values: Mapping[str, int], *, top: int = 10, shown: int = 12) -> Rows:
    """One row per community: number, size and (some) members.

    >>> community_rows({"a": 0, "b": 0, "c": 1})
    (['community', 'size', 'members'], [['0', '2', 'a, b'], ['1', '1', 'c']])
    """
    groups: dict[int, list[str]] = {}
    for actor, c in values.items():
        groups.setdefault(c, []).append(actor)
    rows = []
    for c in sorted(groups)[:top]:
        members = sorted(groups[c])
        more = f" … (+{len(members) - shown})" if len(members) > shown else ""
        rows.append([str(c), str(len(members)), ", ".join(members[:shown]) + more])
    return ["community", "size", "members"], rows


def role_rows(roles: Mapping[str, Mapping[str, int]], *, top: int = 10) -> Rows:
    """Gould-Fernandez role counts of the busiest brokers.

    >>> role_rows({"b": {"coordinator": 0, "itinerant": 0, "representative": 1, "gatekeeper": 1,
    ...                  "liaison": 2, "total": 4}, "a": {"total": 0}})[1]
    [['b', '0', '0', '1', '1', '2', '4']]
    """
    from orgmap.network.measures.brokerage import ROLES

    busy = sorted((kv for kv in roles.items() if kv[1].get("total")), key=lambda kv: (-kv[1]["total"], kv[0]))
    return ["actor", *ROLES, "total"], [[a, *(str(r[k]) for k in (*ROLES, "total"))] for a, r in busy[:top]]


def gap_rows(gaps: Sequence[Any], *, top: int = 10) -> Rows:
    """Labelled layer gaps first (all gaps when none is labelled)."""
    shown = [g for g in gaps if g.label][:top] or list(gaps)[:top]
    return (
        ["actor", "formal betweenness", "informal betweenness", "gap (pct)", "reading"],
        [[g.name, fmt(g.formal), fmt(g.informal), f"{g.gap:+.2f}", g.label] for g in shown],
    )


def csv_rows(result: Mapping[str, Mapping[str, Any]], actors: Sequence[str], *, sampled: bool) -> Rows:
    """One row per actor, one column per measure (four per measure when sampled).

    >>> csv_rows({"degree": {"a": 1.0, "b": 0.5}}, ["a", "b"], sampled=False)
    (['actor', 'degree'], [['a', 1.0], ['b', 0.5]])
    """
    if sampled:
        header = ["actor"] + [f"{m}_{k}" for m in result for k in _ESTIMATE]
        rows = [[a] + [result[m][a][k] for m in result for k in _ESTIMATE] for a in actors]
    else:
        header = ["actor", *result]
        rows = [[a] + [result[m].get(a) for m in result] for a in actors]
    return header, rows


def _arrow(before: Any, after: Any) -> str:
    def two(v: Any) -> str:
        return "-" if v is None else f"{v:.2f}"

    return f"{two(before)} → {two(after)}"


def ranged(est: Mapping[str, float] | None) -> str:
    """``0.33 [0.00-0.50]``: the median over samples and its 5-95 % interval.

    >>> ranged({"median": 0.333, "low": 0.0, "high": 0.5}), ranged(None)
    ('0.33 [0.00-0.50]', '-')
    """
    if est is None:
        return "-"
    return f"{est['median']:.2f} [{est['low']:.2f}-{est['high']:.2f}]"


def whatif_rows(result: Mapping[str, Any], layers: Sequence[str] = ()) -> Rows:
    """Scenario by scenario: leader, fragmentation per layer, reach and coverage, before → after.

    ``layers`` picks the fragmentation columns; by default the first two the what-if
    measured (the vocabulary's command and ties layers come first).

    With intervals (``run_scenarios(samples=N)``) every figure is the median over the
    credibility-sampled views with its 5-95 % interval, ``median [low-high]``. A scenario
    with an ``observed`` view gets a second row: the later view as it stands in the model,
    each figure marked "≠" where its interval does not overlap the scenario's "after".
    """
    scenarios = result["scenarios"]
    present = list(scenarios[0]["baseline"]["fragmentation"]) if scenarios else []
    chosen = [x for x in layers if x in present] or present[:2]
    header = [
        "scenario",
        "as of",
        "leader",
        *[f"F {x}" for x in chosen],
        "informal reach",
        "command coverage",
    ]
    rows = []
    for s in scenarios:
        b, a = s["baseline"], s["after"]
        iv = s.get("intervals")
        if iv:

            def pair(key: str, iv: dict = iv) -> str:
                return f"{ranged(iv['baseline'].get(key))} → {ranged(iv['after'].get(key))}"

            figures = [
                *[pair(f"fragmentation:{x}") for x in chosen],
                f"{pair('reach')} (≤{s['k']})",
                pair("coverage"),
            ]
        else:
            figures = [
                *[_arrow(b["fragmentation"].get(x), a["fragmentation"].get(x)) for x in chosen],
                f"{_arrow(b['reach'], a['reach'])} (≤{s['k']})",
                _arrow(b["coverage"], a["coverage"]),
            ]
        leaders = f"{b['leader'] or '-'} → {a['leader'] or '-'}"
        rows.append([s["name"], s["as_of"] or "all", leaders, *figures])
        if s.get("observed"):
            rows.append(_observed_row(s, chosen))
    return header, rows


def _observed_row(s: Mapping[str, Any], chosen: Sequence[str]) -> list[str]:
    obs = s["observed"]
    state, iv, agrees = obs["state"], obs.get("intervals"), obs.get("agrees", {})

    def one(key: str, value: Any) -> str:
        if iv:
            return ranged(iv.get(key)) + (" ≠" if agrees.get(key) is False else "")
        return "-" if value is None else f"{value:.2f}"

    figures = [one(f"fragmentation:{x}", state["fragmentation"].get(x)) for x in chosen]
    figures += [f"{one('reach', state['reach'])} (≤{s['k']})", one("coverage", state["coverage"])]
    return [f"{s['name']}: observed", obs["as_of"], state["leader"] or "-", *figures]


def brokerage_rows(result: Mapping[str, Any]) -> Rows:
    """Who gains and loses brokerage and who sits between the most pairs afterwards."""

    def changes(items: Sequence[Mapping[str, Any]]) -> str:
        return ", ".join(f"{g['name']} {g['change']:+.3g}" for g in items) or "-"

    rows = [
        [
            s["name"],
            changes(s["gains"]),
            changes(s["losses"]),
            ", ".join(f"{g['name']} {g['betweenness']:.3g}" for g in s["emergent_brokers"]) or "none",
        ]
        for s in result["scenarios"]
    ]
    return ["scenario", "gain brokerage", "lose brokerage", "emergent brokers"], rows
