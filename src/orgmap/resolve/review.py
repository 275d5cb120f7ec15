"""Reviewing candidates: the queue, scripted decision plans, applying one decision, merges made.

Library side of ``orgmap review`` / ``orgmap candidates --merged``; the CLI only prompts and prints.

>>> from orgmap.store import Store
>>> from orgmap.model import Assertion, Entity, Evidence, Source
>>> store = Store.open(":memory:")
>>> case = store.ensure_case("demo")
>>> src = store.add_source(case, Source(text="Ali leads the Unit."))
>>> ali = store.add_entity(case, Entity("person", "Ali"))
>>> unit = store.add_entity(case, Entity("organization", "The Unit"))
>>> aid = store.add_assertion(case, Assertion(ali, "leads", unit, score=0.9, evidence=[Evidence(src, 0, 19)]))
>>> queue = review_queue(store, case)
>>> plan = plan_decisions(queue, None, accept_above=0.5)
>>> [apply_decision(store, case, a, d, "ann") for a, d in plan]
['accepted']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgmap.model import Assertion

__all__ = [
    "apply_decision",
    "merges_in_force",
    "next_after",
    "plan_decisions",
    "read_decisions",
    "review_queue",
]


def review_queue(store: Any, case_id: int, *, entities: bool = False) -> list[Assertion]:
    """Candidate assertions of a case: relations first, then (with ``entities``) entity mentions;
    each group best score first, then by id. ``orgmap review`` and the web queue both use this order.
    """
    cands = list(store.assertions(case_id, status="candidate", kind=None if entities else "relation"))
    cands.sort(key=lambda a: (a.predicate is None, -(a.score or 0), a.id))
    return cands


def next_after(before: list[int], decided: int, after: list[int]) -> int | None:
    """The item to show once ``decided`` left the queue: the next one still waiting, else the one before.

    >>> next_after([4, 7, 9], 7, [4, 9]), next_after([4, 7, 9], 9, [4, 7]), next_after([4], 4, [])
    (9, 7, None)
    """
    waiting = set(after)
    i = before.index(decided) if decided in before else -1
    for candidate in [*before[i + 1 :], *reversed(before[: max(i, 0)])]:
        if candidate in waiting:
            return candidate
    return after[0] if after else None


def read_decisions(path: Path, cands: list[Assertion], case: str | None) -> list[tuple[Assertion, dict]]:
    """(candidate, decision) pairs from a JSON list of decisions.

    Each decision is ``{id, action, type, source, target, modality, grade, why}``.

    Raises ValueError naming the file (and the decision's number) when it cannot be used.
    """
    by_id = {a.id: a for a in cands}
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read decisions ({exc})") from None
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a JSON list of decisions")
    plan = []
    for n, d in enumerate(items):
        if not isinstance(d, dict) or d.get("id") not in by_id:
            raise ValueError(
                f"{path}: decision #{n + 1} names no candidate of case {case or ''} "
                f"(id {d.get('id') if isinstance(d, dict) else d!r})"
            )
        plan.append((by_id[d["id"]], d))
    return plan


def plan_decisions(
    cands: list[Assertion], plan: list[tuple[Assertion, dict]] | None, accept_above: float | None
) -> list[tuple[Assertion, dict]]:
    """``plan`` (from a decisions file) plus a bulk accept of unplanned candidates scoring ``accept_above``+."""
    plan = list(plan or [])
    if accept_above is not None:
        planned = {a.id for a, _ in plan}
        plan += [
            (a, {"action": "accept", "why": f"bulk: score >= {accept_above}"})
            for a in cands
            if (a.score or 0) >= accept_above and a.id not in planned
        ]
    return plan


def apply_decision(
    store: Any, case_id: int, a: Assertion, decision: dict, who: str, *, seen: str | None = None
) -> str:
    """Record one decision (accept/reject/edit/skip, or a/r/e/s) as a judgement; returns what happened.

    The decision is about the status the analyst saw: ``seen``, or the status ``a`` was read
    in. When another analyst decided since, the store refuses it with
    :class:`~orgmap.store.StaleDecision` naming who decided what.
    Raises ValueError for an unknown action or an edit that changes nothing.
    """
    seen = seen or a.status
    action = str(decision.get("action", "")).lower()
    why = str(decision.get("why", ""))
    if action in ("accept", "a"):
        store.set_status(a.id, "accepted", who=who, why=why, seen=seen)
        return "accepted"
    if action in ("reject", "r"):
        store.set_status(a.id, "rejected", who=who, why=why, seen=seen)
        return "rejected"
    if action in ("edit", "e"):
        changes = _edits(store, case_id, decision)
        if not changes:
            raise ValueError(f"edit of #{a.id} changes nothing; give type, source, target, modality or grade")
        new_id = store.edit_assertion(a.id, who=who, why=why or "edited in review", seen=seen, **changes)
        return f"edited as #{new_id}"
    if action in ("skip", "s", ""):
        return "skipped"
    raise ValueError(f"decision for #{a.id}: unknown action {action!r}; use accept, reject, edit or skip")


def _edits(store: Any, case_id: int, decision: dict) -> dict[str, Any]:
    """The assertion fields an edit decision changes (type, source, target, modality, grade), checked."""
    changes: dict[str, Any] = {}
    if decision.get("type"):
        store.schema.relation(decision["type"])
        changes["predicate"] = decision["type"]
    if decision.get("source"):
        changes["subject_id"] = store.find_entity(case_id, decision["source"]).id
    if decision.get("target"):
        changes["object_id"] = store.find_entity(case_id, decision["target"]).id
    if decision.get("modality"):
        store.schema.modality(decision["modality"])
        changes["modality"] = decision["modality"]
    if decision.get("grade"):
        rel, cred = store.schema.parse_grade(str(decision["grade"]).strip().upper())
        changes["reliability"] = rel
        if cred:
            changes["credibility"] = cred
    return changes


def merges_in_force(store: Any, case_id: int) -> list[dict[str, Any]]:
    """Each merged entity with what it was merged into, and who merged it and why (last merge judgement)."""
    rows = []
    for e in store.entities(case_id, include_merged=True):
        if e.merged_into is not None:
            js = [j for j in store.judgements("entity", e.id) if j.action == "merge"]
            last = js[-1] if js else None
            rows.append(
                {
                    "id": e.id,
                    "name": e.name,
                    "into": e.merged_into,
                    "into_name": store.entity(e.merged_into).name,
                    "who": last.who if last else "",
                    "why": last.why if last else "",
                }
            )
    return rows
