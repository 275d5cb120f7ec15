"""Roles: a role phrase ties its holder to the body it is of ("Y commander X", "X (commander of
Y)", "X, head of Y", "X is the chief of Y", "X's tenure as Y commander").

For each role phrase the lexicon knows ("chief executive officer", "deputy commander"), the
body comes from :func:`role_body` (or the sentence's only named organization), the holders
from :func:`~orgmap.extract.patterns.holders.find_holders`, and :func:`role_hits` turns each
holder and body into hits.

>>> from orgmap.extract import extract_document
>>> r = extract_document("Ann Vole, the chief executive of Brixmoor Holdings, met Bo Strand.", decider=None)
>>> [(r.entity(x.source).name, x.type, r.entity(x.target).name, x.pattern) for x in r.relations]
[('Ann Vole', 'leads', 'Brixmoor Holdings', 'role')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from orgmap.extract.nlp import tokens
from orgmap.extract.patterns.context import Ctx, Hit, first_group_in, h_tok, role_at, span
from orgmap.extract.patterns.holders import find_holders

__all__ = ["roles", "sole_body"]

_BODY_PREPS = {"of", "at", "in", "for", "to"}  # "head of Y", "lender to Y"
_OWN_BODY_PREPS = {"of", "for", "at"}  # a role that names its own body
_NEEDS_BODY = {"leads", "deputy_of", "member_of"}


@dataclass
class RoleBody:
    """The body a role phrase is of, and where the phrase ends.

    ``end`` is the body's last word ("Acme" in "head of Acme in Oslo"), else the phrase's last
    word; ``has_object`` says whether the phrase had an "of Y" object at all (named or not).
    """

    groups: list
    end: object
    has_object: bool = False


def roles(c: Ctx) -> Iterator[Hit]:
    """Hits of every role phrase of the document, left to right; the words of a phrase matched
    already ("Officer" in "Chief Executive Officer") start none of their own."""
    inside = -1
    for tok in tokens(c.doc):
        if tok.i <= inside or not _may_open_role(c, tok):
            continue
        found = role_at(tok, c.lex)
        if not found or (tok.pos_ == "ADJ" and found[1] is tok):  # "chief executive", not "chief" alone
            continue
        rtype, last = found
        inside = last.i
        yield from role_hits(c, tok, rtype, last)


def _may_open_role(c: Ctx, tok) -> bool:
    """A noun, name or adjective not inside a person's name, nor inside an organization's name of
    several words ("Office of the President" is no president)."""
    if tok.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return False
    g = c.group(tok)
    if g is None:
        return True
    return g.type != "person" and not (
        tok.is_title and g.type == "organization" and len(c.tokens_of.get(id(g), ())) > 1
    )


def role_hits(c: Ctx, tok, rtype: str, last) -> Iterator[Hit]:
    """The hits of the role phrase ``tok`` .. ``last`` whose lexicon type is ``rtype``: "Ann Lee,
    a deputy commander of Unit 9" gives Ann Lee member_of Unit 9."""
    extra = c.lex.roles.get(c.doc[tok.i : last.i + 1].text.lower(), ())[1:]  # "financier": funds too
    inner = [ch for ch in tok.children if ch.i == last.i + 1] if tok.i != last.i else []
    body = role_body(c, tok, last, inner)
    head = tok if last.i != tok.i and last.head.i == tok.i else last  # "secretary" in "secretary-general"
    holders = find_holders(c, tok, head, body.end)
    if not holders:
        return
    bodies = body.groups
    has_of = any(ch.dep_ == "prep" and ch.lower_ in _OWN_BODY_PREPS for ch in list(head.children) + inner)
    if not bodies and not has_of and rtype in _NEEDS_BODY:
        bodies = sole_body(c, tok, holders)
    past = any(c.doc[j].lower_ in c.lex.past_markers for j in range(max(0, tok.i - 2), tok.i))
    one_of = _one_of_several(tok, head, rtype)
    pattern = "role-one-of-several" if one_of != rtype else "role"  # read by the model decider
    rtype = one_of
    portfolio = _portfolio(c, head)
    for h in holders:
        ev = span(*(t for t in (h_tok(c, h, tok), tok, body.end) if t is not None))
        for b in bodies:
            yield from _holder_body_hits(
                c, h, b, tok, ev, _body_type(rtype, b, portfolio), extra, past, pattern
            )
        for p in portfolio:
            if c.fits("responsible_for", h, p):
                yield Hit(h, "responsible_for", p, tok, ev, 0.75, "role-portfolio")
        if not bodies and body.has_object:
            yield from _portfolio_places(c, h, tok, ev, body.end)


def role_body(c: Ctx, tok, last, inner: list) -> RoleBody:
    """The body of the role phrase ``tok`` .. ``last``, by the first of: its "of Y" object
    (:func:`_object_body`), an organization named just before it ("the Acme chairman"), a
    possessor ("Acme's chairman")."""
    body = _object_body(c, last, inner)
    if not body.groups:
        body.groups = _body_named_before(c, tok)
    if not body.groups:
        body.groups = [c.group(ch) for ch in last.children if ch.dep_ == "poss" and c.group(ch) is not None][
            :1
        ]
    return body


