"""Every parameter of the coordination model: meaning, default, bounds, unit and basis.

This table is the single source of truth; ``docs/simulation-model.md`` explains it in prose
and :func:`check_params` enforces the bounds.

>>> p = Params.from_mapping({"decay_personal": 2.0})
>>> p.decay_personal, p.decay_embedded
(2.0, 0.025)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["PARAMETERS", "STYLE_PARAMETERS", "Param", "ParamError", "Params", "Style", "check_params"]


class ParamError(ValueError):
    """A parameter that is unknown or out of its bounds."""


@dataclass(frozen=True)
class Param:
    name: str
    default: float
    low: float
    high: float
    unit: str
    meaning: str
    basis: str


PARAMETERS: tuple[Param, ...] = (
    Param(
        "decay_personal",
        2.3,
        0.0,
        20.0,
        "1/year",
        "Decay rate of an unmaintained personal (bridge) tie: strength x exp(-rate x years).",
        "Burt 2002, 'Bridge decay': about nine in ten bankers' bridges gone a year later (exp(-2.3) = 0.10).",
    ),
    Param(
        "decay_embedded",
        0.025,
        0.0,
        1.0,
        "1/year",
        "Decay rate of an embedded or kin tie (affiliate-affiliate ties, ties marked embedded).",
        "Roy et al. 2022: 1-4 % per year; midpoint.",
    ),
    Param(
        "growth",
        0.3,
        0.0,
        1.0,
        "per contact",
        "Share of the gap to full strength that one warm personal contact closes: "
        "w += growth x warmth x (1 - w).",
        "Calibrated so that the predecessor's style (two warm meetings a month) holds ties near 0.75.",
    ),
    Param(
        "inheritance",
        0.5,
        0.0,
        1.0,
        "fraction",
        "Share of the predecessor's tie strength a successor takes over with the office.",
        "Assumption: the office and the will confer standing ('as spelled out in Soleimani's own will'), "
        "the personal bond does not.",
    ),
    Param(
        "formal_strength",
        0.3,
        0.0,
        1.0,
        "strength",
        "Strength of a formal tie (the post's: manages, or the scenario's formal_types); formal ties do "
        "not decay while the post is held and pass to the successor with it.",
        "Essay: the successor holds the post 'as spelled out in Soleimani's own will' but not the ties; "
        "at or above principal_threshold so the post alone makes its holder a principal, below a "
        "maintained personal tie (about 0.75) because formal authority alone did not hold the affiliates.",
    ),
    Param(
        "principal_threshold",
        0.2,
        0.01,
        1.0,
        "strength",
        "A principal counts as one of an affiliate's principals when their tie is at least this strong; "
        "it is also the tie threshold of the informal layer for fragmentation.",
        "Modelling choice; results are reported for it and it can be varied.",
    ),
    Param(
        "chain_loyalty",
        0.5,
        0.0,
        1.0,
        "alignment",
        "A principal belongs to the leader's chain of command (control counts affiliates routed through "
        "it) while its loyalty to the leader is at least this.",
        "Modelling choice: the midpoint between a principal giving the leader's direction (loyalty 1) "
        "and an unrelated one (0); vary it with --sensitivity.",
    ),
    Param(
        "control_level",
        0.5,
        0.0,
        1.0,
        "share",
        "Level of control whose crossings the summary reports ('fell below half').",
        "Reporting choice: a majority of the affiliates' weight going through the chain.",
    ),
    Param(
        "lapse_threshold",
        0.25,
        0.0,
        1.0,
        "strength",
        "The leader's reach has lapsed for an affiliate when their tie is weaker than this; outside power "
        "centres may then step in.",
        "Essay: other power centres intervene where the leader 'proved unable to play such a role'.",
    ),
    Param(
        "entry_rate",
        1.0,
        0.0,
        52.0,
        "1/year",
        "Hazard with which each outside power centre steps into a lapsed affiliate's portfolio.",
        "Assumption; order of a year, as in the essay's account of the years after 2020.",
    ),
    Param(
        "entry_strength",
        0.4,
        0.0,
        1.0,
        "strength",
        "Strength of the tie an outside power centre opens when it steps in.",
        "Assumption: above the principal threshold, below a maintained personal tie.",
    ),
    Param(
        "competition",
        1.0,
        0.0,
        20.0,
        "1/year",
        "Extra decay of the leader's tie per unit of a rival's tie with the same affiliate (rivals holding "
        "old "
        "ties draw the affiliate away).",
        "Essay: 'proxy leaderships often now prefer to interact with those people who were close to "
        "Soleimani'.",
    ),
    Param(
        "autonomy",
        0.25,
        0.0,
        5.0,
        "weight",
        "Weight of an affiliate's own agenda (a random direction) against the direction its principals give.",
        "Assumption; Salehyan, Siroky & Wood 2014 (weakly held agents follow their own preferences).",
    ),
    Param(
        "divergence",
        math.pi / 2,
        0.0,
        math.pi,
        "radians",
        "Angle between the leader's direction and that of a principal with loyalty 0 (pi/2: unrelated).",
        "Modelling choice: loyalty 1 gives the leader's direction, loyalty 0 an orthogonal one.",
    ),
    Param(
        "outside_loyalty",
        0.3,
        0.0,
        1.0,
        "alignment",
        "Alignment of an outside power centre's direction with the leader's (same state, own agenda).",
        "Salehyan, Siroky & Wood 2014: multiple principals give contradictory direction.",
    ),
    Param(
        "rival_loyalty",
        0.2,
        0.0,
        1.0,
        "alignment",
        "Alignment of the old circle with a successor they compete with (set at the succession).",
        "Essay: Unit 400 members 'compete with Qaani within the organization'.",
    ),
    Param(
        "succession_delay",
        7.0,
        0.0,
        365.0,
        "days",
        "Default delay between a leader's death and the successor taking office (when no date is given).",
        "Zarqawi's replacement about a week later (Callahan, Shakarian et al. 2012).",
    ),
    Param(
        "threat_decay",
        0.0,
        0.0,
        20.0,
        "1/year",
        "Rate at which a leader's fear after a nearby strike fades (0: it stays).",
        "Essay: the isolation 'intensified' and did not lift.",
    ),
    Param(
        "purge_backlash",
        0.1,
        0.0,
        1.0,
        "alignment",
        "Loyalty the old circle loses when a purge of it is blocked.",
        "Essay: leadership members blocked the forced retirement of sixty; rivalry deepened.",
    ),
    Param(
        "patron_loyalty",
        0.3,
        0.0,
        1.0,
        "alignment",
        "Loyalty a patron's public support restores to rival principals (capped at 1).",
        "Essay: Khamenei's public defence of Qaani, December 2023.",
    ),
    Param(
        "patron_authority",
        0.5,
        0.0,
        5.0,
        "factor",
        "Added weight of the leader in affiliates' choice of principal after a patron's support.",
        "Essay: 'the supreme leader rarely praises a live commander'.",
    ),
)

STYLE_PARAMETERS: tuple[Param, ...] = (
    Param(
        "contact_rate",
        12.0,
        0.0,
        365.0,
        "meetings/affiliate/year",
        "How often the leader meets each affiliate in person.",
        "Essay: 'frequent and friendly personal meetings even with the leaders of the middle ranks'.",
    ),
    Param(
        "formality",
        0.5,
        0.0,
        1.0,
        "share",
        "How formal the meetings are; a contact warms a tie by growth x (1 - formality).",
        "Essay: Qaani meets proxy leaderships 'in a very formal atmosphere'.",
    ),
    Param(
        "balancing",
        0.5,
        0.0,
        1.0,
        "share",
        "How evenly contacts are spread: 1 seeks out the weakest ties, 0 follows the strongest.",
        "Essay: each proxy group 'believed that Soleimani had the best relationship with it only'.",
    ),
    Param(
        "risk_aversion",
        0.0,
        0.0,
        1.0,
        "share",
        "Share of contacts dropped while the leader feels threatened (after a nearby strike).",
        "Essay: after the strike in Lebanon Qaani became 'less active'.",
    ),
)

_BY_NAME = {p.name: p for p in PARAMETERS}
_STYLE_BY_NAME = {p.name: p for p in STYLE_PARAMETERS}


def _check(value: Any, p: Param, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParamError(f"{where}: {p.name} must be a number, not {value!r}")
    if not (p.low <= float(value) <= p.high):
        raise ParamError(f"{where}: {p.name} = {value} is out of range [{p.low:g}, {p.high:g}] ({p.unit})")
    return float(value)


def check_params(
    values: Mapping[str, Any], where: str = "params", *, style: bool = False
) -> dict[str, float]:
    """Check names and bounds; return the values as floats (raises :class:`ParamError`)."""
    table = _STYLE_BY_NAME if style else _BY_NAME
    out = {}
    for name, value in values.items():
        if name not in table:
            raise ParamError(f"{where}: unknown parameter {name!r}; known: {', '.join(table)}")
        out[name] = _check(value, table[name], where)
    return out


@dataclass(frozen=True)
class Params:
    decay_personal: float = 2.3
    decay_embedded: float = 0.025
    growth: float = 0.3
    inheritance: float = 0.5
    formal_strength: float = 0.3
    principal_threshold: float = 0.2
    chain_loyalty: float = 0.5
    control_level: float = 0.5
    lapse_threshold: float = 0.25
    entry_rate: float = 1.0
    entry_strength: float = 0.4
    competition: float = 1.0
    autonomy: float = 0.25
    divergence: float = math.pi / 2
    outside_loyalty: float = 0.3
    rival_loyalty: float = 0.2
    succession_delay: float = 7.0
    threat_decay: float = 0.0
    purge_backlash: float = 0.1
    patron_loyalty: float = 0.3
    patron_authority: float = 0.5

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None, where: str = "params") -> Params:
        return replace(cls(), **check_params(values or {}, where))


@dataclass(frozen=True)
class Style:
    """How a principal keeps its ties: contact rate, formality, balancing, risk aversion."""

    contact_rate: float = 12.0
    formality: float = 0.5
    balancing: float = 0.5
    risk_aversion: float = 0.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None, where: str = "style") -> Style:
        return replace(cls(), **check_params(values or {}, where, style=True))


assert {f.name for f in fields(Params)} == set(_BY_NAME), "Params and PARAMETERS disagree"
assert all(getattr(Params(), p.name) == p.default for p in PARAMETERS), "Params defaults disagree"
assert all(getattr(Style(), p.name) == p.default for p in STYLE_PARAMETERS), "Style defaults disagree"
