"""Find the spans that name actors, places and events, cleaned of articles, possessives
and titles, with the evidence for their type.

A :class:`Mention` is a token range of the parsed document plus a clean name. Types are
voted later (:mod:`orgmap.extract.cluster`), so each mention carries ``votes``.

>>> from orgmap.extract.nlp import get_nlp
>>> doc = get_nlp()("Major General Bagheri met the Islamic Revolutionary Guard Corps (IRGC).")
>>> [(m.name, m.best_type()) for m in find_mentions(doc)]
[('Bagheri', 'person'), ('Islamic Revolutionary Guard Corps', 'organization'), ('IRGC', 'organization')]
"""

from __future__ import annotations

from orgmap.extract.acronym_forms import widen_to_acronyms
from orgmap.extract.bodies import (
    backed_bodies,
    company_forms,
    department_aliases,
    institution_bodies,
    split_titled_person,
    titled_demonyms,
)
from orgmap.extract.emphasis_names import emphasised_names
from orgmap.extract.gazetteer import given_names, unaccented_lower
from orgmap.extract.lexicon import Lexicon, load_lexicon
from orgmap.extract.mention_span import ARTICLES, Mention, make_mention
from orgmap.extract.mention_votes import demonym_states, org_word, vote_by_context
from orgmap.extract.nlp import tokens
from orgmap.extract.owned_bodies import owned_bodies
from orgmap.extract.person_names import mend_person_names
from orgmap.extract.timex import only_a_date

__all__ = ["NER_TYPES", "Mention", "find_mentions"]

NER_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
}


def _entity_pieces(doc) -> list:
    """The tagger's entities, cut at a colon or semicolon inside them ("the Nasr Front: Karim
    Osei" is two names): spans carrying the entity's label and id.

    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("Roles within the Nasr Front: Karim Osei and Lena Brandt.")
    >>> [p.text for p in _entity_pieces(doc) if "Nasr" in p.text or "Karim" in p.text]
    ['the Nasr Front', 'Karim Osei']
    """
    from spacy.tokens import Span

    out = []
    for ent in doc.ents:
        start = ent.start
        for cut in [t.i for t in ent if t.text in {":", ";"}] + [ent.end]:
            if cut > start:
                out.append(
                    ent
                    if (start, cut) == (ent.start, ent.end)
                    else Span(doc, start, cut, ent.label_, kb_id=ent.kb_id_, span_id=ent.id_)
                )
            start = cut + 1
    return out


