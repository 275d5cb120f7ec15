"""Checks for the parts of a scenario: numbers, dates, ties, principals, populations, events.

Each parser takes the raw YAML (mappings that know their line) and returns specs, or
raises :class:`SimulationScenarioError` naming the file, the line and what is wrong.

>>> number(0.5, "x.yaml", {}, "share", 0, 1)
0.5
"""

from __future__ import annotations

from datetime import date
from typing import Any

from orgmap.casefile.spans import parse_period
from orgmap.simulate.params import Params, Style
from orgmap.simulate.scenario_spec import (
    EVENT_KINDS,
    PATTERNS,
    ROLES,
    AffiliateSpec,
    EventSpec,
    PopulationSpec,
    PrincipalSpec,
    SimulationScenarioError,
    TieSpec,
)

__all__ = ["affiliates", "day_of", "err", "events", "keys", "number", "populations", "principals", "ties"]


def err(path: Any, node: Any, problem: str) -> SimulationScenarioError:
    return SimulationScenarioError(path, getattr(node, "line", None) or None, problem)


def day_of(value: Any, path: Any, node: Any, what: str) -> date:
    try:
        return parse_period(str(value))[0]
    except ValueError as exc:
        raise err(path, node, f"{what}: {exc}") from None


def number(
    value: Any, path: Any, node: Any, what: str, low: float, high: float, integer: bool = False
) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and value != int(value)):
        raise err(path, node, f"{what} must be {'a whole number' if integer else 'a number'}, not {value!r}")
    if not low <= value <= high:
        raise err(path, node, f"{what} = {value} is out of range [{low:g}, {high:g}]")
    return int(value) if integer else float(value)


def ties(raw: Any, path: Any, node: Any, what: str) -> list[TieSpec]:
    if not isinstance(raw, dict) or not raw:
        raise err(path, node, f"{what}: 'ties' must map principal names to a strength or {{strength, share}}")
    out = []
    for name, value in raw.items():
        if isinstance(value, dict):
            unknown = set(value) - {"strength", "share"}
            if unknown:
                raise err(
                    path, value, f"{what}: unknown key(s) {', '.join(sorted(unknown))} in tie to {name!r}"
                )
            strength = number(value.get("strength"), path, value, f"{what}: tie to {name!r} strength", 0, 1)
            share = number(value.get("share", 1.0), path, value, f"{what}: tie to {name!r} share", 0, 1)
        else:
            strength, share = number(value, path, raw, f"{what}: tie to {name!r}", 0, 1), 1.0
        out.append(TieSpec(str(name), strength, share))
    return out


def keys(d: dict, allowed: set[str], path: Any, what: str) -> None:
    unknown = set(d) - allowed
    if unknown:
        raise err(
            path,
            d,
            f"{what}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
            f"allowed: {', '.join(sorted(allowed))}",
        )


def principals(doc: Any, styles: dict[str, Style], path: str) -> list[PrincipalSpec]:
    """The principals, exactly one of them the leader."""
    principals = []
    for p in doc["principals"] or []:
        if not isinstance(p, dict) or "name" not in p or "role" not in p:
            raise err(path, p, "each principal needs 'name' and 'role'")
        keys(p, {"name", "role", "style", "loyalty", "post"}, path, f"principal {p.get('name')!r}")
        if p["role"] not in ROLES:
            raise err(
                path, p, f"principal {p['name']!r}: unknown role {p['role']!r}; known: {', '.join(ROLES)}"
            )
        if p.get("style") is not None and p["style"] not in styles:
            raise err(
                path,
                p,
                f"principal {p['name']!r}: unknown style {p['style']!r}; "
                f"known: {', '.join(styles) or 'none defined'}",
            )
        loyalty = p.get("loyalty")
        if loyalty is not None:
            loyalty = number(loyalty, path, p, f"principal {p['name']!r}: loyalty", 0, 1)
        post = str(p["post"]) if p.get("post") else None
        if post and p["role"] not in ("leader", "successor"):
            raise err(path, p, f"principal {p['name']!r}: only the leader holds a post (role {p['role']!r})")
        principals.append(
            PrincipalSpec(str(p["name"]), p["role"], p.get("style"), loyalty, getattr(p, "line", 0), post)
        )
    leaders = [p for p in principals if p.role == "leader"]
    if len(leaders) != 1:
        raise err(
            path, doc["principals"], f"exactly one principal must have role 'leader' (found {len(leaders)})"
        )
    return principals


