"""Read and check a case directory (``case.yaml`` + its documents) before anything is stored.

A case file models what its documents state. Every entity and relation quotes its
evidence verbatim; :func:`read_case` resolves each quote to a character span and fails
with ``case.yaml:LINE: …`` when one is not in the text. The format is documented in
``docs/case-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from orgmap.casefile.spans import find_all_spans, find_span, parse_period
from orgmap.casefile.yamlines import CaseError, LineDict, load_with_lines
from orgmap.ingest.decode import read_text_file
from orgmap.schema import Schema, load_schema
from orgmap.store.writes_hypotheses import HYPOTHESIS_ORIGINS
from orgmap.validtime import parse_bound

__all__ = ["CASE_FILE", "CaseSpec", "SpanRef", "read_case"]

CASE_FILE = "case.yaml"
MAX_CASE_BYTES = 20 * 1024 * 1024


_CLAIM = {
    "quote",
    "quotes",
    "doc",
    "informant",
    "attribution",
    "modality",
    "from",
    "to",
    "reported",
    "reliability",
    "credibility",
    "status",
    "note",
    "when",
    "score",
    "origin",
    "supersedes",
}
_KEYS = {  # keys each kind of mapping accepts, by the label read_case gives it
    "source": {
        "file",
        "text",
        "title",
        "author",
        "publisher",
        "published",
        "origin",
        "kind",
        "reliability",
        "note",
        "cites",
    },
    "informant": {"name", "kind", "reliability", "description"},
    "defaults": {"doc", "informant", "modality", "credibility", "status"},
    "an entity": {"id", "type", "name", "aliases", "attributes", "merged_into", "claims"} | _CLAIM,
    "a claim": {"id"} | _CLAIM,
    "a relation": {"id", "source", "type", "target", "qualifier"} | _CLAIM,
    "a hypothesis": {"id", "statement", "description", "origin"},
    "an evidence item": {
        "id",
        "relation",
        "text",
        "quote",
        "quotes",
        "doc",
        "informant",
        "credibility",
        "relevance",
        "ratings",
    },
    "a judgement": {"target", "action", "who", "at", "why", "payload"},
}
_JUDGED = ("assertion", "entity", "source", "informant", "hypothesis", "item")


@dataclass
class SpanRef:
    doc: str
    start: int
    end: int


@dataclass
class CaseSpec:
    """A checked case: every reference resolved, every quote located."""

    name: str
    title: str
    description: str
    grading: str
    sources: dict[str, dict[str, Any]]
    informants: dict[str, dict[str, Any]]
    entities: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    hypotheses: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    judgements: list[dict[str, Any]] = field(default_factory=list)
    path: str = ""
    scenarios: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, name, YAML text)


class _Reader:
    def __init__(self, case_dir: Path, schema: Schema):
        self.dir, self.schema = case_dir, schema
        self.file = case_dir / CASE_FILE

    def fail(self, node: Any, problem: str) -> CaseError:
        return CaseError(self.file, getattr(node, "line", None), problem)

    def mapping(self, node: Any, key: str, parent: Any) -> LineDict:
        if not isinstance(node, dict):
            return self._raise(parent, f"{key} must be a mapping")
        allowed = next((keys for prefix, keys in _KEYS.items() if key.startswith(prefix)), None)
        unknown = sorted(str(k) for k in node if allowed is not None and k not in allowed)
        if unknown and allowed is not None:  # a typo ("form:" for "from:") is not dropped silently
            self._raise(node, f"unknown key {unknown[0]!r} in {key}; known: {', '.join(sorted(allowed))}")
        return node  # type: ignore[return-value]  # the YAML loader builds every mapping as a LineDict

    def _raise(self, node: Any, problem: str) -> NoReturn:
        raise self.fail(node, problem)

    def text(self, node: dict, key: str, *, required: bool = True, default: str = "") -> str:
        value = node.get(key)
        if value is None:
            if required:
                self._raise(node, f"missing {key!r}")
            return default
        if not isinstance(value, (str, int, float)):
            self._raise(node, f"{key!r} must be text")
        return str(value)

    def read(self) -> CaseSpec:
        if not self.file.is_file():
            raise CaseError(self.file, None, f"no {CASE_FILE} in {self.dir} (is this a case directory?)")
        if self.file.stat().st_size > MAX_CASE_BYTES:
            raise CaseError(self.file, None, "case file larger than 20 MB")
        raw = load_with_lines(read_text_file(self.file), self.file)
        if not isinstance(raw, dict):
            raise CaseError(self.file, None, "expected a mapping with case, sources, entities, relations")
        known = {
            "case",
            "title",
            "description",
            "grading",
            "defaults",
            "sources",
            "informants",
            "entities",
            "relations",
            "hypotheses",
            "evidence_items",
            "judgements",
        }
        for key in raw:
            if key not in known:
                self._raise(raw, f"unknown top-level key {key!r}; known: {', '.join(sorted(known))}")
        spec = CaseSpec(
            name=self.text(raw, "case"),
            title=self.text(raw, "title", required=False),
            description=self.text(raw, "description", required=False),
            grading=self.text(raw, "grading", required=False),
            sources={},
            informants={},
            path=str(self.file),
        )
        self.defaults = self.mapping(raw.get("defaults") or LineDict(), "defaults", raw)
        self.read_sources(raw, spec)
        self.read_informants(raw, spec)
        self.read_entities(raw, spec)
        self.read_relations(raw, spec)
        self.read_hypotheses(raw, spec)
        self.check_links(spec)
        self.read_judgements(raw, spec)
        return spec

    # -- sources and informants --------------------------------------------------
    def read_sources(self, raw: dict, spec: CaseSpec) -> None:
        sources = raw.get("sources")
        if not isinstance(sources, dict) or not sources:
            self._raise(raw, "'sources' must map source ids to documents")
        for key, node in sources.items():
            node = self.mapping(node, f"source {key!r}", sources)
            if "file" in node:
                path = (self.dir / self.text(node, "file")).resolve()
                if self.dir.resolve() not in path.parents:
                    self._raise(node, f"source file {node['file']!r} lies outside the case directory")
                if not path.is_file():
                    self._raise(node, f"source file {node['file']!r} not found in {self.dir}")
                text = read_text_file(path)
                origin = node.get("origin", str(Path(node["file"])))
            elif "text" in node:
                text, origin = self.text(node, "text"), node.get("origin", "case file")
            else:
                self._raise(node, f"source {key!r} needs 'file' or 'text'")
            reliability = self.grade(node, "reliability", "F")
            spec.sources[key] = dict(
                key=key,
                text=text,
                title=self.text(node, "title", required=False),
                author=self.text(node, "author", required=False),
                publisher=self.text(node, "publisher", required=False),
                published=self.text(node, "published", required=False),
                origin=str(origin),
                kind=self.text(node, "kind", required=False, default="document"),
                reliability=reliability,
                note=self.text(node, "note", required=False),
                line=node.line,
                cites=self.cites(node),
            )
        for key, src in spec.sources.items():
            for cited in src["cites"]:
                if cited not in spec.sources:
                    self._raise(sources[key], f"source {key!r} cites unknown source {cited!r}")

    def cites(self, node: dict) -> list[str]:
        """The ids of other sources this one cites or repeats (for corroboration)."""
        raw = node.get("cites") or []
        raw = [raw] if isinstance(raw, str) else raw
        if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
            self._raise(node, "'cites' must be a source id or a list of source ids")
        return list(raw)

    def grade(self, node: dict, key: str, default: str) -> str:
        value = str(node.get(key, default)).strip().upper()
        table = self.schema.reliability if key == "reliability" else self.schema.credibility
        if value not in table:
            self._raise(node, f"{key} {node.get(key)!r} is not one of {', '.join(table)}")
        return value

    def read_informants(self, raw: dict, spec: CaseSpec) -> None:
        for key, node in (raw.get("informants") or {}).items():
            node = self.mapping(node, f"informant {key!r}", raw)
            spec.informants[key] = dict(
                key=key,
                name=self.text(node, "name"),
                kind=self.text(node, "kind", required=False, default="unnamed"),
                reliability=self.grade(node, "reliability", "F"),
                description=self.text(node, "description", required=False),
            )

    # -- evidence ------------------------------------------------------------------
    def doc_of(self, node: dict, spec: CaseSpec) -> str:
        doc = str(node.get("doc", self.defaults.get("doc", next(iter(spec.sources)))))
        if doc not in spec.sources:
            self._raise(node, f"unknown doc {doc!r}; sources: {', '.join(spec.sources)}")
        return doc

    def quotes(self, node: dict, spec: CaseSpec, *, fallback: list[str] | None = None) -> list[SpanRef]:
        doc = self.doc_of(node, spec)
        text = spec.sources[doc]["text"]
        raw = node.get("quote", node.get("quotes"))
        quotes = [raw] if isinstance(raw, str) else list(raw or [])
        spans = []
        for q in quotes:
            qdoc, qtext = doc, q
            at = None
            if isinstance(q, dict):  # {doc: note, quote: "...", start: 120}: another source, one occurrence
                qdoc, qtext, at = str(q.get("doc", doc)), q.get("quote"), q.get("start")
                if qdoc not in spec.sources:
                    self._raise(node, f"unknown doc {qdoc!r}; sources: {', '.join(spec.sources)}")
                if at is not None and (not isinstance(at, int) or at < 0):
                    self._raise(node, f"quote start {at!r} must be a character offset (0 or more)")
            if not isinstance(qtext, str):
                self._raise(node, "a quote must be text, or a mapping with doc and quote")
            hit = find_span(spec.sources[qdoc]["text"], qtext, at or 0)
            if at is not None and hit is not None and hit[0] != at:
                self._raise(
                    node,
                    f"quote {qtext[:60]!r} does not start at offset {at} of {qdoc!r} "
                    f"(it occurs at {hit[0]}); fix or drop 'start'",
                )
            if hit is None:
                short = qtext if len(qtext) < 80 else qtext[:77] + "..."
                self._raise(node, f"quote not found in {qdoc!r}: {short!r}")
            spans.append(SpanRef(qdoc, *hit))
        if not spans and fallback:
            for name in fallback:
                hits = find_all_spans(text, name)
                if hits:
                    spans.append(SpanRef(doc, *hits[0]))
                    break
        if not spans:
            self._raise(node, f"no evidence: give a 'quote' that occurs in {doc!r}")
        return spans

    def period(self, node: dict, key: str) -> tuple[date | None, str, str]:
        """``(day, qualifier, as written)`` of a ``from``/``to`` bound (``"after 2020-01-03"``)."""
        value = node.get(key)
        if value in (None, ""):
            return None, "", ""
        try:
            day, qualifier = parse_bound(str(value), key)
        except ValueError as exc:
            return self._raise(node, f"{key}: {exc}")
        return day, qualifier, str(value)

    def _day(self, node: dict, key: str) -> date | None:
        """A plain date (the last day of a period), such as ``reported``: no "after" or "before"."""
        if node.get(key) in (None, ""):
            return None
        try:
            return parse_period(str(node.get(key)))[1]
        except ValueError as exc:
            return self._raise(node, f"{key}: {exc}")

    # -- entities and relations ------------------------------------------------------
    def read_entities(self, raw: dict, spec: CaseSpec) -> None:
        seen: set[str] = set()
        for node in raw.get("entities") or []:
            node = self.mapping(node, "an entity", raw)
            eid = self.text(node, "id")
            if eid in seen:
                self._raise(node, f"entity id {eid!r} used twice")
            seen.add(eid)
            etype = self.text(node, "type")
            if etype not in self.schema.entity_types:
                self._raise(
                    node, f"unknown entity type {etype!r}; known: {', '.join(self.schema.entity_types)}"
                )
            name = self.text(node, "name")
            raw_aliases = node.get("aliases") or []
            aliases = [str(a) for a in ([raw_aliases] if isinstance(raw_aliases, str) else raw_aliases)]
            claims = node.get("claims")
            if claims is not None and not isinstance(claims, list):
                self._raise(node, "'claims' must be a list of claims (quotes, modality, status, ...)")
            if claims is None:  # the entity node is its one claim
                claims = [
                    dict(
                        evidence=self.quotes(node, spec, fallback=[name, *aliases]),
                        key="",
                        **self.claim(node, spec),
                    )
                ]
            else:
                claims = [self.entity_claim(c, node, spec) for c in claims]
            merged = node.get("merged_into")
            spec.entities.append(
                dict(
                    key=eid,
                    type=etype,
                    name=name,
                    aliases=aliases,
                    attributes=dict(node.get("attributes") or {}),
                    claims=claims,
                    merged_into=None if merged is None else str(merged),
                    line=node.line,
                )
            )
        self.entity_ids = seen

    def entity_claim(self, raw: Any, entity: dict, spec: CaseSpec) -> dict[str, Any]:
        """One of ``claims:``: where and how a document states that the entity exists."""
        node = self.mapping(raw, "a claim", entity)
        return dict(
            key=self.text(node, "id", required=False),
            evidence=self.quotes(node, spec),
            line=node.line,
            **self.claim(node, spec),
        )

    def check_links(self, spec: CaseSpec) -> None:
        """``merged_into`` names an entity of the same type; ``supersedes`` a claim or relation id."""
        types = {e["key"]: e["type"] for e in spec.entities}
        for e in spec.entities:
            into = e["merged_into"]
            if into is not None and (into not in types or into == e["key"] or types[into] != e["type"]):
                raise CaseError(
                    self.file, e["line"], f"merged_into {into!r} is not another {e['type']} of this case"
                )
        claims = [c for e in spec.entities for c in e["claims"]] + spec.relations
        ids: set[str] = set()
        for c in claims:
            if c["key"] in ids:
                raise CaseError(self.file, c["line"], f"id {c['key']!r} is used by two claims or relations")
            if c["key"]:
                ids.add(c["key"])
        self.assertion_ids = ids
        for c in claims:
            if c["supersedes"] is not None and c["supersedes"] not in ids:
                raise CaseError(
                    self.file, c["line"], f"supersedes {c['supersedes']!r}: no claim or relation with that id"
                )

    def read_judgements(self, raw: dict, spec: CaseSpec) -> None:
        """The review history: ``{target: "assertion r12", action, who, at, why, payload}``, in order."""
        from datetime import datetime

        known = {
            "assertion": self.assertion_ids,
            "entity": self.entity_ids,
            "source": set(spec.sources),
            "informant": set(spec.informants),
            "hypothesis": {h["key"] for h in spec.hypotheses},
            "item": {i["key"] for i in spec.items},
        }
        for node in raw.get("judgements") or []:
            node = self.mapping(node, "a judgement", raw)
            kind, _, ref = self.text(node, "target").partition(" ")
            if kind not in _JUDGED:
                self._raise(
                    node, f"'target' must be one of {', '.join(_JUDGED)} and an id, e.g. 'assertion r12'"
                )
            if ref not in known[kind]:
                self._raise(node, f"judgement on unknown {kind} {ref!r}")
            at = self.text(node, "at", required=False)
            try:
                when = datetime.fromisoformat(at) if at else None
            except ValueError:
                when = self._raise(node, f"'at' {at!r} is not an ISO date and time")
            payload = node.get("payload") or {}
            if not isinstance(payload, dict):
                self._raise(node, "'payload' must be a mapping")
            spec.judgements.append(
                dict(
                    kind=kind,
                    ref=ref,
                    action=self.text(node, "action"),
                    who=self.text(node, "who"),
                    why=self.text(node, "why", required=False),
                    at=when,
                    payload=_plain(payload),
                    line=node.line,
                )
            )

    def claim(self, node: dict, spec: CaseSpec) -> dict[str, Any]:
        """Attribution, modality, time and grade of an entity or relation assertion."""
        d = self.defaults
        informant = node.get("informant", d.get("informant"))
        if informant is not None and informant not in spec.informants:
            self._raise(node, f"unknown informant {informant!r}; informants: {', '.join(spec.informants)}")
        modality = str(node.get("modality", d.get("modality", "asserted")))
        if modality not in self.schema.modalities:
            self._raise(node, f"unknown modality {modality!r}; known: {', '.join(self.schema.modalities)}")
        doc = self.doc_of(node, spec)
        rel_default = (
            spec.informants[informant]["reliability"] if informant else spec.sources[doc]["reliability"]
        )
        valid_from, from_bound, from_text = self.period(node, "from")
        valid_to, to_bound, to_text = self.period(node, "to")
        if valid_from and valid_to and valid_from > valid_to:
            self._raise(node, "'from' is after 'to'")
        status = str(node.get("status", d.get("status", "accepted")))
        if status not in self.schema.statuses:
            self._raise(node, f"unknown status {status!r}")
        score = node.get("score")
        if score is not None and not isinstance(score, (int, float)):
            self._raise(node, f"score {score!r} must be a number")
        origin = self.text(node, "origin", required=False, default="curated")
        supersedes = node.get("supersedes")
        return dict(
            score=score,
            origin=origin,
            supersedes=None if supersedes is None else str(supersedes),
            informant=informant,
            modality=modality,
            attribution=self.text(
                node,
                "attribution",
                required=False,
                default=spec.informants[informant]["name"] if informant else "",
            ),
            valid_from=valid_from,
            valid_to=valid_to,
            valid_from_bound=from_bound,
            valid_to_bound=to_bound,
            valid_text=self.text(
                node, "when", required=False, default="/".join(x for x in (from_text, to_text) if x)
            ),
            reported_on=self._day(node, "reported"),
            reliability=self.grade(node, "reliability", rel_default),
            credibility=self.grade(node, "credibility", str(d.get("credibility", "6"))),
            status=status,
            note=self.text(node, "note", required=False),
        )

    def read_relations(self, raw: dict, spec: CaseSpec) -> None:
        seen: set[str] = set()
        for node in raw.get("relations") or []:
            node = self.mapping(node, "a relation", raw)
            rid = self.text(node, "id", required=False, default=f"line{node.line}")
            if rid in seen:
                self._raise(node, f"relation id {rid!r} used twice")
            seen.add(rid)
            rtype = self.text(node, "type")
            if rtype not in self.schema.relation_types:
                self._raise(
                    node, f"unknown relation type {rtype!r}; known: {', '.join(self.schema.relation_types)}"
                )
            ends = []
            for end in ("source", "target"):
                ref = self.text(node, end)
                if ref not in self.entity_ids:
                    self._raise(node, f"{end} {ref!r} is not an entity id of this case")
                ends.append(ref)
            try:
                qualifier = self.schema.check_qualifier(rtype, self.text(node, "qualifier", required=False))
            except ValueError as exc:
                qualifier = self._raise(node, f"qualifier: {exc}")
            spec.relations.append(
                dict(
                    key=rid,
                    type=rtype,
                    qualifier=qualifier,
                    source=ends[0],
                    target=ends[1],
                    evidence=self.quotes(node, spec),
                    line=node.line,
                    **self.claim(node, spec),
                )
            )
        self.relation_ids = seen

    def read_hypotheses(self, raw: dict, spec: CaseSpec) -> None:
        hkeys: set[str] = set()
        for node in raw.get("hypotheses") or []:
            node = self.mapping(node, "a hypothesis", raw)
            key = self.text(node, "id")
            if key in hkeys:
                self._raise(node, f"hypothesis id {key!r} used twice")
            hkeys.add(key)
            origin = self.text(node, "origin", required=False, default="source")
            if origin not in HYPOTHESIS_ORIGINS:
                self._raise(
                    node,
                    f"hypothesis {key!r}: origin {origin!r} is not one of {', '.join(HYPOTHESIS_ORIGINS)}",
                )
            spec.hypotheses.append(
                dict(
                    key=key,
                    statement=self.text(node, "statement"),
                    description=self.text(node, "description", required=False),
                    origin=origin,
                )
            )
        ikeys: set[str] = set()
        for node in raw.get("evidence_items") or []:
            node = self.mapping(node, "an evidence item", raw)
            key = self.text(node, "id")
            if key in ikeys:
                self._raise(node, f"evidence item id {key!r} used twice")
            ikeys.add(key)
            relation = node.get("relation")
            if relation is not None and relation not in self.relation_ids:
                self._raise(node, f"evidence item {key!r} names unknown relation {relation!r}")
            if relation is None and "text" not in node:
                self._raise(node, f"evidence item {key!r} needs 'relation' or 'text'")
            evidence = self.quotes(node, spec) if ("quote" in node or "quotes" in node) else []
            informant = node.get("informant")
            if informant is not None and informant not in spec.informants:
                self._raise(node, f"unknown informant {informant!r}")
            ratings = dict(node.get("ratings") or {})
            for hkey, rating in ratings.items():
                if hkey not in hkeys:
                    self._raise(node, f"item {key!r} is rated against unknown hypothesis {hkey!r}")
                if str(rating).upper() not in ("CC", "C", "N", "I", "II", "NA"):
                    self._raise(node, f"rating {rating!r} is not one of CC, C, N, I, II, NA")
            spec.items.append(
                dict(
                    key=key,
                    relation=relation,
                    text=self.text(node, "text", required=False),
                    evidence=evidence,
                    informant=informant,
                    doc=self.doc_of(node, spec),
                    credibility=self.grade(node, "credibility", "6"),
                    relevance=self.text(node, "relevance", required=False, default="medium"),
                    ratings={k: str(v).upper() for k, v in ratings.items()},
                    line=node.line,
                )
            )


def _plain(value: Any) -> Any:
    """YAML's line-remembering containers as plain dicts and lists (for JSON payloads)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def read_case(case_dir: Path | str, schema: Schema | None = None) -> CaseSpec:
    """Parse and check ``case_dir/case.yaml``; raises :class:`CaseError` naming file and line.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "case.yaml").write_text('''
    ... case: demo
    ... sources:
    ...   memo: {text: "Ali leads the Unit.", reliability: B}
    ... entities:
    ...   - {id: ali, type: person, name: Ali}
    ...   - {id: unit, type: organization, name: Unit}
    ... relations:
    ...   - {id: r1, source: ali, type: leads, target: unit, quotes: [Ali leads the Unit]}
    ... ''', encoding="utf-8")
    >>> [(e["key"], e["type"]) for e in read_case(folder).entities]
    [('ali', 'person'), ('unit', 'organization')]
    >>> text = (folder / "case.yaml").read_text(encoding="utf-8")
    >>> _ = (folder / "case.yaml").write_text(text.replace("[Ali leads the Unit]", "[Ali runs it]"))
    >>> read_case(folder)
    Traceback (most recent call last):
    ...
    orgmap.casefile.yamlines.CaseError: .../case.yaml:9: quote not found in 'memo': 'Ali runs it'
    """
    path = Path(case_dir)
    if path.is_file() and path.name == CASE_FILE:
        path = path.parent
    if not path.exists():
        raise CaseError(path, None, "no such case directory")
    spec = _Reader(path, schema or load_schema()).read()
    spec.scenarios = case_scenarios(path)
    return spec


SCENARIO_FOLDERS = {"whatif": "whatif", "simulate": "scenarios"}
"""Scenario kind -> the case folder's subfolder that holds its YAML files."""


def case_scenarios(case_dir: Path) -> list[tuple[str, str, str]]:
    """``(kind, name, text)`` of the what-if and simulation scenarios beside a case file.

    Kept with the case when it is loaded, so the briefing of any case runs them; they are
    checked when they run (a broken one is named in the briefing, the load goes on).
    """
    found = []
    for kind, folder in SCENARIO_FOLDERS.items():
        where = case_dir / folder
        if where.is_dir():
            for p in sorted(where.glob("*.yaml")):
                found.append((kind, p.stem, read_text_file(p)))
    return found