def _object_body(c: Ctx, last, inner: list) -> RoleBody:
    """ "head of Acme", "a lender to Acme" (the parser may hang the preposition on the copula),
    "secretary-general of the party" (on the phrase's first word): the groups of the object
    right after the phrase, the body ending at the end of the first group's name."""
    near = [ch for ch in last.head.children if ch.i == last.i + 1] if last.dep_ in {"attr", "oprd"} else []
    body = RoleBody([], last)
    for ch in list(last.children) + near + inner:
        if ch.dep_ != "prep" or ch.lower_ not in _BODY_PREPS or ch.i != last.i + 1:
            continue
        for p in ch.children:
            if p.dep_ != "pobj":
                continue
            body.groups += c.expand(p) if c.group(p) else first_group_in(c, p)
            body.end, body.has_object = p.right_edge, True
            end = _end_of_name(c, body.groups[0], last.i) if body.groups else None
            if end is not None:  # end at the body's name, not at whatever the parser hung on it
                body.end = end
    return body


def _end_of_name(c: Ctx, group, after: int):
    """The last token of the first run of ``group``'s tokens after token ``after``, or None."""
    run = [i for i in c.tokens_of.get(id(group), []) if i > after]
    if not run:
        return None
    k = run[0]
    while k + 1 in run:
        k += 1
    return c.doc[k]


def _body_named_before(c: Ctx, tok) -> list:
    """ "the Acme chairman", "Unit 9 deputy commander": an organization named right before the
    role, past articles and deputy or past markers."""
    doc = c.doc
    skip = c.lex.deputy_prefixes | c.lex.past_markers | {"the", "a"}
    k = tok.i - 1
    while k >= 0 and doc[k].lower_ in skip:
        k -= 1
    g = c.group(doc[k]) if k >= 0 else None
    return [g] if g is not None and g.type == "organization" else []


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


def _one_of_several(tok, head, rtype: str) -> str:
    """ "a Vitti Clan commander", "one of the leaders": one of several is a member, not the head."""
    article = [ch.lower_ for ch in tok.children if ch.dep_ == "det"] + [
        ch.lower_ for ch in head.children if ch.dep_ == "det"
    ]
    if rtype == "leads" and (
        "a" in article or "an" in article or (tok.lower_.endswith("s") and tok.lower_ not in {"boss"})
    ):
        return "member_of"
    return rtype


def _portfolio(c: Ctx, head) -> list:
    """ "minister responsible for the Port Authority": the groups the role is responsible for."""
    return [
        g
        for t in head.subtree
        if t.lower_ == "responsible"
        for p in t.subtree
        if p.dep_ == "pobj"
        for g in c.expand(p)
    ]


def _body_type(rtype: str, body, portfolio: list) -> str:
    """The relation to the body: a member when the role has a portfolio ("a minister of Norland
    responsible for ports"), responsible_for a function body ("head of Acme finance")."""
    if portfolio:
        return "member_of"
    if getattr(body, "function", False) and rtype == "leads":
        return "responsible_for"
    return rtype


def _holder_body_hits(
    c: Ctx, h, b, tok, ev, rtype: str, extra, past: bool, pattern: str = "role"
) -> Iterator[Hit]:
    """Holder ``h`` and body ``b``: the role's relation, a deputy's superior ("X, Y's deputy"),
    a personal tie ("an associate of Y"), the lexicon's extra types ("financier of Y" funds Y)
    and membership of the body's parent ("head of Acme finance" is in Acme)."""
    if c.fits(rtype, h, b):
        yield Hit(h, rtype, b, tok, ev, 0.8 if not past else 0.7, pattern)
    if b.type == "person" and rtype == "deputy_of" and c.fits("reports_to", h, b):
        yield Hit(h, "reports_to", b, tok, ev, 0.7, "role-superior")
    if b.type == "person" and rtype == "member_of" and c.fits("personal_tie", h, b):
        yield Hit(h, "personal_tie", b, tok, ev, 0.6, "role-personal")
    for t2 in extra:
        if c.fits(t2, h, b):
            yield Hit(h, t2, b, tok, ev, 0.7, "role")
    parent = getattr(b, "parent", None)
    if parent is not None and c.fits("member_of", h, parent) and rtype != "member_of":
        yield Hit(h, "member_of", parent, tok, ev, 0.6, "role-parent")


def _portfolio_places(c: Ctx, h, tok, ev, body_end) -> Iterator[Hit]:
    """ "head of logistics in Iraq": a role of no named body is a portfolio in the place it names."""
    for t in body_end.subtree:
        g = c.group(t)
        if g is not None and g.type == "place" and t.head.lower_ == "in":
            yield Hit(h, "responsible_for", g, tok, ev, 0.6, "role-place")
