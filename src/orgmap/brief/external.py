"""Briefing sections that call other orgmap packages: the succession what-if and simulation.

Scenarios are those kept with the case in the store (``orgmap load`` keeps a case folder's
``whatif/*.yaml`` and ``scenarios/*.yaml``; ``orgmap whatif/simulate --keep`` and the web
app add more), so any case gets the full briefing; a store loaded before scenarios were
kept falls back to the case folder shipped with orgmap. When a case has no scenarios,
the section says so instead of showing numbers.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orgmap.brief.evidence import Citations
from orgmap.schema import Roles
from orgmap.store import Relation, Store

__all__ = ["case_dir", "scenario_paths", "simulation_section", "whatif_section"]

NO_SCENARIOS = (
    "no {kind} scenarios are kept with this case: put them in the case folder's {folder}/ and load it, "
    "or derive one (`orgmap {flag} --derive-scenario FILE`), edit it, and keep it (`orgmap {flag} FILE --keep`)"
)
WHATIF_SAMPLES = 40
"""Views sampled by credibility per what-if scenario in the briefing (median and 5-95 %)."""


def case_dir(store: Store, case_id: int) -> Path | None:
    """The shipped case directory of this case, if there is one."""
    from orgmap.casefile import CASES_DIR

    path = CASES_DIR / store.find_case(case_id).name
    return path if path.is_dir() else None


def scenario_paths(store: Store, case_id: int, kind: str, scratch: Path) -> list[Path]:
    """Scenario files of ``kind`` ("whatif" or "simulate") for this case, by name.

    Those kept with the case are written under ``scratch`` (the runners read files); with
    none kept, those in the case folder shipped with orgmap.
    """
    from orgmap.casefile.parse import SCENARIO_FOLDERS

    kept = store.kept_scenarios(case_id, kind)
    if kept:
        folder = scratch / kind
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, text in kept:
            path = folder / f"{_file_stem(name)}.yaml"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths
    shipped = case_dir(store, case_id)
    folder = shipped / SCENARIO_FOLDERS[kind] if shipped else None
    return sorted(folder.glob("*.yaml")) if folder and folder.is_dir() else []


def _file_stem(name: str) -> str:
    import re

    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "scenario"


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
    import tempfile

    from orgmap.network.report import ranged
    from orgmap.network.whatif import run_scenarios

    with tempfile.TemporaryDirectory(prefix="orgmap-brief-") as tmp:
        paths = scenario_paths(store, case_id, "whatif", Path(tmp))
        if not paths:
            return {"missing": [NO_SCENARIOS.format(kind="what-if", folder="whatif", flag="whatif")]}
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
        obs = r.get("observed")
        if obs and obs.get("intervals"):  # the later view in the model, beside the scenario's "after"
            oiv, agrees = obs["intervals"], obs.get("agrees", {})

            def seen(key: str, oiv: dict = oiv, agrees: dict = agrees) -> str:
                return ranged(oiv.get(key)) + (
                    " (outside the scenario's interval)" if agrees.get(key) is False else ""
                )

            ost = cite.statement(f"{r['name']}: the model's view as of {obs['as_of']}, as it stands", refs)
            cells = [
                f"{r['name']}: observed (as of {obs['as_of']})",
                f"what happened, per the model (leader {obs['state']['leader'] or 'none'})",
                seen("reach"),
                *[seen(f"fragmentation:{layer}") for layer in layers],
            ]
            rows.append(
                {"anchor": ost.anchor, "refs": ost.refs, "cells": cells, "notes": obs.get("notes", [])}
            )
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
    import tempfile

    from orgmap.simulate.ensemble import run_ensemble
    from orgmap.simulate.report import plot_results
    from orgmap.simulate.scenario import load_simulation_scenario

    results, statements, missing = [], [], []
    screened: list[Any] = []
    leaders = _leader_refs(cite, relations, store.schema.roles)
    with tempfile.TemporaryDirectory(prefix="orgmap-brief-") as tmp:
        paths = scenario_paths(store, case_id, "simulate", Path(tmp))
        if not paths:
            return {"missing": [NO_SCENARIOS.format(kind="simulation", folder="scenarios", flag="simulate")]}
        loaded = []
        for path in paths:
            try:
                loaded.append(load_simulation_scenario(path))
            except Exception as exc:  # a scenario the simulator refuses is reported, not fatal
                missing.append(f"scenario {path.stem}: {exc}")
    for scenario in loaded:
        if progress:
            progress(f"simulating {scenario.name}")
        try:
            result = run_ensemble(scenario, store=store, runs=runs, seed=seed)
        except Exception as exc:  # a scenario the simulator refuses is reported, not fatal
            missing.append(f"scenario {scenario.name}: {exc}")
            continue
        results.append(result)
        statements.append(cite.statement(result.summary_text(), leaders))
        if any(ev.kind == "succession" for ev in result.events) and not screened:
            screened.extend(_screen(result, seed, cite, leaders, progress))
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
SOBOL_N, SOBOL_RUNS = 4, 2
"""Sobol indices in the briefing: 4 x (k + 2) = 84 points of 2 runs, about as many runs as the
Morris screen (40 points of 4); ``orgmap simulate --sensitivity sobol --sobol-n 16`` for tighter indices."""


def _screen(
    result: Any, seed: int, cite: Citations, refs: list[str], progress: Callable[[str], None] | None
) -> list[Any]:
    """Two statements: the verdict per conclusion of the first succession scenario, by Morris and by Sobol."""
    from orgmap.simulate.ensemble import Prepared
    from orgmap.simulate.sensitivity import OUTCOMES, morris, sobol

    prepared = Prepared(result.scenario, result.network, result.events)
    if progress:
        progress(f"screening {result.scenario.name}")
    screen = morris(prepared, trajectories=SCREEN_TRAJECTORIES, runs=SCREEN_RUNS, seed=seed)
    verdicts = "; ".join(f"{o}: {screen.verdict(o)}" for o in OUTCOMES)
    out = [
        cite.statement(
            f"Which conclusions of '{result.scenario.name}' survive the assumptions (Morris screening of "
            f"every parameter of the dynamics over its documented range, {screen.points} points of "
            f"{SCREEN_RUNS} runs): "
            f"{verdicts}.",
            refs,
        )
    ]
    if progress:
        progress(f"Sobol indices of {result.scenario.name}")
    indices = sobol(prepared, n=SOBOL_N, runs=SOBOL_RUNS, seed=seed)
    parts = []
    for o in OUTCOMES:
        top = ", ".join(f"{n} ST {st:.2f} (S1 {s1:.2f})" for n, st, s1 in indices.ranked(o)[:3] if st > 0)
        parts.append(
            f"{o}: {indices.verdict(o)}; largest total indices: {top or 'none (the outcome does not vary)'}"
        )
    out.append(
        cite.statement(
            f"How much of each outcome's variance each parameter explains (Sobol indices, SALib; "
            f"{indices.points} points of {SOBOL_RUNS} runs, a coarse estimate): " + "; ".join(parts) + ".",
            refs,
        )
    )
    return out


def _leader_refs(cite: Citations, relations: list[Relation], roles: Roles) -> list[str]:
    """Quotes behind the simulated mechanism: the formal leadership ties and the informal web."""
    chosen = [r for r in relations if r.type in roles.heads][:3] + [
        r for r in relations if r.layer == roles.ties_layer
    ][:3]
    return [ref for r in chosen for ref in cite.assertion(r.assertion, limit=1)]
