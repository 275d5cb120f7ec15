"""Plain-data shapes of the model and the analyses: what ``--json`` prints and DataFrames hold.

One function per shape, so the CLI, the notebook and scripts see the same keys.

>>> from orgmap.model import Entity
>>> entity_record(Entity("person", "Ali Reza", aliases=["Ali"], id=3))
{'id': 3, 'type': 'person', 'name': 'Ali Reza', 'aliases': ['Ali'], 'attributes': {}}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "ENTITY_FIELDS",
    "FINAL_METRICS",
    "RELATION_FIELDS",
    "ach_record",
    "corroboration_record",
    "entity_record",
    "grades_record",
    "hypotheses_record",
    "keyplayers_record",
    "relation_record",
    "simulation_record",
]

FINAL_METRICS = ("coordination", "control", "principals", "multi_principal", "fragmentation")
"""Simulation metrics whose last-step ensemble mean :func:`simulation_record` reports."""


ENTITY_FIELDS = ("id", "type", "name", "aliases", "attributes")
RELATION_FIELDS = (
    "source",
    "type",
    "qualifier",
    "target",
    "layer",
    "modality",
    "attribution",
    "grade",
    "status",
    "valid_from",
    "valid_from_bound",
    "valid_to",
    "valid_to_bound",
    "evidence",
    "assertion_id",
    "supersedes",
    "superseded_by",
)


def entity_record(e: Any) -> dict[str, Any]:
    """An entity as ``orgmap entities --json`` prints it."""
    return {"id": e.id, "type": e.type, "name": e.name, "aliases": e.aliases, "attributes": e.attributes}


def relation_record(r: Any, successors: Mapping[int, int] | None = None) -> dict[str, Any]:
    """A relation (with its assertion) as ``orgmap relations --json`` prints it.

    ``successors`` maps a superseded assertion's id to the id of the one that replaced it.
    """
    a = r.assertion
    return {
        "source": r.subject.name,
        "type": r.type,
        "qualifier": a.qualifier,
        "target": r.object.name,
        "layer": r.layer,
        "modality": a.modality,
        "attribution": a.attribution,
        "grade": a.grade,
        "status": a.status,
        "valid_from": a.valid_from,
        "valid_from_bound": a.valid_from_bound,
        "valid_to": a.valid_to,
        "valid_to_bound": a.valid_to_bound,
        "evidence": [e.quote for e in a.evidence],
        "assertion_id": a.id,
        "supersedes": a.supersedes,
        "superseded_by": (successors or {}).get(a.id),
    }


def keyplayers_record(found: Any, *, goal: str, k: int, m: int) -> dict[str, Any]:
    """A key-player search as ``orgmap keyplayers --json`` prints it (``start``: how the
    first set was chosen, exactly or from sampled pivots; ``searched``: which actors the
    swaps were drawn from)."""
    return {
        "players": list(found.players),
        "goal": goal,
        "score": found.score,
        "baseline": found.baseline,
        "k": k,
        "m": m,
        "start": found.start,
        "searched": found.searched,
    }


def simulation_record(
    result: Any, files: Mapping[str, Any] | None = None, screens: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """One simulated ensemble as an entry of ``orgmap simulate --json``: its summary, the files
    written, the sensitivity analyses run (by method: morris, sobol) and the ensemble mean of each
    metric at the last step."""
    return {
        "name": result.scenario.name,
        "runs": result.runs,
        "seed": result.scenario.seed,
        "summary": result.summary_text(),
        "files": {k: str(v) for k, v in (files or {}).items()},
        "sensitivity": {m: sc.to_dict() for m, sc in screens.items()} if screens else None,
        "final": {m: float(result.band(m)[0][-1]) for m in FINAL_METRICS},
    }


def hypotheses_record(hypotheses: Sequence[Any], items: Sequence[Any]) -> dict[str, Any]:
    """The hypotheses and evidence items of a case as ``orgmap hypotheses list --json`` prints them."""
    return {"hypotheses": [vars(h) for h in hypotheses], "items": [vars(i) for i in items]}


def ach_record(result: Any, drops: Sequence[Any] | None = None, effect: Any = None) -> dict[str, Any]:
    """An ACH score as ``orgmap hypotheses score --json`` prints it: the ranking, each hypothesis
    and item, notes, and when asked the sensitivity (items dropped in turn) and structural effect."""
    return {
        "ranking": result.ranking,
        "hypotheses": [vars(h) for h in result.hypotheses],
        "items": [vars(i) for i in result.items],
        "notes": result.notes,
        "sensitivity": [vars(d) for d in drops] if drops is not None else None,
        "structural": vars(effect) if effect else None,
    }


def corroboration_record(c: Any) -> dict[str, Any]:
    """How many documents and independent sources state one relation (``orgmap corroboration --json``)."""
    return {**vars(c), "documents": c.documents, "independent": c.independent}


def grades_record(
    sources: Sequence[Any], informants: Sequence[Any], assertions: Sequence[Any] = ()
) -> dict[str, Any]:
    """The Admiralty grades of sources, informants (and assertions) as ``orgmap grade --json`` lists them."""
    return {
        "sources": [
            {
                "id": s.id,
                "key": s.key,
                "title": s.title,
                "author": s.author,
                "publisher": s.publisher,
                "reliability": s.reliability,
            }
            for s in sources
        ],
        "informants": [
            {"id": i.id, "key": i.key, "name": i.name, "kind": i.kind, "reliability": i.reliability}
            for i in informants
        ],
        "assertions": [
            {"id": a.id, "key": a.key, "grade": a.grade, "modality": a.modality} for a in assertions
        ],
    }
