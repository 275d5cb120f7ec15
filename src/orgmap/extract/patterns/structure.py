"""Structure: sub-bodies named by their parent, placed in it ("Unit 400 in the Qods
Force"), said to be part of it, or listed by it ("comprises Units 400, 340").

>>> from orgmap.extract import extract_document
>>> r = extract_document("Unit 9 in the Ostia Group was led by Bo Strand.", decider=None)
>>> [(r.entity(x.source).name, x.type, r.entity(x.target).name, x.pattern) for x in r.relations]
[('Unit 9', 'part_of', 'Ostia Group', 'structure-in'), ('Bo Strand', 'leads', 'Unit 9', 'verb')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.clauses import subjects
from orgmap.extract.patterns.context import LIST_PREPS, Ctx, Hit, first_group_in, h_tok, span

__all__ = ["colon_parts", "lists", "members_listed", "structure"]


def structure(c: Ctx) -> Iterator[Hit]:
    """Sub-bodies: named by their parent ("Qods Force finance"), placed in it ("Unit 400 in the
    Qods Force"), or said to be part of it ("the Qods Force—part of the IRGC"). Every
    organization token is read by each construction of :data:`BODY_CONSTRUCTIONS` in turn, then
    every body named after its parent is part of it."""
    for tok in tokens(c.doc):
        g = c.group(tok)
        if g is None or g.type != "organization":
            continue
        for construction in BODY_CONSTRUCTIONS:
            yield from construction(c, tok, g)
    yield from named_after_parent(c)
    yield from named_after_person(c)


def placed_in(c: Ctx, tok, g) -> Iterator[Hit]:
    """ "Unit 9 in the Ostia Group": a body placed in another is part of it (not the "of" inside a
    name: the preposition must follow the body's own name and not belong to it)."""
    doc = c.doc
    for ch in tok.children:
        if (
            ch.dep_ == "prep"
            and ch.lower_ in c.lex.part_of_preps
            and c.group(doc[ch.i - 1]) is g
            and c.group(ch.head) is g
            and c.group(ch) is not g
        ):
            for p in ch.children:
                if p.dep_ == "pobj":
                    for o in c.expand(p):
                        if o.type == "organization" and o is not g:
                            yield Hit(g, "part_of", o, ch, span(tok, p), 0.55, "structure-in")


def owned_by_body(c: Ctx, tok, g) -> Iterator[Hit]:
    """ "the Treasury's Office of Foreign Assets Control": a body owned by a body is part of it."""
    for ch in tok.children:
        owner = c.group(ch) if ch.dep_ == "poss" else None
        if (
            owner is not None
            and owner is not g
            and c.fits("part_of", g, owner)
            and owner.type == "organization"
        ):
            yield Hit(g, "part_of", owner, ch, span(ch, tok), 0.6, "structure-possessive")


def owned_by_person(c: Ctx, tok, g) -> Iterator[Hit]:
    """ "Lars Holm's criminal organization", "Hamidi's network": a person leads the body named as
    his (for the nouns ``owned_body_nouns`` marks ``leads``)."""
    if c.lex.owned_body_nouns.get(tok.lower_) != "leads":
        return
    for ch in tok.children:
        owner = c.group(ch) if ch.dep_ == "poss" else None
        if owner is not None and owner is not g and owner.type == "person" and c.fits("leads", owner, g):
            yield Hit(owner, "leads", g, tok, span(ch, tok), 0.6, "structure-owner")


def named_beside_owned_noun(c: Ctx, tok, g) -> Iterator[Hit]:
    """ "the party's youth wing, Young Democrats": a named body beside an owned common noun is part
    of the owner (when the noun is no cue of another relation)."""
    if not (
        tok.dep_ == "appos"
        and c.group(tok.head) is None
        and tok.head.lower_ in c.lex.org_nouns | set(c.lex.nouns)
    ):
        return
    for ch in tok.head.children:
        owner = c.group(ch) if ch.dep_ == "poss" else None
        if (
            owner is not None
            and owner is not g
            and owner.type == "organization"
            and c.fits("part_of", g, owner)
            and "part_of" in c.lex.nouns.get(tok.head.lower_, ("part_of",))
        ):
            yield Hit(g, "part_of", owner, tok.head, span(ch, tok), 0.6, "structure-owned-appos")


def under_person(c: Ctx, tok, g) -> Iterator[Hit]:
    """ "the operations room under Ann Lee", "Unit 9, under Ann Lee": she leads it."""
    doc = c.doc
    for ch in tok.children:
        if not (
            ch.dep_ == "prep"
            and ch.lower_ == "under"
            and (c.group(doc[ch.i - 1]) is g or (doc[ch.i - 1].text == "," and c.group(doc[ch.i - 2]) is g))
        ):
            continue
        for p in ch.children:
            for o in c.expand(p) if p.dep_ == "pobj" else ():
                if o.type == "person" and c.fits("leads", o, g):
                    yield Hit(o, "leads", g, ch, span(tok, p), 0.6, "structure-under")


def part_noun(c: Ctx, tok, g) -> Iterator[Hit]:
    """ "Brix—part of Acme", "Brix, a subsidiary of Acme", "a faction within the party": a part noun
    beside the body names what it is part of."""
    for ch in tok.children:
        if not (
            ch.dep_ in {"appos", "npadvmod", "acl", "amod"}
            and ch.lower_ in c.lex.nouns
            and "part_of" in c.lex.nouns[ch.lower_]
        ):
            continue
        for p in ch.children:
            if p.dep_ == "prep" and p.lower_ in {"of", "within", "inside"}:
                for o in [g2 for q in p.children if q.dep_ == "pobj" for g2 in c.expand(q)] or first_group_in(
                    c, p
                ):
                    if c.fits("part_of", g, o):
                        yield Hit(g, "part_of", o, ch, span(tok, p.right_edge), 0.7, "structure-part")


def named_after_parent(c: Ctx) -> Iterator[Hit]:
    """ "Acme Finance" beside "Acme": a body whose name starts with another's (its ``parent``, set
    by the pipeline) is part of it."""
    for grp in {id(g): g for g in c.tok_group.values()}.values():
        parent = getattr(grp, "parent", None)
        if parent is not None and c.fits("part_of", grp, parent):
            t = h_tok(c, grp, c.doc[0])
            yield Hit(grp, "part_of", parent, t, span(t), 0.6, "structure-name")


_EPONYMOUS = re.compile(
    r"^(?P<who>[A-Z][\w.\- ]*?)(?:['’]s)? (?P<noun>family|dynasty|clan|regime|administration|"
    r"presidential administration|government)$"
)


def named_after_person(c: Ctx) -> Iterator[Hit]:
    """ "the Foz family", "Dodik's family": each person of the text with that surname is a member;
    "the Petro government", "the Bukele administration", "the Assad regime": the one person of the
    text with that surname leads it.

    >>> from orgmap.extract import extract_document
    >>> r = extract_document("Ana Ruiz joined the Ruiz family firm. The Mora regime jailed Luis Mora's rivals.",
    ...                      decider=None)
    >>> sorted((r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations
    ...        if x.pattern == "structure-eponym")
    [('Luis Mora', 'leads', 'Mora regime')]
    """
    groups = list({id(g): g for g in c.tok_group.values()}.values())
    people = [g for g in groups if getattr(g, "type", None) == "person"]
    for body in groups:
        hit = _EPONYMOUS.match(getattr(body, "name", "") or "") if body.type == "organization" else None
        if hit is None:
            continue
        who = hit.group("who").split("-")[0].lower()
        named = [p for p in people if p.name.lower() == who or p.name.lower().endswith(" " + who)]
        kin = hit.group("noun") in {"family", "dynasty", "clan"}
        rtype = "member_of" if kin else "leads"
        t = h_tok(c, body, c.doc[0])
        for p in named if kin else named[:1] if len(named) == 1 else []:
            if c.fits(rtype, p, body):
                yield Hit(p, rtype, body, t, span(t), 0.6, "structure-eponym")


BODY_CONSTRUCTIONS: tuple[Callable[[Ctx, object, object], Iterator[Hit]], ...] = (
    placed_in,
    owned_by_body,
    owned_by_person,
    named_beside_owned_noun,
    under_person,
    part_noun,
)


def colon_parts(c: Ctx) -> Iterator[Hit]:
    """ "X operates through three subsidiaries: A, B and C": the listed bodies are part of X."""
    doc = c.doc
    for tok in tokens(doc):
        if (
            tok.i + 1 >= len(doc)
            or doc[tok.i + 1].text != ":"
            or "part_of" not in c.lex.nouns.get(tok.lower_, ())
        ):
            continue
        owners = [g for ch in tok.children if ch.dep_ == "poss" for g in c.expand(ch)]
        t = tok
        while not owners and t.head.i != t.i:
            t = t.head
            owners = [g for ch in t.children if ch.dep_ in {"nsubj", "nsubjpass"} for g in c.expand(ch)]
        k = tok.i + 2
        while k < len(doc) and doc[k].text not in {".", ";"} and doc[k].sent == tok.sent:
            g = c.group(doc[k])
            for o in owners:
                if g is not None and c.fits("part_of", g, o) and g is not o and o.type == "organization":
                    yield Hit(g, "part_of", o, tok, span(tok, doc[k]), 0.6, "list-colon")
            k += 1


_LIST_DEPS = {
    "dobj",
    "conj",
    "appos",
    "compound",
    "nmod",
    "amod",
    "nummod",
    "cc",
    "punct",
    "det",
    "acl",
    "pobj",
}
_LIST_PREPS = LIST_PREPS | {"of"}


def _listed_object(tok, verb) -> bool:
    """True when ``tok`` is in the verb's object list ("includes A, B and C", "comprises units
    known as Units 10 and 30"), not behind another preposition ("included participants from A")."""
    while tok.i != verb.i:
        if tok.head.i == tok.i or not (
            tok.dep_ in _LIST_DEPS or (tok.dep_ == "prep" and tok.lower_ in _LIST_PREPS)
        ):
            return False
        tok = tok.head
    return True


_MEMBER_VERBS = {"comprise", "include", "consist", "compose", "constitute", "make"}  # "make up"


def members_listed(c: Ctx) -> Iterator[Hit]:
    """ "The board comprises Ann Lee and Bo Strand", "the ten individuals comprising the board",
    "the men who make up the council": people who make up a body are its members.

    >>> from orgmap.extract import extract_document
    >>> r = extract_document("The Norvik Council comprises Ann Lee and Bo Strand.", decider=None)
    >>> sorted((r.entity(x.source).name, x.type) for x in r.relations if x.pattern == "list-members")
    [('Ann Lee', 'member_of'), ('Bo Strand', 'member_of')]
    """
    for verb in tokens(c.doc):
        lemma = verb.lemma_.lower()
        if lemma not in _MEMBER_VERBS or verb.pos_ != "VERB":
            continue
        if lemma == "make" and not any(ch.dep_ == "prt" and ch.lower_ == "up" for ch in verb.children):
            continue
        held = c.group(verb.head) if verb.dep_ == "acl" else None  # "the ten individuals comprising X"
        subs = [held] if held is not None else list(dict.fromkeys(subjects(c, verb)))
        objs = list(
            dict.fromkeys(
                c.group(t)
                for t in verb.subtree
                if t.i > verb.i and c.group(t) is not None and t.sent == verb.sent and _listed_object(t, verb)
            )
        )
        ways = [(subs, objs)] + ([(objs, subs)] if lemma != "include" else [])  # "include": whole first
        for whole, people in ways:
            for body in [g for g in whole if g.type == "organization"]:
                for person in [g for g in people if g.type == "person" and g is not body]:
                    if c.fits("member_of", person, body):
                        yield Hit(
                            person,
                            "member_of",
                            body,
                            verb,
                            span(verb, h_tok(c, person, verb)),
                            0.55,
                            "list-members",
                        )


def lists(c: Ctx) -> Iterator[Hit]:
    """ "X comprises ... Units 400, 340": the listed bodies are part of X."""
    for verb in tokens(c.doc):
        if (
            verb.lemma_.lower() in {"comprise", "include", "consist", "contain", "own", "control"}
            and verb.pos_ == "VERB"
        ):
            subs = [g for g in subjects(c, verb) if g.type == "organization"]
            if not subs:  # "Its subsidiaries include A and B": the owner of the parts noun
                for ch in verb.children:
                    if ch.dep_ == "nsubj" and "part_of" in c.lex.nouns.get(ch.lemma_.lower(), ()):
                        subs = [
                            c.group(o) for o in ch.children if o.dep_ == "poss" and c.group(o) is not None
                        ]
            if not subs:
                continue
            parts = [
                c.group(t)
                for t in verb.subtree
                if t.i > verb.i
                and c.group(t) is not None
                and c.group(t).type == "organization"
                and t.sent == verb.sent
                and _listed_object(t, verb)
            ]
            if set(map(id, subs)) & set(map(id, parts)):
                continue  # the parser took the list for the subject too: no whole is named
            for s in subs:
                for p in dict.fromkeys(parts):
                    if p is not s and c.fits("part_of", p, s):
                        yield Hit(p, "part_of", s, verb, span(verb, h_tok(c, p, verb)), 0.55, "list-comprise")
