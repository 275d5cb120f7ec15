"""Briefing sections that call other orgmap packages: the succession what-if and simulation.

Scenario files are looked up in the case directory shipped with orgmap
(``cases/<case>/whatif/*.yaml`` and ``cases/<case>/scenarios/*.yaml``). When a case has no
scenarios, the section says so instead of showing numbers.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orgmap.brief.evidence import Citations
from orgmap.schema import Roles
from orgmap.store import Relation, Store

__all__ = ["case_dir", "simulation_section", "whatif_section"]

WHATIF_SAMPLES = 40
"""Views sampled by credibility per what-if scenario in the briefing (median and 5-95 %)."""


def case_dir(store: Store, case_id: int) -> Path | None:
    """The shipped case directory of this case, if there is one."""
    from orgmap.casefile import CASES_DIR

    path = CASES_DIR / store.find_case(case_id).name
    return path if path.is_dir() else None


def _names_refs(
    store: Store, case_id: int, cite: Citations, relations: list[Relation], names: list[str]
) -> list[str]:
    from orgmap.brief.analysis_sections import actor_refs

    refs: list[str] = []
    for name in names:
        try:
            entity = store.find_entity(case_id, name)
        except (LookupError, ValueError, Exception):  # unknown or ambiguous names cite nothing
            continue
        refs.extend(actor_refs(cite, relations, entity.id, limit=2))
    return refs


def _fmt(v: Any) -> str:
    return f"{v:.2f}" if isinstance(v, float) else ("–" if v is None else str(v))


def whatif_section(
    store: Store, case_id: int, cite: Citations, relations: list[Relation], *, seed: int = 0
) -> dict[str, Any]:
    """The succession what-if table: reach of the affiliates and fragmentation, before → after,
    each the median over views sampled by credibility with its 5-95 % interval."""
    from orgmap.network.report import ranged
    from orgmap.network.whatif import find_scenarios, run_scenarios

    where = case_dir(store, case_id)
    paths = find_scenarios(where) if where else []  # the case directory; it looks in whatif/
    if not paths:
        return {"missing": ["no what-if scenarios ship with this case (cases/<case>/whatif/*.yaml)"]}
    try:
        results = run_scenarios(store, case_id, paths, samples=WHATIF_SAMPLES, seed=seed)["scenarios"]
    except Exception as exc:  # another package's failure is reported in the briefing, not fatal
        return {"missing": [f"the what-if scenarios did not run: {exc}"]}
    layers = sorted(
        {layer for r in results for layer in (r["baseline"].get("fragmentation") or {})},
        key=lambda x: (x != store.schema.roles.command_layer, x != store.schema.roles.ties_layer, x),
    )
    columns = [
        "scenario",
        "changes",
        "reach before → after",
        *[f"{x} fragmentation before → after" for x in layers],
    ]
    rows = []
    for r in results:
        names = [n for op in r.get("operations_detail", []) for n in op] or _op_names(r["operations"])
        refs = _names_refs(store, case_id, cite, relations, names)
        st = cite.statement(f"{r['name']}: {'; '.join(r['operations'])}", refs)
        iv = r["intervals"]
        cells = [
            r["name"] + (f" (as of {r['as_of']})" if r.get("as_of") else ""),
            "; ".join(r["operations"]),
            f"{ranged(iv['baseline'].get('reach'))} → {ranged(iv['after'].get('reach'))}",
        ]
        for layer in layers:
            key = f"fragmentation:{layer}"
            cells.append(f"{ranged(iv['baseline'].get(key))} → {ranged(iv['after'].get(key))}")
        rows.append({"anchor": st.anchor, "refs": st.refs, "cells": cells, "notes": r.get("notes", [])})
    return {"columns": columns, "rows": rows, "missing": [], "samples": WHATIF_SAMPLES}


def _op_names(operations: list[str]) -> list[str]:
    """People named in operation descriptions ("remove A, B", "replace A by B (formal ties)")."""
    out: list[str] = []
    for text in operations:
        verb, _, rest = text.partition(" ")
        rest = rest.split(" (")[0]
        for part in rest.replace(" by new person ", ", ").replace(" by ", ", ").split(", "):
            if part and verb in ("remove", "replace", "purge"):
                out.append(part.strip())
    return out


def simulation_section(
    store: Store,
    case_id: int,
    cite: Citations,
    relations: list[Relation],
    *,
    seed: int,
    runs: int = 40,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Trajectories of each shipped simulation scenario (bands 5-95 %) and its summary."""
    from orgmap.simulate.ensemble import run_ensemble
    from orgmap.simulate.report import plot_results
    from orgmap.simulate.scenario import load_simulation_scenario

    where = case_dir(store, case_id)
    paths = sorted((where / "scenarios").glob("*.yaml")) if where and (where / "scenarios").is_dir() else []
    if not paths:
        return {"missing": ["no simulation scenarios ship with this case (cases/<case>/scenarios/*.yaml)"]}
    import tempfile

    results, statements, missing = [], [], []
    screened: list[Any] = []
    leaders = _leader_refs(cite, relations, store.schema.roles)
    for path in paths:
        if progress:
            progress(f"simulating {path.stem}")
        try:
            result = run_ensemble(load_simulation_scenario(path), store=store, runs=runs, seed=seed)
        except Exception as exc:  # a scenario the simulator refuses is reported, not fatal
            missing.append(f"scenario {path.stem}: {exc}")
            continue
        results.append(result)
        statements.append(cite.statement(result.summary_text(), leaders))
        if any(ev.kind == "succession" for ev in result.events) and not screened:
            screened.append(_screen(result, seed, cite, leaders, progress))
    figures = []
    if results:
        with tempfile.TemporaryDirectory(prefix="orgmap-brief-") as tmp:
            png = plot_results(results, Path(tmp) / "trajectories.png")
            data = base64.b64encode(Path(png).read_bytes()).decode("ascii")
        names = ", ".join(r.scenario.name for r in results)
        figures.append(
            {
                "src": "data:image/png;base64," + data,
                "alt": f"simulated trajectories: {names}",
                "caption": f"Scenarios {names}: ensemble mean and 5-95 % band over {runs} runs each "
                f"(seed {seed}); vertical lines mark the scenarios' events.",
            }
        )
    statements += screened
    return {"figures": figures, "statements": statements, "missing": missing}