def _ner_mentions(doc, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    ents = _entity_pieces(doc)
    skip = set()
    for k, ent in enumerate(ents):
        if k in skip:
            continue
        label, i, j = ent.label_, ent.start, ent.end
        # "Lebanese Hezbollah": a nationality glued to an organization is part of its name
        if label == "NORP" and k + 1 < len(ents) and ents[k + 1].start == j and ents[k + 1].label_ == "ORG":
            label, j = "ORG", ents[k + 1].end
            skip.add(k + 1)
        etype = NER_TYPES.get(label)
        if etype is None or (etype == "event" and only_a_date(ent.text)):
            continue  # "the November 8, 2020 [general election]": the date is no event; the noun's is
        m = make_mention(doc, i, j, lex)
        if m is None or m.name.lower() in lex.not_entities:
            continue
        if k + 1 in skip and ents[k + 1].end == m.j:
            m.aliases.append(ents[k + 1].text)
        if m.i > i and doc[i : m.i].text.lower() in lex.name_prefix_labels:
            m.votes["person" if any(t.ent_type_ == "PERSON" for t in doc[m.i : m.j]) else etype] += 1
            out.append(m)  # "Financial Intelligence Brian E. Nelson": the tagger's type was the label's
            continue
        m.votes[etype] += 5 if ent.ent_id_ or (ent.label_ == "ORG" and doc[i].lower_ == "unit") else 1
        if any(org_word(t, lex) for t in doc[m.i : m.j]):
            m.votes["organization"] += 3
        out.append(m)
    return out


def _proper_bodies(doc, lex: Lexicon) -> list[Mention]:
    """Title-case runs with an organization word: "Tijuana Cartel", "Office of Foreign Assets Control"."""
    out, i = [], 0
    toks = tokens(doc)
    title_words = lex.title_words - lex.org_nouns
    while i < len(doc):
        if (
            not (toks[i].is_title or toks[i].is_upper)
            or toks[i].pos_ not in {"PROPN", "NOUN", "ADJ"}
            or toks[i].lower_ in ARTICLES
        ):
            i += 1
            continue
        j = i
        while j < len(doc) and (
            (
                (toks[j].is_title or toks[j].is_upper or toks[j].like_num)
                and not toks[j].is_punct
                and toks[j].pos_ in {"PROPN", "NOUN", "ADJ", "NUM"}
                and not (j > i and toks[j].lower_ in title_words)
            )
            or _plural_possessive(toks, i, j)
            or (
                toks[j].lower_ in {"of", "the", "for", "-"}
                and j > i
                and j + 1 < len(doc)
                and (toks[j + 1].is_title or toks[j + 1].lower_ == "the")
                and any(t.lower_ in lex.org_nouns for t in doc[i:j])
            )
        ):
            j += 1
        while j > i and toks[j - 1].lower_ in {"of", "the", "for", "-"}:
            j -= 1
        if (
            j > i
            and j < len(doc)
            and toks[j].lower_ in lex.name_suffix_nouns
            and toks[j].tag_ == "NN"
            and all(t.pos_ == "PROPN" for t in doc[i:j])
        ):  # "the Sinaloa cartel", "the Red Hand militia"
            j += 1
        suffixed = (
            j > i
            and j + 1 < len(doc)
            and toks[j].text == "-"
            and not toks[j - 1].whitespace_
            and not toks[j].whitespace_
            and toks[j + 1].lower_ in lex.name_suffix_nouns
        )
        if suffixed:  # "the Sumiyoshi-kai", "the Kobe Yamaguchi-gumi"
            j += 2
        if (
            j > i
            and (
                suffixed or any(t.lower_ in lex.org_nouns and (t.is_title or t.i == j - 1) for t in doc[i:j])
            )
            and (j - i >= 2)
        ):
            m = make_mention(doc, i, j, lex)
            if m is not None and not (m.i > i and doc[i : m.i].text.lower() in lex.name_prefix_labels):
                m.votes["organization"] += 4
                out.append(m)
        i = max(j, i + 1)
    return out


def _plural_possessive(toks, i: int, j: int) -> bool:
    """The apostrophe of "Workers' Party", "Farmers' Association": inside a body's name."""
    return (
        j > i
        and toks[j].text in {"'", "\u2019"}
        and toks[j - 1].lower_.endswith("s")
        and j + 1 < len(toks)
        and toks[j + 1].is_title
    )


def _unit_lists(doc, lex: Lexicon) -> list[Mention]:
    """ "Units 400, 340, 12,000, and 700" names four units."""
    out = []
    for tok in tokens(doc):
        if (
            tok.lower_ in {"units", "brigades", "battalions", "divisions"}
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].like_num
        ):
            singular = tok.text[:-1]
            k, first = tok.i + 1, True
            while k < len(doc) and (doc[k].like_num or doc[k].lower_ in {",", "and", "or"}):
                if doc[k].like_num:
                    start = tok.idx if first else doc[k].idx
                    m = Mention(
                        tok.i if first else k,
                        k + 1,
                        start,
                        doc[k].idx + len(doc[k].text),
                        f"{singular} {doc[k].text}",
                        kind="name",
                    )
                    m.votes["organization"] += 5
                    out.append(m)
                    first = False
                k += 1
    return out


def _acronym_like(word: str) -> bool:
    """ "IRGC", "KH", and mixed forms such as "GoR" or "DoD" (two capitals or more, a capital first).

    >>> [_acronym_like(w) for w in ("IRGC", "GoR", "Gor", "I", "ABCDEFGHIJK")]
    [True, True, False, False, False]
    """
    return (
        2 <= len(word) <= 10
        and word[0].isupper()
        and sum(c.isupper() for c in word) >= 2
        and all(c.isalnum() or c in "-&." for c in word)
    )


def _acronyms(doc, mentions: list[Mention]) -> list[Mention]:
    """ "Islamic Revolutionary Guard Corps (IRGC)", "Government of the Russian Federation (GoR)",
    "the Mara Salvatrucha (MS-13, designated in 2025)": the bracketed short form names the same
    body."""
    out = []
    by_end = {m.j: m for m in mentions}
    for tok in tokens(doc)[:-2]:
        nxt, close = doc[tok.i + 1], doc[tok.i + 2]
        if tok.text == "(" and close.text in {")", ",", ";"} and _acronym_like(nxt.text):
            long = by_end.get(tok.i)
            same = [m for m in mentions if (m.i, m.j) == (nxt.i, nxt.i + 1)]
            if long is not None and same:  # the tagger found the short form too: link it
                same[0].acronym_of, same[0].kind = long, "acronym"
                same[0].votes.update(long.votes)
            elif long is not None:
                m = Mention(nxt.i, nxt.i + 1, nxt.idx, nxt.idx + len(nxt.text), nxt.text, kind="acronym")
                m.votes.update(long.votes)
                m.acronym_of = long
                out.append(m)
    return out


