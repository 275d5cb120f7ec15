"""Score a predicted model against a gold file, by the rules of docs/gold-format.md.

Both inputs are gold-format dicts (``entities`` with id, name, type, aliases;
``relations`` with source, type, target, modality). Everything here is a pure function
of its inputs: same dicts, same score, whatever the order of entities or relations.

Rules, in brief:

- Entities match when their types agree and any predicted name or alias equals any gold
  name or alias after :func:`orgmap.names.normalize_name`. Each gold entity matches at
  most one prediction and vice versa: a maximum bipartite matching, ties broken in
  favour of equal primary names, then by sorted names and ids (never by input order).
- Two ``event`` entities also match when one's normalised name (or alias) contains the
  other's as whole words ("october 7 attack" in "october 7 attack on israel", not "attack"
  in "attacks"), or when both carry the same full date (YYYY-MM-DD). An exact name match
  is preferred over containment or date when both are possible.
- A relation is the triple (source, type, target); a symmetric type (per the schema)
  is the same relation either way round. Listing one relation several times counts it
  once, in gold and in predictions (a relation wrongly predicted twice is one error).
- Strict: a prediction matches when both endpoints are matched to the gold relation's
  endpoints and the types are equal. Lenient: same two entities, any type, either way.
- Modality: accuracy over strictly matched relations whose gold states a modality. When
  a relation is predicted several times, the predictions whose ``evidence`` overlaps the
  gold evidence (one contains the other, ignoring case, spacing and quote styles) decide;
  without such overlap, all of them. Among those the most frequent modality counts (ties:
  the first in the schema's modality order).
- Attribution, the same way, over matched relations whose gold states one; compared
  after :func:`~orgmap.names.normalize_name`. Date: over matched entities whose gold
  states a ``date``; the predicted ``date`` (or ``attributes.date``) must equal it or
  refine it ("2023-12-05" for "2023-12").
- Empty sets: precision is 1.0 when nothing is predicted, recall 1.0 when gold is empty.

>>> gold = {"entities": [{"id": "q", "name": "Esmail Qaani", "type": "person", "aliases": ["Qaani"]},
...                      {"id": "f", "name": "Qods Force", "type": "organization"}],
...         "relations": [{"source": "q", "type": "leads", "target": "f", "modality": "asserted"}]}
>>> pred = {"entities": [{"id": "1", "name": "Qaani", "type": "person"},
...                      {"id": "2", "name": "the Qods Force", "type": "organization"}],
...         "relations": [{"source": "1", "type": "leads", "target": "2", "modality": "asserted"}]}
>>> s = score_document(gold, pred)
>>> s.entities.f1, s.strict.recall, s.modality.accuracy
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from orgmap.names import normalize_name
from orgmap.schema import Schema, load_schema

__all__ = ["Accuracy", "DocumentScore", "Score", "match_entities", "micro_average", "score_document"]


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Accuracy:
    """``correct`` of ``total``; ``accuracy`` is None when nothing was scored."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.accuracy, "correct": self.correct, "total": self.total}


@dataclass
class DocumentScore:
    """All figures for one gold file (or, from :func:`micro_average`, for several)."""

    document: str = ""
    entities: Score = field(default_factory=Score)
    strict: Score = field(default_factory=Score)
    lenient: Score = field(default_factory=Score)
    modality: Accuracy = field(default_factory=Accuracy)
    attribution: Accuracy = field(default_factory=Accuracy)
    dates: Accuracy = field(default_factory=Accuracy)
    by_type: dict[str, Score] = field(default_factory=dict)
    entity_matches: dict[str, str] = field(default_factory=dict)  # gold id -> predicted id
    missed_entities: list[str] = field(default_factory=list)  # gold ids
    missed_relations: list[tuple[str, str, str]] = field(default_factory=list)  # gold (source, type, target)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "entities": self.entities.to_dict(),
            "relations_strict": self.strict.to_dict(),
            "relations_lenient": self.lenient.to_dict(),
            "modality": self.modality.to_dict(),
            "attribution": self.attribution.to_dict(),
            "dates": self.dates.to_dict(),
            "by_type": {t: s.to_dict() for t, s in sorted(self.by_type.items())},
            "missed_entities": list(self.missed_entities),
            "missed_relations": [list(r) for r in self.missed_relations],
        }


