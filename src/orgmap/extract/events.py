"""Dated and named happenings as event mentions: "the October 7 attack", "a meeting held on
October 14", "the Iraqi elections", "the death of Soleimani", "attack Israel on October 7".

>>> from orgmap.extract.nlp import get_nlp
>>> doc = get_nlp()("They met at a meeting held on October 14 after the Iraqi elections.")
>>> [(m.name, m.date) for m in find_events(doc)]
[('October 14 meeting', 'October 14'), ('Iraqi elections', None)]
"""

from __future__ import annotations

import re

from orgmap.extract.nlp import tokens
from orgmap.extract.lexicon import Lexicon, load_lexicon
from orgmap.extract.mentions import Mention

__all__ = ["find_events"]


def _date_in(tok, depth: int = 3):
    """A DATE entity attached to ``tok`` directly or through a participle/preposition."""
    for child in tok.children:
        if child.ent_type_ == "DATE":
            ent = next(e for e in child.doc.ents if e.start <= child.i < e.end)
            return ent
        if depth > 1 and child.dep_ in {"prep", "acl", "npadvmod", "compound", "nmod", "pobj"}:
            found = _date_in(child, depth - 1)
            if found is not None:
                return found
    return None


def _date_text(ent):
    """(text, end token) of a DATE entity, cut where a sentence was glued on ("October 7.After")."""
    if ent is None:
        return None
    text = re.split(r"\.(?=[A-Z])", ent.text)[0]
    end = ent.start
    while end < ent.end and ent.doc[end].idx < ent.start_char + len(text):
        end += 1
    return text, end


def _event(doc, i, j, name, date, lex) -> Mention:
    span = doc[i:j]
    m = Mention(i, j, span.start_char, span.end_char, name, kind="event", date=date)
    m.votes["event"] += 6
    literal = span.text
    for art in ("the ", "a ", "an ", "this ", "that "):
        if literal.lower().startswith(art):
            literal = literal[len(art):]
    if literal != name:
        m.aliases.append(literal)
    if date and date != name:
        m.aliases.append(date)
    return m


def find_events(doc, lex: Lexicon | None = None) -> list[Mention]:
    """Event mentions with a date, a nationality, or an "of/with" complement that names them."""
    lex = lex or load_lexicon()
    out: list[Mention] = []
    for tok in tokens(doc):
        word = tok.lower_
        if tok.pos_ in {"NOUN", "PROPN"} and word in lex.event_nouns:
            date = _date_text(_date_in(tok))
            left = tok.left_edge.i
            while left < tok.i and doc[left].dep_ in {"det", "poss", "case"}:
                left += 1
            if date is not None:
                right = max(tok.i + 1, date[1])
                out.append(_event(doc, left, right, f"{date[0]} {tok.text}", date[0], lex))
                continue
            mods = [c for c in tok.children if c.dep_ == "amod" and c.ent_type_ == "NORP"]
            if mods:
                out.append(_event(doc, mods[0].i, tok.i + 1, f"{mods[0].text} {tok.text}", None, lex))
                continue
            preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "with"}]
            if preps and preps[0].right_edge.i - preps[0].i <= 6 and any(t.ent_type_ in {"PERSON", "ORG", "GPE"} or t.pos_ == "PROPN"
                             for t in preps[0].subtree) and tok.i > 0:
                end = preps[0].right_edge.i + 1
                while end > tok.i + 1 and doc[end - 1].is_punct:
                    end -= 1
                start = tok.i
                text = doc[start:end].text
                out.append(_event(doc, start, end, text, None, lex))
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in lex.event_verbs:
            date = _date_text(_date_in(tok, depth=2))
            # only a day names a one-off happening ("attacked Israel on October 7"); "met in May"
            # or "in 2022" dates a relation, not an event
            if date is not None and re.search(r"\d", date[0]) and re.search(r"[A-Za-z]", date[0]) \
                    and not re.fullmatch(r"\D*\d{4}\D*", date[0]):
                noun = lex.event_verbs[tok.lemma_.lower()]
                m = _event(doc, tok.i, tok.i + 1, f"{date[0]} {noun}", date[0], lex)
                m.aliases = [date[0]]
                out.append(m)
    return out
