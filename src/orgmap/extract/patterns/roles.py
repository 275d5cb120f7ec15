"""Roles: titles, appositions, parentheticals, copulas and "as" ("Y commander X",
"X (commander of Y)", "X, head of Y", "X is the chief of Y", "X's tenure as Y commander")."""

from __future__ import annotations

from collections.abc import Iterator

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.context import SUBJ, Ctx, Hit, first_group_in, h_tok, role_at, span

__all__ = ["roles"]


def roles(c: Ctx) -> Iterator[Hit]:
    doc, lex = c.doc, c.lex
    inside = -1  # last token of the role phrase matched before: "Officer" in "Chief Executive Officer"
    for tok in tokens(doc):
        extra_types: list[str] = []
        if tok.i <= inside:
            continue
        if (
            tok.pos_ not in {"NOUN", "PROPN", "ADJ"}
            or (c.group(tok) is not None and c.group(tok).type == "person")
            or (
                c.group(tok) is not None
                and tok.is_title
                and c.group(tok).type == "organization"
                and len(c.tokens_of.get(id(c.group(tok)), ())) > 1
            )
        ):  # "Office of the President" is no president
            continue
        found = role_at(tok, lex)
        if not found or (tok.pos_ == "ADJ" and found[1] is tok):  # "chief executive", not "chief" alone
            continue
        rtype, last = found
        inside = last.i
        for extra in lex.roles.get(doc[tok.i : last.i + 1].text.lower(), ())[1:]:
            extra_types.append(extra)
        head = last
        # the body: "of Y", "Y commander", "Y's commander"
        bodies, body_end = [], last
        # "a lender to Y": the parser may hang the preposition on the copula instead of the role
        near = (
            [ch for ch in head.head.children if ch.i == head.i + 1] if head.dep_ in {"attr", "oprd"} else []
        )
        inner = (
            [ch for ch in tok.children if ch.i == last.i + 1] if tok.i != last.i else []
        )  # "secretary-general of"
        for ch in list(head.children) + near + inner:
            if ch.dep_ == "prep" and ch.lower_ in {"of", "at", "in", "for", "to"} and ch.i == head.i + 1:
                for p in ch.children:
                    if p.dep_ == "pobj":
                        bodies += c.expand(p) if c.group(p) else first_group_in(c, p)
                        body_end = p.right_edge
                        if bodies:  # end at the body's name, not at whatever the parser hung on it
                            run = [i for i in c.tokens_of.get(id(bodies[0]), []) if i > head.i]
                            k = run[0] if run else None
                            while k is not None and k + 1 in run:
                                k += 1
                            if k is not None:
                                body_end = doc[k]
        before = doc[tok.i - 1] if tok.i else None
        k = tok.i - 1
        while k >= 0 and doc[k].lower_ in lex.deputy_prefixes | lex.past_markers | {"the", "a"}:
            k -= 1
        if k >= 0 and c.group(doc[k]) is not None and c.group(doc[k]).type == "organization" and not bodies:
            bodies = [c.group(doc[k])]
        for ch in head.children:
            if ch.dep_ == "poss" and c.group(ch) is not None and not bodies:
                bodies = [c.group(ch)]
        del before
        if (
            head.i != tok.i and head.head.i == tok.i
        ):  # the phrase's syntactic head: "secretary" in "secretary-general"
            head = tok
        holders = find_holders(c, tok, head, body_end)
        if not holders:
            continue
        has_of = any(
            ch.dep_ == "prep" and ch.lower_ in {"of", "for", "at"} for ch in list(head.children) + inner
        )
        if not bodies and not has_of and rtype in {"leads", "deputy_of", "member_of"}:
            bodies = sole_body(c, tok, holders)
        past = any(doc[j].lower_ in lex.past_markers for j in range(max(0, tok.i - 2), tok.i))
        # "a Vitti Clan commander", "one of the leaders": one of several, so a member, not the head
        article = [ch.lower_ for ch in tok.children if ch.dep_ == "det"] + [
            ch.lower_ for ch in head.children if ch.dep_ == "det"
        ]
        if rtype == "leads" and (
            "a" in article or "an" in article or (tok.lower_.endswith("s") and tok.lower_ not in {"boss"})
        ):
            rtype = "member_of"
        portfolio = [
            g
            for t in head.subtree
            if t.lower_ == "responsible"
            for p in t.subtree
            if p.dep_ == "pobj"
            for g in c.expand(p)
        ]
        for h in holders:
            ev = span(*(t for t in (h_tok(c, h, tok), tok, body_end) if t is not None))
            for b in bodies:
                if portfolio:
                    t1 = "member_of"
                elif getattr(b, "function", False) and rtype == "leads":
                    t1 = "responsible_for"
                else:
                    t1 = rtype
                if c.fits(t1, h, b):
                    yield Hit(h, t1, b, tok, ev, 0.8 if not past else 0.7, "role")
                if b.type == "person" and t1 == "deputy_of" and c.fits("reports_to", h, b):
                    yield Hit(h, "reports_to", b, tok, ev, 0.7, "role-superior")  # "X, Y's deputy"
                if b.type == "person" and t1 == "member_of" and c.fits("personal_tie", h, b):
                    yield Hit(h, "personal_tie", b, tok, ev, 0.6, "role-personal")  # "an associate of Y"
                for t2 in extra_types:  # "financier of Y": funds Y and belongs to it
                    if c.fits(t2, h, b):
                        yield Hit(h, t2, b, tok, ev, 0.7, "role")
                parent = getattr(b, "parent", None)
                if parent is not None and c.fits("member_of", h, parent) and t1 != "member_of":
                    yield Hit(h, "member_of", parent, tok, ev, 0.6, "role-parent")
            for p in portfolio:
                if c.fits("responsible_for", h, p):
                    yield Hit(h, "responsible_for", p, tok, ev, 0.75, "role-portfolio")
            if not bodies:  # "head of logistics in Iraq": a portfolio in a place
                for t in body_end.subtree if body_end is not last else ():
                    g = c.group(t)
                    if g is not None and g.type == "place" and t.head.lower_ == "in":
                        yield Hit(h, "responsible_for", g, tok, ev, 0.6, "role-place")


