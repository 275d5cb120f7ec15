"""Bodies named by their owner: "Lars Holm's criminal organization", "Norvik Bank's management board".

A lower-case body noun (``owned_body_nouns`` in the lexicon) whose possessor is a named
person or body is a body of its own. It is named with its owner, as a reader would name it,
but its span holds only the words after the possessive, so the owner stays a mention of its
own and the two can be related: a body's board or department is part of it, a person's
network or organization is the body he leads (the relation each noun implies is lexicon
data, read by :mod:`orgmap.extract.patterns.structure`).

>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.extract.lexicon import load_lexicon
>>> from orgmap.extract.mentions import find_mentions
>>> doc = get_nlp()("Lars Holm's criminal organization moved cocaine to Spain.")
>>> [(m.name, m.best_type()) for m in find_mentions(doc) if m.kind == "name"][:2]
[('Lars Holm', 'person'), ("Lars Holm's criminal organization", 'organization')]
"""

from __future__ import annotations

from orgmap.extract.lexicon import Lexicon
from orgmap.extract.mention_span import POSSESSIVES, Mention

__all__ = ["owned_bodies"]

_MAX_MODIFIERS = 3  # "Hamidi's facilitation network", "the KNA's armed criminal wing"
_MODIFIER_TAGS = {"ADJ", "NOUN", "VERB"}  # "criminal", "patronage", "governing"
_NAME_GLUE = {"of", "on", "for", "in"}
_APPOSING = {",", "–", "—", "-", "("}  # what opens an apposition


def _owner_of(doc, tok, by_tok: dict[int, Mention]) -> Mention | None:
    """The named mention that owns the noun ``tok`` through a possessive, if any."""
    owners = [ch for ch in tok.children if ch.dep_ == "poss"]
    if len(owners) != 1:
        return None
    owner = by_tok.get(owners[0].i)
    if owner is None or owner.kind not in {"name", "acronym"} or owner.j >= tok.i:
        return None
    return owner if doc[owner.j].text in POSSESSIVES else None


def _describes(doc, tok, by_tok: dict[int, Mention]) -> bool:
    """Whether the owned noun ``tok`` only describes a body named beside it: "the party's youth
    organisation, Young Liberals", "the RGB, North Korea's intelligence bureau", "X is Y's unit"."""
    if any(ch.dep_ == "appos" and ch.i in by_tok for ch in tok.children):
        return True
    return tok.dep_ == "attr" or (tok.dep_ == "appos" and doc[max(tok.left_edge.i - 1, 0)].text in _APPOSING)


def _after_short_form(doc, k: int, end: int) -> int:
    """Token ``k``, or the token after a bracketed short form opening there ("Dodik's (Dodik) network")."""
    if doc[k].text != "(":
        return k
    close = next((x for x in range(k + 1, min(k + 5, end)) if doc[x].text == ")"), None)
    return close + 1 if close is not None else k


def owned_bodies(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """New organization mentions for a body noun owned by a named mention ("Holm's network").

    The owner is a body, or a person for the nouns a person leads. Only plain words may stand
    between the possessive and the noun: no other name, nothing capitalised but the noun.

    >>> from orgmap.extract.nlp import get_nlp
    >>> from orgmap.extract.lexicon import load_lexicon
    >>> from orgmap.extract.mentions import find_mentions
    >>> doc = get_nlp()("Ann Berg sits on Norvik Bank's management board. Ann Berg's office is in Oslo.")
    >>> [(m.name, doc[m.i:m.j].text) for m in find_mentions(doc) if m.base is not None]
    [("Norvik Bank's management board", 'management board')]
    """
    by_tok = {k: m for m in mentions for k in range(m.i, m.j)}
    out = []
    for tok in doc:
        implied = lex.owned_body_nouns.get(tok.lower_)
        if implied is None or tok.dep_ == "compound" or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        owner = _owner_of(doc, tok, by_tok)
        if (
            owner is None
            or owner.best_type() not in {"person", "organization"}
            or _describes(doc, tok, by_tok)
        ):
            continue  # "North Korea's intelligence bureau": a state's bodies are institutions (bodies.py)
        if owner.best_type() == "person" and implied != "leads":
            continue  # "Ann Berg's office", "his department": no body of its own
        start = _after_short_form(doc, owner.j + 1, tok.i)
        name = f"{doc[owner.i : owner.j + 1].text} {doc[start : tok.i + 1].text}"  # no short form inside
        named = by_tok.get(tok.i)
        if named is not None:  # "VTB Bank's Management Board": the name the tagger found is the owned body's
            if (named.i, named.j) == (start, tok.i + 1) and name not in named.aliases:
                named.aliases.append(name)
                named.votes["organization"] += 3
            continue
        if (
            tok.is_title
            and tok.i + 1 < len(doc)
            and (doc[tok.i + 1].is_title or doc[tok.i + 1].lower_ in _NAME_GLUE)
        ):
            continue  # "Hamas's Council on International Relations": a longer name goes on
        mods = doc[start : tok.i]
        if len(mods) > _MAX_MODIFIERS or any(
            t.i in by_tok or t.pos_ not in _MODIFIER_TAGS or (t.is_title and not tok.is_title) for t in mods
        ):
            continue
        words, owner_words = doc[start : tok.i + 1].text, doc[owner.i : owner.j].text
        aliases = [f"{words} of {owner_words}"] + (
            [words] if len(mods) else []
        )  # as a reader would also name it
        m = Mention(
            start, tok.i + 1, doc[start].idx, tok.idx + len(tok.text), name, base=owner, aliases=aliases
        )
        m.votes["organization"] += 6
        out.append(m)
    return out
