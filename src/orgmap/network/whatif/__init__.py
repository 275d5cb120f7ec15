"""Succession what-if: apply a scenario to a view and compare it with the view as it was.

>>> from orgmap.network.edgelist import view_from_rows
>>> from orgmap.network.whatif.scenario import parse_whatif_scenario
>>> g = view_from_rows([("boss", "org", 1, "formal"), ("boss", "p1", 1, "informal"),
...                     ("boss", "p2", 1, "informal"), ("org", "p1", 1, "formal"),
...                     ("org", "p2", 1, "formal")])
>>> g.es["type"] = ["leads", "personal_tie", "personal_tie", "manages", "manages"]
>>> g.vs["type"] = ["person", "organization", "organization", "organization"]
>>> s = parse_whatif_scenario({"organization": "org", "operations": [{"remove": "boss"}]})
>>> out = run_scenario_on_graph(g, s)
>>> out["baseline"]["reach"], out["after"]["reach"], out["after"]["fragmentation"]["informal"]
(1.0, 0.0, 1.0)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import igraph as ig

from orgmap.network.whatif.apply import Resolver, apply_operations, graph_resolver
from orgmap.network.whatif.metrics import (
    brokerage_estimate,
    default_affiliates,
    layer_actors,
    leaders_of,
    state_metrics,
)
from orgmap.network.whatif.scenario import (
    Operation,
    WhatIfScenario,
    WhatIfScenarioError,
    find_scenarios,
    load_whatif_scenario,
    parse_whatif_scenario,
    resolve_scenario_paths,
)
from orgmap.schema import load_schema

__all__ = [
    "Operation",
    "WhatIfScenario",
    "WhatIfScenarioError",
    "find_scenarios",
    "load_whatif_scenario",
    "parse_whatif_scenario",
    "resolve_scenario_paths",
    "run_scenario_on_graph",
    "run_scenarios",
    "store_resolver",
]

TOP = 5


def store_resolver(store: Any, case_id: int, graph: ig.Graph) -> Resolver:
    """Resolve names through the case's aliases (``UnknownName`` suggests close names)."""
    by_entity = {eid: name for eid, name in zip(graph.vs["entity_id"], graph.vs["name"]) if eid is not None}

    def resolve(name: str) -> tuple[str, dict[str, Any] | None]:
        entity = store.find_entity(case_id, name)
        if entity.id in by_entity:
            return by_entity[entity.id], None
        return entity.name, {
            "type": entity.type,
            "entity_id": entity.id,
            "kind": str(entity.attributes.get("kind", "")),
        }

    return resolve


def _successor(name: str | None, ops: Sequence[Operation], resolved: Callable[[str], str]) -> str | None:
    for op in ops:
        if name is None:
            return None
        if op.op in ("remove", "purge") and name in {resolved(n) for n in op.names}:
            name = None
        elif op.op == "replace" and resolved(op.names[0]) == name:
            assert op.by is not None  # parse_scenario: a replace names its successor
            name = op.by if op.new else resolved(op.by)
    return name


def _changes(before: dict[str, float], after: dict[str, float]) -> list[dict[str, Any]]:
    names = set(before) | set(after)
    rows = [
        {
            "name": n,
            "before": before.get(n),
            "after": after.get(n),
            "change": (after.get(n) or 0.0) - (before.get(n) or 0.0),
        }
        for n in names
    ]
    return sorted(rows, key=lambda r: (-r["change"], r["name"]))


