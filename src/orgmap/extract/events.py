"""Dated and named happenings as event mentions: "the October 7 attack", "a meeting held on
October 14", "the Iraqi elections", "the death of Soleimani", "attack Israel on October 7".

>>> from orgmap.extract.nlp import get_nlp
>>> doc = get_nlp()("They met at a meeting held on October 14 after the Iraqi elections.")
>>> [(m.name, m.date) for m in find_events(doc)]
[('October 14 meeting', 'October 14'), ('Iraqi elections', None)]
"""

from __future__ import annotations

import re

from orgmap.extract.lexicon import Lexicon, load_lexicon
from orgmap.extract.mentions import Mention
from orgmap.extract.nlp import tokens
from orgmap.extract.timex import dates_agree, only_a_date

__all__ = ["find_events", "same_events"]


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
            literal = literal[len(art) :]
    if literal != name:
        m.aliases.append(literal)
    if date and date != name:
        m.aliases.append(date)
    return m


_COMPLEMENT_PREPS = {
    "of",
    "with",
    "against",
    "on",
    "in",
    "by",
    "to",
    "between",
    "from",
    "before",
    "over",
    "at",
}
_TARGET_PREPS = {"of", "against", "on"}  # "the arrest of X", "strikes on X": X is the target
_AGENT_PREPS = {"by", "between", "with"}  # "a visit by X", "talks between X and Y": participants
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}


def _named(tok) -> bool:
    return tok.ent_type_ in _NAMED or tok.pos_ == "PROPN"


def _proper(tok) -> bool:
    """A name inside a complement: a nationality adjective ("of an Iranian proxy") is not one."""
    return tok.ent_type_ in _NAMED - {"NORP"} or tok.pos_ == "PROPN"


def _state_body(tok, lex: Lexicon) -> bool:
    """A nationality before an institution noun: "the Nigerian government" names a body."""
    return tok.ent_type_ == "NORP" and tok.head.lower_ in lex.institution_nouns and tok.head.i > tok.i


def _complement(tok, doc, lex: Lexicon):
    """The first prepositional complement of an event noun that holds a name (or a state's body,
    "with the Nigerian government"), its end, and its words."""
    for prep in [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _COMPLEMENT_PREPS]:
        sub = list(prep.subtree)
        if len(sub) > 10 or not any(_proper(t) or _state_body(t, lex) for t in sub):
            continue
        end = prep.i + 1
        while (
            end <= prep.right_edge.i
            and doc[end].pos_ not in {"VERB", "AUX", "PRON"}
            and doc[end].text not in {",", ";", ":", "(", "—", "–"}
            and doc[end].lower_ not in {"which", "who", "that"}
        ):
            end += 1
        while end > prep.i + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
            end -= 1
        return (prep, end) if end > prep.i + 1 else (None, None)
    return None, None


def _roles(tok) -> dict[str, list[int]]:
    """Token indices of the event's possessor and by-agents (participants) and of its object (targets)."""
    roles: dict[str, list[int]] = {"participants": [], "targets": [], "places": []}
    for c in tok.children:
        if (c.dep_ == "poss" and _named(c)) or (
            c.dep_ in {"compound", "amod", "nmod"} and _named(c) and c.ent_type_ != "DATE"
        ):
            roles["participants"].append(c.i)
        elif c.dep_ == "prep":
            for obj in (o for o in c.children if o.dep_ == "pobj"):
                heads = [obj, *list(obj.conjuncts)]
                named = [
                    t.i
                    for h in heads
                    for t in ([h] if _named(h) else [x for x in h.subtree if _named(x)][-1:])
                ]
                if c.lower_ in _AGENT_PREPS:
                    roles["participants"] += named
                elif c.lower_ in _TARGET_PREPS:
                    roles["targets"] += named
                elif c.lower_ in {"in", "to", "at"}:
                    roles["places"] += [h.i for h in heads if _named(h)]
    return roles


