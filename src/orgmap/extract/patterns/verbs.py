"""Verbs: subject-verb-object with passives, particles and prepositions ("X took over",
"replaced Y", "were managed by X", "coordinating closely with Y", "X acquired Y").

Every verb with a subject is read as a :class:`Clause`; each construction below is a function
of the clause, applied in the order of :data:`CONSTRUCTIONS`.

>>> from orgmap.extract import extract_document
>>> r = extract_document("Brixmoor Holdings acquired Norvik Shipping. Ann Vole funds the Ostia Group.", decider=None)
>>> [(r.entity(x.source).name, x.type, r.entity(x.target).name, x.pattern) for x in r.relations]
[('Norvik Shipping', 'part_of', 'Brixmoor Holdings', 'verb-reversed'), ('Ann Vole', 'funds', 'Ostia Group', 'verb')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.clauses import objects, subjects
from orgmap.extract.patterns.context import Ctx, Hit, h_tok, span

__all__ = ["Clause", "event_actions", "verbs"]


@dataclass
class Clause:
    """A verb with its subjects and objects: in "Acme and Norvik took over Brix in Oslo", ``key``
    is "take over", ``subs`` the groups of Acme and Norvik, ``objs`` [("", Brix), ("in", Oslo)]."""

    verb: object
    key: str  # lemma and particle: "take over"
    subs: list
    objs: list[tuple[str, object]]  # (preposition or "", group)


def verbs(c: Ctx) -> Iterator[Hit]:
    """Hits of every verb of the document that has a subject, construction by construction."""
    for verb in tokens(c.doc):
        if verb.pos_ != "VERB":
            continue
        prt = " ".join(ch.lower_ for ch in verb.children if ch.dep_ == "prt")
        key = f"{verb.lemma_.lower()} {prt}".strip()
        subs = subjects(c, verb)
        if not subs:
            continue
        clause = Clause(verb, key, subs, objects(c, verb))
        for construction in CONSTRUCTIONS:
            yield from construction(c, clause)


def reciprocal(c: Ctx, cl: Clause) -> Iterator[Hit]:
    """ "Acme and Norvik clashed / met / cooperated": each subject with every other, by the first
    symmetric type (or opposes) of "<verb> with" or "<verb>"."""
    if len(cl.subs) < 2 or cl.objs:
        return
    for rtype in c.lex.verb_type(f"{cl.key} with") or c.lex.verb_type(cl.key):
        if not c.schema.relation(rtype).symmetric and rtype != "opposes":
            continue
        for n, a in enumerate(cl.subs):
            for b in cl.subs[n + 1 :]:
                if c.fits(rtype, a, b):
                    yield Hit(
                        a,
                        rtype,
                        b,
                        cl.verb,
                        span(cl.verb, h_tok(c, a, cl.verb), h_tok(c, b, cl.verb)),
                        0.6,
                        "verb-reciprocal",
                    )
        break


def funded_owner(c: Ctx, cl: Clause) -> Iterator[Hit]:
    """ "The salaries of the Ostia Group are paid by Acme", "Norvik's budget is financed by Acme":
    the payer funds the owner of the funded thing."""
    if "funds" not in c.lex.verb_type(cl.key):
        return
    for ch in cl.verb.children:
        if ch.dep_ != "nsubjpass" or "funds" not in c.lex.nouns.get(ch.lemma_.lower(), ()):
            continue
        owners = [g for o in ch.children if o.dep_ == "poss" for g in c.expand(o)] + [
            g
            for o in ch.children
            if o.dep_ == "prep" and o.lower_ == "of"
            for q in o.children
            if q.dep_ == "pobj"
            for g in c.expand(q)
        ]
        for s in cl.subs:
            for o in owners:
                if c.fits("funds", s, o):
                    yield Hit(
                        s,
                        "funds",
                        o,
                        cl.verb,
                        span(cl.verb, h_tok(c, s, cl.verb), h_tok(c, o, cl.verb)),
                        0.65,
                        "verb-funds-noun",
                    )


def subject_object(c: Ctx, cl: Clause) -> Iterator[Hit]:
    """ "Acme funds Norvik", "was managed by Ann Lee", "cooperates with Norvik": each subject with
    each object by the type of "<verb> <preposition>"; "X and Y lead A and B respectively" pairs
    them in order; "Acme acquired Brix" (a reversed verb) gives Brix part_of Acme."""
    pairs = None
    if any(ch.lower_ == "respectively" for ch in cl.verb.children) and len(cl.subs) == len(cl.objs) > 1:
        pairs = set(zip(map(id, cl.subs), (id(o) for _, o in cl.objs)))
    for prep, obj in cl.objs:
        if not prep:
            yield from _reversed(c, cl, obj)
        types = c.lex.verb_type(f"{cl.key} {prep}".strip()) if prep else c.lex.verb_type(cl.key)
        if not types and prep:
            continue
        for s in cl.subs:
            if pairs is not None and (id(s), id(obj)) not in pairs:
                continue
            if not prep and c.lex.verbs_reversed.get(cl.key) and s.type == obj.type == "organization":
                continue  # "X owns Y" between bodies: Y is part of X (above), not led by it
            rtype = c.pick(types, s, obj, owning=cl.key in c.lex.ownership_verbs)
            if rtype == "opposes" and c.group(cl.verb) is not None and c.group(cl.verb).type == "event":
                continue  # a dated attack is reported as targets + participated_in (verb_event)
            if rtype:
                yield Hit(
                    s,
                    rtype,
                    obj,
                    cl.verb,
                    span(cl.verb, *(t for t in (h_tok(c, s, cl.verb), h_tok(c, obj, cl.verb)))),
                    0.7,
                    "verb",
                )


def _reversed(c: Ctx, cl: Clause, obj) -> Iterator[Hit]:
    """ "Acme acquired Brix": a reversed verb's object is the source ("Brix part_of Acme")."""
    for rtype in c.lex.verbs_reversed.get(cl.key, ()):
        for s in cl.subs:
            if c.fits(rtype, obj, s):
                yield Hit(
                    obj,
                    rtype,
                    s,
                    cl.verb,
                    span(cl.verb, h_tok(c, s, cl.verb), h_tok(c, obj, cl.verb)),
                    0.65,
                    "verb-reversed",
                )