# -- input checking ---------------------------------------------------------------------


def _entities(doc: Mapping[str, Any], side: str) -> dict[str, dict[str, Any]]:
    if not isinstance(doc, Mapping):
        raise ValueError(f"{side}: expected a gold-format mapping with 'entities' and 'relations'")
    out: dict[str, dict[str, Any]] = {}
    for i, e in enumerate(doc.get("entities") or []):
        if not isinstance(e, Mapping) or "name" not in e or "type" not in e:
            raise ValueError(f"{side} entity #{i + 1}: needs 'name' and 'type'")
        eid = str(e.get("id", i))
        if eid in out:
            raise ValueError(f"{side} entity #{i + 1}: id {eid!r} used twice")
        names = {normalize_name(str(n)) for n in [e["name"], *(e.get("aliases") or [])]} - {""}
        when = e.get("date") or (e.get("attributes") or {}).get("date")
        out[eid] = {
            "id": eid,
            "type": str(e["type"]),
            "name": normalize_name(str(e["name"])),
            "names": names,
            "date": str(when) if when else None,
        }
    return out


def _relations(doc: Mapping[str, Any], side: str, ents: Mapping[str, Any], schema: Schema):
    """{relation key: [claim]} with symmetric keys in sorted endpoint order.

    A claim is {"modality", "attribution", "evidence"}, the last two normalised."""
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for i, r in enumerate(doc.get("relations") or []):
        if not isinstance(r, Mapping) or not {"source", "type", "target"} <= set(r):
            raise ValueError(f"{side} relation #{i + 1}: needs 'source', 'type' and 'target'")
        s, t, rtype = str(r["source"]), str(r["target"]), str(r["type"])
        for end in (s, t):
            if end not in ents:
                raise ValueError(f"{side} relation #{i + 1}: {end!r} is not an entity id of the file")
        if rtype not in schema.relation_types:
            raise ValueError(f"{side} relation #{i + 1}: unknown relation type {rtype!r}")
        if schema.relation_types[rtype].symmetric and t < s:
            s, t = t, s
        out.setdefault((s, rtype, t), []).append(
            {
                "modality": r.get("modality") or None,
                "evidence": _clean(r.get("evidence")),
                "attribution": normalize_name(str(r["attribution"])) if r.get("attribution") else None,
            }
        )
    return out


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def _clean(evidence: Any) -> str:
    return " ".join(str(evidence or "").translate(_TYPOGRAPHY).casefold().split())


# -- matching ---------------------------------------------------------------------------


