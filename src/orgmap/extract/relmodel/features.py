"""Features of a candidate pair: what a linear model needs to decide the relation.

Entity types, distance, the words between and around the two mentions, how many other
entities are named between them and of what types, whether two people share a surname, the
dependency path that joins them (with and without its words), the syntactic role of each
mention, and the votes of the hand-written patterns. All are strings with value 1.0, so a
``DictVectorizer`` or a saved feature index maps them to columns.

>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.extract.relmodel.candidates import Occurrence, Candidate
>>> class G:
...     def __init__(self, t): self.type = t
>>> doc = get_nlp()("Ann Lee is the leader of Acme.")
>>> ann, acme = G("person"), G("organization")
>>> f = pair_features(doc, Candidate(Occurrence(ann, 0, 2), Occurrence(acme, 6, 7), 0), votes=["leads>"])
>>> f["types=person>organization"], f["bw=leader"], f["rule=leads>"]
(1.0, 1.0, 1.0)
>>> "path=nsubj^ attr_ prep_ pobj_" in f
True
"""

from __future__ import annotations

from collections.abc import Iterable

from orgmap.extract.lexicon import Lexicon, load_lexicon
from orgmap.extract.relmodel.candidates import Candidate

__all__ = ["pair_features", "span_head"]

_DIST = (0, 1, 2, 4, 7, 12, 20)
_MAX_BETWEEN = 12


def _bucket(n: int, edges: tuple[int, ...] = _DIST) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def span_head(doc, start: int, end: int):
    """The token of ``doc[start:end]`` whose head lies outside it (the span's root)."""
    for i in range(start, end):
        h = doc[i].head
        if h.i == i or not start <= h.i < end:
            return doc[i]
    return doc[start]


def _word(tok) -> str:
    if tok.like_num:
        return "<num>"
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else "<propn>"


def _path(x, y) -> tuple[list[str], list[str]]:
    """Dependency labels and the words on the path from token ``x`` up and down to ``y``."""
    up, down = [x, *x.ancestors], [y, *y.ancestors]
    below_top = {t.i: n for n, t in enumerate(down)}
    k = next((n for n, t in enumerate(up) if t.i in below_top), None)
    if k is None:
        return ["<none>"], []
    top = up[k]
    rise, fall = up[:k], down[: below_top[top.i]]
    deps = [f"{t.dep_}^" for t in rise] + [f"{t.dep_}_" for t in reversed(fall)]
    words = (
        [_word(t) for t in rise[1:]]
        + [_word(top)] * (top is not x and top is not y)
        + [_word(t) for t in reversed(fall[1:])]
    )
    return deps, words


def _cues(tokens: Iterable, lex: Lexicon) -> set[str]:
    """Lexicon classes of the words: the relation a role, verb or noun cue implies, and negation."""
    out = set()
    for t in tokens:
        w = t.lemma_.lower()
        for kind, table in (
            ("role", lex.roles),
            ("verb", lex.verbs),
            ("verbrev", lex.verbs_reversed),
            ("noun", lex.nouns),
        ):
            for rtype in table.get(w, ()):
                out.add(f"{kind}:{rtype}")
        if w in lex.event_nouns:
            out.add("event_noun")
        if w in lex.negations:
            out.add("negation")
        if w in lex.deputy_prefixes:
            out.add("deputy")
    return out


