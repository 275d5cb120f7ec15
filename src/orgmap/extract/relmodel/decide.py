"""Turn candidate pairs into relation hits with a trained model; the patterns vote as features.

``ModelDecider(model).decide(doc, groups, tok_group, hits, schema)`` returns the hits the pipeline
keeps: for every candidate pair (two entities in one sentence) the labels the model takes
above its threshold, plus the hand-written patterns' hits (with ``keep_patterns=False`` only
those between entities that share no sentence, out of the model's reach). The patterns' hits
for a pair are also that pair's ``rule=`` features.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orgmap.extract.lexicon import load_lexicon
from orgmap.extract.patterns.context import Hit
from orgmap.extract.relmodel.candidates import Candidate, Occurrence, candidate_pairs, rescan_names
from orgmap.extract.relmodel.features import pair_features, span_head
from orgmap.extract.relmodel.linear import LinearModel, split_label

__all__ = ["ModelDecider", "Recorder", "exclusive", "hits_for", "not_the_head", "pattern_votes"]


def pattern_votes(cand: Candidate, hits: list[Hit]) -> list[str]:
    """The labels the pattern hits give the pair of ``cand``, direction relative to text order."""
    a, b = cand.a.group, cand.b.group
    out = set()
    for h in hits:
        if h.source is a and h.target is b:
            out.add(h.type + ">")
        elif h.source is b and h.target is a:
            out.add(h.type + "<")
    return sorted(out)


def _anchor(doc, cand: Candidate):
    """The token that governs both mentions (their lowest common ancestor), for modality."""
    x, y = span_head(doc, cand.a.start, cand.a.end), span_head(doc, cand.b.start, cand.b.end)
    above = {t.i for t in [y, *y.ancestors]}
    return next((t for t in [x, *x.ancestors] if t.i in above), x)


def _target_of(event: Occurrence, other: Occurrence) -> bool:
    """True when ``other`` is the one ``event``'s own mention says was acted on ("Rui Costa was
    arrested": Rui Costa is its target, never a participant)."""
    return any(
        other.start <= i < other.end
        for m in getattr(event.group, "mentions", ())
        for i in (getattr(m, "attributes", {}).get("roles") or {}).get("targets", ())
    )


def hits_for(doc, cand: Candidate, decisions: list[tuple[str, float]], schema) -> list[Hit]:
    """Hits for the labels decided on ``cand`` that fit the vocabulary's type signatures; the one
    an event acted on is not made one of its participants."""
    out = []
    for label, p in decisions:
        rtype, way = split_label(label)
        s, t = (cand.b.group, cand.a.group) if way == "<" else (cand.a.group, cand.b.group)
        event, other = (cand.b, cand.a) if way == ">" else (cand.a, cand.b)
        if rtype == "participated_in" and _target_of(event, other):
            continue
        if s is not t and rtype in schema.relation_types and schema.allows(rtype, s.type, t.type):
            out.append(Hit(s, rtype, t, _anchor(doc, cand), (cand.a.start, cand.b.end), p, "model"))
    return out


@dataclass
class ModelDecider:
    """Decides relations with ``model``; see the module docstring."""

    model: LinearModel
    keep_patterns: bool = True  # also keep every pattern hit the model did not take

    def decide(self, doc, groups: list, tok_group: dict[int, object], hits: list[Hit], schema) -> list[Hit]:
        cands = candidate_pairs(doc, rescan_names(doc, groups, tok_group))
        rows = [pair_features(doc, c, votes=pattern_votes(c, hits)) for c in cands]
        out: list[Hit] = []
        covered = set()
        for cand, decisions in zip(cands, self.model.decide(rows)):
            covered.add(frozenset((id(cand.a.group), id(cand.b.group))))
            out.extend(hits_for(doc, cand, decisions, schema))
        taken = {(id(h.source), h.type, id(h.target)) for h in out}
        out.extend(
            h
            for h in hits
            if (id(h.source), h.type, id(h.target)) not in taken
            and (self.keep_patterns or frozenset((id(h.source), id(h.target))) not in covered)
        )
        return exclusive(not_the_head(out, hits), load_lexicon().exclusive_types)


def not_the_head(hits: list[Hit], patterns: list[Hit]) -> list[Hit]:
    """Drop the model's ``leads`` where the sentence calls the holder one of several leaders ("a
    key leader of Y", "one of Y's commanders": the role pattern among ``patterns`` gives
    member_of, ``role-one-of-several``; the annotation guide keeps ``leads`` for the head).

    >>> x, y, a = object(), object(), type("T", (), {"sent": type("S", (), {"start": 0})()})()
    >>> hits = [Hit(x, "member_of", y, a, (0, 3), 0.8, "role-one-of-several"), Hit(x, "leads", y, a, (0, 3), 0.4, "model")]
    >>> [h.type for h in not_the_head(hits[1:], hits[:1])]
    []
    """
    several = {
        (id(h.source), id(h.target), h.anchor.sent.start)
        for h in patterns
        if h.pattern == "role-one-of-several"
    }
    return [
        h
        for h in hits
        if not (
            h.type == "leads"
            and h.pattern == "model"
            and (id(h.source), id(h.target), h.anchor.sent.start) in several
        )
    ]


def exclusive(hits: list[Hit], pairs: tuple[frozenset[str], ...]) -> list[Hit]:
    """Drop the less likely of two hits whose types never join the same two entities (the
    lexicon's ``exclusive_types``: "X participated_in E" beside "E targets X").

    >>> x, e = object(), object()
    >>> hits = [Hit(x, "participated_in", e, None, (0, 1), 0.2, "model"), Hit(e, "targets", x, None, (0, 1), 0.8, "model")]
    >>> [h.type for h in exclusive(hits, (frozenset({"participated_in", "targets"}),))]
    ['targets']
    """

    def key(h: Hit, pair: frozenset[str]) -> tuple[frozenset[int], frozenset[str]]:
        return frozenset((id(h.source), id(h.target))), pair

    kept: dict[tuple[frozenset[int], frozenset[str]], str] = {}
    for h in sorted(hits, key=lambda h: (-h.score, h.type)):
        for pair in pairs:
            if h.type in pair:
                kept.setdefault(key(h, pair), h.type)
    return [h for h in hits if all(kept[key(h, pair)] == h.type for pair in pairs if h.type in pair)]


@dataclass
class Recorder:
    """A decider that keeps the pattern hits and records what the model would see."""

    doc: Any = None
    groups: list[Any] = field(default_factory=list)
    tok_group: dict[int, object] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def decide(self, doc, groups: list, tok_group: dict[int, object], hits: list[Hit], schema) -> list[Hit]:
        self.doc, self.groups, self.tok_group, self.hits = doc, list(groups), dict(tok_group), list(hits)
        return hits