def match_entities(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> dict[str, str]:
    """Gold id -> predicted id for a maximum one-to-one matching of the two entity lists.

    >>> match_entities({"entities": [{"id": "g", "name": "Badr Organization", "type": "organization"}]},
    ...                {"entities": [{"id": "p", "name": "the Badr Organization’s", "type": "organization"}]})
    {'g': 'p'}
    """
    return _match(_entities(gold, "gold"), _entities(predicted, "predicted"))


_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _bonus(g: dict, p: dict) -> int:
    """Tie-break among equally large matchings: equal primary names, then any equal names."""
    if g["name"] == p["name"]:
        return 3
    if g["name"] in p["names"] or p["name"] in g["names"]:
        return 2
    return 1 if g["names"] & p["names"] else 0


def _contains_words(a: str, b: str) -> bool:
    """True when one of two normalised names holds the other as whole words.

    >>> _contains_words("october 7 attack", "attack"), _contains_words("attacks on haifa", "attack")
    (True, False)
    """
    return f" {b} " in f" {a} " or f" {a} " in f" {b} "


def _events_match(g: dict, p: dict) -> bool:
    """The event rule of the gold format: whole-word containment or the same full date."""
    if g["date"] and p["date"] and _FULL_DATE.fullmatch(g["date"]) and g["date"] == p["date"]:
        return True
    return any(_contains_words(a, b) for a in g["names"] for b in p["names"])


def _components(pairs: set[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split candidate (gold, predicted) pairs into connected groups (matched independently)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        parent[root(("g", i))] = root(("p", j))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in sorted(pairs):
        groups.setdefault(root(("g", i)), []).append((i, j))
    return list(groups.values())


def _match(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, str]:
    def order(e: dict) -> tuple:
        return (e["name"], sorted(e["names"]), e["id"])

    result: dict[str, str] = {}
    for etype in sorted({e["type"] for e in gold.values()}):
        gs = sorted((e for e in gold.values() if e["type"] == etype), key=order)
        ps = sorted((e for e in pred.values() if e["type"] == etype), key=order)
        by_name: dict[str, list[int]] = {}
        for j, p in enumerate(ps):
            for name in p["names"]:
                by_name.setdefault(name, []).append(j)
        pairs = {(i, j) for i, g in enumerate(gs) for name in g["names"] for j in by_name.get(name, ())}
        if etype == "event":
            pairs |= {(i, j) for i, g in enumerate(gs) for j, p in enumerate(ps) if _events_match(g, p)}
        for group in _components(pairs):
            rows = sorted({i for i, _ in group})
            cols = sorted({j for _, j in group})
            at_row, at_col = {i: r for r, i in enumerate(rows)}, {j: c for c, j in enumerate(cols)}
            weight = np.zeros((len(rows), len(cols)))
            big = 3 * min(len(rows), len(cols)) + 1  # one more match always beats any name bonus
            for i, j in group:
                weight[at_row[i], at_col[j]] = big + _bonus(gs[i], ps[j])
            for r, c in zip(*linear_sum_assignment(weight, maximize=True)):
                if weight[r, c] > 0:
                    result[gs[rows[r]]["id"]] = ps[cols[c]]["id"]
    return result


def _representative(
    claims: list[dict[str, Any]],
    field: str,
    gold_evidence: Iterable[str] = (),
    rank: Mapping[str, int] | None = None,
) -> str | None:
    """The value of ``field`` that stands for several statements of one relation (module rules)."""
    wanted = [g for g in gold_evidence if g]
    close = [
        c for c in claims if c["evidence"] and any(c["evidence"] in g or g in c["evidence"] for g in wanted)
    ]
    counts = Counter(c[field] for c in (close or claims) if c[field])
    if not counts:
        return None
    rank = rank or {}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), v))


