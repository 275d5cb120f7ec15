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
from orgmap.model import Assertion, Entity, Evidence, Hypothesis, HypothesisItem, Informant, Source, stored_id
from orgmap.store import Store, StoreError

__all__ = ["CASES_DIR", "add_case_into", "load_case", "write_case"]

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"


def load_case(
    store: Store, case_dir: Path | str, *, replace: bool = True, discard_judgements: bool = False
) -> dict[str, Any]:
    """Read ``case_dir`` and store it as a case, replacing a case of the same name.

    A case that analysts have already judged (reviewed, merged, regraded) is replaced only
    with ``discard_judgements=True``: their work is never dropped silently.
    """
    summary = write_case(
        store, read_case(case_dir, store.schema), replace=replace, discard_judgements=discard_judgements
    )
    store.analyze()  # fresh planner statistics, or SQLite scans the whole case per query
    return summary


def _assertion(
    spec: dict[str, Any],
    subject: int,
    obj: int | None,
    predicate: str | None,
    docs: dict[str, int],
    informants: dict[str, int],
) -> Assertion:
    return Assertion(
        subject_id=subject,
        predicate=predicate,
        object_id=obj,
        evidence=[Evidence(docs[s.doc], s.start, s.end) for s in spec["evidence"]],
        attribution=spec["attribution"],
        informant_id=informants.get(spec["informant"]),
        modality=spec["modality"],
        valid_from=spec["valid_from"],
        valid_to=spec["valid_to"],
        valid_text=spec["valid_text"],
        valid_from_bound=spec.get("valid_from_bound", ""),
        valid_to_bound=spec.get("valid_to_bound", ""),
        reported_on=spec["reported_on"],
        reliability=spec["reliability"],
        credibility=spec["credibility"],
        status=spec["status"],
        origin=spec["origin"],
        note=spec["note"],
        key=spec["key"],
        score=spec["score"],
        qualifier=spec.get("qualifier"),
    )


_PAYLOAD_IDS = {
    "superseded_by": "assertion",
    "supersedes": "assertion",
    "replaced_by": "assertion",
    "into": "entity",
    "from": "entity",
    "entity": "entity",
}


def _restore_merges(store: Store, spec: CaseSpec, entities: dict[str, int]) -> None:
    """Merges in force (``merged_into``); a merge the log does not record gets a judgement saying so."""
    logged = {j["ref"] for j in spec.judgements if j["kind"] == "entity" and j["action"] == "merge"}
    for e in spec.entities:
        if e["merged_into"] is not None:
            store.restore_merge(entities[e["key"]], entities[e["merged_into"]])
            if e["key"] not in logged:
                store.judge(
                    "entity",
                    entities[e["key"]],
                    "merge",
                    who="case file",
                    why=f"merged_into in {spec.path}",
                    payload={"into": entities[e["merged_into"]]},
                )


def _judge_all(store: Store, spec: CaseSpec, ids: dict[str, dict[str, int]]) -> None:
    """The case file's judgement log, in order, with case-file ids turned back into store ids."""

    def source_id(value: Any) -> Any:  # a case-file source id -> its store id; anything else as it is
        return ids["source"].get(value, value) if isinstance(value, str) else value

    for j in spec.judgements:
        payload = dict(j["payload"])
        for key, kind in _PAYLOAD_IDS.items():
            if isinstance(payload.get(key), str) and payload[key] in ids[kind]:
                payload[key] = ids[kind][payload[key]]
        for key in ("evidence", "before", "after"):
            if isinstance(payload.get(key), list):
                payload[key] = [
                    {**s, "source": source_id(s.get("source"))} if isinstance(s, dict) else s
                    for s in payload[key]
                ]
        store.judge(
            j["kind"],
            ids[j["kind"]][j["ref"]],
            j["action"],
            who=j["who"],
            why=j["why"],
            payload=payload,
            at=j["at"],
        )


def _add_sources(store: Store, case_id: int, spec: CaseSpec) -> dict[str, int]:
    """Store every document of a case file; its key -> the new source id."""
    return {
        k: store.add_source(
            case_id,
            Source(
                text=s["text"],
                title=s["title"],
                author=s["author"],
                publisher=s["publisher"],
                published=s["published"],
                origin=s["origin"],
                kind=s["kind"],
                reliability=s["reliability"],
                key=k,
                metadata=_source_metadata(s),
            ),
        )
        for k, s in spec.sources.items()
    }


