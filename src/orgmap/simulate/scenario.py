"""Scenarios as data: read and check a scenario YAML file.

A scenario names the case and view, the principals with their roles and styles, the
populations (with the quote that justifies each), named affiliates, dated events, the
horizon, step, number of runs and seed. Every problem is a :class:`SimulationScenarioError` that
names the file and line. The parts are checked in :mod:`orgmap.simulate.scenario_parts`.

>>> s = parse_simulation_scenario({"case": "c", "start": "2020-01-01", "horizon": 70, "step": 7,
...                     "principals": [{"name": "Boss", "role": "leader"}]}, "x.yaml")
>>> s.steps, s.runs
(10, 200)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgmap.casefile.yamlines import CaseError, load_with_lines
from orgmap.simulate import scenario_parts as part
from orgmap.simulate.params import ParamError, Params, Style
from orgmap.simulate.scenario_spec import (
    EVENT_KINDS,
    MAX_RUNS,
    ROLES,
    SAFE_NAME,
    AffiliateSpec,
    EventSpec,
    PopulationSpec,
    PrincipalSpec,
    SimulationScenario,
    SimulationScenarioError,
    TieSpec,
)

__all__ = [
    "EVENT_KINDS",
    "ROLES",
    "AffiliateSpec",
    "EventSpec",
    "PopulationSpec",
    "PrincipalSpec",
    "SimulationScenario",
    "SimulationScenarioError",
    "TieSpec",
    "load_simulation_scenario",
    "parse_simulation_scenario",
]

TOP_KEYS = {
    "name",
    "title",
    "description",
    "case",
    "case_dir",
    "view",
    "start",
    "horizon",
    "step",
    "runs",
    "seed",
    "principals",
    "styles",
    "populations",
    "affiliates",
    "events",
    "params",
    "include_case_ties",
    "formal_types",
    "tie_strength",
    "weights",
}


def parse_simulation_scenario(doc: Any, path: str) -> SimulationScenario:
    """Check a parsed scenario document; see :func:`load_simulation_scenario`."""
    if not isinstance(doc, dict):
        raise SimulationScenarioError(path, None, "a scenario must be a YAML mapping")
    part.keys(doc, TOP_KEYS, path, "scenario")
    for key in ("case", "start", "horizon", "principals"):
        if key not in doc:
            raise part.err(path, doc, f"missing {key!r}")
    start = part.day_of(doc["start"], path, doc, "start")
    step = part.number(doc.get("step", 7), path, doc, "step (days)", 1, 3650, integer=True)
    horizon = doc["horizon"]
    if isinstance(horizon, (int, float)) and not isinstance(horizon, bool) and horizon <= 0:
        raise part.err(path, doc, f"horizon must be positive (days), not {horizon}")
    horizon = part.number(horizon, path, doc, "horizon (days)", 1, 365 * 200, integer=True)
    if horizon < step:
        raise part.err(path, doc, f"horizon ({horizon} days) is shorter than one step ({step} days)")
    try:
        params = Params.from_mapping(doc.get("params") or {}, f"{path}: params")
        styles = {
            str(k): Style.from_mapping(v, f"{path}: style {k!r}")
            for k, v in (doc.get("styles") or {}).items()
        }
    except ParamError as exc:
        raise SimulationScenarioError(path, None, str(exc).split(": ", 1)[1]) from None

    principals = part.principals(doc, styles, path)
    populations = part.populations(doc, path)
    affiliates = part.affiliates(doc, path)
    events = part.events(doc, styles, params, start, horizon, path)

    name = str(doc.get("name") or Path(path).stem)
    if not SAFE_NAME.fullmatch(name):
        raise part.err(
            path,
            doc,
            f"name {name!r} must use only letters, digits, '.', '_' or '-' (it names the output files)",
        )
    formal_types = doc.get("formal_types", ["manages"])
    if not isinstance(formal_types, list):
        raise part.err(path, doc, "formal_types must be a list of relation types")
    return SimulationScenario(
        path=path,
        name=name,
        title=str(doc.get("title") or ""),
        description=str(doc.get("description") or ""),
        case=str(doc["case"]),
        case_dir=str(doc["case_dir"]) if doc.get("case_dir") else None,
        view=part.day_of(doc["view"], path, doc, "view") if doc.get("view") else None,
        start=start,
        horizon=horizon,
        step=step,
        runs=part.number(doc.get("runs", 200), path, doc, "runs", 1, MAX_RUNS, integer=True),
        seed=part.number(doc.get("seed", 0), path, doc, "seed", 0, 2**63 - 1, integer=True),
        principals=principals,
        styles=styles,
        populations=populations,
        affiliates=affiliates,
        events=events,
        params=params,
        include_case_ties=bool(doc.get("include_case_ties", True)),
        formal_types=tuple(str(t) for t in formal_types),
        tie_strength=part.number(doc.get("tie_strength", 0.6), path, doc, "tie_strength", 0, 1),
        weights=str(doc.get("weights") or "").strip(),
    )


def load_simulation_scenario(path: str | Path) -> SimulationScenario:
    """Read and check a scenario file; ``case_dir`` is resolved relative to the file."""
    p = Path(path)
    if not p.is_file():
        raise SimulationScenarioError(str(p), None, "no such scenario file")
    try:
        doc = load_with_lines(p.read_text(encoding="utf-8"), str(p))
    except SimulationScenarioError:
        raise
    except CaseError as exc:
        raise SimulationScenarioError(exc.path, exc.line, exc.problem) from None
    scenario = parse_simulation_scenario(doc, str(p))
    if scenario.case_dir:
        scenario.case_dir = str((p.parent / scenario.case_dir).resolve())
    return scenario