SCREEN_TRAJECTORIES, SCREEN_RUNS = 2, 4
"""Morris screening in the briefing: small and seeded (``orgmap simulate --sensitivity`` for more)."""


def _screen(
    result: Any, seed: int, cite: Citations, refs: list[str], progress: Callable[[str], None] | None
) -> Any:
    """One statement: the verdict per conclusion of the first succession scenario."""
    from orgmap.simulate.ensemble import Prepared
    from orgmap.simulate.sensitivity import OUTCOMES, morris

    if progress:
        progress(f"screening {result.scenario.name}")
    screen = morris(
        Prepared(result.scenario, result.network, result.events),
        trajectories=SCREEN_TRAJECTORIES,
        runs=SCREEN_RUNS,
        seed=seed,
    )
    verdicts = "; ".join(f"{o}: {screen.verdict(o)}" for o in OUTCOMES)
    return cite.statement(
        f"Which conclusions of '{result.scenario.name}' survive the assumptions (Morris screening of "
        f"every parameter of the dynamics over its documented range, {screen.points} points of "
        f"{SCREEN_RUNS} runs): "
        f"{verdicts}.",
        refs,
    )


def _leader_refs(cite: Citations, relations: list[Relation], roles: Roles) -> list[str]:
    """Quotes behind the simulated mechanism: the formal leadership ties and the informal web."""
    chosen = [r for r in relations if r.type in roles.heads][:3] + [
        r for r in relations if r.layer == roles.ties_layer
    ][:3]
    return [ref for r in chosen for ref in cite.assertion(r.assertion, limit=1)]
