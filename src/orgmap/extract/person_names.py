"""Person names the small tagger cuts short or mistypes, mended by name shape.

- A person span that starts one word late ("Valerii [Vasilyevich Lukyanenko]", "Natalia" tagged
  a place, "First Lady Rosario [Maria Murillo]" with a title before) takes back the given name
  just before it on the same line; one that ends a word
  early ("[Yevgeniy Ivanovich] Bessonov") takes back the surname after it.
- A patronymic (-ovich, -evich, -ovna, -evna, -ich, -yevna, "ogly", "kyzy") or a
  "bin"/"ibn"/"bint" link between capitalised words marks a person.

>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.extract.mention_span import Mention
>>> doc = get_nlp()("Olga Ivanova met Pavel Sergeyevich Orlov in Minsk.")
>>> m = Mention(4, 6, doc[4].idx, doc[5].idx + len(doc[5].text), "Sergeyevich Orlov")
>>> [x.name for x in mend_person_names(doc, [m])], m.votes["person"]
(['Pavel Sergeyevich Orlov'], 5)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from orgmap.extract.gazetteer import given_names, load_gazetteer, unaccented_lower
from orgmap.extract.lexicon import load_lexicon
from orgmap.extract.mention_span import Mention

__all__ = ["is_patronymic", "mend_person_names"]

_PATRONYMIC = re.compile(r"^[A-Z][a-z]+(?:ovich|evich|yevich|ievich|ich|ovna|evna|yevna|ievna|ichna)$")
_LINKS = {"bin", "ibn", "bint", "ogly", "oglu", "kyzy", "uulu"}


def is_patronymic(word: str) -> bool:
    """A Slavic patronymic by its ending.

    >>> is_patronymic("Vasilyevich"), is_patronymic("Germanovna"), is_patronymic("Munich")
    (True, True, False)
    """
    return bool(_PATRONYMIC.match(word)) and word.lower() not in {"munich", "zurich", "greenwich", "ipswich"}


def _person_shaped(doc, m: Mention) -> bool:
    toks = doc[m.i : m.j]
    if len(toks) < 2 or not all(t.is_title or t.lower_ in _LINKS for t in toks):
        return False
    inner = toks[1:-1]
    return any(is_patronymic(t.text) for t in toks[1:]) or any(t.lower_ in _LINKS for t in inner)


def mend_person_names(doc, names: list[Mention]) -> list[Mention]:
    """Vote person for person-shaped names and give back a given name cut off their front;
    returns the names without the one-word mentions so absorbed."""
    known, places = given_names(), load_gazetteer()
    title_words = load_lexicon().title_words

    def given(tok) -> bool:  # a known given name, or the word between a title and a name there
        after_title = tok.i > 0 and doc[tok.i - 1].is_title and doc[tok.i - 1].lower_ in title_words
        return unaccented_lower(tok.text) in known or (after_title and tok.lower_ not in title_words)

    owner = {k: m for m in names if m.kind != "pronoun" for k in range(m.i, m.j)}
    absorbed: set[int] = set()
    for m in names:
        if m.kind != "name":
            continue
        if m.i > 0 and (m.votes["person"] or doc[m.i].ent_type_ == "PERSON" or _person_shaped(doc, m)):
            _take_given_name(doc, m, owner, absorbed, given, places)
        if doc[m.i].ent_type_ == "PERSON" or _person_shaped(doc, m):
            _take_surname(doc, m, owner, absorbed, places)
        if _person_shaped(doc, m):
            m.votes["person"] += 3
    return [m for m in names if id(m) not in absorbed]


def _take_surname(doc, m: Mention, owner: dict, absorbed: set[int], places) -> None:
    """Extend ``m`` over the capitalised words the tagger left out just after it ("[Yevgeniy
    Ivanovich] Bessonov", "[Aleksey] Vladimirovich Kurinniy", "[Ye Win] Oo was appointed"):
    proper nouns of no entity, on the same line, no place, that end the name (a patronymic may
    be followed by one more, also when they were found as an untyped name of their own)."""
    run = owner.get(m.j)
    if (
        run is not None
        and run.kind == "name"
        and run.i == m.j
        and run.j - run.i == 2
        and not run.votes
        and is_patronymic(doc[run.i].text)
        and doc[m.j - 1].whitespace_ == " "
    ):
        _grow(doc, m, m.i, run.j, owner, absorbed)
        return
    k = m.j
    while k < len(doc) and k - m.j < 2 and _left_out(doc, k, owner, places):
        after = doc[k + 1] if k + 1 < len(doc) else None
        more = after is not None and after.is_title and after.pos_ == "PROPN" and doc[k].whitespace_ == " "
        if more and not (is_patronymic(doc[k].text) and _left_out(doc, k + 1, owner, places)):
            return  # the run goes on: not a surname left out
        k += 1
        if not more:
            break
    if k > m.j:
        _grow(doc, m, m.i, k, owner, absorbed)


def _left_out(doc, k: int, owner: dict, places) -> bool:
    """Token ``k`` is a capitalised proper noun the tagger gave no entity (or a lone person), after a
    plain space, and no place."""
    tok = doc[k]
    return (
        tok.is_title
        and tok.is_alpha
        and tok.pos_ == "PROPN"
        and tok.ent_type_ in {"", "PERSON"}
        and doc[k - 1].whitespace_ == " "
        and not places.is_place(tok.text)
        and _free(owner, k)
    )


def _free(owner: dict, k: int) -> bool:
    """Token ``k`` belongs to no mention, or only to a one-word name (which a grown name absorbs)."""
    lone = owner.get(k)
    return lone is None or (lone.kind == "name" and (lone.i, lone.j) == (k, k + 1))


def _grow(doc, m: Mention, i: int, j: int, owner: dict, absorbed: set[int]) -> None:
    """Extend ``m`` to tokens ``[i, j)``, absorbing the mentions of the words it takes, and vote person."""
    for k in [*range(i, m.i), *range(m.j, j)]:
        if k in owner:
            absorbed.add(id(owner[k]))
    if i != m.i:
        m.i, m.start = i, doc[i].idx
    if j != m.j:
        m.j, m.end = j, doc[j - 1].idx + len(doc[j - 1].text)
    m.name = doc.text[m.start : m.end]
    m.votes["person"] += 2


def _take_given_name(doc, m: Mention, owner: dict, absorbed: set[int], given: Callable, places) -> None:
    """Extend ``m`` over the given name just before it, absorbing that word's own mention."""
    for _ in range(2):  # "Natalia Borisovna [Kettler]": a patronymic, then the given name
        if m.i == 0 or not _take_one(doc, m, owner, absorbed, given, places):
            return


def _take_one(doc, m: Mention, owner: dict, absorbed: set[int], given: Callable, places) -> bool:
    """Extend ``m`` over one given name (``given(token)``) or patronymic just before it; whether it did."""
    prev = doc[m.i - 1]
    if (
        prev.is_title
        and prev.pos_ == "PROPN"
        and prev.whitespace_ == " "
        and (given(prev) or is_patronymic(prev.text))
        and not places.is_place(prev.text)
        and _free(owner, prev.i)
    ):
        _grow(doc, m, prev.i, m.j, owner, absorbed)
        return True
    return False