def score_document(
    gold: Mapping[str, Any], predicted: Mapping[str, Any], schema: Schema | None = None
) -> DocumentScore:
    """Score ``predicted`` against ``gold`` (both gold-format dicts); see the module rules.

    >>> gold = {"entities": [{"id": "a", "name": "Ali", "type": "person"}, {"id": "b", "name": "Bob", "type": "person"},
    ...                       {"id": "u", "name": "Unit", "type": "organization"}],
    ...         "relations": [{"source": "a", "type": "leads", "target": "u", "evidence": "Ali leads the Unit"},
    ...                       {"source": "b", "type": "member_of", "target": "u", "evidence": "Bob is in the Unit"}]}
    >>> found = {"entities": [{"id": "p1", "name": "Ali", "type": "person"},
    ...                       {"id": "p2", "name": "the Unit", "type": "organization"}],
    ...          "relations": [{"source": "p1", "type": "leads", "target": "p2", "evidence": "Ali leads the Unit"}]}
    >>> s = score_document(gold, found)  # one of two relations found, nothing wrong
    >>> s.strict, s.strict.precision, s.strict.recall, s.missed_relations
    (Score(tp=1, fp=0, fn=1), 1.0, 0.5, [('b', 'member_of', 'u')])
    """
    schema = schema or load_schema()
    g_ents, p_ents = _entities(gold, "gold"), _entities(predicted, "predicted")
    g_rels = _relations(gold, "gold", g_ents, schema)
    p_rels = _relations(predicted, "predicted", p_ents, schema)
    matches = _match(g_ents, p_ents)
    to_gold = {p: g for g, p in matches.items()}

    def in_gold_terms(key: tuple[str, str, str]) -> tuple[str, str, str] | None:
        s, rtype, t = key
        if s not in to_gold or t not in to_gold:
            return None
        s, t = to_gold[s], to_gold[t]
        if schema.relation_types[rtype].symmetric and t < s:
            s, t = t, s
        return (s, rtype, t)

    strict, by_type = Score(), dict[str, Score]()
    accuracy = {"modality": Accuracy(), "attribution": Accuracy()}
    rank = {"modality": {m: i for i, m in enumerate(schema.modalities)}, "attribution": {}}
    found: set[tuple[str, str, str]] = set()
    for key, claims in p_rels.items():
        hit = in_gold_terms(key)
        per_type = by_type.setdefault(key[1], Score())
        if hit is not None and hit in g_rels:
            found.add(hit)
            strict.tp += 1
            per_type.tp += 1
            evidence = [c["evidence"] for c in g_rels[hit]]
            for name, acc in accuracy.items():
                wanted = _representative(g_rels[hit], name, rank=rank[name])
                if wanted is not None:
                    acc.total += 1
                    acc.correct += _representative(claims, name, evidence, rank[name]) == wanted
        else:
            strict.fp += 1
            per_type.fp += 1
    missed = sorted(k for k in g_rels if k not in found)
    strict.fn = len(missed)
    for key in missed:
        by_type.setdefault(key[1], Score()).fn += 1

    g_pairs = {frozenset((s, t)) for s, _, t in g_rels}
    p_pairs = {frozenset((s, t)) for s, _, t in p_rels}
    lenient_hits = {
        frozenset(to_gold[e] for e in pair) for pair in p_pairs if all(e in to_gold for e in pair)
    }
    lenient_tp = len(lenient_hits & g_pairs)
    lenient = Score(lenient_tp, len(p_pairs) - lenient_tp, len(g_pairs) - lenient_tp)

    dates = Accuracy()
    for g, p in matches.items():
        if g_ents[g]["date"]:
            dates.total += 1
            got, want = p_ents[p]["date"] or "", g_ents[g]["date"]
            dates.correct += got == want or got.startswith(want + "-")

    return DocumentScore(
        document=str(gold.get("document", "")),
        entities=Score(len(matches), len(p_ents) - len(matches), len(g_ents) - len(matches)),
        strict=strict,
        lenient=lenient,
        modality=accuracy["modality"],
        attribution=accuracy["attribution"],
        dates=dates,
        by_type=by_type,
        entity_matches=matches,
        missed_entities=sorted(set(g_ents) - set(matches)),
        missed_relations=missed,
    )


def micro_average(scores: Iterable[Any]) -> Any:
    """Sum counts over files: Scores give a Score, DocumentScores a DocumentScore.

    >>> micro_average([Score(1, 1, 0), Score(3, 0, 2)]).to_dict()["precision"]
    0.8
    """
    scores = list(scores)
    if scores and all(isinstance(s, Score) for s in scores):
        return sum(scores, Score())
    total = DocumentScore(document=f"micro-average of {len(scores)} file(s)")
    for s in scores:
        if not isinstance(s, DocumentScore):
            raise TypeError(f"micro_average takes Score or DocumentScore objects, not {type(s).__name__}")
        total.entities += s.entities
        total.strict += s.strict
        total.lenient += s.lenient
        total.modality += s.modality
        total.attribution += s.attribution
        total.dates += s.dates
        for rtype, sc in s.by_type.items():
            total.by_type[rtype] = total.by_type.get(rtype, Score()) + sc
    return total