def _np_bodies(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Common-noun names of bodies: "the Qods Force leadership council", "Qods Force finance",
    "the intelligence wing of the IRGC", "the military office of Mohsen Qomi"."""
    out = []
    by_tok = {k: m for m in mentions for k in range(m.i, m.j)}
    for chunk in doc.noun_chunks:
        root = chunk.root
        word = root.lower_
        if (
            root.is_title
            or word not in (lex.org_nouns | lex.collective_nouns | lex.function_nouns)
            or (root.i in by_tok and by_tok[root.i].votes["organization"] >= 6)
        ):
            continue  # (an institution body, "Russia's army", is already a mention)
        if root.dep_ == "appos" and root.head.i in by_tok and word in lex.org_nouns:
            continue  # "the Reform Caucus, the largest faction of the party": a description, not a second body
        inner = [
            by_tok[t.i]
            for t in chunk
            if (t.i in by_tok and t.i != root.i and t.dep_ in {"compound", "nmod", "amod"})
            or (t.i in by_tok and t.i < root.i and t.head.i == root.i)
        ]
        inner = [m for m in inner if m.best_type() == "organization" or m.votes["organization"]]
        i = chunk.start
        of_obj = None
        nxt = doc[root.i + 1] if root.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "of":
            k = nxt.i + 1
            while k < len(doc) and doc[k].lower_ in ARTICLES:
                k += 1
            cand = by_tok.get(k)
            if cand is not None and cand.i == k:
                of_obj = cand
        if inner and of_obj is None:  # word is in one of the three noun lists (checked above)
            kind = (
                "collective"
                if word in lex.collective_nouns
                else "function"
                if word in lex.function_nouns
                else "name"
            )
            base = inner[-1]
            if (
                kind == "name"
                and word in lex.kind_nouns
                and base.best_type() == "organization"
                and not any(t.pos_ == "PROPN" or t.is_title for t in doc[base.j : root.i])
            ):
                continue  # "the Kobe Yamaguchi-gumi syndicate", "a CJNG cell": the body itself, or no named unit
            m = make_mention(doc, i, root.i + 1, lex, kind=kind)
        elif of_obj is not None and word in lex.org_nouns and root.i > chunk.start:
            kind = "name"
            if not any(t.pos_ in {"ADJ", "NOUN", "PROPN"} for t in doc[chunk.start : root.i]):
                continue
            m, base = (
                make_mention(doc, i, of_obj.j, lex),
                of_obj,
            )  # kept only if it turns out to be an organization
        else:
            continue
        inside = m is not None and base.i <= m.i and m.j <= base.j  # cleaned down to (part of) its base
        if m and inside and (m.i, m.j) != (base.i, base.j):
            continue  # "Peskov's family members" cleans to "Peskov", a part of its base: no new mention
        if m:
            m.base = base
            if not inside or kind != "name":  # "Samer Foz's company" is the owner: no vote he is a body
                m.votes["organization"] += 4
            out.append(m)
    return out


def _bare_state_bodies(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """ "the government", "the military" in a text that names no such body ("the Government of X",
    "the Bahraini military"): a body of its own, named by its noun (``bare_state_bodies``).

    >>> from orgmap.extract.nlp import get_nlp
    >>> from orgmap.extract.lexicon import load_lexicon
    >>> doc = get_nlp()("Since 2011, the government has suppressed the opposition.")
    >>> [(m.name, m.best_type()) for m in _bare_state_bodies(doc, [], load_lexicon())]
    [('government', 'organization')]
    """
    named = {w for m in mentions for w in m.name.lower().split()}
    out = []
    for tok in tokens(doc):
        word = tok.lower_
        if (
            word in lex.bare_state_bodies
            and word not in named
            and tok.pos_ == "NOUN"
            and [c.lower_ for c in tok.children if c.dep_ == "det"] == ["the"]
            and not any(c.dep_ in {"compound", "amod", "nmod", "poss"} for c in tok.children)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        ):
            m = Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), word)
            m.votes["organization"] += 6
            out.append(m)
    return out


def _initialisms(doc, mentions: list[Mention]) -> list[Mention]:
    """An all-capitals word equal to the initials of a name in the text ("LH") names the same body."""
    from orgmap.extract.cluster import initials

    by_initials = {}
    for m in mentions:
        if m.j - m.i >= 2 and m.kind == "name":
            by_initials.setdefault(initials(m.name), m)
    covered = {k for m in mentions for k in range(m.i, m.j)}
    out = []
    for tok in tokens(doc):
        if (
            tok.i not in covered
            and tok.is_upper
            and tok.is_alpha
            and 2 <= len(tok.text) <= 6
            and tok.text in by_initials
        ):
            m = Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text, kind="acronym")
            m.votes.update(by_initials[tok.text].votes)
            m.acronym_of = by_initials[tok.text]
            out.append(m)
    return out


def _proper_runs(doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Untagged runs of two or more capitalised proper nouns; typed later by their neighbours."""
    covered = {k for m in mentions for k in range(m.i, m.j)}
    title_words = lex.title_words
    given = given_names()
    out, i = [], 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and (
                doc[j].pos_ == "PROPN"
                or (j == i and unaccented_lower(doc[j].text) in given and not doc[j].is_sent_start)
            )
            and doc[j].is_title
            and j not in covered
            and (doc[j].is_sent_start is not True or j == i)
        ):  # "will succeed Per Aasen": "Per" tagged ADP
            j += 1
        if j - i >= 2 and not all(t.lower_ in title_words for t in doc[i:j]):
            m = make_mention(doc, i, j, lex)
            if m is not None and m.j - m.i >= 2:
                m.votes.clear()
                out.append(m)
        i = max(j, i + 1)
    return out


