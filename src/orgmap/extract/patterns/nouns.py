"""Noun cues and phrases: "X's refusal to allow Y", "attacks on Y", "funding from Y",
"in conflict with Y", "on behalf of Y", "responsible for Y"."""

from __future__ import annotations

from collections.abc import Iterator

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.clauses import objects, owner, subjects
from orgmap.extract.patterns.context import SUBJ, Ctx, Hit, first_group_in, h_tok, span

__all__ = ["nouns", "phrases"]


def nouns(c: Ctx) -> Iterator[Hit]:
    lex = c.lex
    for noun in tokens(c.doc):
        if noun.pos_ != "NOUN" or noun.lower_ not in lex.nouns:
            continue
        types = lex.nouns[noun.lower_]
        owners = owner(c, noun)
        if not owners:
            continue
        targets = []
        for ch in noun.children:
            if ch.dep_ == "prep" and ch.lower_ in {
                "on",
                "with",
                "against",
                "to",
                "for",
                "of",
                "from",
                "toward",
                "towards",
                "between",
                "under",
            }:
                targets += [g for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)]
            if ch.dep_ in {"acl", "relcl"} and ch.pos_ == "VERB":  # "refusal to allow Y (to enter)"
                targets += [g for _, g in objects(c, ch, preps=False)]
                targets += [
                    g
                    for cc in ch.children
                    if cc.dep_ in {"ccomp", "xcomp"}
                    for s in cc.children
                    if s.dep_ == "nsubj"
                    for g in c.expand(s)
                ]
        if noun.dep_ == "dobj":  # "sends money to X", "provides funding for X"
            for ch in noun.head.children:
                if ch.dep_ in {"prep", "dative"} and ch.lower_ in {"to", "for"}:
                    targets += [g for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)]
        sources = {
            id(g): g
            for ch in list(noun.children) + (list(noun.head.children) if noun.dep_ == "dobj" else [])
            if ch.dep_ == "prep" and ch.lower_ == "from"
            for p in ch.children
            if p.dep_ == "pobj"
            for g in c.expand(p)
        }
        for s in owners:
            for t in targets:
                if id(t) in sources:  # "funding from X": X is the source
                    s, t = t, s
                rtype = c.pick(types, s, t)
                if rtype:
                    yield Hit(
                        s, rtype, t, noun, span(noun, h_tok(c, s, noun), h_tok(c, t, noun)), 0.6, "noun"
                    )
        if not targets:
            for t in sources.values():
                for s in owners:
                    rtype = c.pick(types, t, s)
                    if rtype:
                        yield Hit(
                            t,
                            rtype,
                            s,
                            noun,
                            span(noun, h_tok(c, s, noun), h_tok(c, t, noun)),
                            0.6,
                            "noun-from",
                        )


def phrases(c: Ctx) -> Iterator[Hit]:
    """ "responsible for", "in conflict with", "on behalf of", "close to": adjective/prep cues."""
    lex = c.lex
    by_first: dict[str, list] = {}
    for phrase, types in lex.phrases.items():
        by_first.setdefault(phrase.split()[0], []).append((phrase, types, False))
    for phrase, types in lex.phrases_reversed.items():
        by_first.setdefault(phrase.split()[0], []).append((phrase, types, True))
    lowers = [t.lower_ for t in tokens(c.doc)]
    for tok in tokens(c.doc):
        for phrase, types, reverse in by_first.get(lowers[tok.i], ()):
            words = phrase.split()
            if " ".join(lowers[tok.i : tok.i + len(words)]) != phrase:
                continue
            last = c.doc[tok.i + len(words) - 1]
            objs = [g for p in last.children if p.dep_ == "pobj" for g in c.expand(p)]
            if not objs and tok.i + len(words) < len(c.doc):
                objs = c.expand(c.doc[tok.i + len(words)]) or first_group_in(c, c.doc[tok.i + len(words)])
            subs = owner(c, tok) or subjects(c, tok.head) if tok.head is not tok else []
            if not subs and tok.head.pos_ in {"NOUN", "PROPN"} and c.group(tok.head):
                subs = [c.group(tok.head)]
            if not subs:
                t = tok
                for _ in range(5):  # the phrase's own clause first: "They said [X is allied with Y]"
                    subj = [ch for ch in t.children if ch.dep_ in SUBJ]
                    if subj:
                        subs = c.expand(subj[0])
                        break
                    t = t.head
            for s in subs:
                for o in objs:
                    a, b = (o, s) if reverse else (s, o)
                    rtype = c.pick(types, a, b)
                    if rtype:
                        yield Hit(
                            a,
                            rtype,
                            b,
                            tok,
                            span(tok, last, h_tok(c, s, tok), h_tok(c, o, tok)),
                            0.65,
                            "phrase-reversed" if reverse else "phrase",
                        )
