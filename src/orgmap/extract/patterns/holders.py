"""Who holds a role: the person (or body) a role phrase belongs to, one construction per function.

:func:`find_holders` tries the constructions in a fixed order; the first that applies decides
(its answer may be empty: "X and Y, both members of Z" where X and Y are places names no holder).
Each takes the role's first word ``tok``, the phrase's syntactic ``head`` and ``body_end``, the
last word of its "of Y" body (``head`` itself when there is none), and returns the holders'
groups, or ``None`` when its construction is not there.

>>> from orgmap.extract import extract_document
>>> r = extract_document("The board named Ann Vole chairman of Brixmoor Holdings.", decider=None)
>>> [(r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations]
[('Ann Vole', 'leads', 'Brixmoor Holdings')]
"""

from __future__ import annotations

from collections.abc import Callable

from orgmap.extract.patterns.context import SUBJ, Ctx

__all__ = ["find_holders"]

Finder = Callable[[Ctx, object, object, object], list | None]

_LEAD_IN = {"the", "a", "an", "currently", "then", "now"}  # words between a name and its role


def find_holders(c: Ctx, tok, head, body_end) -> list:
    """The holders of the role phrase at ``tok`` by the first construction that applies, else []."""
    for finder in HOLDER_FINDERS:
        found = finder(c, tok, head, body_end)
        if found is not None:
            return found
    return []


def _person(c: Ctx, tok):
    """The person group of ``tok``, or None."""
    g = c.group(tok)
    return g if g is not None and g.type == "person" else None


def _people_or_bodies(groups: list) -> list:
    return [g for g in groups if g.type in {"person", "organization"}]


def title_before_name(c: Ctx, tok, head, body_end) -> list | None:
    """ "Secretary General Hasan Nasrallah", "commander of Unit 9 Major General Ali Rad": the name
    after the phrase and any further title words (not "office of Ali Rad", the body's)."""
    doc = c.doc
    nxt = body_end.i + 1
    while (
        nxt < len(doc)
        and c.group(doc[nxt]) is None
        and doc[nxt].lower_ in c.lex.title_words
        and doc[nxt].is_title
    ):
        nxt += 1
    if nxt < len(doc) and _person(c, doc[nxt]) and doc[nxt - 1].lower_ not in {"of", "to", "for", "by"}:
        return [c.group(doc[nxt])]
    return None


def name_after_head(c: Ctx, tok, head, body_end) -> list | None:
    """ "the commander Ali Rad": the name right after the phrase's head."""
    if head.i + 1 < len(c.doc) and _person(c, c.doc[head.i + 1]):
        return [c.group(c.doc[head.i + 1])]
    return None


def appointed_object(c: Ctx, tok, head, body_end) -> list | None:
    """ "the board named Ann Lee chairman of Acme", "elected Bo Li secretary-general of the party":
    the appointing verb's object holds the role (or the name the parser glued to it)."""
    if (
        head.dep_ not in {"oprd", "dobj", "ccomp", "xcomp"}
        or head.head.lemma_.lower() not in c.lex.appoint_verbs
    ):
        return None
    objs = [ch for ch in head.head.children if ch.dep_ == "dobj" and ch.i != head.i and _person(c, ch)]
    if objs:
        return c.expand(objs[0], roles=False)
    before = c.group(c.doc[tok.i - 1]) if tok.i else None
    if before is not None and before.type == "person":
        return [before]
    return None


def copula_attribute(c: Ctx, tok, head, body_end) -> list | None:
    """ "His deputy is Omar Saleh", "The group's leader is Ann Lee": the role is the subject and the
    copula's attribute its holder."""
    if head.dep_ not in SUBJ or head.head.lemma_ != "be":
        return None
    attrs = [ch for ch in head.head.children if ch.dep_ == "attr" and _person(c, ch)]
    return c.expand(attrs[0], roles=False) if attrs else None


def name_on_body(c: Ctx, tok, head, body_end) -> list | None:
    """ "the head of the Finance Ministry, Ahmed Saleh": the name hangs on the body, not the role."""
    if body_end.i == head.i or head.dep_ not in SUBJ | {"ROOT", "dobj", "pobj"}:
        return None
    named = [ch for ch in body_end.children if ch.dep_ == "appos" and _person(c, ch)]
    return c.expand(named[0], roles=False) if named else None


def plural_role_of_names(c: Ctx, tok, head, body_end) -> list | None:
    """ "Ann Lee and Bo Li, both members of the council": a plural role in apposition, all of them."""
    if head.dep_ == "appos" and head.tag_ in {"NNS", "NNPS"} and _person(c, head.head):
        return c.expand(head.head, roles=False)
    return None


def name_set_off_before(c: Ctx, tok, head, body_end) -> list | None:
    """ "Ann Lee, commander of Unit 9", "Ann Lee (the then commander of Unit 9)": the name before a
    comma or bracket, skipping deputy and past markers, articles and an owning body's name."""
    doc = c.doc
    skip = c.lex.deputy_prefixes | c.lex.past_markers | _LEAD_IN
    k = tok.i - 1
    while k >= 0 and (
        doc[k].lower_ in skip or (c.group(doc[k]) is not None and c.group(doc[k]).type == "organization")
    ):
        k -= 1
    if k >= 1 and doc[k].text in {"(", ","} and _person(c, doc[k - 1]):
        return [c.group(doc[k - 1])]
    return None