def _source_metadata(source: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if source["note"]:
        meta["note"] = source["note"]
    if source["cites"]:
        meta["cites"] = source["cites"]
    return meta


def write_case(
    store: Store, spec: CaseSpec, *, replace: bool = True, discard_judgements: bool = False
) -> dict[str, Any]:
    """Store a :class:`CaseSpec`; on any error the store is left as it was.

    >>> store = Store.open(":memory:")
    >>> spec = read_case(CASES_DIR / "qods-force", store.schema)
    >>> write_case(store, spec)["entities"] == len(spec.entities)
    True
    >>> write_case(store, spec, replace=False)
    Traceback (most recent call last):
    ...
    orgmap.store.engine.StoreError: case 'qods-force' is already in the store
    """
    with store.transaction():
        existing = store.case_id(spec.name, missing_ok=True)
        if existing is not None:
            if not replace:
                raise StoreError(f"case {spec.name!r} is already in the store")
            judged = store.judgement_count(existing)
            if judged and not discard_judgements:
                raise StoreError(
                    f"case {spec.name!r} in the store carries {judged} analyst judgement(s); reloading would "
                    "discard them - export it first, or pass --discard-judgements"
                )
            store.delete_case(spec.name)
        case = store.ensure_case(spec.name, spec.title, spec.description)
        docs = _add_sources(store, case, spec)
        informants = {
            k: store.add_informant(
                case, Informant(i["name"], i["kind"], i["reliability"], i["description"], k)
            )
            for k, i in spec.informants.items()
        }
        entities: dict[str, int] = {}
        entity_claims = []
        for e in spec.entities:
            entities[e["key"]] = store.add_entity(
                case, Entity(e["type"], e["name"], e["aliases"], e["attributes"], e["key"])
            )
            entity_claims += [
                (c, _assertion(c, entities[e["key"]], None, None, docs, informants)) for c in e["claims"]
            ]
        claims = entity_claims + [
            (r, _assertion(r, entities[r["source"]], entities[r["target"]], r["type"], docs, informants))
            for r in spec.relations
        ]
        ids = store.add_assertions(case, [a for _, a in claims])
        by_key = {c["key"]: i for (c, _), i in zip(claims, ids) if c["key"]}
        relation_ids = ids[len(entity_claims) :]
        store.link_successors(
            [(by_key[c["supersedes"]], i) for (c, _), i in zip(claims, ids) if c["supersedes"]]
        )
        _restore_merges(store, spec, entities)
        hyps = {}
        for h in spec.hypotheses:
            hyps[h["key"]] = store.add_hypothesis(
                case, Hypothesis(h["statement"], h["key"], h["description"], origin=h.get("origin", "source"))
            )
        item_ids: dict[str, int] = {}
        for item in spec.items:
            text = item["text"]
            if not text and item["evidence"]:
                src = spec.sources[item["doc"]]["text"]
                text = " … ".join(src[s.start : s.end] for s in item["evidence"])
            item_ids[item["key"]] = store.add_item(
                case,
                HypothesisItem(
                    text=text,
                    assertion_id=by_key.get(item["relation"]),
                    source_id=docs[item["doc"]],
                    informant_id=informants.get(item["informant"]),
                    credibility=item["credibility"],
                    relevance=item["relevance"],
                    ratings=item["ratings"],
                    key=item["key"],
                    evidence=[Evidence(docs[sp.doc], sp.start, sp.end) for sp in item["evidence"]],
                ),
            )
        for kind, name, text in spec.scenarios:
            store.keep_scenario(case, kind, name, text)
        _judge_all(
            store,
            spec,
            {
                "assertion": by_key,
                "entity": entities,
                "source": docs,
                "informant": informants,
                "hypothesis": hyps,
                "item": item_ids,
            },
        )
    return {
        "case": spec.name,
        "sources": len(docs),
        "informants": len(informants),
        "entities": len(entities),
        "relations": len(relation_ids),
        "hypotheses": len(spec.hypotheses),
        "items": len(spec.items),
        "scenarios": len(spec.scenarios),
    }


def _same_claim(a: Assertion, b: Assertion, canon: Any) -> bool:
    return (canon(a.subject_id), a.predicate, canon(a.object_id) if a.object_id else None) == (
        canon(b.subject_id),
        b.predicate,
        canon(b.object_id) if b.object_id else None,
    ) and sorted((e.source_id, e.start, e.end) for e in a.evidence) == sorted(
        (e.source_id, e.start, e.end) for e in b.evidence
    )


def add_case_into(
    store: Store, case_dir: Path | str, case: str, *, who: str, why: str = ""
) -> dict[str, Any]:
    """Add a case file's sources, entities and assertions to the existing case ``case``, as judgements.

    Nothing in ``case`` is replaced. Documents already there (same text) are reused;
    an entity is the case's entity of the same type and name or alias, else it is created;
    each assertion not already there (same ends, type and spans) is added with an ``add``
    judgement by ``who``. Hypotheses, evidence items and the file's own judgement log are
    not added (load the file as a case of its own for them). One transaction.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "case.yaml").write_text('''
    ... case: memo
    ... sources:
    ...   memo: {text: "Ali leads the Unit.", reliability: B}
    ... entities:
    ...   - {id: ali, type: person, name: Ali}
    ...   - {id: unit, type: organization, name: Unit}
    ... relations:
    ...   - {id: r1, source: ali, type: leads, target: unit, quotes: [Ali leads the Unit]}
    ... ''', encoding="utf-8")
    >>> store = Store.open(":memory:"); case = store.ensure_case("main")
    >>> add_case_into(store, folder, "main", who="ann")  # two entity assertions and the relation
    {'case': 'main', 'sources': 1, 'new_entities': 2, 'merges': 0, 'added': 3, 'already_there': 0, 'hypotheses_not_added': 0}
    >>> add_case_into(store, folder, "main", who="ann")["already_there"], {j.action for j in store.judgements("assertion")}
    (3, {'add'})
    """
    spec = read_case(case_dir, store.schema)
    why = why or f"added from {spec.path}"
    with store.transaction():
        case_id = store.case_id(case)
        docs = _add_sources(store, case_id, spec)
        known = {i.key: i.id for i in store.informants(case_id) if i.key}
        informants = {
            k: known.get(k)
            or store.add_informant(
                case_id, Informant(i["name"], i["kind"], i["reliability"], i["description"], k)
            )
            for k, i in spec.informants.items()
        }
        entities: dict[str, int] = {}
        created = 0
        for e in spec.entities:
            same = [
                x
                for name in (e["name"], *e["aliases"])
                for x in store.find_entities(case_id, name)
                if x.type == e["type"]
            ]
            if same:
                entities[e["key"]] = stored_id(same[0])
            else:
                entities[e["key"]] = store.add_entity(
                    case_id, Entity(e["type"], e["name"], e["aliases"], e["attributes"])
                )
                created += 1
        merges = 0
        for e in spec.entities:
            if e["merged_into"] is not None and store.canonical_id(entities[e["key"]]) != store.canonical_id(
                entities[e["merged_into"]]
            ):
                absorbed, into = (store.canonical_id(entities[e[k]]) for k in ("key", "merged_into"))
                store.merge(absorbed, into, who=who, why=f"{why}: merged there")
                merges += 1
        claims = [
            (c, _assertion(c, entities[e["key"]], None, None, docs, informants))
            for e in spec.entities
            for c in e["claims"]
        ]
        claims += [
            (r, _assertion(r, entities[r["source"]], entities[r["target"]], r["type"], docs, informants))
            for r in spec.relations
        ]
        existing = store.assertions(case_id)
        canon = store.canonical_id
        added: dict[str, int] = {}
        skipped = count = 0
        for c, a in claims:
            a.key = ""  # the case's own ids stay its own
            if any(_same_claim(a, b, canon) for b in existing):
                skipped += 1
                continue
            aid = store.add_assertion(case_id, a)
            store.judge(
                "assertion", aid, "add", who=who, why=why, payload={"file": spec.path, "id": c["key"]}
            )
            count += 1
            if c["key"]:
                added[c["key"]] = aid
        store.link_successors(
            [
                (added[c["supersedes"]], added[c["key"]])
                for c, _ in claims
                if c["supersedes"] in added and c["key"] in added
            ]
        )
    return {
        "case": case,
        "sources": len(docs),
        "new_entities": created,
        "merges": merges,
        "added": count,
        "already_there": skipped,
        "hypotheses_not_added": len(spec.hypotheses) + len(spec.items),
    }
