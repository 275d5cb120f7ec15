"""Write a store's case as an editable case file that ``orgmap load`` reads back without loss.

Everything is kept: every assertion (superseded and rejected ones too) with its exact
spans (``{doc, quote, start}``), grade, modality, valid time as given, status, score and
origin; merges (``merged_into``); hypotheses and rated items; and the judgement log
(``judgements:``, with who, when and why). See docs/case-format.md.

>>> from orgmap.store import Store
>>> from orgmap.casefile import CASES_DIR, load_case
>>> store = Store.open(":memory:")
>>> _ = load_case(store, CASES_DIR / "qods-force")
>>> doc, files = case_document(store, store.case_id("qods-force"))
>>> first = doc["relations"][0]["quotes"][0]
>>> doc["case"], len(files) == len(doc["sources"]), sorted(first)
('qods-force', True, ['doc', 'quote', 'start'])
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from orgmap.casefile.parse import CASE_FILE
from orgmap.model import Assertion, Evidence

__all__ = ["case_document", "case_yaml", "write_case_dir"]

# judgement payload keys that hold ids of the store, and what they name
_PAYLOAD_IDS = {
    "superseded_by": "assertion",
    "supersedes": "assertion",
    "replaced_by": "assertion",
    "into": "entity",
    "from": "entity",
    "entity": "entity",
}
_PAYLOAD_SPANS = ("evidence", "before", "after")


class _Keys:
    """Case-file ids for store rows: their own key, else a prefix and the row id; never two alike."""

    def __init__(self) -> None:
        self.by_row: dict[tuple[str, int], str] = {}
        self.used: set[tuple[str, str]] = set()

    def add(self, kind: str, row_id: int, key: str, prefix: str) -> str:
        name = key or f"{prefix}{row_id}"
        while (kind, name) in self.used:
            name = f"{name}-{row_id}"
        self.used.add((kind, name))
        self.by_row[(kind, row_id)] = name
        return name

    def get(self, kind: str, row_id: Any) -> Any:
        return self.by_row.get((kind, row_id), row_id) if isinstance(row_id, int) else row_id


def _file_name(key: str) -> str:
    return re.sub(r"[^\w.-]+", "_", key).strip("._") + ".txt"


def _quotes(spans: list[Evidence], keys: _Keys) -> list[dict[str, Any]]:
    return [{"doc": keys.get("source", e.source_id), "quote": e.quote, "start": e.start} for e in spans]


def _claim(a: Assertion, keys: _Keys, informants: dict[int, Any]) -> dict[str, Any]:
    from orgmap.resolve.edits import period_of

    out: dict[str, Any] = {"quotes": _quotes(a.evidence, keys)}
    if a.informant_id is not None:
        out["informant"] = keys.get("informant", a.informant_id)
    if a.attribution or a.informant_id is not None:
        out["attribution"] = a.attribution
    if a.modality != "asserted":
        out["modality"] = a.modality
    start, end = period_of(a)
    if start:
        out["from"] = start
    if end:
        out["to"] = end
    if a.valid_text and a.valid_text != "/".join(x for x in (start, end) if x):
        out["when"] = a.valid_text
    if a.reported_on:
        out["reported"] = a.reported_on.isoformat()
    out.update(reliability=a.reliability, credibility=a.credibility, status=a.status)
    if a.note:
        out["note"] = a.note
    if a.score is not None:
        out["score"] = a.score
    if a.origin != "curated":
        out["origin"] = a.origin
    if a.supersedes is not None:
        out["supersedes"] = keys.get("assertion", a.supersedes)
    return out


def _payload(payload: dict[str, Any], keys: _Keys) -> dict[str, Any]:
    out = dict(payload)
    for k, kind in _PAYLOAD_IDS.items():
        if k in out:
            out[k] = keys.get(kind, out[k])
    for k in _PAYLOAD_SPANS:
        if isinstance(out.get(k), list):
            out[k] = [
                {**s, "source": keys.get("source", s.get("source"))} if isinstance(s, dict) else s
                for s in out[k]
            ]
    return out


def case_document(store: Any, case_id: int) -> tuple[dict[str, Any], dict[str, str]]:
    """(the case file as a mapping, {document file name: text}) for one case of the store."""
    keys = _Keys()
    case = store.find_case(case_id)
    doc: dict[str, Any] = {"case": case.name}
    if case.title:
        doc["title"] = case.title
    if case.description:
        doc["description"] = case.description
    files: dict[str, str] = {}
    doc["sources"] = {}
    for s in store.sources(case_id):
        key = keys.add("source", s.id, s.key, "s")
        name = _file_name(key)
        while name in files:
            name = f"{s.id}-{name}"
        files[name] = s.text
        node: dict[str, Any] = {"file": name}
        for field in ("title", "author", "publisher", "published", "origin", "kind", "reliability"):
            node[field] = getattr(s, field)
        for field in ("note", "cites"):
            if s.metadata.get(field):
                node[field] = s.metadata[field]
        doc["sources"][key] = node
    informants = {i.id: i for i in store.informants(case_id)}
    if informants:
        doc["informants"] = {
            keys.add("informant", i.id, i.key, "i"): {
                "name": i.name,
                "kind": i.kind,
                "reliability": i.reliability,
                "description": i.description,
            }
            for i in informants.values()
        }
    entities = store.entities(case_id, include_merged=True)
    for e in entities:
        keys.add("entity", e.id, e.key, "e")
    assertions = store.assertions(case_id)
    for a in assertions:
        keys.add("assertion", a.id, a.key, "c" if a.predicate is None else "r")
    claims: dict[int, list[Assertion]] = {}
    for a in assertions:
        if a.predicate is None:
            claims.setdefault(a.subject_id, []).append(a)
    doc["entities"] = []
    for e in entities:
        node = {"id": keys.get("entity", e.id), "type": e.type, "name": e.name}
        if e.aliases:
            node["aliases"] = list(e.aliases)
        if e.attributes:
            node["attributes"] = dict(e.attributes)
        if e.merged_into is not None:
            node["merged_into"] = keys.get("entity", e.merged_into)
        node["claims"] = [
            {"id": keys.get("assertion", a.id), **_claim(a, keys, informants)} for a in claims.get(e.id, [])
        ]
        doc["entities"].append(node)
    doc["relations"] = [
        {
            "id": keys.get("assertion", a.id),
            "source": keys.get("entity", a.subject_id),
            "type": a.predicate,
            **({"qualifier": a.qualifier} if a.qualifier else {}),
            "target": keys.get("entity", a.object_id),
            **_claim(a, keys, informants),
        }
        for a in assertions
        if a.predicate is not None
    ]
    hypotheses = store.hypotheses(case_id)
    if hypotheses:
        doc["hypotheses"] = [
            {"id": keys.add("hypothesis", h.id, h.key, "h"), "statement": h.statement} for h in hypotheses
        ]
        for node, h in zip(doc["hypotheses"], hypotheses):
            if h.description:
                node["description"] = h.description
            if h.origin != "source":
                node["origin"] = h.origin
    items = store.items(case_id)
    if items:
        doc["evidence_items"] = []
        for it in items:
            keys.add("item", it.id, it.key, "x")
            node = {"id": keys.get("item", it.id)}
            if it.assertion_id is not None:
                node["relation"] = keys.get("assertion", it.assertion_id)
            if it.text and it.assertion_id is None:
                node["text"] = it.text
            if it.evidence:
                node["quotes"] = _quotes(it.evidence, keys)
            if it.source_id is not None:
                node["doc"] = keys.get("source", it.source_id)
            if it.informant_id is not None:
                node["informant"] = keys.get("informant", it.informant_id)
            node.update(credibility=it.credibility, relevance=it.relevance, ratings=dict(it.ratings))
            doc["evidence_items"].append(node)
    kinds = {"assertion", "entity", "source", "informant", "hypothesis", "item"}
    log = [
        j
        for j in store.judgements()
        if j.target_kind in kinds and (j.target_kind, j.target_id) in keys.by_row
    ]
    if log:
        doc["judgements"] = [
            {
                "target": f"{j.target_kind} {keys.get(j.target_kind, j.target_id)}",
                "action": j.action,
                "who": j.who,
                "at": j.at.isoformat() if j.at else "",
                "why": j.why,
                **({"payload": _payload(j.payload, keys)} if j.payload else {}),
            }
            for j in log
        ]
    return doc, files


def case_yaml(doc: dict[str, Any]) -> str:
    """The case mapping as YAML, keys in the order given, text as written (deterministic).

    >>> print(case_yaml({"case": "demo", "title": "Qods Force – Qaani"}), end="")
    case: demo
    title: Qods Force – Qaani
    """
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def write_case_dir(store: Any, case_id: int, out: Path | str) -> Path:
    """Write ``out/case.yaml``, one file per document and the scenarios kept with the case
    (``whatif/``, ``scenarios/``, as ``orgmap load`` reads them back); returns the case file's path.

    >>> import tempfile
    >>> from orgmap.casefile import read_case
    >>> from orgmap.model import Entity, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> _ = store.add_source(case, Source(text="Ali leads the Unit.", key="memo"))
    >>> _ = store.add_entity(case, Entity("person", "Ali"))
    >>> path = write_case_dir(store, case, tempfile.mkdtemp())
    >>> sorted(p.name for p in path.parent.iterdir()), read_case(path.parent).entities[0]["name"]
    (['case.yaml', 'memo.txt'], 'Ali')
    """
    from orgmap.casefile.parse import SCENARIO_FOLDERS

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    doc, files = case_document(store, case_id)
    for name, text in files.items():
        (out / name).write_bytes(text.encode("utf-8"))
    for kind, folder in SCENARIO_FOLDERS.items():
        for name, text in store.kept_scenarios(case_id, kind):
            (out / folder).mkdir(exist_ok=True)
            (out / folder / f"{_file_name(name)[: -len('.txt')]}.yaml").write_bytes(text.encode("utf-8"))
    path = out / CASE_FILE
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(case_yaml(doc), encoding="utf-8")
    tmp.replace(path)
    return path
