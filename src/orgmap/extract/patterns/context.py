"""What every pattern family shares: the hit record, the context with slot expansion
(coordination, apposition, "such as" lists, role phrases standing for their holders) and
the schema's endpoint-type check."""

from __future__ import annotations

from dataclasses import dataclass

from orgmap.extract.lexicon import Lexicon

__all__ = ["LIST_PREPS", "SUBJ", "Ctx", "Hit", "first_group_in", "h_tok", "role_at", "span"]

SUBJ = {"nsubj", "nsubjpass", "csubj"}
LIST_PREPS = {"like", "including", "as"}


@dataclass
class Hit:
    source: object
    type: str
    target: object
    anchor: object
    tokens: tuple[int, int]
    score: float
    pattern: str


class Ctx:
    def __init__(self, doc, tok_group: dict[int, object], lex: Lexicon, schema):
        self.doc, self.tok_group, self.lex, self.schema = doc, tok_group, lex, schema
        self.tokens_of: dict[int, list[int]] = {}
        for i, g in sorted(tok_group.items()):
            self.tokens_of.setdefault(id(g), []).append(i)

    def group(self, tok):
        return self.tok_group.get(tok.i)

    def expand(self, tok, roles: bool = True) -> list:
        """Groups a slot token names: itself, its conjuncts, appositions and listed examples.

        A role noun in the slot ("the Chief of Staff ... Bagheri") stands for its holder, but
        not when it is only an apposition to a name ("Marco, the son of Aldo").
        """
        out, seen = [], set()
        todo = [tok]
        named = set()  # tokens reached as appositions of a name
        while todo:
            t = todo.pop(0)
            if t.i in seen:
                continue
            seen.add(t.i)
            g = self.group(t)
            if g is not None:
                if g not in out:
                    out.append(g)
            elif (
                roles
                and t.i not in named
                and ((role_at(t, self.lex) and t.pos_ == "NOUN") or t.lower_ == "chief")
            ):
                # "the Chief of Staff of X Major General Bagheri": the role stands for its holder
                for g in self._holders_in(t):
                    if g not in out:
                        out.append(g)
            else:
                # "Afghanistan and Pakistan affairs": names modifying a common noun
                todo.extend(c for c in t.children if c.dep_ == "compound" and t.pos_ == "NOUN")
                if (
                    t.lower_ in self.lex.state_actor_nouns
                ):  # "Algerian officials": the state acts through them
                    todo.extend(c for c in t.children if c.dep_ == "amod" and self.group(c) is not None)
                for c in t.children:  # "individuals like X, Y" / "countries such as X"
                    if c.dep_ == "prep" and c.lower_ in LIST_PREPS:
                        todo.extend(p for p in c.children if p.dep_ == "pobj")
                    if c.dep_ == "amod" and c.lower_ == "such":
                        todo.extend(p for p in c.children if p.dep_ == "prep")
                    if c.dep_ == "prep" and c.lower_ == "as" and t.lower_ == "such":
                        todo.extend(p for p in c.children if p.dep_ == "pobj")
                todo.extend(c for c in t.children if c.dep_ == "acl" and c.lower_ == "such")
            if g is not None:
                named.update(c.i for c in t.children if c.dep_ == "appos")
            todo.extend(c for c in t.children if c.dep_ in {"conj", "appos"})
        return out

    def _holders_in(self, role) -> list:
        """People named inside a role phrase, not inside its appositions or a body's "of" phrase."""
        skip = set()
        for ch in role.children:
            if ch.dep_ == "appos":
                skip |= {x.i for x in ch.subtree}
        for x in role.subtree:
            if x.lower_ == "of" and x.head.lower_ in self.lex.org_nouns:
                skip |= {y.i for y in x.subtree}
        out = []
        for x in role.subtree:
            g = self.group(x)
            if x.i not in skip and g is not None and g.type == "person" and g not in out:
                out.append(g)
        return out

    def fits(self, rtype: str, s, t) -> bool:
        return s is not t and s is not None and t is not None and self.schema.allows(rtype, s.type, t.type)

    def pick(self, types: tuple[str, ...], s, t, *, owning: bool = False) -> str | None:
        """The first of ``types`` the schema allows from ``s`` to ``t``. A person who manages a
        body leads it ("is managed by X"), unless the words are of ownership or control
        (``owning``: "owned or controlled by P" is P ``manages``, a person too)."""
        for rtype in types:
            if self.fits(rtype, s, t):
                if rtype == "manages" and s.type == "person" and not owning and self.fits("leads", s, t):
                    return "leads"
                return rtype
        for rtype in types:  # a place is held as a portfolio, not managed or led
            if rtype in {"manages", "leads"} and t.type == "place" and self.fits("responsible_for", s, t):
                return "responsible_for"
        return None


def span(*toks) -> tuple[int, int]:
    idx = [t.i for t in toks if t is not None]
    return min(idx), max(idx) + 1


def role_at(tok, lex: Lexicon) -> tuple[str, object] | None:
    """(relation type, last token of role phrase) for a role noun, with deputy prefixes."""
    doc = tok.doc
    lowers = doc.user_data.get("orgmap_lowers") or [t.lower_ for t in doc]
    for n in (3, 2, 1):
        if tok.i + n > len(doc):
            continue
        words = " ".join(lowers[tok.i : tok.i + n]).replace(" - ", "-")  # "secretary - general"
        if words.endswith("-") or words.startswith("-"):
            continue
        rtype = lex.role_type(words)
        if not rtype and words.endswith("s") and not words.endswith("ss"):  # "members", "leaders"
            rtype = lex.role_type(words[:-1])
        if rtype:
            prev = doc[tok.i - 1].lower_ if tok.i else ""
            if prev in lex.deputy_prefixes and rtype == "leads":
                rtype = "deputy_of"
            return rtype, doc[tok.i + n - 1]
    return None


def h_tok(c: Ctx, group, near):
    """The mention token of ``group`` nearest to ``near``."""
    where = c.tokens_of.get(id(group))
    if not where:
        return None
    sent = near.sent
    inside = [i for i in where if sent.start <= i < sent.end]  # evidence stays in the sentence when it can
    return c.doc[min(inside or where, key=lambda i: abs(i - near.i))]


def first_group_in(c: Ctx, tok) -> list:
    for t in tok.subtree:
        g = c.group(t)
        if g is not None and g.type in {"organization", "place"}:
            return [g]
    return []
