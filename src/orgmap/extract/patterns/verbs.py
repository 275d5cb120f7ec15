"""Verbs: subject-verb-object with passives, particles and prepositions ("X took over",
"replaced Y", "were managed by X", "coordinating closely with Y", "X acquired Y")."""

from __future__ import annotations

from collections.abc import Iterator

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.clauses import objects, subjects
from orgmap.extract.patterns.context import Ctx, Hit, h_tok, span

__all__ = ["verbs"]


def verbs(c: Ctx) -> Iterator[Hit]:
    lex = c.lex
    for verb in tokens(c.doc):
        if verb.pos_ not in {"VERB"}:
            continue
        lemma = verb.lemma_.lower()
        prt = " ".join(ch.lower_ for ch in verb.children if ch.dep_ == "prt")
        key = f"{lemma} {prt}".strip()
        subs = subjects(c, verb)
        if not subs:
            continue
        objs = objects(c, verb)
        if len(subs) >= 2 and not objs:  # "X and Y clashed / met / cooperated": each with the other
            for rtype in lex.verb_type(f"{key} with") or lex.verb_type(key):
                if not c.schema.relation(rtype).symmetric and rtype != "opposes":
                    continue
                for n, a in enumerate(subs):
                    for b in subs[n + 1 :]:
                        if c.fits(rtype, a, b):
                            yield Hit(
                                a,
                                rtype,
                                b,
                                verb,
                                span(verb, h_tok(c, a, verb), h_tok(c, b, verb)),
                                0.6,
                                "verb-reciprocal",
                            )
                break
        if "funds" in lex.verb_type(key):  # "the salaries of X are paid by Y", "X's budget is financed by Y"
            for ch in verb.children:
                if ch.dep_ == "nsubjpass" and "funds" in lex.nouns.get(ch.lemma_.lower(), ()):
                    owners = [g for o in ch.children if o.dep_ == "poss" for g in c.expand(o)] + [
                        g
                        for o in ch.children
                        if o.dep_ == "prep" and o.lower_ == "of"
                        for q in o.children
                        if q.dep_ == "pobj"
                        for g in c.expand(q)
                    ]
                    for s in subs:
                        for o in owners:
                            if c.fits("funds", s, o):
                                yield Hit(
                                    s,
                                    "funds",
                                    o,
                                    verb,
                                    span(verb, h_tok(c, s, verb), h_tok(c, o, verb)),
                                    0.65,
                                    "verb-funds-noun",
                                )
        pairs = None
        if any(ch.lower_ == "respectively" for ch in verb.children) and len(subs) == len(objs) > 1:
            pairs = set(zip(map(id, subs), (id(o) for _, o in objs)))  # "X and Y lead A and B respectively"
        for prep, obj in objs:
            types = lex.verb_type(f"{key} {prep}".strip()) if prep else lex.verb_type(key)
            if not prep:
                for rtype in lex.verbs_reversed.get(key, ()):
                    for s in subs:
                        if c.fits(rtype, obj, s):
                            yield Hit(
                                obj,
                                rtype,
                                s,
                                verb,
                                span(verb, h_tok(c, s, verb), h_tok(c, obj, verb)),
                                0.65,
                                "verb-reversed",
                            )
            if not types and prep:
                continue
            for s in subs:
                if pairs is not None and (id(s), id(obj)) not in pairs:
                    continue
                if not prep and lex.verbs_reversed.get(key) and s.type == obj.type == "organization":
                    continue  # "X owns Y" between bodies: Y is part of X (above), not led by it
                rtype = c.pick(types, s, obj)
                if rtype == "opposes" and c.group(verb) is not None and c.group(verb).type == "event":
                    continue  # a dated attack is reported as targets + participated_in above
                if rtype:
                    yield Hit(
                        s,
                        rtype,
                        obj,
                        verb,
                        span(verb, *(t for t in (h_tok(c, s, verb), h_tok(c, obj, verb)))),
                        0.7,
                        "verb",
                    )
        # the verb is itself a dated event ("attack Israel on October 7"): its subject took part
        here = c.group(verb)
        if here is not None and here.type == "event":
            for s in subs:
                if c.fits("participated_in", s, here):
                    yield Hit(
                        s, "participated_in", here, verb, span(h_tok(c, s, verb), verb), 0.65, "verb-event"
                    )
                for _, obj in objs:
                    if obj is not here and c.fits("targets", s, obj) and "targets" in lex.verb_type(key):
                        yield Hit(
                            s, "targets", obj, verb, span(verb, h_tok(c, obj, verb)), 0.65, "verb-event"
                        )
        # "X reprimanded Y in a meeting": both took part in the event
        for prep, obj in objs:
            if obj.type == "event" and prep in {"in", "at", "during"}:
                for s in subs + [o for p2, o in objs if not p2 and o.type != "event"]:
                    if c.fits("participated_in", s, obj):
                        yield Hit(
                            s,
                            "participated_in",
                            obj,
                            verb,
                            span(verb, h_tok(c, obj, verb)),
                            0.55,
                            "verb-in-event",
                        )
        # "X took over (this role)" after "the death of Y": X succeeded Y
        if "succeeded" in lex.verb_type(key) and not any(o[1].type == "person" for o in objs):
            for s in subs:
                prior = [
                    c.tok_group[i]
                    for i in range(verb.sent.start, verb.i)
                    if i in c.tok_group and c.tok_group[i] is not s and c.tok_group[i].type == s.type
                ]
                if prior:
                    yield Hit(
                        s,
                        "succeeded",
                        prior[-1],
                        verb,
                        span(h_tok(c, prior[-1], verb), verb),
                        0.5,
                        "verb-takeover",
                    )