def same_events(doc, events: list[Mention]) -> None:
    """ "Putin's war on Ukraine" ... "the war against Ukraine": an event noun repeated with a
    participant or target of the same name is the same event (later ``same_as`` earlier); so is
    one repeated with dates that agree ("the February 1, 2021 coup" ... "the 2021 coup")."""
    by_date: list[Mention] = []
    for m in sorted(events, key=lambda m: m.start):
        head = m.attributes.get("head")
        if head is None or not m.date or m.same_as is not None:
            continue
        earlier = [
            e
            for e in by_date
            if doc[e.attributes["head"]].lemma_.lower() == doc[head].lemma_.lower()
            and dates_agree(e.date, m.date)
        ]
        if earlier:
            m.same_as = earlier[0]
        by_date.append(m)

    def key(m: Mention) -> tuple[str, frozenset[str]] | None:
        head = m.attributes.get("head")
        roles = m.attributes.get("roles") or {}
        names = frozenset(doc[i].lower_ for idx in roles.values() for i in idx)
        return (doc[head].lemma_.lower(), names) if head is not None and names else None

    seen: list[tuple[tuple[str, frozenset[str]], Mention]] = []
    for m in sorted(events, key=lambda m: m.start):
        k = key(m)
        if k is None:
            continue
        earlier = [e for (lemma, names), e in seen if lemma == k[0] and names & k[1] and e.date == m.date]
        if earlier and m.same_as is None:
            m.same_as = earlier[0]
        seen.append((k, m))


def find_events(doc, lex: Lexicon | None = None) -> list[Mention]:
    """Event mentions: event nouns named by a date, a name that modifies them ("the Boko Haram
    offensive", "Norland's war"), or a complement that holds a name ("the arrest of Rui
    Costa in May", "a visit by Hugo Brandt to Sudmark"); dated event verbs.

    Each event mention carries ``attributes["roles"]``: token indices of its participants
    (possessor, named modifier, by/between/with agents), targets (object of the nominal:
    of/against/on) and places (in/to/at), for the relation layer.
    """
    lex = lex or load_lexicon()
    out: list[Mention] = []
    for tok in tokens(doc):
        if tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ in lex.event_nouns:
            found = _noun_event(doc, tok, lex)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in lex.event_verbs:
            found = _dated_verb_event(doc, tok, lex)
        else:
            found = None
        if found is None and tok.pos_ == "VERB" and tok.lemma_.lower() in lex.action_verbs:
            found = _verb_event(doc, tok)
        if found is not None:
            out.append(found)
    return out


def _noun_event(doc, tok, lex: Lexicon) -> Mention | None:
    """The event an event noun names, if a date, a named modifier or a complement holding a name
    identifies it ("the May 2021 arrest", "Hugo Brandt's visit", "the arrest of Rui Costa"), and
    it is not a series ("attacks on Norland") or a conflict with no state or place named."""
    if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i:
        return None  # "the Special Prosecution Office": a word of a name
    date = _date_text(_date_in(tok))
    left = _after_determiners(doc, tok)
    mods = [
        c
        for c in tok.lefts
        if c.i >= left
        and (_named(c) or c.ent_type_ == "DATE" or c.dep_ in {"amod", "compound", "nummod", "poss"})
    ]
    prep, end = _complement(tok, doc, lex)
    named_mod = any(_named(t) for c in mods for t in c.subtree)
    trailing = _trailing_date(doc, tok.i + 1)  # "a confidence vote in June": the date sits on the verb
    if date is None and not named_mod and prep is None and trailing is None:
        return None
    if tok.lower_ in lex.series_nouns and date is None:
        return None  # "attacks on X", a series, is no event: its actor targets X directly
    if tok.lower_ in lex.state_event_nouns and not any(
        t.ent_type_ in {"GPE", "NORP", "LOC"} for t in [*doc[left : tok.i], *(prep.subtree if prep else [])]
    ):
        return None  # "the war in Sudan", "Russia's war": a conflict of states or in a place
    start = max(min([c.left_edge.i for c in mods] + [tok.i]), left)
    while start < tok.i and (doc[start].dep_ == "case" or doc[start].is_punct):
        start += 1
    date_left = date is not None and any(c.ent_type_ == "DATE" for c in mods)
    whole = _date_before(doc, start, tok)
    if whole is not None:  # "the February 1, 2021 coup", which the parser cut after "February 1,"
        start, date, date_left = whole.start, (whole.text.rstrip(" ,"), whole.end), True
    stop = max(tok.i + 1, end or 0)
    if stop - start > 14:
        stop = tok.i + 1 if end is None or end - start > 14 else end
    ent = _trailing_date(doc, stop)
    if ent is not None:  # "the arrest of X in May"
        date, stop = date or (ent.text, ent.end), ent.end
        date_left = True
    if date is not None and not date_left and prep is None:
        start, stop = tok.i, max(tok.i + 1, date[1])  # "a meeting held on October 14"
        name = f"{date[0]} {tok.text}"
    else:
        name = doc[start:stop].text
    m = _event(doc, start, stop, name, date[0] if date else None, lex)
    if date is not None and date[0] not in name:
        m.aliases.append(f"{date[0]} {tok.text}")
    m.attributes["roles"] = _roles(tok)
    m.attributes["head"] = tok.i
    return m