def verb_event(c: Ctx, cl: Clause) -> Iterator[Hit]:
    """ "the Ostia Group attacked Norvik on May 7", the verb itself a dated event: its subjects took
    part in it, and target its objects when the verb is a targeting one."""
    here = c.group(cl.verb)
    if here is None or here.type != "event":
        return
    for s in cl.subs:
        if c.fits("participated_in", s, here):
            yield Hit(
                s, "participated_in", here, cl.verb, span(h_tok(c, s, cl.verb), cl.verb), 0.65, "verb-event"
            )
        for _, obj in cl.objs:
            if obj is not here and c.fits("targets", s, obj) and "targets" in c.lex.verb_type(cl.key):
                yield Hit(
                    s, "targets", obj, cl.verb, span(cl.verb, h_tok(c, obj, cl.verb)), 0.65, "verb-event"
                )


def event_actions(c: Ctx) -> Iterator[Hit]:
    """ "Elvis Lund was arrested by the Norland police", "the police arrested Lund": an event
    stated by an action verb (``action_verbs``) whose lexicon type is ``opposes`` or ``targets``:
    its actors (the event's participants) oppose or target the one it acted on (its targets),
    as the annotation guide has it for arrests, prosecutions and attacks.

    >>> from orgmap.extract import extract_document
    >>> r = extract_document("Elvis Lund was arrested by the Norland police in 2013.", decider=None)
    >>> [(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations if x.pattern == "event-action"]
    [('Norland police', 'opposes', 'Elvis Lund')]
    """
    done = set()
    for ev in {id(g): g for g in c.tok_group.values() if getattr(g, "type", None) == "event"}.values():
        for m in getattr(ev, "mentions", ()):
            head, roles = m.attributes.get("head"), m.attributes.get("roles") or {}
            if (
                head is None
                or c.doc[head].pos_ != "VERB"
                or c.doc[head].lemma_.lower() not in c.lex.action_verbs
            ):
                continue
            types = [t for t in c.lex.verb_type(c.doc[head].lemma_) if t in {"opposes", "targets"}]
            actors = [c.group(c.doc[i]) for i in roles.get("participants", ())]
            acted_on = [c.group(c.doc[i]) for i in roles.get("targets", ())]
            for a in actors:
                for t in acted_on:
                    rtype = next((x for x in types if c.fits(x, a, t)), None)
                    if rtype and a is not ev and t is not ev and (id(a), rtype, id(t)) not in done:
                        done.add((id(a), rtype, id(t)))
                        yield Hit(a, rtype, t, c.doc[head], (m.i, m.j), 0.6, "event-action")


def in_event(c: Ctx, cl: Clause) -> Iterator[Hit]:
    """ "Ann Lee reprimanded Bo Li in the May meeting": subjects and direct objects took part in the
    event named after in/at/during."""
    for prep, obj in cl.objs:
        if obj.type != "event" or prep not in {"in", "at", "during"}:
            continue
        for s in cl.subs + [o for p2, o in cl.objs if not p2 and o.type != "event"]:
            if c.fits("participated_in", s, obj):
                yield Hit(
                    s,
                    "participated_in",
                    obj,
                    cl.verb,
                    span(cl.verb, h_tok(c, obj, cl.verb)),
                    0.55,
                    "verb-in-event",
                )


def takeover(c: Ctx, cl: Clause) -> Iterator[Hit]:
    """ "After the death of Ann Lee, Bo Li took over": a succession verb with no person object
    succeeds the last entity of the subject's type named before it in the sentence."""
    if "succeeded" not in c.lex.verb_type(cl.key) or any(o.type == "person" for _, o in cl.objs):
        return
    verb = cl.verb
    for s in cl.subs:
        prior = [
            c.tok_group[i]
            for i in range(verb.sent.start, verb.i)
            if i in c.tok_group and c.tok_group[i] is not s and c.tok_group[i].type == s.type
        ]
        if prior:
            yield Hit(
                s, "succeeded", prior[-1], verb, span(h_tok(c, prior[-1], verb), verb), 0.5, "verb-takeover"
            )


CONSTRUCTIONS: tuple[Callable[[Ctx, Clause], Iterator[Hit]], ...] = (
    reciprocal,
    funded_owner,
    subject_object,
    verb_event,
    in_event,
    takeover,
)
