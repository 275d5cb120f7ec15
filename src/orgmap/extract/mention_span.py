"""A mention's token range, cleaned of articles, possessives and titles (the core of :mod:`orgmap.extract.mentions`).

>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.extract.lexicon import load_lexicon
>>> doc = get_nlp()("the Major General Bagheri's staff")
>>> m = make_mention(doc, 0, 5, load_lexicon())
>>> m.name, m.title
('Bagheri', 'Major General')
>>> make_mention(get_nlp()("Mullah Akhtar Mansur"), 0, 3, load_lexicon()).aliases
['Mullah Akhtar Mansur']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from orgmap.extract.lexicon import Lexicon

__all__ = ["ARTICLES", "POSSESSIVES", "Mention", "make_mention"]

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})  # possessive tokens, "Workers'" too
_QUOTES = {'"', "“", "”", "‘", "'", "«", "»"}
ARTICLES = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}


@dataclass
class Mention:
    """A token range ``[i, j)`` of the document that names something."""

    i: int
    j: int
    start: int
    end: int
    name: str
    votes: Counter = field(default_factory=Counter)
    kind: str = "name"  # name | acronym | collective | function | event | pronoun
    title: str = ""
    base: Mention | None = None  # collective/function: the body it belongs to
    acronym_of: Mention | None = None
    date: str | None = None
    aliases: list[str] = field(default_factory=list)
    same_as: Mention | None = (
        None  # another mention of the same entity (alias field, short form, coreference)
    )
    attributes: dict = field(default_factory=dict)  # extra data for the entity (event participants, ...)

    def best_type(self) -> str | None:
        return self.votes.most_common(1)[0][0] if self.votes else None


def _clean_range(doc, i: int, j: int, lex: Lexicon) -> tuple[int, int, str]:
    """Strip articles, possessives and titles from tokens [i, j); return the title found."""
    breaks = [k for k in range(i, j) if "\n" in doc[k].text]
    if breaks:  # a heading above a name is not part of it: keep the last line
        i = breaks[-1] + 1 if breaks[-1] + 1 < j else i
        j = min([k for k in range(i, j) if "\n" in doc[k].text] or [j])
    while i < j and (
        doc[i].lower_ in ARTICLES
        or doc[i].text in _QUOTES
        or (i + 1 < j and doc[i].is_sent_start and doc[i].pos_ in {"ADV", "SCONJ", "CCONJ", "ADP"})
    ):
        i += 1  # also a sentence's opening adverb or conjunction: "Later the Government of X"
    i = _skip_prefix_labels(doc, i, j, lex)
    for k in range(i + 1, j):  # "Office of Foreign Assets Control (OFAC": the bracket opens an alias
        if doc[k].text in {"(", "["}:
            j = k
            break
    while (
        i + 3 < j
        and doc[i + 1].text == "-"
        and (doc[i + 2].lower_ in lex.name_prefix_participles or doc[i].lower_ in {"pro", "anti"})
    ):
        i += 3  # "the Jalisco-based Los Primos gang", "the OFAC-designated Vesh Council", "pro-Kremlin X"
    while j > i and (doc[j - 1].text in POSSESSIVES or doc[j - 1].is_punct):
        j -= 1
    # a possessive inside ("Qaani’s Vision") ends the name at the owner
    for k in range(i + 1, j):
        if (
            doc[k].text in POSSESSIVES
            and not (
                doc[k].text in {"'", "\u2019"}
                and doc[k - 1].lower_.endswith("s")
                and doc[j - 1].lower_ in lex.org_nouns
            )  # "Workers' Party"
            and not (
                doc[k - 1].is_title
                and doc[k - 1].lower_ in lex.name_possessors
                and k + 1 < j
                and doc[k + 1].is_title
            )  # "Mongolian People's Party", "People's Liberation Army"
        ):
            j = k
            break
    title = ""
    lowers = _lowers(doc)
    titles = _title_set(lex)
    # a body's name keeps a leading title word: "King Romans Company Limited" is no king's
    body = j > i and (lowers[j - 1] in lex.company_suffixes or lowers[j - 1] in lex.org_nouns)
    for n in (3, 2, 1):  # a leading title ("Major General Bagheri")
        if not body and n < j - i and tuple(lowers[i : i + n]) in titles:
            title, i = doc[i : i + n].text, i + n
            break
    else:  # a title just before the name ("Major General [Qasem Soleimani]")
        for n in (3, 2, 1):
            if i - n >= 0 and tuple(lowers[i - n : i]) in titles and doc[i - n].is_title:
                title = doc[i - n : i].text
                break
    for n in (3, 2, 1):  # a title glued to the end by the tagger ("Armed Forces Major")
        if n < j - i and tuple(lowers[j - n : j]) in titles and doc[j - n].is_title:
            j -= n
            break
    roles = _role_set(lex)
    for n in (3, 2, 1):  # a holder's role after a body's name: "[Finance Commission] Deputy Head"
        if (
            n < j - i
            and tuple(lowers[j - n : j]) in roles
            and doc[j - n].is_title
            and lowers[j - n - 1] in lex.org_nouns
        ):
            j -= n
            break
    return i, j, title


def _skip_prefix_labels(doc, i: int, j: int, lex: Lexicon) -> int:
    """A designation or office label opening a name is not part of it ("SDGT al-Shabaab")."""
    lowers = _lowers(doc)
    for label in lex.name_prefix_labels:
        words = label.split()
        if i + len(words) < j and lowers[i : i + len(words)] == words:
            return i + len(words)
    return i


def _lowers(doc) -> list[str]:
    cached = doc.user_data.get("orgmap_lowers")
    if cached is None:
        cached = doc.user_data["orgmap_lowers"] = [t.lower_ for t in doc]
    return cached


_TITLE_SETS: dict[int, frozenset] = {}


def _title_set(lex: Lexicon) -> frozenset[tuple[str, ...]]:
    found = _TITLE_SETS.get(id(lex))
    if found is None:
        found = _TITLE_SETS[id(lex)] = frozenset(tuple(t.split()) for t in lex.titles)
    return found


_ROLE_SETS: dict[int, frozenset] = {}


def _role_set(lex: Lexicon) -> frozenset[tuple[str, ...]]:
    """Every role phrase of the lexicon's ``roles`` as a word tuple ("deputy head" -> ("deputy", "head"))."""
    found = _ROLE_SETS.get(id(lex))
    if found is None:
        found = _ROLE_SETS[id(lex)] = frozenset(tuple(r.split()) for r in lex.roles)
    return found


def make_mention(doc, i: int, j: int, lex: Lexicon, kind: str = "name") -> Mention | None:
    i, j, title = _clean_range(doc, i, j, lex)
    if i >= j:
        return None
    span = doc[i:j]
    if not any(t.is_alpha or t.like_num for t in span):
        return None
    m = Mention(i, j, span.start_char, span.end_char, span.text, kind=kind, title=title)
    if title:
        m.votes["person"] += 3
        if title.lower() in lex.name_honorifics:  # "Mullah Akhtar Mansur" is also his name as written
            m.aliases.append(f"{title} {span.text}")
    return m