def _pronouns(doc) -> list[Mention]:
    return [
        Mention(t.i, t.i + 1, t.idx, t.idx + len(t.text), t.text, kind="pronoun")
        for t in tokens(doc)
        if t.lower_ in {"he", "him", "his", "she", "her", "himself", "herself"}
    ]


def find_mentions(
    doc, lex: Lexicon | None = None, emphasis: list[tuple[int, int]] | tuple = ()
) -> list[Mention]:
    """All name-like mentions of ``doc`` in text order (pronouns included, kind="pronoun");
    ``emphasis`` holds the character spans the source set in bold (:mod:`orgmap.extract.markup`)."""
    lex = lex or load_lexicon()
    names = _ner_mentions(doc, lex)
    bodies_pn = _proper_bodies(doc, lex)
    covered = {k for m in bodies_pn for k in range(m.i, m.j)}
    kept = [m for m in names if not (set(range(m.i, m.j)) & covered)]
    for b in bodies_pn:  # a tagged name that covers the run (and more) wins: "Lebanese Hezbollah"
        over = [m for m in names if m.i <= b.i and m.j >= b.j]
        for m in over:
            if (m.i, m.j) == (b.i, b.j):
                m.votes["organization"] += 4
        if over:
            kept += [m for m in over if m not in kept]
        else:
            kept.append(b)
    names = kept
    units = _unit_lists(doc, lex)
    taken = {k for m in units for k in range(m.i, m.j)}
    names = [m for m in names if not (set(range(m.i, m.j)) & taken)] + units
    names = widen_to_acronyms(doc, names, lex)
    names += _acronyms(doc, names)
    names += _initialisms(doc, names)
    names += _proper_runs(doc, names, lex)
    names = emphasised_names(doc, names, list(emphasis), lex)
    names = mend_person_names(doc, names)
    names = company_forms(doc, names, lex)
    department_aliases(names)
    vote_by_context(doc, names, lex)
    institutions = institution_bodies(doc, names, lex)
    held = {k for m in institutions for k in range(m.i, m.j)}
    names = [m for m in names if not set(range(m.i, m.j)) <= held] + institutions
    names = split_titled_person(doc, names, lex)
    names += backed_bodies(doc, names, lex)
    names += titled_demonyms(doc, names, lex)
    names += demonym_states(doc, names, lex)
    names += owned_bodies(doc, names, lex)
    bodies = _np_bodies(doc, names, lex)
    bodies += _bare_state_bodies(doc, names + bodies, lex)
    _described_then_named(doc, names, bodies)
    out = sorted(names + bodies + _pronouns(doc), key=lambda m: (m.start, -m.end))
    return out


def _described_then_named(doc, names: list[Mention], bodies: list[Mention]) -> None:
    """A body described and then named in apposition is the named body ("a member of Hamas's
    military wing, the Izz al-Din al-Qassam Brigades"): the description becomes ``same_as`` the
    name, so both are one entity under both names.

    >>> from orgmap.extract.nlp import get_nlp
    >>> doc = get_nlp()("Ali Musa is a member of the Vesh military wing, the Tal Brigades, since 2010.")
    >>> ms = find_mentions(doc)
    >>> [(m.name, m.same_as.name) for m in ms if m.same_as is not None]
    [('Vesh military wing', 'Tal Brigades')]
    """
    by_start = {m.i: m for m in names if m.best_type() == "organization" and m.kind == "name"}
    for d in [*bodies, *(m for m in names if m.base is not None)]:
        if (
            d.same_as is not None
            or d.best_type() != "organization"
            or d.j + 1 >= len(doc)
            or doc[d.j].text != ","
        ):
            continue
        k = d.j + 1 + (doc[d.j + 1].lower_ == "the")
        named = by_start.get(k)
        if named is not None and named is not d and named.base is None and doc[named.j - 1].dep_ == "appos":
            d.same_as = named
