"""Scenario files: what to change in a view, and whom to measure.

A scenario is a YAML mapping::

    name: As it happened
    description: Qaani takes the post, not the ties.
    as_of: "2019-12"              # the view before the change (optional: everything)
    observed: "2024"              # optional: a later view in the model to hold the result against
    organization: Qods Force      # whose leader and affiliates are measured
    leader: Qasem Soleimani       # optional; default: who `leads` the organization
    affiliates: [Badr Organization]   # optional; default: see orgmap.network.whatif.metrics
    k: 2                          # reach within k informal steps
    brokerage_layers: [informal]  # where brokerage is measured (default: the ties layer)
    operations:
      - replace: Qasem Soleimani
        by: Esmail Qaani
        inherit: formal           # formal | all | none
      - remove: Someone
      - purge: [A, B]
      - add: {source: A, type: personal_tie, target: B}
      - cut: {source: A, target: B}          # optional type:

People are named as in the case (any alias); ``new: Name`` under ``by`` brings in a
person who is not in the case. Errors name the file and the operation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from orgmap.safeyaml import YamlRefused, load_yaml

__all__ = [
    "INHERIT",
    "Operation",
    "WhatIfScenario",
    "WhatIfScenarioError",
    "load_whatif_scenario",
    "parse_whatif_scenario",
]

INHERIT = ("formal", "all", "none")
_OPS = ("remove", "purge", "replace", "add", "cut")
_KEYS = {
    "name",
    "description",
    "as_of",
    "observed",
    "organization",
    "leader",
    "affiliates",
    "k",
    "operations",
    "brokerage_layers",
    "layers",
    "min_grade",
}


class WhatIfScenarioError(ValueError):
    """A scenario that cannot run; the message says where and what to do."""


@dataclass(frozen=True)
class Operation:
    """One change. ``names`` are the people acted on; ``by``/``new`` for replace; ``edge`` for add/cut."""

    op: str
    names: tuple[str, ...] = ()
    by: str | None = None
    new: bool = False
    inherit: str = "formal"
    edge: tuple[str, str, str | None] | None = None  # (source, target, type)

    def describe(self) -> str:
        if self.op == "replace":
            who = f"new person {self.by}" if self.new else self.by
            return f"replace {self.names[0]} by {who} ({self.inherit} ties)"
        if self.op in ("add", "cut") and self.edge is not None:  # parse_scenario gives both an edge
            s, t, rtype = self.edge
            return f"{self.op} {s} -{rtype or 'any'}- {t}"
        return f"{self.op} {', '.join(self.names)}"


@dataclass(frozen=True)
class WhatIfScenario:
    name: str
    operations: tuple[Operation, ...]
    description: str = ""
    as_of: str | None = None
    organization: str | None = None
    leader: str | None = None
    affiliates: Any = None
    k: int = 2
    brokerage_layers: tuple[str, ...] = ()  # empty: the vocabulary's ties layer
    layers: tuple[str, ...] | None = None
    min_grade: str | None = None
    origin: str = "<scenario>"
    extra: Mapping[str, Any] = field(default_factory=dict)
    observed: str | None = None  # a later view (YYYY[-MM[-DD]]) the "after" state is compared with

    def as_of_date(self) -> date | None:
        if not self.as_of:
            return None
        from orgmap.casefile.spans import parse_period

        try:
            return parse_period(str(self.as_of))[1]
        except ValueError as exc:
            raise WhatIfScenarioError(f"{self.origin}: as_of: {exc}") from None


def _names(value: Any, where: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(x, str) and x.strip() for x in items):
        raise WhatIfScenarioError(f"{where}: expected a name or a list of names")
    return tuple(x.strip() for x in items)


def _operation(raw: Any, where: str, schema: Any) -> Operation:
    if not isinstance(raw, Mapping):
        raise WhatIfScenarioError(f"{where}: expected a mapping such as {{remove: NAME}}")
    ops = [k for k in raw if k in _OPS]
    if len(ops) != 1:
        raise WhatIfScenarioError(f"{where}: name exactly one of {', '.join(_OPS)}")
    op = ops[0]
    if op in ("remove", "purge"):
        return Operation(op, _names(raw[op], f"{where}.{op}"))
    if op == "replace":
        (old,) = _names(raw[op], f"{where}.replace")
        by, new = raw.get("by"), False
        if isinstance(by, Mapping) and "new" in by:
            by, new = by["new"], True
        (by,) = _names(by, f"{where}.by") if by is not None else (None,)
        if by is None:
            raise WhatIfScenarioError(f"{where}: replace needs `by: NAME` (or `by: {{new: NAME}}`)")
        inherit = str(raw.get("inherit", "formal"))
        if inherit not in INHERIT:
            raise WhatIfScenarioError(f"{where}.inherit: {inherit!r} is not one of {', '.join(INHERIT)}")
        return Operation(op, (old,), by=by, new=new, inherit=inherit)
    spec = raw[op]
    if not isinstance(spec, Mapping) or not spec.get("source") or not spec.get("target"):
        raise WhatIfScenarioError(f"{where}.{op}: expected {{source: NAME, target: NAME, type: RELATION}}")
    rtype = spec.get("type")
    if rtype is not None:
        try:
            schema.relation(str(rtype))
        except KeyError as exc:
            raise WhatIfScenarioError(f"{where}.{op}.type: {exc.args[0]}") from None
    elif op == "add":
        raise WhatIfScenarioError(f"{where}.add: needs a relation type, e.g. type: personal_tie")
    return Operation(
        op,
        (str(spec["source"]), str(spec["target"])),
        edge=(str(spec["source"]), str(spec["target"]), str(rtype) if rtype else None),
    )


def _observed(raw: Mapping[str, Any], origin: str) -> str | None:
    """The ``observed`` date as written, checked (and not before ``as_of``)."""
    from orgmap.casefile.spans import parse_period

    if not raw.get("observed"):
        return None
    try:
        day = parse_period(str(raw["observed"]))[1]
        before = parse_period(str(raw["as_of"]))[1] if raw.get("as_of") else None
    except ValueError as exc:
        raise WhatIfScenarioError(f"{origin}: observed: {exc}") from None
    if before is not None and day <= before:
        raise WhatIfScenarioError(
            f"{origin}: observed ({raw['observed']}) must come after as_of ({raw['as_of']})"
        )
    return str(raw["observed"])


def parse_whatif_scenario(raw: Any, origin: str = "<scenario>", schema: Any = None) -> WhatIfScenario:
    """Validate a parsed scenario mapping (see the module docstring).

    >>> s = parse_whatif_scenario({"name": "Purge", "operations": [{"purge": ["A", "B"]}]})
    >>> s.operations[0].names, s.k, s.brokerage_layers
    (('A', 'B'), 2, ())
    >>> parse_whatif_scenario({"operations": [{"remove": "A"}], "k": 0}, "x.yaml")
    Traceback (most recent call last):
    ...
    orgmap.network.whatif.scenario.WhatIfScenarioError: x.yaml: k: expected a positive whole number of steps, got 0
    """
    from orgmap.schema import load_schema

    schema = schema or load_schema()
    if not isinstance(raw, Mapping):
        raise WhatIfScenarioError(f"{origin}: expected a mapping with name and operations")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise WhatIfScenarioError(
            f"{origin}: unknown key {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}"
        )
    ops_raw = raw.get("operations")
    if not isinstance(ops_raw, list) or not ops_raw:
        raise WhatIfScenarioError(f"{origin}: operations: expected a non-empty list")
    ops = tuple(_operation(o, f"{origin}: operations[{i + 1}]", schema) for i, o in enumerate(ops_raw))
    k = raw.get("k", 2)
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise WhatIfScenarioError(f"{origin}: k: expected a positive whole number of steps, got {k!r}")
    layers = {}
    for key in ("brokerage_layers", "layers"):
        value = raw.get(key)
        if value is None:
            continue
        value = [value] if isinstance(value, str) else value
        for layer in value:
            if layer not in schema.layers:
                raise WhatIfScenarioError(
                    f"{origin}: {key}: unknown layer {layer!r}; known: {', '.join(schema.layers)}"
                )
        layers[key] = tuple(value)
    return WhatIfScenario(
        name=str(raw.get("name") or Path(origin).stem),
        operations=ops,
        description=str(raw.get("description", "")),
        as_of=str(raw["as_of"]) if raw.get("as_of") else None,
        observed=_observed(raw, origin),
        organization=raw.get("organization"),
        leader=raw.get("leader"),
        affiliates=raw.get("affiliates"),
        k=k,
        brokerage_layers=layers.get("brokerage_layers", ()),
        layers=layers.get("layers"),
        min_grade=raw.get("min_grade"),
        origin=origin,
    )


def load_whatif_scenario(path: str | Path, schema: Any = None) -> WhatIfScenario:
    """Read and validate one scenario file.

    >>> from orgmap.casefile import CASES_DIR
    >>> s = load_whatif_scenario(CASES_DIR / "qods-force" / "whatif" / "remove-qaani.yaml")
    >>> s.name, s.as_of, s.operations[0].describe()
    ('Remove Qaani', '2019-12', 'remove Esmail Qaani')
    >>> load_whatif_scenario("nowhere.yaml")
    Traceback (most recent call last):
    ...
    orgmap.network.whatif.scenario.WhatIfScenarioError: nowhere.yaml: no such scenario file
    """
    p = Path(path)
    try:
        raw = load_yaml(p.read_text(encoding="utf-8"), str(p))
    except FileNotFoundError:
        raise WhatIfScenarioError(f"{p}: no such scenario file") from None
    except YamlRefused as exc:
        raise WhatIfScenarioError(str(exc)) from None
    except yaml.YAMLError as exc:
        raise WhatIfScenarioError(f"{p}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    return parse_whatif_scenario(raw, str(p), schema)


def find_scenarios(directory: Path) -> list[Path]:
    """Scenario files shipped in a case's ``whatif/`` folder, by name."""
    folder = directory / "whatif"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def resolve_scenario_paths(args: Sequence[str], case_dir: Path | None) -> list[Path]:
    """A path as given, or the name of a scenario shipped with the case (``as-it-happened``)."""
    out = []
    shipped = {p.stem: p for p in find_scenarios(case_dir)} if case_dir else {}
    for arg in args:
        p = Path(arg)
        if p.exists():
            out.append(p)
        elif arg in shipped:
            out.append(shipped[arg])
        else:
            known = ", ".join(shipped) or "none shipped with this case"
            raise WhatIfScenarioError(f"no scenario file {arg!r} (shipped scenarios: {known})")
    return out