def populations(doc: Any, path: str) -> list[PopulationSpec]:
    """Populations, each with the quote that justifies it (checked against the text later)."""
    populations = []
    for p in doc.get("populations") or []:
        if not isinstance(p, dict):
            raise err(path, doc, "each population must be a mapping")
        keys(
            p,
            {"name", "size", "agents", "quote", "ties", "pattern", "density", "entity", "weight"},
            path,
            f"population {p.get('name')!r}",
        )
        what = f"population {p.get('name')!r}"
        for key in ("name", "size", "quote", "ties"):
            if key not in p:
                raise err(path, p, f"{what}: missing {key!r}")
        size = number(p["size"], path, p, f"{what}: size", 1, 10**9, integer=True)
        agents = number(p.get("agents", min(size, 50)), path, p, f"{what}: agents", 1, 100_000, integer=True)
        pattern = p.get("pattern", "star")
        if pattern not in PATTERNS:
            raise err(path, p, f"{what}: unknown pattern {pattern!r}; known: {', '.join(PATTERNS)}")
        density = number(
            p.get("density", 0.0 if pattern == "star" else 0.1), path, p, f"{what}: density", 0, 1
        )
        if not str(p["quote"]).strip():
            raise err(path, p, f"{what}: the quote that justifies it is empty")
        populations.append(
            PopulationSpec(
                str(p["name"]),
                size,
                str(p["quote"]),
                ties(p["ties"], path, p, what),
                min(agents, size),
                pattern,
                density,
                str(p["entity"]) if p.get("entity") else None,
                number(p.get("weight", min(agents, size)), path, p, f"{what}: weight", 0.001, 10**9),
                getattr(p, "line", 0),
            )
        )
    return populations


def affiliates(doc: Any, path: str) -> list[AffiliateSpec]:
    """Named affiliates with their ties, weight (default 1) and the quote that justifies them.

    An affiliate without a quote is the analyst's assumption, and the output says so.
    """
    affiliates = []
    for a in doc.get("affiliates") or []:
        if not isinstance(a, dict) or "name" not in a:
            raise err(path, doc, "each affiliate needs a 'name'")
        what = f"affiliate {a['name']!r}"
        keys(a, {"name", "ties", "weight", "quote"}, path, what)
        affiliates.append(
            AffiliateSpec(
                str(a["name"]),
                ties(a.get("ties"), path, a, what),
                getattr(a, "line", 0),
                number(a.get("weight", 1.0), path, a, f"{what}: weight", 0.001, 10**9),
                str(a.get("quote") or "").strip(),
            )
        )
    return affiliates


def events(
    doc: Any, styles: dict[str, Style], params: Params, start: date, horizon: int, path: str
) -> list[EventSpec]:
    """Dated events, in time order; a succession without a date follows the last death."""
    events = []
    for e in doc.get("events") or []:
        if not isinstance(e, dict) or "type" not in e:
            raise err(path, doc, "each event needs a 'type'")
        kind = e["type"]
        if kind not in EVENT_KINDS:
            raise err(path, e, f"unknown event type {kind!r}; known: {', '.join(EVENT_KINDS)}")
        who_key = EVENT_KINDS[kind]
        keys(e, {"type", "at", "day", who_key, "style", "success", "label"}, path, f"event {kind!r}")
        if "at" in e and "day" in e:
            raise err(
                path, e, f"event {kind!r}: give one of 'at' (a date) or 'day' (days after start), not both"
            )
        if "at" not in e and "day" not in e:
            deaths = [_dated_day(d, start, path) for d in doc.get("events") or [] if _is_dated_death(d)]
            if kind != "succession" or not deaths:
                raise err(path, e, f"event {kind!r}: give 'at' (a date) or 'day' (days after start)")
            day = max(deaths) + params.succession_delay  # a successor about a week after the last death
        elif "at" in e:
            day = (day_of(e["at"], path, e, f"event {kind!r}: at") - start).days
        else:
            day = number(e["day"], path, e, f"event {kind!r}: day", -(10**6), 10**6)
        if day < 0 or day > horizon:
            raise err(
                path, e, f"event {kind!r} falls outside the simulated period ({start} + {horizon} days)"
            )
        who = e.get(who_key)
        if who is None:
            raise err(path, e, f"event {kind!r}: missing {who_key!r}")
        who_list = sorted(str(w) for w in who) if isinstance(who, list) else [str(who)]
        style = e.get("style")
        if style is not None and style not in styles:
            raise err(
                path, e, f"event {kind!r}: unknown style {style!r}; known: {', '.join(styles) or 'none'}"
            )
        if kind == "style" and style is None:
            raise err(path, e, "event 'style' needs a 'style'")
        success = number(e.get("success", 1.0), path, e, f"event {kind!r}: success", 0, 1)
        events.append(
            EventSpec(
                kind, float(day), who_list, style, success, str(e.get("label", "")), getattr(e, "line", 0)
            )
        )
    order = list(EVENT_KINDS)
    return sorted(
        events, key=lambda ev: (ev.day, order.index(ev.kind), ev.who, ev.label, ev.style or "", ev.success)
    )


def _is_dated_death(e: Any) -> bool:
    return isinstance(e, dict) and e.get("type") == "death" and ("at" in e or "day" in e)


def _dated_day(e: Any, start: date, path: Any) -> float:
    if "at" in e:
        return float((day_of(e["at"], path, e, "event 'death': at") - start).days)
    return number(e["day"], path, e, "event 'death': day", -(10**6), 10**6)
