"""Scheduled events, resolved to principal indices and steps.

>>> Event(step=3, kind="death", targets=(0,)).kind
'death'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from orgmap.simulate.network import Network, _resolve
from orgmap.simulate.params import Style
from orgmap.simulate.scenario import SimulationScenario, SimulationScenarioError

__all__ = ["Event", "compile_events"]


@dataclass(frozen=True)
class Event:
    """One event: at ``step`` (applied before that step's dynamics), on principals ``targets``."""

    step: int
    kind: str
    targets: tuple[int, ...]
    style: Style | None = None
    success: float = 1.0
    label: str = ""
    day: float = 0.0


def compile_events(scenario: SimulationScenario, network: Network, store: Any) -> list[Event]:
    """Map event names to principal indices and days to steps; unknown names are errors."""
    case_id = store.case_id(scenario.case)
    out = []
    for ev in scenario.events:
        targets = []
        for name in ev.who:
            ent = _resolve(store, case_id, name, scenario.path, ev.line, f"event {ev.kind!r}")
            if ev.kind == "patron_support":
                if ent.name not in network.patrons:
                    raise SimulationScenarioError(
                        scenario.path,
                        ev.line or None,
                        f"event 'patron_support': {ent.name!r} is not declared with role 'patron'",
                    )
                continue
            if ent.name not in network.principals:
                raise SimulationScenarioError(
                    scenario.path,
                    ev.line or None,
                    f"event {ev.kind!r}: {ent.name!r} is not one of "
                    f"the principals ({', '.join(network.principals)})",
                )
            targets.append(network.index(ent.name))
        step = max(0, min(scenario.steps, round(ev.day / scenario.step)))
        style = scenario.styles[ev.style] if ev.style else None
        out.append(
            Event(
                step,
                ev.kind,
                tuple(targets),
                style,
                ev.success,
                ev.label or ev.kind.replace("_", " "),
                ev.day,
            )
        )
    return out