def sole_body(c: Ctx, tok, holders: list) -> list:
    """A role without "of Y" ("X will succeed Y as Chief Executive Officer") belongs to the one
    organization its sentence names, if there is exactly one."""
    sent = tok.sent
    orgs = {
        id(g): g
        for t in sent
        if (g := c.group(t)) is not None
        and g.type == "organization"
        and g not in holders
        and (t.is_title or t.is_upper)
    }  # named here, not "the government"
    return list(orgs.values()) if len(orgs) == 1 else []


def find_holders(c: Ctx, tok, head, body_end) -> list:
    doc = c.doc
    persons = lambda gs: [g for g in gs if g.type in {"person", "organization"}]  # noqa: E731
    # title before the name: "Secretary General Hasan Nasrallah", "commander of X Gholam Ali Rashid"
    nxt = body_end.i + 1
    titles = {w for t in c.lex.titles for w in t.split()}
    while nxt < len(doc) and c.group(doc[nxt]) is None and doc[nxt].lower_ in titles and doc[nxt].is_title:
        nxt += 1
    if (
        nxt < len(doc)
        and c.group(doc[nxt]) is not None
        and c.group(doc[nxt]).type == "person"
        and doc[nxt - 1].lower_ not in {"of", "to", "for", "by"}
    ):  # "office of Mohsen Qomi" is the body's
        return [c.group(doc[nxt])]
    if (
        head.i + 1 < len(doc)
        and c.group(doc[head.i + 1]) is not None
        and c.group(doc[head.i + 1]).type == "person"
    ):
        return [c.group(doc[head.i + 1])]
    # "the board named X chairman of Y", "elected X secretary-general of Y": the verb's object holds it
    if head.dep_ in {"oprd", "dobj", "ccomp", "xcomp"} and head.head.lemma_.lower() in c.lex.appoint_verbs:
        objs = [
            ch
            for ch in head.head.children
            if ch.dep_ == "dobj"
            and ch.i != head.i
            and c.group(ch) is not None
            and c.group(ch).type == "person"
        ]
        if objs:
            return c.expand(objs[0], roles=False)
        before = c.group(doc[tok.i - 1]) if tok.i else None
        if before is not None and before.type == "person":  # the parser glued the name to the role
            return [before]
    # "His deputy is X", "The group's leader is X": the copula's attribute holds the role
    if head.dep_ in SUBJ and head.head.lemma_ == "be":
        attrs = [
            ch
            for ch in head.head.children
            if ch.dep_ == "attr" and c.group(ch) is not None and c.group(ch).type == "person"
        ]
        if attrs:
            return c.expand(attrs[0], roles=False)
    # "the head of the Finance Ministry, Ahmed Saleh": the name hangs on the body, not on the role
    if body_end.i != head.i and head.dep_ in SUBJ | {"ROOT", "dobj", "pobj"}:
        named = [
            ch
            for ch in body_end.children
            if ch.dep_ == "appos" and c.group(ch) is not None and c.group(ch).type == "person"
        ]
        if named:
            return c.expand(named[0], roles=False)
    if (
        head.dep_ == "appos"
        and head.tag_ in {"NNS", "NNPS"}
        and c.group(head.head) is not None
        and c.group(head.head).type == "person"
    ):  # "X and Y, both members of Z": a plural role, all of them
        return c.expand(head.head, roles=False)
    # apposition / parenthesis: "X, commander of Y" / "X (commander of Y)"
    k = tok.i - 1
    while k >= 0 and (
        doc[k].lower_
        in c.lex.deputy_prefixes | c.lex.past_markers | {"the", "a", "an", "currently", "then", "now"}
        or (c.group(doc[k]) is not None and c.group(doc[k]).type == "organization")
    ):
        k -= 1
    if k >= 1 and doc[k].text in {"(", ","}:
        g = c.group(doc[k - 1])
        if g is not None and g.type == "person":
            return [g]
    # "met the leader of Y, X, in July" when the parser hangs X elsewhere: the name set off right after the body
    after = body_end.i + 2
    if (
        body_end.i != head.i
        and after < len(doc)
        and doc[body_end.i + 1].text == ","
        and c.group(doc[after]) is not None
        and c.group(doc[after]).type == "person"
        and any(ch.lower_ == "the" for ch in tok.children)
    ):
        end = max(c.tokens_of.get(id(c.group(doc[after])), [after]))
        if end + 1 >= len(doc) or doc[end + 1].text in {",", ".", ")"}:
            return [c.group(doc[after])]
    # inside brackets after a name: "X (head of Y, previously head of Z)"
    k = tok.i - 1
    while k > tok.sent.start and doc[k].text not in {"(", ")"}:
        k -= 1
    if (
        doc[k].text == "("
        and k >= 1
        and c.group(doc[k - 1]) is not None
        and c.group(doc[k - 1]).type == "person"
    ):
        return [c.group(doc[k - 1])]
    # a second role in a list: "commander of Unit 400 and deputy commander of Unit 340"
    if tok.dep_ == "conj" or head.dep_ == "conj":
        first = tok.head if tok.dep_ == "conj" else head.head
        found = find_holders(c, first, first, first)
        if found:
            return found
    if head.dep_ == "appos" and c.group(head.head) is not None:
        return persons(c.expand(head.head, roles=False))  # "X and Y, both members of Z"
    named = [
        ch
        for ch in head.children
        if ch.dep_ == "appos" and c.group(ch) is not None and c.group(ch).type == "person"
    ]  # "Nordic Steel's chief executive, Anna Berg"
    if named:
        return c.expand(named[0])
    # copula and "as": "X is the head of Y", "X was present as the deputy commander", "X's tenure as"
    t = head
    for _ in range(4):
        if t.dep_ in {"attr", "pobj", "acomp", "oprd", "prep", "dobj", "xcomp", "ccomp"} or t.lower_ in {
            "as"
        }:
            t = t.head
            if t.pos_ == "NOUN":
                owners = [ch for ch in t.children if ch.dep_ == "poss" and c.group(ch) is not None]
                if owners:
                    return persons(c.expand(owners[0]))
            objs = [
                ch
                for ch in t.children
                if ch.dep_ == "dobj" and c.group(ch) is not None and c.group(ch).type == "person"
            ]
            if (
                objs and head.head.lower_ == "as" and t.lemma_.lower() in c.lex.appoint_verbs
            ):  # "Y named X as its chief"
                return c.expand(objs[0], roles=False)
            agent = [p for ch in t.children if ch.dep_ == "agent" for p in ch.children if p.dep_ == "pobj"]
            if agent and "succeeded" in c.lex.verb_type(
                t.lemma_.lower()
            ):  # "X was replaced by Y as Z": Y holds Z
                gs = persons(c.expand(agent[0]))
                if gs:
                    return gs
            subj = [ch for ch in t.children if ch.dep_ in SUBJ]
            if subj:
                gs = persons(c.expand(subj[0]))
                if gs:
                    return gs
        else:
            break
    return []
