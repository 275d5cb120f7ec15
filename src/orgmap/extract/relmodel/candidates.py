"""Candidate pairs for the learned relation model: two entities mentioned in one sentence.

Every pair of distinct entities whose mentions share a sentence is one candidate, taken at
its closest pair of mentions; ``a`` is the mention that comes first. Bulleted lines the parser
ran into one sentence are kept apart (their first tokens are ``doc.user_data[LINE_BREAKS]``). A mention here is a
maximal run of tokens that the pipeline's token map assigns to one entity, so anaphors the
pipeline resolved ("the group", "its") count as mentions of their entity.

>>> from orgmap.extract.nlp import get_nlp
>>> doc = get_nlp()("Ann Lee leads Acme. Bob met Ann Lee and Carl.")
>>> ann, acme, bob, carl = object(), object(), object(), object()
>>> tok_group = {0: ann, 1: ann, 3: acme, 5: bob, 7: ann, 8: ann, 10: carl}
>>> [(c.a.start, c.b.start, c.sentence) for c in candidate_pairs(doc, tok_group)]
[(0, 3, 0), (5, 7, 1), (5, 10, 1), (7, 10, 1)]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import combinations

__all__ = ["LINE_BREAKS", "Candidate", "Occurrence", "candidate_pairs", "occurrences", "rescan_names"]

LINE_BREAKS = "orgmap_line_breaks"  # doc.user_data key: first tokens of bulleted lines


@dataclass(frozen=True)
class Occurrence:
    """Tokens ``start``..``end`` (exclusive) of the document that mention ``group``."""

    group: object
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    """Two entities' nearest mentions in sentence number ``sentence``; ``a`` comes first;
    ``others_between`` are the types of the other entities' mentions between them."""

    a: Occurrence
    b: Occurrence
    sentence: int
    others_between: tuple[str, ...] = ()


def occurrences(tok_group: dict[int, object]) -> list[Occurrence]:
    """Maximal runs of consecutive tokens mapped to the same entity, in text order."""
    out: list[Occurrence] = []
    for i in sorted(tok_group):
        g = tok_group[i]
        if out and out[-1].group is g and out[-1].end == i:
            out[-1] = Occurrence(g, out[-1].start, i + 1)
        else:
            out.append(Occurrence(g, i, i + 1))
    return out


def _gap(x: Occurrence, y: Occurrence) -> int:
    return max(y.start - x.end, x.start - y.end, 0)


def candidate_pairs(doc, tok_group: dict[int, object]) -> list[Candidate]:
    """All candidates of ``doc`` in text order (see the module docstring)."""
    sentences = list(doc.sents)
    bounds = [s.start for s in sentences]
    by_sentence: dict[int, list[Occurrence]] = {}
    k = 0
    for occ in occurrences(tok_group):
        while k + 1 < len(bounds) and bounds[k + 1] <= occ.start:
            k += 1
        by_sentence.setdefault(k, []).append(occ)
    breaks = sorted(doc.user_data.get(LINE_BREAKS, ()))
    out: list[Candidate] = []
    for k in sorted(by_sentence):
        by_line: dict[int, list[Occurrence]] = {}
        for o in by_sentence[k]:  # a bulleted line is a statement of its own
            by_line.setdefault(bisect.bisect_right(breaks, o.start), []).append(o)
        for occs in by_line.values():
            out.extend(_pairs(occs, k))
    out.sort(key=lambda c: (c.a.start, c.b.start))
    return out


def _pairs(occs: list[Occurrence], k: int) -> list[Candidate]:
    """The candidates among ``occs`` (one sentence, or one bulleted line of it)."""
    out: list[Candidate] = []
    groups: list[object] = []
    for o in occs:
        if not any(o.group is g for g in groups):
            groups.append(o.group)
    for g1, g2 in combinations(groups, 2):
        best = min(
            ((x, y) for x in occs if x.group is g1 for y in occs if y.group is g2),
            key=lambda p: (_gap(*p), min(p[0].start, p[1].start)),
        )
        x, y = sorted(best, key=lambda o: o.start)
        others = tuple(
            str(getattr(o.group, "type", "?"))
            for o in occs
            if o.group is not g1 and o.group is not g2 and x.end <= o.start and o.end <= y.start
        )
        out.append(Candidate(x, y, k, others))
    return out


def _name_forms(group) -> set[str]:
    names = {str(n) for n in [getattr(group, "name", ""), *getattr(group, "names", ())] if n}
    for m in getattr(group, "mentions", ()):
        names.update(str(a) for a in getattr(m, "aliases", ()) if a)
    return {n for n in names if len(n) > 2 or (n.isupper() and len(n) > 1)}


def rescan_names(doc, groups: list, tok_group: dict[int, object]) -> dict[int, object]:
    """``tok_group`` plus every other place where an entity's name or alias appears verbatim.

    Clustering attaches a name to its entity where it found it as a mention; a later bare
    repetition the tagger missed ("... KOCG members ...") still names the same entity. Names
    are placed longest first, on token boundaries, over untaken tokens and over mentions of
    other entities that lie wholly inside them (the tagger's "Zhao Wei" inside a later "the
    Zhao Wei TCO" is the body's name, not the man's).

    >>> from orgmap.extract.nlp import get_nlp
    >>> class G:
    ...     def __init__(self, name): self.name, self.names, self.mentions = name, [name], []
    >>> doc = get_nlp()("Acme Ltd is big. Staff of Acme Ltd left.")
    >>> acme = G("Acme Ltd")
    >>> sorted(rescan_names(doc, [acme], {0: acme, 1: acme}))
    [0, 1, 7, 8]
    """
    out = dict(tok_group)
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i for t in doc}
    forms = sorted(((f, g) for g in groups for f in _name_forms(g)), key=lambda x: (-len(x[0]), x[0]))
    text = doc.text
    for form, g in forms:
        pos = text.find(form)
        while pos >= 0:
            i, j = starts.get(pos), ends.get(pos + len(form))
            if i is not None and j is not None and _free(out, i, j, g, form):
                for k in range(i, j + 1):
                    out[k] = g
            pos = text.find(form, pos + 1)
    return out


def _free(out: dict[int, object], i: int, j: int, g: object, form: str) -> bool:
    """True when tokens ``i``..``j`` (inclusive) are untaken, or when ``g`` is a body whose name
    ``form`` (no owner's possessive) wholly contains mentions of people ("the Zhao Wei TCO")."""
    held = {id(out[k]): out[k] for k in range(i, j + 1) if k in out}
    if not held:
        return True
    if getattr(g, "type", None) != "organization" or "'s " in form or "’s " in form:
        return False
    return all(
        x is not g
        and getattr(x, "type", None) == "person"
        and out.get(i - 1) is not x
        and out.get(j + 1) is not x
        for x in held.values()
    )
