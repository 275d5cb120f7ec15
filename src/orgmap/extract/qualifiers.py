"""Relation qualifiers from cue words: "his son" makes a ``personal_tie`` a family tie.

Applied to the relations extraction keeps (the patterns' hits and the model's alike): for a
hit whose type has qualifiers in the vocabulary (``qualifiers`` in vocabulary.yaml, with
their cue words), the closest pair of mentions of its two entities is found in the
evidence, and the words *between* them are searched for cues. When none is there and only
a comma, "and" or a copula separates the two ("A and B", "A, B's", "A is B's"), the few
words just *beside* them (up to :data:`NEAR` tokens, stopping at another entity's name)
are searched, where a cue counts as a plural noun or a verb ("the brothers A and B", "A
and B married") or after the second one's possessive ("A, B's brother"); in "his son A"
or "A met B and his wife" the tie is a third person's.
A cue word matches a token's form or its lemma ("son" matches "sons", "control"
"controlled"); a phrase matches consecutive tokens, hyphens ignored ("brother-in-law");
a longer phrase wins over the words inside it ("owned or controlled by" is ownership, not
the "control" of direction). Cues of two kinds in the same place leave the relation
unqualified: a qualifier is set only when the text says which.

>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.schema import load_schema
>>> doc = get_nlp()("Ana Diaz and her brother Bo Diaz met in Rome.")
>>> cue_kind(doc, (0, 2), (5, 7), "personal_tie", load_schema())
'family'
>>> cue_kind(doc, (0, 2), (5, 7), "leads", load_schema()) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from orgmap.schema import Schema

__all__ = ["NEAR", "cue_kind", "qualifier_of"]

NEAR = 5  # tokens looked at beside the two mentions when none between them is a cue

Cue = tuple[tuple[str, ...], str]  # (words, qualifier)
_CUES: dict[tuple[int, str], tuple[Schema, tuple[Cue, ...]]] = {}


def _cues(schema: Schema, predicate: str) -> tuple[Cue, ...]:
    """The type's cue phrases as word tuples, longest first (cached per schema object)."""
    key = (id(schema), predicate)
    if key not in _CUES or _CUES[key][0] is not schema:
        out = []
        for name, kind in schema.relation(predicate).qualifiers.items():
            for cue in kind.cues:
                words = tuple(w for w in re.split(r"[\s\-‐‑–]+", cue.lower()) if w)
                if words:
                    out.append((words, name))
        _CUES[key] = (schema, tuple(sorted(out, key=lambda c: -len(c[0]))))
    return _CUES[key][1]


def _words(tok) -> tuple[str, str]:
    return tok.lower_, tok.lemma_.lower()


def _matches(tokens: Sequence, cues: Iterable[Cue]) -> list[tuple[object, str]]:
    """``(last token, qualifier)`` of every cue in ``tokens`` (hyphens dropped), longest first,
    none inside a longer one."""
    toks = [t for t in tokens if not (t.is_punct and t.text in "-‐‑–")]
    forms = [_words(t) for t in toks]
    taken: set[int] = set()
    found = []
    for words, name in cues:
        n = len(words)
        for i in range(len(toks) - n + 1):
            if any(k in taken for k in range(i, i + n)):
                continue
            if all(w in forms[i + k] for k, w in enumerate(words)):
                found.append((toks[i + n - 1], name))
                taken.update(range(i, i + n))
    return found


def _one_kind(found: list[tuple[object, str]]) -> str | None:
    kinds = {name for _, name in found}
    return kinds.pop() if len(kinds) == 1 else None


_COORDINATION = {",", "and", "&", "is", "was", "are", "were", "remains", "became"}


def _covers_both(tok) -> bool:
    """A cue beside the pair speaks of both only as a plural noun or a verb ("the brothers A and
    B", "A and B married"); "his son B" or "the wife of A" names a third person's tie."""
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and "Plur" in tok.morph.get("Number"))


def cue_kind(
    doc,
    first: tuple[int, int],
    second: tuple[int, int],
    predicate: str,
    schema: Schema,
    *,
    other: frozenset[int] = frozenset(),
) -> str | None:
    """The qualifier the cue words around two mentions (token spans ``first``, ``second``) state.

    ``other`` holds tokens of other entities' mentions: they are never cues, and the
    window beside the mentions stops at them.
    """
    cues = _cues(schema, predicate)
    if not cues:
        return None
    (a0, a1), (b0, b1) = sorted((first, second))
    between = [doc[i] for i in range(a1, b0)]
    found = _matches([t for t in between if t.i not in other], cues)
    if found:
        return _one_kind(found)
    if any(t.lower_ not in _COORDINATION for t in between):
        return None  # beside cues speak of a pair in a list or a copula only: "A and B are brothers"
    owner = b1 < len(doc) and doc[b1].tag_ == "POS"  # "A, B's brother", "A is B's closest confidant"
    beside = []
    for start, step in ((a0 - 1, -1), (b1, 1)):
        side, i = [], start
        sent = doc[start - step].sent if 0 <= start - step < len(doc) else None
        while 0 <= i < len(doc) and len(side) < NEAR and i not in other:
            if sent is not None and not (sent.start <= i < sent.end):
                break
            side.append(doc[i])
            i += step
        beside.append(side[::-1] if step < 0 else side)
    found = [m for m in _matches(beside[0], cues) if _covers_both(m[0])]
    found += [m for m in _matches(beside[1], cues) if owner or _covers_both(m[0])]
    return _one_kind(found)


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous token runs ``(start, end)`` of sorted ``indices``."""
    out: list[list[int]] = []
    for i in sorted(indices):
        if out and out[-1][1] == i:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return [(s, e) for s, e in out]


def qualifier_of(doc, hit, tok_group: dict[int, object], schema: Schema) -> str | None:
    """The qualifier of a relation ``hit`` (patterns' or model's), or None when the text does not say.

    The hit's two entities are looked for in its evidence tokens and its anchor's sentence;
    the closest pair of their mentions decides (see :func:`cue_kind`).
    """
    if not schema.relation(hit.type).qualifiers:
        return None
    sent = hit.anchor.sent
    lo, hi = min(hit.tokens[0], sent.start), max(hit.tokens[1], sent.end)
    mine: dict[int, list[int]] = {id(hit.source): [], id(hit.target): []}
    other = set()
    for i in range(lo, hi):
        g = tok_group.get(i)
        if g is None:
            continue
        if id(g) in mine:
            mine[id(g)].append(i)
        else:
            other.add(i)
    sources, targets = _runs(mine[id(hit.source)]), _runs(mine[id(hit.target)])
    if not sources or not targets:
        return None

    def gap(pair: tuple[tuple[int, int], tuple[int, int]]) -> int:
        (s0, s1), (t0, t1) = pair
        return max(t0 - s1, s0 - t1)

    first, second = min(((s, t) for s in sources for t in targets), key=lambda p: (gap(p), p))
    return cue_kind(doc, first, second, hit.type, schema, other=frozenset(other))
