"""Noun cues and phrases: "X's refusal to allow Y", "attacks on Y", "funding from Y",
"in conflict with Y", "on behalf of Y", "responsible for Y".

>>> from orgmap.extract import extract_document
>>> r = extract_document("The Ostia Group's attacks on Norvik Shipping continued.", decider=None)
>>> [(r.entity(x.source).name, x.type, r.entity(x.target).name, x.pattern) for x in r.relations]
[('Ostia Group', 'opposes', 'Norvik Shipping', 'noun')]
"""

from __future__ import annotations

from collections.abc import Iterator

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.clauses import objects, owner, subjects
from orgmap.extract.patterns.context import SUBJ, Ctx, Hit, first_group_in, h_tok, span

__all__ = ["nouns", "phrases"]


_TARGET_PREPS = {"on", "with", "against", "to", "for", "of", "from", "toward", "towards", "between", "under"}


def nouns(c: Ctx) -> Iterator[Hit]:
    """Cue nouns with an owner ("Acme's funding of Brix", "Acme maintains close relations with
    Brix"): the owner and each target by the noun's types; "funding from Acme" turns the pair."""
    for noun in tokens(c.doc):
        if noun.pos_ != "NOUN":
            continue
        key = _cue_key(c, noun)
        owners = owner(c, noun) if key else []
        if owners:
            yield from _noun_hits(c, noun, owners, key)


def _cue_key(c: Ctx, noun) -> str | None:
    """The lexicon's cue for ``noun``: the noun with its preposition when the lexicon names the
    pair ("efforts against", "campaign against": only that preposition's object is a target),
    else the noun alone, else None."""
    for ch in noun.children:
        if ch.dep_ == "prep" and f"{noun.lower_} {ch.lower_}" in c.lex.nouns:
            return f"{noun.lower_} {ch.lower_}"
    return noun.lower_ if noun.lower_ in c.lex.nouns else None


def _noun_hits(c: Ctx, noun, owners: list, key: str) -> Iterator[Hit]:
    """The hits of cue ``noun`` owned by ``owners``: to each target, else from each source."""
    types = c.lex.nouns[key]
    targets = _noun_targets(c, noun, key.split()[1] if " " in key else None)
    sources = _noun_sources(c, noun)
    for s in owners:
        for t in targets:
            if id(t) in sources:  # "funding from X": X is the source
                s, t = t, s
            rtype = c.pick(types, s, t)
            if rtype:
                yield Hit(s, rtype, t, noun, span(noun, h_tok(c, s, noun), h_tok(c, t, noun)), 0.6, "noun")
    if not targets:
        for t in sources.values():
            for s in owners:
                rtype = c.pick(types, t, s)
                if rtype:
                    yield Hit(
                        t, rtype, s, noun, span(noun, h_tok(c, s, noun), h_tok(c, t, noun)), 0.6, "noun-from"
                    )


def _noun_targets(c: Ctx, noun, prep: str | None = None) -> list:
    """What a cue noun is about: "attacks on Brix", "refusal to allow Brix (to enter)", and for an
    object noun the verb's recipient ("sends money to Brix", "provides funding for Brix"); only
    the object of ``prep`` when the cue names one ("efforts against Brix")."""
    if prep is not None:
        return [
            g
            for ch in noun.children
            if ch.dep_ == "prep" and ch.lower_ == prep
            for p in ch.children
            if p.dep_ == "pobj"
            for g in c.expand(p)
        ]
    targets = []
    for ch in noun.children:
        if ch.dep_ == "prep" and ch.lower_ in _TARGET_PREPS:
            targets += [g for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)]
        if ch.dep_ in {"acl", "relcl"} and ch.pos_ == "VERB":
            targets += [g for _, g in objects(c, ch, preps=False)]
            targets += [
                g
                for cc in ch.children
                if cc.dep_ in {"ccomp", "xcomp"}
                for s in cc.children
                if s.dep_ == "nsubj"
                for g in c.expand(s)
            ]
    if noun.dep_ == "dobj":
        for ch in noun.head.children:
            if ch.dep_ in {"prep", "dative"} and ch.lower_ in {"to", "for"}:
                targets += [g for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)]
    return targets


def _noun_sources(c: Ctx, noun) -> dict[int, object]:
    """{id: group} of "from" objects of the noun, or of its verb when it is an object ("receives
    funding from Acme")."""
    return {
        id(g): g
        for ch in list(noun.children) + (list(noun.head.children) if noun.dep_ == "dobj" else [])
        if ch.dep_ == "prep" and ch.lower_ == "from"
        for p in ch.children
        if p.dep_ == "pobj"
        for g in c.expand(p)
    }


def _governor(tok):
    """The word a phrase's first word hangs on, past the prepositions and conjunctions of a
    stacked phrase ("acted [for or] on behalf of": "acted")."""
    t = tok.head
    for _ in range(3):
        if t.pos_ not in {"ADP", "CCONJ"} or t.head is t:
            break
        t = t.head
    return t


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
            subs = owner(c, tok) or subjects(c, _governor(tok)) if tok.head is not tok else []
            if not subs and tok.head.pos_ in {"NOUN", "PROPN"} and c.group(tok.head):
                subs = [c.group(tok.head)]
            if not subs:
                t = tok
                for _ in range(5):  # the phrase's own clause first: "They said [X is allied with Y]"
                    if t.pos_ == "VERB" and t.lemma_.lower() in lex.acting_on_verbs:
                        break  # "Treasury designated X for acting on behalf of Y": never the authority
                    subj = [ch for ch in t.children if ch.dep_ in SUBJ]
                    if subj:
                        subs = c.expand(subj[0])
                        break
                    t = t.head
            for s in subs:
                for o in objs:
                    a, b = (o, s) if reverse else (s, o)
                    owning = any(
                        w in c.lex.ownership_verbs
                        for w in (t.lemma_.lower() for t in c.doc[tok.i : last.i + 1])
                    )
                    rtype = c.pick(types, a, b, owning=owning)
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
