"""Type votes from context and word lists, after the tagger's: a given name starts a
person's name, "Los X" names a group, a name followed by a leader's role is a person's,
known countries/capitals/regions are places and a capital as a clause's subject is its
country ("Ankara has not replied" -> Turkey).

>>> from orgmap.extract.mentions import find_mentions
>>> from orgmap.extract.nlp import get_nlp
>>> [(m.name, m.best_type()) for m in find_mentions(get_nlp()("Ankara has not replied to Lucía Ferrer."))]
[('Turkey', 'place'), ('Lucía Ferrer', 'person')]
"""

from __future__ import annotations

import re

from orgmap.extract.gazetteer import given_names, load_gazetteer, unaccented_lower
from orgmap.extract.lexicon import Lexicon
from orgmap.extract.mention_span import Mention

__all__ = [
    "ARTICLES",
    "body_contexts",
    "body_descriptions",
    "defined_terms",
    "demonym_states",
    "gazetteer_places",
    "role_appositions",
    "vote_by_context",
]

ARTICLES = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}


def org_word(tok, lex: Lexicon) -> bool:
    """A capitalised word that names a kind of body, singular or plural ("Council", "Administrations")."""
    word = tok.lower_
    return tok.is_title and (word in lex.org_nouns or (word.endswith("s") and word[:-1] in lex.org_nouns))


def vote_by_context(doc, names: list, lex: Lexicon) -> None:
    role_appositions(doc, names, lex)
    body_descriptions(doc, names, lex)
    gazetteer_places(doc, names, lex)
    defined_terms(doc, names)
    body_contexts(doc, names)


_HAS_MEMBERS = {"member", "members", "membership", "ranks"}
_LED = {"leader", "leaders", "leadership"}
_FOUNDED = {"form", "found", "establish", "incorporate", "register", "create"}


def body_contexts(doc, names: list) -> None:
    """A name whose members or leadership the text speaks of is a body, not a person: "leaders of
    X", "a member of X", "X's leadership", "X members" (a name the tagger takes for a place keeps
    it); so is one that "was formed", founded or registered.

    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("Two leaders of Boko Haram met.")
    >>> m = Mention(3, 5, 15, 25, "Boko Haram"); body_contexts(doc, [m]); m.votes
    Counter({'organization': 2})
    """
    for m in names:
        at = m.i - 1 if m.i >= 1 and doc[m.i - 1].lower_ == "the" else m.i  # "members of the Duma"
        before = doc[at - 2].lower_ if at >= 2 and doc[at - 1].lower_ == "of" else ""
        k = m.j + 1 if m.j < len(doc) and doc[m.j].text in {"'s", "’s"} else m.j
        after = doc[k].lower_ if k < len(doc) and doc[k].tag_ in {"NN", "NNS"} else ""
        # a person has forces and a leadership too ("Hemedti's leadership"), a state has leaders
        if (before in _HAS_MEMBERS | _LED or after in _HAS_MEMBERS) and not m.votes["place"]:
            m.votes["organization"] += 2
        head = doc[m.j - 1]
        if head.dep_ == "nsubjpass" and head.head.lemma_.lower() in _FOUNDED:
            m.votes["organization"] += 3  # "X was formed by the government": people are born


def demonym_states(doc, names: list, lex: Lexicon) -> list:
    """New mentions for demonyms through which a state acts: "Algerian officials said" -> Algeria.

    >>> from orgmap.extract.nlp import get_nlp
    >>> from orgmap.extract.lexicon import load_lexicon
    >>> [(m.name, m.aliases) for m in demonym_states(get_nlp()("Algerian officials met him."), [], load_lexicon())]
    [('Algeria', ['Algerian'])]
    """
    gaz = load_gazetteer()
    taken = {k for m in names for k in range(m.i, m.j)}
    out = []
    for tok in doc:
        first, country = gaz.demonym_at(doc, tok.i)
        head = tok.head if tok.dep_ != "conj" else tok.head.head  # "French and Algerian envoys"
        if (
            country
            and not taken & set(range(first, tok.i + 1))
            and tok.dep_ in {"amod", "compound", "conj"}
            and head.lower_ in lex.state_actor_nouns
        ):
            span = doc[first : tok.i + 1]  # "South African officials" -> South Africa
            m = Mention(first, tok.i + 1, span.start_char, span.end_char, country, aliases=[span.text])
            m.votes["place"] += 3
            out.append(m)
    return out


