"""Write a checked case into the store, all in one transaction.

>>> from orgmap.store import Store, StoreError
>>> store = Store.open(":memory:")
>>> summary = load_case(store, CASES_DIR / "qods-force")
>>> summary["relations"] > 100
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgmap.casefile.parse import CaseSpec, read_case
from orgmap.model import Assertion, Entity, Evidence, Hypothesis, HypothesisItem, Informant, Source
from orgmap.store import Store, StoreError

__all__ = ["CASES_DIR", "load_case", "write_case"]

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"


def load_case(store: Store, case_dir: Path | str, *, replace: bool = True,
              discard_judgements: bool = False) -> dict[str, Any]:
    """Read ``case_dir`` and store it as a case, replacing a case of the same name.

    A case that analysts have already judged (reviewed, merged, regraded) is replaced only
    with ``discard_judgements=True``: their work is never dropped silently.
    """
    summary = write_case(store, read_case(case_dir, store.schema), replace=replace,
                         discard_judgements=discard_judgements)
    store.analyze()  # fresh planner statistics, or SQLite scans the whole case per query
    return summary


def _assertion(spec: dict[str, Any], subject: int, obj: int | None, predicate: str | None,
               docs: dict[str, int], informants: dict[str, int]) -> Assertion:
    return Assertion(
        subject_id=subject, predicate=predicate, object_id=obj,
        evidence=[Evidence(docs[s.doc], s.start, s.end) for s in spec["evidence"]],
        attribution=spec["attribution"], informant_id=informants.get(spec["informant"]),
        modality=spec["modality"], valid_from=spec["valid_from"], valid_to=spec["valid_to"],
        valid_text=spec["valid_text"], reported_on=spec["reported_on"], reliability=spec["reliability"],
        credibility=spec["credibility"], status=spec["status"], origin="curated", note=spec["note"],
        key=spec["key"])


def _source_metadata(source: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if source["note"]:
        meta["note"] = source["note"]
    if source["cites"]:
        meta["cites"] = source["cites"]
    return meta


def write_case(store: Store, spec: CaseSpec, *, replace: bool = True,
               discard_judgements: bool = False) -> dict[str, Any]:
    """Store a :class:`CaseSpec`; on any error the store is left as it was."""
    with store.transaction():
        existing = store.case_id(spec.name, missing_ok=True)
        if existing is not None:
            if not replace:
                raise StoreError(f"case {spec.name!r} is already in the store")
            judged = store.judgement_count(existing)
            if judged and not discard_judgements:
                raise StoreError(
                    f"case {spec.name!r} in the store carries {judged} analyst judgement(s); reloading would "
                    "discard them - export it first, or pass --discard-judgements")
            store.delete_case(spec.name)
        case = store.ensure_case(spec.name, spec.title, spec.description)
        docs = {k: store.add_source(case, Source(
            text=s["text"], title=s["title"], author=s["author"], publisher=s["publisher"],
            published=s["published"], origin=s["origin"], kind=s["kind"], reliability=s["reliability"],
            key=k, metadata=_source_metadata(s))) for k, s in spec.sources.items()}
        informants = {k: store.add_informant(case, Informant(
            i["name"], i["kind"], i["reliability"], i["description"], k)) for k, i in spec.informants.items()}
        entities: dict[str, int] = {}
        entity_claims = []
        for e in spec.entities:
            entities[e["key"]] = store.add_entity(case, Entity(e["type"], e["name"], e["aliases"],
                                                               e["attributes"], e["key"]))
            entity_claims.append(_assertion(e, entities[e["key"]], None, None, docs, informants))
        relation_ids = store.add_assertions(case, entity_claims + [
            _assertion(r, entities[r["source"]], entities[r["target"]], r["type"], docs, informants)
            for r in spec.relations])[len(entity_claims):]
        by_key = {r["key"]: i for r, i in zip(spec.relations, relation_ids)}
        for h in spec.hypotheses:
            store.add_hypothesis(case, Hypothesis(h["statement"], h["key"], h["description"]))
        for item in spec.items:
            text = item["text"]
            if not text and item["evidence"]:
                src = spec.sources[item["doc"]]["text"]
                text = " … ".join(src[s.start:s.end] for s in item["evidence"])
            store.add_item(case, HypothesisItem(
                text=text, assertion_id=by_key.get(item["relation"]), source_id=docs[item["doc"]],
                informant_id=informants.get(item["informant"]), credibility=item["credibility"],
                relevance=item["relevance"], ratings=item["ratings"], key=item["key"],
                evidence=[Evidence(docs[sp.doc], sp.start, sp.end) for sp in item["evidence"]]))
    return {"case": spec.name, "sources": len(docs), "informants": len(informants),
            "entities": len(entities), "relations": len(relation_ids), "hypotheses": len(spec.hypotheses),
            "items": len(spec.items)}
