"""Rule-based coreference after clustering, gated by type: each rule maps tokens to an entity
group of the right type (``tok_group``, which the relation patterns read) and records the
span as a further mention of that entity.

- A title stands for its holder: "Lars Holm is the president of Norland ... the President
  said" (copula, apposition, "President Lars Holm"); only when one person holds that title.
- A subject pronoun opening a sentence is the person who was the subject of the latest
  sentence with a person subject ("Holm met Erik Lund. He said ..." → Holm), not merely
  the nearest person.
- A plural description of states ("both states", "the two countries") is the last two
  places named before it.
- A plural subject opening a sentence ("They", "These individuals", "The companies")
  continues the list of names of the sentence before (designee lists), type permitting.

>>> from orgmap.extract import extract_document
>>> r = extract_document("Lars Holm is the president of Norland. The President met Erik Lund in Ostia.")
>>> holm = next(e for e in r.entities if e.name == "Lars Holm")
>>> [r.text[s:e] for s, e in holm.mentions]
['Lars Holm', 'President']
"""

from __future__ import annotations

import itertools

from orgmap.extract.gazetteer import load_gazetteer
from orgmap.extract.lexicon import Lexicon
from orgmap.extract.nlp import tokens

__all__ = ["resolve_coreference"]

_SUBJECT_PRONOUNS = {"he", "she"}
_PLURAL_STATES = {"states", "countries", "nations"}
_TWO = {"both", "two"}


def _role_words(lex: Lexicon) -> set[str]:
    words = set()
    for role in lex.roles:
        if " " not in role:
            words.add(role)
    return words | {t for t in lex.titles if " " not in t and not t.endswith(".")}


def _holders(doc, tok_group: dict, roles: set[str]) -> list[tuple[int, str, object]]:
    """(token index, role word, person group) wherever a person is given a title."""
    out = []
    for tok in tokens(doc):
        g = tok_group.get(tok.i)
        if g is None or g.type != "person":
            continue
        # "President Lars Holm": a title word just before the name
        k = tok.i - 1
        if k >= 0 and tok_group.get(k) is not g and doc[k].lower_ in roles:
            out.append((tok.i, doc[k].lower_, g))
        # "Lars Holm is the president of Norland", "Lars Holm, the president of Norland"
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            for attr in (c for c in tok.head.children if c.dep_ == "attr" and c.lower_ in roles):
                out.append((tok.i, attr.lower_, g))
        for app in (c for c in tok.children if c.dep_ == "appos" and c.lower_ in roles):
            out.append((tok.i, app.lower_, g))
    return out


def _titles(doc, tok_group: dict, groups_mentions: dict, lex: Lexicon) -> None:
    roles = _role_words(lex)
    holders = _holders(doc, tok_group, roles)
    for tok in tokens(doc):
        word = tok.lower_
        if tok.i in tok_group or word not in roles or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
        if (
            dets != ["the"]
            or any(c.dep_ == "prep" for c in tok.children)
            or any(c.dep_ in {"compound", "amod", "poss", "nmod"} for c in tok.children)
        ):
            continue
        if tok.i + 1 < len(doc) and (doc[tok.i + 1].i in tok_group or doc[tok.i + 1].pos_ == "PROPN"):
            continue  # "the President Lars Holm": the name follows
        before = {id(g): g for i, w, g in holders if w == word and i < tok.i}
        if len(before) == 1:
            g = next(iter(before.values()))
            tok_group[tok.i] = g
            groups_mentions.setdefault(id(g), []).append((tok.idx, tok.idx + len(tok.text)))


def _subject_pronouns(doc, tok_group: dict) -> None:
    last_subject = None
    for sent in doc.sents:
        opening = [t for t in sent if not t.is_punct and not t.is_space][:1]
        if (
            opening
            and opening[0].lower_ in _SUBJECT_PRONOUNS
            and opening[0].dep_ == "nsubj"
            and last_subject is not None
        ):
            tok_group[opening[0].i] = last_subject
        for t in sent:
            g = tok_group.get(t.i)
            if (
                t.dep_ in {"nsubj", "nsubjpass"}
                and g is not None
                and g.type == "person"
                and t.lower_ not in _SUBJECT_PRONOUNS
            ):
                last_subject = g
                break


def _plural_states(doc, tok_group: dict, groups_mentions: dict) -> None:
    countries = load_gazetteer().countries
    seen: list = []
    for tok in tokens(doc):
        g = tok_group.get(tok.i)
        if (
            g is not None
            and g.type == "place"
            and g.name.lower() in countries
            and (not seen or seen[-1] is not g)
        ):
            seen = [x for x in seen if x is not g] + [g]
        if tok.lower_ in _PLURAL_STATES and any(c.lower_ in _TWO for c in tok.children) and len(seen) >= 2:
            left = min([c.i for c in tok.children if c.lower_ in _TWO] + [tok.i])
            span = (doc[left].idx, tok.idx + len(tok.text))
            for g in seen[-2:]:
                groups_mentions.setdefault(id(g), []).append(span)


_PLURAL_HEADS = {
    "they": None,
    "individuals": "person",
    "persons": "person",
    "men": "person",
    "women": "person",
    "designees": None,
    "companies": "organization",
    "entities": None,
    "firms": "organization",
    "groups": "organization",
    "leaders": "person",
}
_PLURAL_DETS = {"these", "those", "the", "all", "both", "each", "three", "four", "five"}


def _listed(sent, tok_group: dict) -> list:
    """The groups of the largest coordinated list of names in a sentence (two or more)."""
    best: list = []
    for tok in sent:
        g = tok_group.get(tok.i)
        if g is None or tok.dep_ == "conj":
            continue
        members = [g] + [tok_group[c.i] for c in tok.conjuncts if c.i in tok_group]
        uniq = list(dict.fromkeys(members))
        if len(uniq) > len(best):
            best = uniq
    return best if len(best) >= 2 else []


def _plural_lists(doc, tok_group: dict, groups_mentions: dict) -> None:
    """ "Treasury designated A, B and C. They act for X" / "These individuals ...": a plural
    subject opening a sentence continues the list of names of the sentence before."""
    sents = list(doc.sents)
    carried: list = []  # the list a continuing sentence took over, for the sentence after it
    for prev, sent in itertools.pairwise(sents):
        words = [t for t in sent if not t.is_punct and not t.is_space][:3]
        listed, carried = _listed(prev, tok_group) or carried, []
        if not words:
            continue
        head = (
            words[0]
            if words[0].lower_ == "they"
            else next(
                (t for t in words[1:] if t.lower_ in _PLURAL_HEADS and words[0].lower_ in _PLURAL_DETS), None
            )
        )
        if head is None or (
            head.dep_ not in {"nsubj", "nsubjpass"} and head.head.dep_ not in {"nsubj", "nsubjpass"}
        ):
            continue
        wanted = _PLURAL_HEADS[head.lower_]
        members = [g for g in listed if wanted is None or g.type == wanted]
        if len(members) >= 2:
            carried = members
            span = (words[0].idx, head.idx + len(head.text))
            for g in members:
                groups_mentions.setdefault(id(g), []).append(span)


def resolve_coreference(doc, tok_group: dict, lex: Lexicon) -> dict[int, list[tuple[int, int]]]:
    """Apply the rules (module docstring) to ``tok_group`` in place; returns the new mention
    spans per group id (character offsets of the parsed text)."""
    added: dict[int, list[tuple[int, int]]] = {}
    _titles(doc, tok_group, added, lex)
    _subject_pronouns(doc, tok_group)
    _plural_states(doc, tok_group, added)
    _plural_lists(doc, tok_group, added)
    return added