def defined_terms(doc, names: list) -> None:
    """'Brennan Foods plc (the "Group")': the defined term is an alias of the name before it."""
    quotes = {'"', "“", "”", "'", "‘", "’"}
    for m in names:
        k = m.j
        if k >= len(doc) or doc[k].text != "(":
            continue
        k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        if k < len(doc) and doc[k].text in quotes:
            end = k + 1
            while end < len(doc) and doc[end].text not in quotes | {")"} and end - k <= 5:
                end += 1
            term = doc[k + 1 : end].text.strip()
            if term and end < len(doc) and doc[end].text in quotes and term not in m.aliases:
                m.aliases.append(term)


def role_appositions(doc, names: list, lex: Lexicon) -> None:
    """A name beside a person's role is a person's: "X, Chair of ...", "X, a former colonel",
    "the spokesman, X", "MPP candidate X", "X was elected as chairman"."""
    from orgmap.extract.patterns.context import role_at  # late: the patterns package imports extraction

    skip = ARTICLES | lex.past_markers | {"currently", "now", "senior", "top", "chief", "former", "then"}
    for m in names:
        if any(org_word(t, lex) for t in doc[m.i : m.j]):
            continue
        k = m.j + 1
        if m.j < len(doc) and doc[m.j].text in {",", "("}:
            while k < len(doc) and (doc[k].lower_ in skip or doc[k].pos_ == "ADJ"):
                k += 1
            found = role_at(doc[k], lex) if k < len(doc) else None
            if (found and found[0] in {"leads", "deputy_of"}) or (
                k < len(doc) and doc[k].lower_ in lex.person_roles
            ):
                m.votes["person"] += 2
                continue
        # "The front's spokesman, Bakary Diallo": a person-only role set off just before the name
        set_off = m.i >= 2 and doc[m.i - 1].text == "," and doc[m.i - 2].lower_ in lex.person_roles
        # "MPP candidate X": a lower-case person's role right before the name
        titled = m.i >= 1 and doc[m.i - 1].is_lower and doc[m.i - 1].lower_ in lex.person_roles
        if set_off or titled or _copular_role(doc[m.j - 1], lex):
            m.votes["person"] += 2


def body_descriptions(doc, names: list, lex: Lexicon) -> None:
    """A name described by a lower-case noun for a kind of body is a body's: "Khatam al-Anbiya, the
    engineering conglomerate", "X, a UAE-based front company", "X is a shipping firm".

    >>> from orgmap.extract.lexicon import load_lexicon
    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("Treasury named Vesh Amlak, a Dubai-based front company.")
    >>> m = Mention(2, 4, 15, 25, "Vesh Amlak"); body_descriptions(doc, [m], load_lexicon()); m.votes
    Counter({'organization': 2})
    """
    for m in names:
        head = doc[m.j - 1]
        described = [c for c in head.children if c.dep_ == "appos" and c.i >= m.j]
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            described += [c for c in head.head.children if c.dep_ == "attr" and c.i > head.head.i]
        if any(
            d.is_lower and (d.lower_ in lex.org_nouns or d.lower_ in lex.body_description_nouns)
            for d in described
        ):
            m.votes["organization"] += 2


def _copular_role(head, lex: Lexicon) -> bool:
    """ "X has been an international financial facilitator for Y", "X was elected as MPP chairman",
    "X resigned as speaker": the subject of "be" whose complement, or of a verb whose "as" phrase,
    is a person's role."""
    from orgmap.extract.patterns.context import role_at  # late: the patterns package imports extraction

    verb = head.head
    if head.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    if head.dep_ == "nsubj" and verb.lemma_ == "be":
        return any(c.dep_ == "attr" and c.lower_ in lex.person_roles for c in verb.children)
    as_objects = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children]
    return any(
        o.dep_ == "pobj" and (o.lower_ in lex.person_roles or role_at(o, lex) or role_at(o.left_edge, lex))
        for o in as_objects
    )


