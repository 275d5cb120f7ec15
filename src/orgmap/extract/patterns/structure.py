"""Structure: sub-bodies named by their parent, placed in it ("Unit 400 in the Qods
Force"), said to be part of it, or listed by it ("comprises Units 400, 340")."""

from __future__ import annotations

from collections.abc import Iterator

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.clauses import subjects
from orgmap.extract.patterns.context import Ctx, Hit, first_group_in, h_tok, span

__all__ = ["colon_parts", "lists", "structure"]


def structure(c: Ctx) -> Iterator[Hit]:
    """Sub-bodies: named by their parent ("Qods Force finance"), placed in it ("Unit 400 in the
    Qods Force"), or said to be part of it ("the Qods Force—part of the IRGC")."""
    doc = c.doc
    for tok in tokens(doc):
        g = c.group(tok)
        if g is None or g.type != "organization":
            continue
        for ch in tok.children:
            if (
                ch.dep_ == "prep"
                and ch.lower_ in c.lex.part_of_preps
                and c.group(doc[ch.i - 1]) is g
                and c.group(ch.head) is g
                and c.group(ch) is not g
            ):  # not the "of" inside a name
                for p in ch.children:
                    if p.dep_ == "pobj":
                        for o in c.expand(p):
                            if o.type == "organization" and o is not g:
                                yield Hit(g, "part_of", o, ch, span(tok, p), 0.55, "structure-in")
        # "the Treasury's Office of Foreign Assets Control": a body owned by a body is part of it
        for ch in tok.children:
            owner = c.group(ch) if ch.dep_ == "poss" else None
            if (
                owner is not None
                and owner is not g
                and c.fits("part_of", g, owner)
                and owner.type == "organization"
            ):
                yield Hit(g, "part_of", owner, ch, span(ch, tok), 0.6, "structure-possessive")
        # "the party's youth wing, Young Democrats": a named body beside an owned common noun is part of the owner
        if (
            tok.dep_ == "appos"
            and c.group(tok.head) is None
            and tok.head.lower_ in c.lex.org_nouns | set(c.lex.nouns)
        ):
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
        # "the operations room under X": X leads it
        for ch in tok.children:
            if (
                ch.dep_ == "prep"
                and ch.lower_ == "under"
                and (
                    c.group(doc[ch.i - 1]) is g or (doc[ch.i - 1].text == "," and c.group(doc[ch.i - 2]) is g)
                )
            ):
                for p in ch.children:
                    for o in c.expand(p) if p.dep_ == "pobj" else ():
                        if o.type == "person" and c.fits("leads", o, g):
                            yield Hit(o, "leads", g, ch, span(tok, p), 0.6, "structure-under")
        # "X—part of Y", "X, a subsidiary of Y"
        for ch in tok.children:
            if (
                ch.dep_ in {"appos", "npadvmod", "acl", "amod"}
                and ch.lower_ in c.lex.nouns
                and "part_of" in c.lex.nouns[ch.lower_]
            ):
                for p in ch.children:
                    if p.dep_ == "prep" and p.lower_ in {"of", "within", "inside"}:  # "a faction within Y"
                        for o in [
                            g2 for q in p.children if q.dep_ == "pobj" for g2 in c.expand(q)
                        ] or first_group_in(c, p):
                            if c.fits("part_of", g, o):
                                yield Hit(g, "part_of", o, ch, span(tok, p.right_edge), 0.7, "structure-part")
    for grp in {id(g): g for g in c.tok_group.values()}.values():
        parent = getattr(grp, "parent", None)
        if parent is not None and c.fits("part_of", grp, parent):
            t = h_tok(c, grp, doc[0])
            yield Hit(grp, "part_of", parent, t, span(t), 0.6, "structure-name")


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
            ]
            for s in subs:
                for p in dict.fromkeys(parts):
                    if p is not s and c.fits("part_of", p, s):
                        yield Hit(p, "part_of", s, verb, span(verb, h_tok(c, p, verb)), 0.55, "list-comprise")