_DATE_REACH = 12


def _date_before(doc, start: int, tok):
    """The span of a date the tagger labelled just before the event's first word, or that its first
    words belong to (the parser cut "the February 1, 2021 coup" after "February 1,"), or None.

    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("He led the February 1, 2021 coup.")
    >>> [m.name for m in find_events(doc)]
    ['February 1, 2021 coup']
    """
    near = max(0, start - _DATE_REACH)  # a date is a few words: look no further back
    dated = {
        i
        for e in doc.ents
        if e.label_ in {"DATE", "EVENT"} and near <= e.start and e.end <= tok.i and only_a_date(e.text)
        for i in range(e.start, e.end)
    }
    dated |= {i for i in range(near + 1, tok.i) if doc[i].text == "," and i - 1 in dated and i + 1 in dated}
    k = start
    while k - 1 in dated:
        k -= 1
    while k in dated and (doc[k].lower_ == "the" or doc[k].is_punct):
        k += 1
    end = k
    while end in dated and end < tok.i:
        end += 1
    if k > start or end <= k or end <= start:
        return None  # no date at or before the event's first word
    return doc[k:end]


def _trailing_date(doc, k: int):
    """The DATE entity of "in May" / "on 3 June" starting at token ``k``, or None."""
    if k + 1 < len(doc) and doc[k].lower_ in {"in", "on"} and doc[k + 1].ent_type_ == "DATE":
        return next(e for e in doc.ents if e.start <= k + 1 < e.end)
    return None


def _after_determiners(doc, tok) -> int:
    """The first word of ``tok``'s phrase past determiners, case marks and punctuation ("the" in
    "the arrest")."""
    left = tok.left_edge.i
    while left < tok.i and (
        doc[left].dep_ in {"det", "case", "predet"} or doc[left].is_punct or doc[left].pos_ in {"DET", "PRON"}
    ):
        left += 1
    return left


def _dated_verb_event(doc, tok, lex: Lexicon) -> Mention | None:
    """ "attacked Israel on October 7": an event verb dated by a day names a one-off happening
    ("October 7 attack"); "met in May" or "in 2022" dates a relation, not an event."""
    date = _date_text(_date_in(tok, depth=2))
    if (
        date is None
        or not re.search(r"\d", date[0])
        or not re.search(r"[A-Za-z]", date[0])
        or re.fullmatch(r"\D*\d{4}\D*", date[0])
    ):
        return None
    noun = lex.event_verbs[tok.lemma_.lower()]
    m = _event(doc, tok.i, tok.i + 1, f"{date[0]} {noun}", date[0], lex)
    m.aliases = [date[0]]
    return m


_PERSONAL = {"he", "she", "they", "him", "her", "them"}
_RELATIVE = {"who", "whom", "which", "that"}
_CORE_DEPS = {"agent", "prep", "dobj", "dative", "npadvmod", "prt", "oprd", "advmod"}
_MAX_NAME = 12