def _unknown_acronym(m, gaz) -> bool:
    """A single word of 2-6 capitals that names no known place ("IRGC", not "UAE")."""
    letters = re.sub(r"-\d{1,3}$", "", m.name.replace(".", ""))  # "MS-13"
    return (
        " " not in m.name
        and 2 <= len(letters) <= 6
        and letters.isalpha()
        and letters.isupper()
        and not gaz.is_place(m.name)
    )


_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})


def _ends_in_initials(m, doc) -> bool:
    """A name of mixed-case words ending in 2-6 capitals ("Zhao Wei TCO", "Vesh Front NF"): a
    body's initials, which no person's name ends in (a regnal number "II" aside).

    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("Zhao Wei TCO and Henry Ford II and RUI COSTA met.")
    >>> [_ends_in_initials(Mention(i, j, 0, 0, doc[i:j].text), doc) for i, j in ((0, 3), (4, 7), (8, 10))]
    [True, False, False]
    """
    words = [t for t in doc[m.i : m.j] if t.is_alpha]
    if len(words) < 2:
        return False
    last = words[-1].text
    return (
        2 <= len(last) <= 6
        and last.isupper()
        and last not in _ROMAN
        and not all(t.is_upper for t in words[:-1])
    )


def gazetteer_places(doc, names: list, lex: Lexicon) -> None:
    """Known countries, capitals and regions are places; a capital acting as the subject of a
    clause ("Ankara has not addressed it") stands for its country."""
    gaz, given = load_gazetteer(), given_names()
    for m in names:
        if m.j - m.i >= 2 and doc[m.i].lower_ in lex.org_name_prefixes and doc[m.i + 1].is_title:
            m.votes["organization"] += 3  # "Los Zetas", "Los Halcones": a plural article names a group
        if (
            m.j - m.i >= 3
            and doc[m.j - 2].text == "-"
            and doc[m.j - 1].lower_ in lex.org_nouns | lex.name_suffix_nouns
        ):
            m.votes["organization"] += 3  # "Kobe Yamaguchi-gumi", "Norland Army-Special Brigade"
        if _ends_in_initials(m, doc) and not gaz.is_place(m.name):
            m.votes["organization"] += 4  # "the Zhao Wei TCO": a body's initials end its name
        if _unknown_acronym(m, gaz) and m.votes["place"] <= 1:
            m.votes["organization"] += 2  # "IRGC": capitals that are no known country are a body's initials
            long = getattr(m, "acronym_of", None)
            if long is not None and not gaz.is_place(long.name) and long.votes["place"] <= 1:
                long.votes["organization"] += 2  # "the Historic Pact (PH)": what the initials name is a body
        in_state = (
            m.j - m.i >= 2
            and doc[m.j - 1].lower_ in lex.place_nouns
            and doc[m.j - 1].is_title
            and not any(org_word(t, lex) for t in doc[m.i : m.j - 1])
        )
        if in_state:
            m.votes["place"] += 3  # "Yobe State", "Helmand Province": a place inside a state
        elif (
            m.j - m.i >= 2
            and unaccented_lower(doc[m.i].text) in given
            and doc[m.i + 1].is_title
            and not any(org_word(t, lex) for t in doc[m.i : m.j])
            and not gaz.is_place(m.name)
        ):
            m.votes["person"] += 3  # "Lucía Ferrer", "Iván Salgado": a given name starts a person's name
        if not gaz.is_place(m.name) or (
            any(org_word(t, lex) for t in doc[m.i : m.j])
            and m.name.lower() not in gaz.regions | gaz.countries | gaz.short_forms.keys()
        ):  # "West Bank" is a region, "Russian Federation" a country
            continue
        m.votes["place"] += 3
        full = gaz.short_forms.get(m.name.lower())
        if full is not None:  # "UAE", "Russian Federation": the country, under both names
            m.votes["place"] += 3
            if full not in m.aliases:
                m.aliases.append(full)
        country = gaz.capitals.get(m.name.lower())
        root = doc[m.j - 1]
        acts = (root.dep_ == "nsubj" and root.head.pos_ in {"VERB", "AUX"}) or (
            root.dep_ == "poss" and (root.head.lower_ in lex.event_nouns or root.head.lower_ in lex.nouns)
        )  # "Moscow vetoed it", "Moscow's veto", "Ankara's support"
        if country and acts and not root.is_upper:
            m.aliases.append(m.name)
            m.name = country
