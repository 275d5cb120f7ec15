"""A first succession scenario derived from a case's model, for the analyst to edit.

:func:`succession_facts` reads who leads what, who succeeded whom, the leader's informal
web and what the organization manages; :func:`simulation_yaml` and :func:`whatif_yaml`
write them as scenario files (``orgmap simulate --derive-scenario``, ``orgmap whatif
--derive-scenario``). Every derived choice is written beside it as a comment with its rule,
and every number the model does not give is marked "assumed".

The rules:

- **succession**: the first ``succeeded`` relation (successor ``succeeded`` leader, its
  date the succession's); else an organization ``led`` by one person until a date and by
  another from it;
- **organization**: what the leader ``leads`` (the vocabulary's ``roles.heads``; preferring
  what the successor leads too);
- **circle**: the leader's partners in the ties layer (``roles.ties_layer``) before the
  succession (not denied), other than the successor and the affiliates;
- **affiliates**: what the organization, its parts (``roles.unit_of``) or the leader
  ``manages``, other than the organization's own parts.

>>> from orgmap.casefile import CASES_DIR, load_case
>>> from orgmap.store import Store
>>> store = Store.open(":memory:"); _ = load_case(store, CASES_DIR / "qods-force")
>>> f = succession_facts(store, store.case_id("qods-force"))
>>> f.leader, f.successor, f.organization, str(f.day)
('Qasem Soleimani', 'Esmail Qaani', 'Qods Force', '2020-01-03')
>>> sorted(a.name for a in f.affiliates)
['Iraqi groups', 'proxy groups']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import yaml

from orgmap.model import stored_id
from orgmap.store import Relation, Store

__all__ = ["DeriveError", "Party", "SuccessionFacts", "simulation_yaml", "succession_facts", "whatif_yaml"]


class DeriveError(ValueError):
    """The model does not say enough to derive a scenario; the message says what is missing."""


@dataclass
class Party:
    """An actor the scenario names, with the quote (and grade) of the tie that put it there."""

    name: str
    quote: str = ""
    grade: str = ""


@dataclass
class SuccessionFacts:
    case: str
    organization: str
    leader: str
    successor: str
    day: date | None
    basis: str  # how the succession was found
    circle: list[Party] = field(default_factory=list)
    affiliates: list[Party] = field(default_factory=list)


def _quote(r: Relation) -> str:
    return " ".join(r.assertion.evidence[0].quote.split()) if r.assertion.evidence else ""


def _first(rels: Iterable[Relation]) -> Relation | None:
    ordered = sorted(rels, key=lambda r: (r.assertion.valid_from or date.max, r.assertion.id or 0))
    return ordered[0] if ordered else None


def _handover(leads: list[Relation]) -> tuple[Relation, Relation] | None:
    """(outgoing, incoming) ``leads`` of one organization: one ends on or before the other's start."""
    pairs = [
        (a, b)
        for a in leads
        for b in leads
        if a.object.id == b.object.id
        and a.subject.id != b.subject.id
        and a.assertion.valid_to
        and b.assertion.valid_from
        and a.assertion.valid_to <= b.assertion.valid_from
    ]
    return min(pairs, key=lambda p: (p[1].assertion.valid_from, p[1].assertion.id or 0)) if pairs else None


def succession_facts(store: Store, case_id: int) -> SuccessionFacts:
    """Leader, successor, organization, date, circle and affiliates as the model states them."""
    case = next(c.name for c in store.cases() if c.id == case_id)
    roles = store.schema.roles
    rels = [r for r in store.relations(case_id) if r.assertion.modality != "denied"]
    leads = [r for r in rels if r.type in roles.heads]
    succeeded = _first(r for r in rels if r.type == "succeeded")
    if succeeded is not None:
        successor, leader = succeeded.subject, succeeded.object
        day = succeeded.assertion.valid_from
        basis = (
            f"'{successor.name} succeeded {leader.name}' ({succeeded.assertion.grade}): “{_quote(succeeded)}”"
        )
        led = [r for r in leads if r.subject.id == leader.id]
        both = [
            r for r in led if any(s.subject.id == successor.id and s.object.id == r.object.id for s in leads)
        ]
        org_rel = _first(both or led)
        if org_rel is None:
            raise DeriveError(
                f"{leader.name} leads nothing in this case: add the 'leads' relation of the post that passed "
                f"to {successor.name}"
            )
    else:
        pair = _handover(leads)
        if pair is None:
            raise DeriveError(
                "no succession in this case: no 'succeeded' relation and no organization led by one person "
                "until a date and by another from it; add one, or write the scenario by hand "
                "(docs/simulation-model.md)"
            )
        org_rel, incoming = pair
        leader, successor, day = org_rel.subject, incoming.subject, incoming.assertion.valid_from
        basis = f"{leader.name} leads {org_rel.object.name} until {org_rel.assertion.valid_to}, {successor.name} from {day}"
    org = org_rel.object
    parts = {r.subject.id for r in rels if r.type in roles.unit_of and r.object.id == org.id}
    managers = {org.id, leader.id} | parts
    affiliates: dict[int, Party] = {}
    for r in sorted(rels, key=lambda r: r.assertion.id or 0):
        if r.type == "manages" and r.subject.id in managers and r.object.id not in parts | {org.id}:
            affiliates.setdefault(stored_id(r.object), Party(r.object.name, _quote(r), r.assertion.grade))
    circle: dict[int, Party] = {}
    for r in sorted(rels, key=lambda r: r.assertion.id or 0):
        if r.layer != roles.ties_layer or leader.id not in (r.subject.id, r.object.id):
            continue
        if day and r.assertion.valid_from and r.assertion.valid_from >= day:
            continue  # a tie formed after the succession is not the predecessor's web
        other = r.object if r.subject.id == leader.id else r.subject
        if other.id in (successor.id, org.id) or other.id in affiliates:
            continue
        circle.setdefault(stored_id(other), Party(other.name, _quote(r), r.assertion.grade))
    return SuccessionFacts(
        case,
        org.name,
        leader.name,
        successor.name,
        day,
        basis,
        list(circle.values()),
        list(affiliates.values()),
    )