def run_scenario_on_graph(
    graph: ig.Graph,
    scenario: WhatIfScenario,
    resolve: Resolver | None = None,
    schema: Any = None,
    *,
    pivots: int = 0,
    seed: int = 0,
    brokerage: bool = True,
) -> dict[str, Any]:
    """Baseline and changed figures of one scenario on one view, as plain data.

    ``pivots`` > 0 estimates brokerage from that many pivots (drawn with ``seed``);
    ``brokerage=False`` skips it (no gains, losses or emergent brokers), the costly part
    on large views, when only reach, coverage and fragmentation are wanted.

    >>> from orgmap.network.edgelist import view_from_rows
    >>> from orgmap.network.whatif.scenario import parse_whatif_scenario
    >>> view = view_from_rows([("boss", "unit", 1.0, "formal"), ("boss", "aide", 1.0, "informal"),
    ...                        ("aide", "x", 1.0, "informal"), ("aide", "y", 1.0, "informal")])
    >>> no_aide = parse_whatif_scenario({"leader": "boss", "affiliates": ["x", "y"], "operations": [{"remove": "aide"}]})
    >>> result = run_scenario_on_graph(view, no_aide)
    >>> result["baseline"]["reach"], result["after"]["reach"]  # boss reached x and y only through the aide
    (1.0, 0.0)
    >>> result["after"]["fragmentation"]["informal"]  # boss, x and y: no pair still connected
    1.0
    """
    resolve = resolve or graph_resolver(graph)
    cache: dict[str, str] = {}

    def name_of(n: str) -> str:
        if n not in cache:
            cache[n] = resolve(n)[0]
        return cache[n]

    after, notes, fate = apply_operations(graph, scenario.operations, resolve, schema)
    roles = (schema or load_schema()).roles
    layers = sorted(
        set(graph.es["layer"]), key=lambda x: (x != roles.command_layer, x != roles.ties_layer, x)
    )
    org = name_of(scenario.organization) if scenario.organization else None
    leader: str | None
    if scenario.leader:
        leader = name_of(scenario.leader)
    else:
        found = leaders_of(graph, org, roles) if org else []
        leader = found[0] if found else None
        if len(found) > 1:
            notes.append(f"{org} has several leaders in this view ({', '.join(found)}); measuring {leader}")
        if org and not found:
            notes.append(f"nobody leads {org} in this view: name a leader in the scenario")
    if isinstance(scenario.affiliates, list):
        affiliates = sorted({name_of(a) for a in scenario.affiliates})
    elif org and org in set(graph.vs["name"]):
        affiliates = default_affiliates(graph, org, roles)
    else:
        affiliates = []
    if not affiliates:
        notes.append("no affiliates to reach: name an organization that manages groups, or list affiliates")
    new_leader = _successor(leader, scenario.operations, name_of)
    actors = {layer: layer_actors(graph, layer) for layer in layers}
    common: dict[str, Any] = dict(
        layers=layers,
        actors=actors,
        affiliates=affiliates,
        k=scenario.k,
        brokerage_layers=scenario.brokerage_layers or (roles.ties_layer,),
        roles=roles,
        pivots=pivots,
        seed=seed,
        brokerage=brokerage,
    )
    base = state_metrics(graph, leader=leader, **common)
    changed = state_metrics(after, leader=new_leader, fate=fate, **common)
    after_bet = changed.pop("brokerage")
    moves = _changes(base.pop("brokerage"), after_bet)
    emergent = sorted(((n, v) for n, v in after_bet.items() if v > 0), key=lambda x: (-x[1], x[0]))[:TOP]
    return {
        "name": scenario.name,
        "description": scenario.description,
        "as_of": scenario.as_of,
        "observed_as_of": scenario.observed,
        "organization": org,
        "affiliates": affiliates,
        "k": scenario.k,
        "operations": [op.describe() for op in scenario.operations],
        "baseline": base,
        "after": changed,
        "gains": [m for m in moves if m["change"] > 1e-9][:TOP],
        "losses": sorted([m for m in moves if m["change"] < -1e-9], key=lambda r: (r["change"], r["name"]))[
            :TOP
        ],
        "emergent_brokers": [{"name": n, "betweenness": v} for n, v in emergent],
        "notes": notes,
    }


def run_scenarios(
    store: Any,
    case_id: int,
    scenarios: Sequence[WhatIfScenario | str | Path],
    *,
    progress: Callable[[int], None] | None = None,
    samples: int = 0,
    seed: int = 0,
    pivots: int | None = None,
) -> dict[str, Any]:
    """Run scenarios (objects or YAML paths) on a case; plain data for tables, charts and the web app.

    Each scenario builds its own view (its ``as_of``, ``layers`` and ``min_grade``), so
    scenarios on different dates compare side by side. Nothing is written to the store.
    With ``samples`` each scenario also gets ``intervals``: median and 5-95 % of every
    figure over views sampled by credibility (:mod:`orgmap.network.whatif.intervals`).
    Brokerage is estimated from sampled pivots on large views (``pivots``: None chooses,
    0 is exact, a number forces that many; see
    :func:`~orgmap.network.whatif.metrics.brokerage_estimate`); each result says how in
    ``brokerage_estimate``.
    """
    from orgmap.network.view import build_view
    from orgmap.network.whatif.intervals import sample_scenario

    out = []
    for i, sc in enumerate(scenarios, 1):
        scenario = sc if isinstance(sc, WhatIfScenario) else load_whatif_scenario(sc, store.schema)
        graph = build_view(
            store, case_id, as_of=scenario.as_of_date(), layers=scenario.layers, min_grade=scenario.min_grade
        )
        resolve = store_resolver(store, case_id, graph)
        est = brokerage_estimate(
            graph, scenario.brokerage_layers or (store.schema.roles.ties_layer,), pivots, seed=seed
        )
        k = 0 if est.exact else est.pivots
        result = run_scenario_on_graph(graph, scenario, resolve, store.schema, pivots=k, seed=seed)
        result["brokerage_estimate"] = {
            "exact": est.exact,
            "pivots": est.pivots,
            "bound": est.bound,
            "how": (
                f"estimated from {est.pivots:,} pivots, ±{est.bound:,.0f} pairs (95 %, all actors jointly)"
                if k
                else "exact"
            ),
        }
        if samples:
            result["intervals"] = sample_scenario(
                graph, scenario, resolve, store.schema, samples=samples, seed=seed
            )
        if scenario.observed:  # the later view in the model, against the scenario's "after"
            from orgmap.network.whatif.observed import observed_state

            result["observed"] = observed_state(store, case_id, scenario, result, samples=samples, seed=seed)
        out.append(result)
        if progress:
            progress(i)
    return {"scenarios": out}
