"""Scenarios as data: read and check a scenario YAML file.

A scenario names the case and view, the principals with their roles and styles, the
populations (with the quote that justifies each), named affiliates, dated events, the
horizon, step, number of runs and seed. Every problem is a :class:`ScenarioError` that
names the file and line.

>>> s = parse_scenario({"case": "c", "start": "2020-01-01", "horizon": 70, "step": 7,
...                     "principals": [{"name": "Boss", "role": "leader"}]}, "x.yaml")
>>> s.steps, s.runs
(10, 200)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from orgmap.casefile.spans import parse_period
from orgmap.casefile.yamlines import CaseError, load_with_lines
from orgmap.simulate.params import ParamError, Params, Style

__all__ = [
    "EVENT_KINDS",
    "ROLES",
    "AffiliateSpec",
    "EventSpec",
    "PopulationSpec",
    "PrincipalSpec",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "parse_scenario",
]

ROLES = ("leader", "successor", "circle", "outside", "patron")
"""leader: holds command at the start; successor: may take over; circle: the leader's old
circle (in the organization, competes with a successor); outside: other power centres;
patron: can back the leader publicly (not a principal of affiliates)."""

EVENT_KINDS = {
    "death": "who",
    "succession": "who",
    "strike": "near",
    "purge": "target",
    "patron_support": "by",
    "style": "who",
}
"""Event kind -> the key naming whom it concerns."""

PATTERNS = ("star", "random", "clique")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
MAX_RUNS = 1_000_000


class ScenarioError(CaseError):
    """A scenario that cannot be run: ``file:line: what is wrong``."""


@dataclass
class PrincipalSpec:
    name: str
    role: str
    style: str | None = None
    loyalty: float | None = None
    line: int = 0


@dataclass
class TieSpec:
    principal: str
    strength: float
    share: float = 1.0


@dataclass
class PopulationSpec:
    name: str
    size: int
    quote: str
    ties: list[TieSpec]
    agents: int = 0
    pattern: str = "star"
    density: float = 0.0
    entity: str | None = None
    weight: float = 0.0
    line: int = 0


@dataclass
class AffiliateSpec:
    name: str
    ties: list[TieSpec]
    line: int = 0


@dataclass
class EventSpec:
    kind: str
    day: float
    who: list[str]
    style: str | None = None
    success: float = 1.0
    label: str = ""
    line: int = 0


@dataclass
class Scenario:
    path: str
    name: str
    title: str
    case: str
    start: date
    horizon: int
    step: int
    runs: int
    seed: int
    principals: list[PrincipalSpec]
    styles: dict[str, Style]
    populations: list[PopulationSpec] = field(default_factory=list)
    affiliates: list[AffiliateSpec] = field(default_factory=list)
    events: list[EventSpec] = field(default_factory=list)
    params: Params = field(default_factory=Params)
    case_dir: str | None = None
    view: date | None = None
    include_case_ties: bool = True
    formal_types: tuple[str, ...] = ("manages",)
    tie_strength: float = 0.6
    description: str = ""

    @property
    def steps(self) -> int:
        return max(1, round(self.horizon / self.step))

    def date_of(self, step: int) -> date:
        return self.start + timedelta(days=step * self.step)


def _err(path: Any, node: Any, problem: str) -> ScenarioError:
    return ScenarioError(path, getattr(node, "line", None) or None, problem)


def _date(value: Any, path: Any, node: Any, what: str) -> date:
    try:
        return parse_period(str(value))[0]
    except ValueError as exc:
        raise _err(path, node, f"{what}: {exc}") from None


def _number(
    value: Any, path: Any, node: Any, what: str, low: float, high: float, integer: bool = False
) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and value != int(value)):
        raise _err(path, node, f"{what} must be {'a whole number' if integer else 'a number'}, not {value!r}")
    if not low <= value <= high:
        raise _err(path, node, f"{what} = {value} is out of range [{low:g}, {high:g}]")
    return int(value) if integer else float(value)


def _ties(raw: Any, path: Any, node: Any, what: str) -> list[TieSpec]:
    if not isinstance(raw, dict) or not raw:
        raise _err(
            path, node, f"{what}: 'ties' must map principal names to a strength or {{strength, share}}"
        )
    out = []
    for name, value in raw.items():
        if isinstance(value, dict):
            unknown = set(value) - {"strength", "share"}
            if unknown:
                raise _err(
                    path, value, f"{what}: unknown key(s) {', '.join(sorted(unknown))} in tie to {name!r}"
                )
            strength = _number(value.get("strength"), path, value, f"{what}: tie to {name!r} strength", 0, 1)
            share = _number(value.get("share", 1.0), path, value, f"{what}: tie to {name!r} share", 0, 1)
        else:
            strength, share = _number(value, path, raw, f"{what}: tie to {name!r}", 0, 1), 1.0
        out.append(TieSpec(str(name), strength, share))
    return out


def _keys(d: dict, allowed: set[str], path: Any, what: str) -> None:
    unknown = set(d) - allowed
    if unknown:
        raise _err(
            path,
            d,
            f"{what}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
            f"allowed: {', '.join(sorted(allowed))}",
        )


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
}


def parse_scenario(doc: Any, path: str) -> Scenario:
    """Check a parsed scenario document; see :func:`load_scenario`."""
    if not isinstance(doc, dict):
        raise ScenarioError(path, None, "a scenario must be a YAML mapping")
    _keys(doc, TOP_KEYS, path, "scenario")
    for key in ("case", "start", "horizon", "principals"):
        if key not in doc:
            raise _err(path, doc, f"missing {key!r}")
    start = _date(doc["start"], path, doc, "start")
    step = _number(doc.get("step", 7), path, doc, "step (days)", 1, 3650, integer=True)
    horizon = doc["horizon"]
    if isinstance(horizon, (int, float)) and not isinstance(horizon, bool) and horizon <= 0:
        raise _err(path, doc, f"horizon must be positive (days), not {horizon}")
    horizon = _number(horizon, path, doc, "horizon (days)", 1, 365 * 200, integer=True)
    if horizon < step:
        raise _err(path, doc, f"horizon ({horizon} days) is shorter than one step ({step} days)")
    try:
        params = Params.from_mapping(doc.get("params") or {}, f"{path}: params")
        styles = {
            str(k): Style.from_mapping(v, f"{path}: style {k!r}")
            for k, v in (doc.get("styles") or {}).items()
        }
    except ParamError as exc:
        raise ScenarioError(path, None, str(exc).split(": ", 1)[1]) from None

    principals = []
    for p in doc["principals"] or []:
        if not isinstance(p, dict) or "name" not in p or "role" not in p:
            raise _err(path, p, "each principal needs 'name' and 'role'")
        _keys(p, {"name", "role", "style", "loyalty"}, path, f"principal {p.get('name')!r}")
        if p["role"] not in ROLES:
            raise _err(
                path, p, f"principal {p['name']!r}: unknown role {p['role']!r}; known: {', '.join(ROLES)}"
            )
        if p.get("style") is not None and p["style"] not in styles:
            raise _err(
                path,
                p,
                f"principal {p['name']!r}: unknown style {p['style']!r}; "
                f"known: {', '.join(styles) or 'none defined'}",
            )
        loyalty = p.get("loyalty")
        if loyalty is not None:
            loyalty = _number(loyalty, path, p, f"principal {p['name']!r}: loyalty", 0, 1)
        principals.append(
            PrincipalSpec(str(p["name"]), p["role"], p.get("style"), loyalty, getattr(p, "line", 0))
        )
    leaders = [p for p in principals if p.role == "leader"]
    if len(leaders) != 1:
        raise _err(
            path, doc["principals"], f"exactly one principal must have role 'leader' (found {len(leaders)})"
        )

    populations = []
    for p in doc.get("populations") or []:
        if not isinstance(p, dict):
            raise _err(path, doc, "each population must be a mapping")
        _keys(
            p,
            {"name", "size", "agents", "quote", "ties", "pattern", "density", "entity", "weight"},
            path,
            f"population {p.get('name')!r}",
        )
        what = f"population {p.get('name')!r}"
        for key in ("name", "size", "quote", "ties"):
            if key not in p:
                raise _err(path, p, f"{what}: missing {key!r}")
        size = _number(p["size"], path, p, f"{what}: size", 1, 10**9, integer=True)
        agents = _number(p.get("agents", min(size, 50)), path, p, f"{what}: agents", 1, 100_000, integer=True)
        pattern = p.get("pattern", "star")
        if pattern not in PATTERNS:
            raise _err(path, p, f"{what}: unknown pattern {pattern!r}; known: {', '.join(PATTERNS)}")
        density = _number(
            p.get("density", 0.0 if pattern == "star" else 0.1), path, p, f"{what}: density", 0, 1
        )
        if not str(p["quote"]).strip():
            raise _err(path, p, f"{what}: the quote that justifies it is empty")
        populations.append(
            PopulationSpec(
                str(p["name"]),
                size,
                str(p["quote"]),
                _ties(p["ties"], path, p, what),
                min(agents, size),
                pattern,
                density,
                str(p["entity"]) if p.get("entity") else None,
                _number(p.get("weight", min(agents, size)), path, p, f"{what}: weight", 0.001, 10**9),
                getattr(p, "line", 0),
            )
        )

    affiliates = []
    for a in doc.get("affiliates") or []:
        if not isinstance(a, dict) or "name" not in a:
            raise _err(path, doc, "each affiliate needs a 'name'")
        _keys(a, {"name", "ties"}, path, f"affiliate {a['name']!r}")
        affiliates.append(
            AffiliateSpec(
                str(a["name"]),
                _ties(a.get("ties"), path, a, f"affiliate {a['name']!r}"),
                getattr(a, "line", 0),
            )
        )

    events = []
    for e in doc.get("events") or []:
        if not isinstance(e, dict) or "type" not in e:
            raise _err(path, doc, "each event needs a 'type'")
        kind = e["type"]
        if kind not in EVENT_KINDS:
            raise _err(path, e, f"unknown event type {kind!r}; known: {', '.join(EVENT_KINDS)}")
        who_key = EVENT_KINDS[kind]
        _keys(e, {"type", "at", "day", who_key, "style", "success", "label"}, path, f"event {kind!r}")
        if "at" in e and "day" in e:
            raise _err(
                path, e, f"event {kind!r}: give one of 'at' (a date) or 'day' (days after start), not both"
            )
        deaths = [ev.day for ev in events if ev.kind == "death"]
        if "at" not in e and "day" not in e:
            if kind != "succession" or not deaths:
                raise _err(path, e, f"event {kind!r}: give 'at' (a date) or 'day' (days after start)")
            day = deaths[-1] + params.succession_delay  # a successor about a week after the death
        elif "at" in e:
            day = (_date(e["at"], path, e, f"event {kind!r}: at") - start).days
        else:
            day = _number(e["day"], path, e, f"event {kind!r}: day", -(10**6), 10**6)
        if day < 0 or day > horizon:
            raise _err(
                path, e, f"event {kind!r} falls outside the simulated period " f"({start} + {horizon} days)"
            )
        who = e.get(who_key)
        if who is None:
            raise _err(path, e, f"event {kind!r}: missing {who_key!r}")
        who_list = [str(w) for w in who] if isinstance(who, list) else [str(who)]
        style = e.get("style")
        if style is not None and style not in styles:
            raise _err(
                path, e, f"event {kind!r}: unknown style {style!r}; known: {', '.join(styles) or 'none'}"
            )
        if kind == "style" and style is None:
            raise _err(path, e, "event 'style' needs a 'style'")
        success = _number(e.get("success", 1.0), path, e, f"event {kind!r}: success", 0, 1)
        events.append(
            EventSpec(
                kind, float(day), who_list, style, success, str(e.get("label", "")), getattr(e, "line", 0)
            )
        )
    events.sort(key=lambda ev: ev.day)

    name = str(doc.get("name") or Path(path).stem)
    if not SAFE_NAME.fullmatch(name):
        raise _err(
            path,
            doc,
            f"name {name!r} must use only letters, digits, '.', '_' or '-' " "(it names the output files)",
        )
    formal_types = doc.get("formal_types", ["manages"])
    if not isinstance(formal_types, list):
        raise _err(path, doc, "formal_types must be a list of relation types")
    return Scenario(
        path=path,
        name=name,
        title=str(doc.get("title") or ""),
        description=str(doc.get("description") or ""),
        case=str(doc["case"]),
        case_dir=str(doc["case_dir"]) if doc.get("case_dir") else None,
        view=_date(doc["view"], path, doc, "view") if doc.get("view") else None,
        start=start,
        horizon=horizon,
        step=step,
        runs=_number(doc.get("runs", 200), path, doc, "runs", 1, MAX_RUNS, integer=True),
        seed=_number(doc.get("seed", 0), path, doc, "seed", 0, 2**63 - 1, integer=True),
        principals=principals,
        styles=styles,
        populations=populations,
        affiliates=affiliates,
        events=events,
        params=params,
        include_case_ties=bool(doc.get("include_case_ties", True)),
        formal_types=tuple(str(t) for t in formal_types),
        tie_strength=_number(doc.get("tie_strength", 0.6), path, doc, "tie_strength", 0, 1),
    )


def load_scenario(path: str | Path) -> Scenario:
    """Read and check a scenario file; ``case_dir`` is resolved relative to the file."""
    p = Path(path)
    if not p.is_file():
        raise ScenarioError(str(p), None, "no such scenario file")
    try:
        doc = load_with_lines(p.read_text(encoding="utf-8"), str(p))
    except ScenarioError:
        raise
    except CaseError as exc:
        raise ScenarioError(exc.path, exc.line, exc.problem) from None
    scenario = parse_scenario(doc, str(p))
    if scenario.case_dir:
        scenario.case_dir = str((p.parent / scenario.case_dir).resolve())
    return scenario