def name_set_off_after_body(c: Ctx, tok, head, body_end) -> list | None:
    """ "met the leader of the Ostia Group, Rui Costa, in July" when the parser hangs the name
    elsewhere: a name set off by commas right after the body."""
    doc = c.doc
    after = body_end.i + 2
    if not (
        body_end.i != head.i
        and after < len(doc)
        and doc[body_end.i + 1].text == ","
        and _person(c, doc[after])
        and any(ch.lower_ == "the" for ch in tok.children)
    ):
        return None
    end = max(c.tokens_of.get(id(c.group(doc[after])), [after]))
    if end + 1 >= len(doc) or doc[end + 1].text in {",", ".", ")"}:
        return [c.group(doc[after])]
    return None


def name_before_brackets(c: Ctx, tok, head, body_end) -> list | None:
    """ "Ann Lee (head of Acme, previously head of Unit 9)": any role inside the brackets after a name."""
    doc = c.doc
    k = tok.i - 1
    while k > tok.sent.start and doc[k].text not in {"(", ")"}:
        k -= 1
    if doc[k].text == "(" and k >= 1 and _person(c, doc[k - 1]):
        return [c.group(doc[k - 1])]
    return None


def first_of_coordinated_roles(c: Ctx, tok, head, body_end) -> list | None:
    """ "Ann Lee, commander of Unit 9 and deputy commander of Unit 7": the second role's holder is
    the first's (empty: try the next construction)."""
    if tok.dep_ != "conj" and head.dep_ != "conj":
        return None
    first = tok.head if tok.dep_ == "conj" else head.head
    return find_holders(c, first, first, first) or None


def apposed_to_group(c: Ctx, tok, head, body_end) -> list | None:
    """ "Ann Lee and Bo Li, members of the council": the names the role is in apposition to (only
    people and bodies, possibly none)."""
    if head.dep_ == "appos" and c.group(head.head) is not None:
        return _people_or_bodies(c.expand(head.head, roles=False))
    return None


def apposed_name(c: Ctx, tok, head, body_end) -> list | None:
    """ "Nordic Steel's chief executive, Anna Berg": a name in apposition to the role."""
    named = [ch for ch in head.children if ch.dep_ == "appos" and _person(c, ch)]
    return c.expand(named[0]) if named else None


_CLIMB_DEPS = {"attr", "pobj", "acomp", "oprd", "prep", "dobj", "xcomp", "ccomp"}


def copula_or_as(c: Ctx, tok, head, body_end) -> list | None:
    """ "Ann Lee is the head of Acme", "Bo Li was present as the deputy commander", "Ann Lee's tenure
    as chief": climb at most four steps from the role to the clause it completes, and take the
    first holder found there (:func:`_holder_of_clause`). A role that is the object of a verb
    acting on it ("designated three members of Y", ``acting_on_verbs``) has no holder here."""
    t = head
    for _ in range(4):
        if t.dep_ not in _CLIMB_DEPS and t.lower_ != "as":
            return None
        if t.dep_ == "dobj" and t.head.lemma_.lower() in c.lex.acting_on_verbs:
            return []  # "OFAC designated three members of MS-13": the subject holds no role
        t = t.head
        found = _holder_of_clause(c, t, head)
        if found is not None:
            return found
    return None


def _holder_of_clause(c: Ctx, t, head) -> list | None:
    """At the word ``t`` the role completes: the owner of a noun ("Ann Lee's tenure as chief"; only
    people and bodies, possibly none), the object of an appointing verb ("Acme named Ann Lee as
    its chief"), the agent of a replacement ("Bo Li was replaced by Ann Lee as chief"), else the
    subject ("Ann Lee is the head of Acme")."""
    if t.pos_ == "NOUN":
        owners = [ch for ch in t.children if ch.dep_ == "poss" and c.group(ch) is not None]
        if owners:
            return _people_or_bodies(c.expand(owners[0]))
    objs = [ch for ch in t.children if ch.dep_ == "dobj" and _person(c, ch)]
    if objs and head.head.lower_ == "as" and t.lemma_.lower() in c.lex.appoint_verbs:
        return c.expand(objs[0], roles=False)
    agent = [p for ch in t.children if ch.dep_ == "agent" for p in ch.children if p.dep_ == "pobj"]
    if agent and "succeeded" in c.lex.verb_type(t.lemma_.lower()):
        gs = _people_or_bodies(c.expand(agent[0]))
        if gs:
            return gs
    subj = [ch for ch in t.children if ch.dep_ in SUBJ]
    if subj:
        gs = _people_or_bodies(c.expand(subj[0]))
        if gs:
            return gs
    return None


HOLDER_FINDERS: tuple[Finder, ...] = (
    title_before_name,
    name_after_head,
    appointed_object,
    copula_attribute,
    name_on_body,
    plural_role_of_names,
    name_set_off_before,
    name_set_off_after_body,
    name_before_brackets,
    first_of_coordinated_roles,
    apposed_to_group,
    apposed_name,
    copula_or_as,
)