def _acted_on(tok):
    """The one an action verb acts on, and whether the text names it before the verb: the passive
    subject ("Rui Costa was arrested"), the noun a relative or participle clause describes ("Rui
    Costa, who was extradited", "members arrested in May"), or the direct object."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
    if passive or (
        tok.dep_ == "conj" and tok.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in tok.children)
    ):
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if subj and subj[0].lower_ not in _RELATIVE:
            return subj[0], subj[0].lower_ not in _PERSONAL  # "she was arrested": named from the verb
        if tok.dep_ in {"relcl", "acl"}:
            return tok.head, False
        if tok.dep_ == "conj" and tok.head.pos_ == "VERB":  # "was arrested in May and sentenced to ..."
            return _acted_on(tok.head)[0], False
        return None, False
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return tok.head, False
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return (objs[0], False) if objs else (None, False)


def _verb_event(doc, tok) -> Mention | None:
    """ "Rui Costa was arrested in May 2019", "Norland police detained Lars Holm", "she was
    arrested by Norland police", "Rui Costa, who was extradited to Norland": an arrest, detention,
    conviction ... stated by a verb, acting on a named person or body (or a pronoun that stands
    for one), is an event. Its name is the shortest span that states it: the one acted on when the
    clause names it first, the verb, what completes it, and its date."""
    if tok.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None  # "decided to arrest him": not a happening
    if any(
        c.dep_ == "prep" and c.lower_ == "with" and any(o.tag_ == "VBG" for o in c.children)
        for c in tok.children
    ):
        return None  # "charged the ministry with pursuing sanctions": a task, not a charge
    acted, named_first = _acted_on(tok)
    if acted is None or not (_proper(acted) or acted.lower_ in _PERSONAL):
        return None

    def named_np(t) -> bool:  # "the Norland police": a body named inside its noun phrase
        return any(_proper(x) for x in t.subtree)

    agents = [
        t for c in tok.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj" and named_np(t)
    ]
    agents += [c for c in tok.children if c.dep_ == "nsubj" and named_np(c)]  # active: the one acting
    date = _date_in(tok, depth=2)
    if date is not None and not re.search(r"\d", date.text):
        date = None  # "in the days after": no date to give
    start = acted.left_edge.i if named_first else tok.i
    while start < tok.i and doc[start].dep_ in {"det"}:
        start += 1
    stop = _core_end(doc, tok, named_first, date)
    span = doc[start:stop]
    m = Mention(
        start,
        stop,
        span.start_char,
        span.end_char,
        span.text,
        kind="event",
        date=_date_text(date)[0] if date is not None else None,
    )
    m.votes["event"] += 6
    m.attributes["head"] = tok.i
    m.attributes["roles"] = {"participants": [a.i for a in agents], "targets": [acted.i], "places": []}
    return m


def _core_end(doc, tok, named_first: bool, date) -> int:
    """Where the event's name ends: after the verb for "X was arrested" (and its date, when that
    keeps the name short), else after the complements that follow the verb ("arrested by Norland
    police in May 2024"), up to a comma, a clause or :data:`_MAX_NAME` words."""
    start = tok.i
    if named_first:
        stop = tok.i + 1
        if date is not None and date.end - tok.left_edge.i <= _MAX_NAME + 4:
            stop = max(stop, date.end)
        return stop
    stop = tok.i + 1
    for child in tok.rights:
        end = child.right_edge.i + 1
        objs = [o for o in child.children if o.dep_ == "pobj"]
        # "indicted by the Special Office of the Republic of ...": up to the complement's head noun
        if end - start > _MAX_NAME and objs:
            end = objs[0].i + 1
        if child.dep_ not in _CORE_DEPS or end - start > _MAX_NAME:
            break
        if any(doc[k].text in {",", ";", "(", "—", "–"} for k in range(stop, end)):
            break
        stop = end
        if end <= child.right_edge.i:
            break
    return stop
