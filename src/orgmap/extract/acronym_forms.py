"""Widen a name to the long form its bracketed acronym spells out.

The tagger often cuts a long name where a small word joins its parts: "the Islamic State of
Iraq and the Levant (ISIL)" comes back as "Islamic State of Iraq" and "Levant". The
bracketed acronym after a name says where the name starts: its letters are the initials of
the name's words, in order, with joining words ("of", "and", "the", "al-") free to add a
letter or not (the abbreviation-definition idea of Schwartz and Hearst, 2003, held to word
initials). When such a span is found and the mentions inside it only cut it up, they give
way to one mention of the whole span.

>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.extract.lexicon import load_lexicon
>>> doc = get_nlp()("They joined the Islamic State of Iraq and the Levant (ISIL) in 2015.")
>>> long_form_span(doc, 10, load_lexicon())
(3, 10)
>>> initials_spell(["Islamic", "State", "of", "Iraq", "and", "the", "Levant"], "ISIL", {"of", "and", "the"})
True
>>> initials_spell(["Islamic", "State", "of", "Iraq"], "ISIL", {"of", "and", "the"})
False
"""

from __future__ import annotations

import re
from functools import cache

from orgmap.extract.lexicon import Lexicon
from orgmap.extract.mention_span import Mention, make_mention

__all__ = ["initials_spell", "long_form_span", "widen_to_acronyms"]

_WORD_BREAK = re.compile(r"[\s\-\u2010\u2011\u2013]+")
_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019][^\W\d_]+)*$")  # letters, inner apostrophes: "Qa'ida"
_MAX_SKIPPED_NAME_WORDS = 1


def initials_spell(words: list[str], acronym: str, joining: set[str] | frozenset[str]) -> bool:
    """Whether the acronym's capitals are the initials of ``words`` in order: the first word and
    the last give the first and last letters, joining words may give a letter or none, and at
    most one other word gives none ("Al-Qaida in the Lands of the Islamic Maghreb" is AQIM)."""
    letters = [c.lower() for c in acronym if c.isupper()]
    if len(letters) < 2 or not words:
        return False
    initials = [w[0].lower() for w in words]
    free = [w.lower() in joining for w in words]

    @cache
    def fits(w: int, k: int, skipped: int) -> bool:
        if k == len(letters):
            return w == len(words)
        if w == len(words):
            return False
        if initials[w] == letters[k] and fits(w + 1, k + 1, skipped):
            return True
        if w == 0 or w == len(words) - 1:
            return False  # the name starts and ends on a letter
        if free[w]:
            return fits(w + 1, k, skipped)
        return skipped < _MAX_SKIPPED_NAME_WORDS and fits(w + 1, k, skipped + 1)

    return fits(0, 0, 0)


def _name_token(tok, joining: frozenset[str]) -> bool:
    """A token that can sit inside a proper name: a capitalised word, a joining word, or a hyphen
    or apostrophe piece glued to its neighbour ("Qa'ida", "al-Shuhada")."""
    if tok.text in {"-", "'", "\u2019", "\u2010", "\u2011"}:
        return True
    if tok.lower_ in joining:
        return True
    return bool(_WORD.match(tok.text)) and (
        tok.text[0].isupper() or (tok.i > 0 and not tok.doc[tok.i - 1].whitespace_)
    )


def long_form_span(doc, paren: int, lex: Lexicon) -> tuple[int, int] | None:
    """The shortest span ``[i, paren)`` before an opening bracket whose initials spell the
    bracketed acronym, or None."""
    if paren + 2 >= len(doc) or doc[paren].text != "(" or doc[paren + 2].text != ")":
        return None
    acronym = doc[paren + 1].text
    letters = sum(c.isupper() for c in acronym)
    if not (2 <= letters <= 10 and acronym[0].isupper() and all(c.isalnum() or c in "-&." for c in acronym)):
        return None
    joining = lex.name_joining_words
    sent_start = doc[paren].sent.start
    limit = max(sent_start, paren - 2 * letters - 4)
    i = paren - 1
    while i >= limit and _name_token(doc[i], joining):
        glued = i + 1 < paren and doc[i + 1].text == "-" and not doc[i].whitespace_  # "Al-Qaida"
        if (doc[i].text[0].isupper() and doc[i].lower_ not in joining) or glued:  # "al-Qa'ida in ..."
            words = [w for w in _WORD_BREAK.split(doc[i:paren].text) if w]
            if initials_spell(words, acronym, joining):
                return i, paren
        i -= 1
    return None


def widen_to_acronyms(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``mentions`` with the pieces of each acronym's long form replaced by one mention of the
    whole form; a mention reaching outside the form is left alone."""
    out = list(mentions)
    for tok in doc:
        if tok.text != "(":
            continue
        span = long_form_span(doc, tok.i, lex)
        if span is None:
            continue
        i, j = span
        inside = [m for m in out if m.i < j and m.j > i and m.kind != "pronoun"]
        if not inside or any(m.i < i or m.j > j for m in inside) or any((m.i, m.j) == (i, j) for m in inside):
            continue
        whole = make_mention(doc, i, j, lex)
        if whole is None or (whole.i, whole.j) != (i, j):
            continue
        head = min(inside, key=lambda m: m.i)
        # people have no acronyms: the head's other votes carry over, else it names a body
        kept = {t: n for t, n in head.votes.items() if t != "person"} if head.i == i else {}
        whole.votes.update(kept or {"organization": 3})
        whole.aliases.extend(a for m in inside for a in m.aliases)
        pieces = {id(m) for m in inside}
        out = [m for m in out if id(m) not in pieces] + [whole]
    return sorted(out, key=lambda m: (m.i, -m.j))