def _header(f: SuccessionFacts, what: str) -> str:
    lines = [
        f"# A first {what} derived from the model of case {f.case!r} by orgmap; edit it before you trust it.",
        f"# Succession: {f.basis}",
        f"# Organization: what {f.leader} leads. Circle: {f.leader}'s informal partners before the",
        "# succession (not denied), other than the successor and the affiliates. Affiliates: what the",
        "# organization, its parts or the leader manages. Numbers the model does not give are 'assumed'.",
    ]
    return "\n".join(_comment_safe(x) for x in lines) + "\n"


def _comment_safe(line: str) -> str:
    return " ".join(line.split())  # one comment line: a newline in a quote cannot end the comment


def _dump(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def simulation_yaml(f: SuccessionFacts, *, name: str = "derived-succession") -> str:
    """A scenario for ``orgmap simulate``: the leader, successor, circle and affiliates, and the succession."""
    day = f.day or date.today()
    start = day - timedelta(days=182)
    doc: dict[str, Any] = {
        "name": name,
        "title": f"Succession in {f.organization}: {f.successor} after {f.leader} (derived; edit me)",
        "case": f.case,
        "view": (day - timedelta(days=1)).isoformat(),
        "start": start.isoformat(),
        "horizon": 182 + 3 * 365,
        "step": 7,
        "runs": 200,
        "seed": 1,
        "weights": "assumed: every affiliate weighs 1 (edit: influence, not head count, where the text says so)",
        "principals": [
            {"name": f.leader, "role": "leader", "post": f.organization},
            {"name": f.successor, "role": "successor"},
            *({"name": p.name, "role": "circle"} for p in f.circle),
        ],
        "affiliates": [
            {
                "name": a.name,
                "quote": a.quote,
                "weight": 1,
                "ties": {f.leader: 0.7},  # assumed strength
            }
            for a in f.affiliates
        ],
        "events": [
            {"type": "death", "at": day.isoformat(), "who": f.leader, "label": f"{f.leader} leaves"},
            {
                "type": "succession",
                "at": day.isoformat(),
                "who": f.successor,
                "label": f"{f.successor} takes over",
            },
        ],
    }
    if not f.affiliates:
        del doc["affiliates"]
    note = (
        "# Ties of the affiliates to the leader (0.7), their weights (1) and the horizon (3 years) are\n"
        "# assumed; the 'death' event stands for the leader leaving the post (edit its type and label).\n"
    )
    return _header(f, "simulation scenario") + note + _dump(doc)


def whatif_yaml(f: SuccessionFacts, *, name: str = "Derived succession") -> str:
    """A scenario for ``orgmap whatif``: the successor takes the leader's post and formal ties only."""
    doc: dict[str, Any] = {
        "name": name,
        "description": f"{f.successor} succeeds {f.leader} and inherits only the formal ties (derived; edit me).",
        "organization": f.organization,
        "k": 2,
        "affiliates": [a.name for a in f.affiliates],
        "operations": [{"replace": f.leader, "by": f.successor, "inherit": "formal"}],
    }
    if f.day:
        doc = {
            "name": name,
            "description": doc["description"],
            "as_of": (f.day - timedelta(days=1)).isoformat(),
        } | {k: v for k, v in doc.items() if k not in ("name", "description")}
    if not f.affiliates:
        del doc["affiliates"]
    note = "# Add observed: YYYY to hold the result against a later view of the case (docs/network.md).\n"
    return _header(f, "what-if scenario") + note + _dump(doc)
