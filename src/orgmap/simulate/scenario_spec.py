"""What a scenario holds: the checked, typed form of a scenario YAML file.

>>> SimulationScenario("x.yaml", "x", "", "case", date(2020, 1, 1), 70, 7, 10, 0, [], {}).steps
10
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from orgmap.casefile.yamlines import CaseError
from orgmap.simulate.params import Params, Style

__all__ = [
    "EVENT_KINDS",
    "MAX_RUNS",
    "PATTERNS",
    "ROLES",
    "SAFE_NAME",
    "AffiliateSpec",
    "EventSpec",
    "PopulationSpec",
    "PrincipalSpec",
    "SimulationScenario",
    "SimulationScenarioError",
    "TieSpec",
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


class SimulationScenarioError(CaseError):
    """A scenario that cannot be run: ``file:line: what is wrong``."""


@dataclass
class PrincipalSpec:
    name: str
    role: str
    style: str | None = None
    loyalty: float | None = None
    line: int = 0
    post: str | None = None


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
    weight: float = 1.0
    quote: str = ""


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
class SimulationScenario:
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
    weights: str = ""

    @property
    def steps(self) -> int:
        return max(1, round(self.horizon / self.step))

    def date_of(self, step: int) -> date:
        return self.start + timedelta(days=step * self.step)