def pair_features(
    doc, cand: Candidate, *, votes: Iterable[str] = (), lex: Lexicon | None = None
) -> dict[str, float]:
    """Feature dict of ``cand``; ``votes`` are pattern labels ("leads>", "allied_with=").

    Types, the words between and around (:func:`_add_surface`), the dependency path
    (:func:`_add_syntax`), the cue classes of the words between, on the path and around, the votes."""
    lex = lex or load_lexicon()
    a, b = cand.a, cand.b
    ta, tb = getattr(a.group, "type", "?"), getattr(b.group, "type", "?")
    f: dict[str, float] = {f"types={ta}>{tb}": 1.0, f"ta={ta}": 1.0, f"tb={tb}": 1.0}
    between = [doc[i] for i in range(a.end, b.start)]
    _add_surface(f, doc, a, b, between)
    f[f"others={_bucket(len(cand.others_between), (0, 1, 2, 4))}"] = 1.0
    f[f"others={_bucket(len(cand.others_between), (0, 1, 2, 4))}|{ta}>{tb}"] = 1.0
    for t in set(cand.others_between):
        f[f"other_between={t}"] = 1.0
    if ta == tb == "person" and _same_surname(a.group, b.group):
        f["same_surname"] = 1.0
    ha, hb = span_head(doc, a.start, a.end), span_head(doc, b.start, b.end)
    _add_syntax(f, ha, hb, f"{ta}>{tb}")
    up = [ha, *ha.ancestors][:4] + [hb, *hb.ancestors][:4]
    for kind, toks in (
        ("bw", between[:_MAX_BETWEEN]),
        ("path", up),
        ("a", doc[max(0, a.start - 3) : a.start]),
        ("b", doc[b.end : b.end + 3]),
    ):
        for cue in _cues(toks, lex):
            f[f"cue_{kind}={cue}"] = 1.0
            f[f"cue_{kind}={cue}|{ta}>{tb}"] = 1.0
    for v in votes:
        f[f"rule={v}"] = 1.0
        f[f"rule={v}|{ta}>{tb}"] = 1.0
    if not votes:
        f["rule_none"] = 1.0
    return f


def _same_surname(x, y) -> bool:
    """Two people whose full names end in the same word ("Ajay Gupta", "Rajesh Gupta").

    >>> class P:
    ...     def __init__(self, name): self.name = name
    >>> _same_surname(P("Ajay Gupta"), P("Rajesh Gupta")), _same_surname(P("Gupta"), P("Rajesh Gupta"))
    (True, False)
    """
    wx, wy = str(getattr(x, "name", "")).lower().split(), str(getattr(y, "name", "")).lower().split()
    return len(wx) >= 2 and len(wy) >= 2 and wx[-1] == wy[-1] and len(wx[-1]) > 2


def _add_surface(f: dict[str, float], doc, a, b, between: list) -> None:
    """Distance, the words between the mentions ("Ann Lee, head of Acme": bw=head, bw_first=,
    ...), the two words before ``a`` and after ``b``, and a break (";", brackets) between."""
    f[f"dist={_bucket(max(b.start - a.end, 0))}"] = 1.0
    words = [_word(t) for t in between]
    if len(words) > _MAX_BETWEEN:
        words = words[:6] + words[-6:]
    for w in words:
        f[f"bw={w}"] = 1.0
    if words:
        f[f"bw_first={words[0]}"] = 1.0
        f[f"bw_last={words[-1]}"] = 1.0
        if len(words) <= 4:
            f["bw_seq=" + " ".join(words)] = 1.0
    else:
        f["bw_none"] = 1.0
    for k in (1, 2):
        if a.start - k >= 0:
            f[f"a-{k}={_word(doc[a.start - k])}"] = 1.0
        if b.end - 1 + k < len(doc):
            f[f"b+{k}={_word(doc[b.end - 1 + k])}"] = 1.0
    if any(t.text in {";", "(", ")"} for t in between):
        f["bw_break"] = 1.0


def _add_syntax(f: dict[str, float], ha, hb, types: str) -> None:
    """The mentions' heads' labels and governors, and the dependency path joining them ("Ann Lee
    is the leader of Acme": path=nsubj^ attr_ prep_ pobj_), with its words."""
    f[f"depa={ha.dep_}"] = f[f"depb={hb.dep_}"] = 1.0
    f[f"heada={_word(ha.head)}"] = f[f"headb={_word(hb.head)}"] = 1.0
    if ha.head.i == hb.head.i:
        f["same_head"] = 1.0
    deps, pwords = _path(ha, hb)
    f["path=" + " ".join(deps)] = 1.0
    f[f"plen={_bucket(len(deps), (1, 2, 3, 4, 6))}"] = 1.0
    if len(deps) <= 5:
        f["pathw=" + " ".join(deps) + "|" + " ".join(pwords)] = 1.0
    for w in pwords:
        f[f"pw={w}"] = 1.0
        f[f"pw={w}|{types}"] = 1.0
