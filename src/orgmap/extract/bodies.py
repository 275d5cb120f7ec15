"""Bodies the tagger misses or misreads: a state's institutions and company forms.

- A demonym, a state's name or a proper noun with an institution noun is an organization
  of its own, not the country ("the Norlandic military", "the U.S. government", "Russia's
  army", "the Holm regime", "the Lund family"; `institution_nouns` in the lexicon), with
  the alias "government of Norland" when the demonym is known; so is "authorities in X".
- A company-form suffix after a name belongs to it ("Norvik Shipping Ltd.", "Breco (Asia
  Pacific) Ltd.", "Ostia Metals, S.A. de C.V."; `company_suffixes`), makes it an
  organization, and the name without it is an alias.

>>> from orgmap.extract.mentions import find_mentions
>>> from orgmap.extract.nlp import get_nlp
>>> ms = find_mentions(get_nlp()("The Norwegian military backed Lund Metals S.A. de C.V. in Oslo."))
>>> [(m.name, m.best_type(), m.aliases) for m in ms if m.kind == "name"][:2]
[('Norwegian military', 'organization', ['military of Norway']), ('Lund Metals S.A. de C.V.', 'organization', ['Lund Metals'])]
"""

from __future__ import annotations

import functools
import itertools
import re

from orgmap.extract.gazetteer import load_gazetteer
from orgmap.extract.lexicon import Lexicon
from orgmap.extract.mention_span import Mention, make_mention

__all__ = ["company_forms", "department_aliases", "institution_bodies"]

_DEPARTMENT = re.compile(
    r"^(?:(?P<pre>U\.S\.|United States|[A-Z][a-z]+)\s+)?(?P<inst>Department|Ministry)\s+of\s+"
    r"(?P<the>the\s+)?(?P<y>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)$"
)


def department_aliases(names: list[Mention]) -> None:
    """ "U.S. Department of the Treasury" is also "Department of the Treasury", "Treasury
    Department" and "Treasury" (in place).

    >>> m = Mention(0, 5, 0, 31, "U.S. Department of the Treasury")
    >>> department_aliases([m]); m.aliases
    ['Department of the Treasury', 'Treasury Department', 'Treasury']
    """
    for m in names:
        hit = _DEPARTMENT.match(m.name)
        if hit is None or m.kind != "name":
            continue
        y, inst = hit.group("y"), hit.group("inst")
        forms = [f"{inst} of {hit.group('the') or ''}{y}"] if hit.group("pre") else []
        for form in [*forms, f"{y} {inst}", y]:
            if form != m.name and form not in m.aliases:
                m.aliases.append(form)


_STATE_LABELS = {"GPE", "NORP"}


def _institution_head(doc, k: int, lex: Lexicon) -> int | None:
    """End (exclusive) of an institution noun phrase starting at token k ("military", "armed forces")."""
    for n in (3, 2, 1):
        words = " ".join(t.lower_ for t in doc[k : k + n])
        if k + n <= len(doc) and words in lex.institution_nouns:
            return k + n
    return None


_OWNER_NOUNS = {"regime", "family", "dynasty", "government", "administration"}  # "the Holm regime"
_PLACE_PREPS = {"authorities", "government", "police"}  # "authorities in Norland"


def _body(doc, i: int, j: int, aliases: list[str]) -> Mention:
    span = doc[i:j]
    m = Mention(i, j, span.start_char, span.end_char, span.text, aliases=aliases)
    m.votes["organization"] += 6
    return m


def _shared_noun_bodies(doc, i: int, noun: str, gaz) -> list[Mention]:
    """The other demonyms listed before the one at ``i`` that share its institution noun: "Thai,
    Lao, and Chinese authorities" are three bodies, each named "<demonym> <noun>" on its own word.

    >>> from orgmap.extract.nlp import get_nlp
    >>> from orgmap.extract.gazetteer import load_gazetteer
    >>> doc = get_nlp()("Thai, Lao, and Chinese authorities have seized drugs.")
    >>> [(m.name, m.aliases) for m in _shared_noun_bodies(doc, 5, "authorities", load_gazetteer())]
    [('Lao authorities', ['authorities of Laos']), ('Thai authorities', ['authorities of Thailand'])]
    """
    out = []
    k = i - 1
    while k >= 0 and doc[k].lower_ in {",", "and", "or"}:
        k -= 1
        while k >= 0 and doc[k].lower_ in {",", "and", "or"}:
            k -= 1
        state = gaz.demonyms.get(doc[k].lower_) if k >= 0 else None
        if state is None:
            break
        m = Mention(k, k + 1, doc[k].idx, doc[k].idx + len(doc[k].text), f"{doc[k].text} {noun}")
        m.aliases.append(f"{noun} of {state}")
        m.votes["organization"] += 6
        out.append(m)
        k -= 1
    return out


def institution_bodies(doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    """New organization mentions for "<state, demonym or name> <institution noun>" and
    "authorities in <place>"."""
    gaz = load_gazetteer()
    out: list[Mention] = []
    k = 0
    while k < len(doc):
        tok = doc[k]
        end = None if tok.is_title and not tok.is_sent_start else _institution_head(doc, k, lex)
        if end is None:
            k += 1
            continue
        i = k
        while (
            i > 0
            and k - i < 5
            and (
                doc[i - 1].text in {"'s", "’s"}
                or doc[i - 1].ent_type_ in _STATE_LABELS
                or doc[i - 1].lower_ in gaz.demonyms
                or (doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_sent_start)
            )
        ):
            i -= 1
        while i < k and doc[i].text in {"'s", "’s"}:
            i += 1
        mods = doc[i:k]
        if len(mods) and (
            any(t.ent_type_ in _STATE_LABELS or t.lower_ in gaz.demonyms for t in mods)
            or tok.lower_ in _OWNER_NOUNS
        ):
            state = gaz.demonyms.get(mods[0].lower_) if len(mods) == 1 else None
            out.append(_body(doc, i, end, [f"{doc[k:end].text} of {state}"] if state else []))
            if state:
                out += _shared_noun_bodies(doc, i, doc[k:end].text, gaz)
        elif (
            not len(mods)
            and tok.lower_ in _PLACE_PREPS
            and end + 1 < len(doc)
            and doc[end].lower_ in {"in", "of"}
            and doc[end + 1].ent_type_ == "GPE"
        ):
            stop = end + 2
            while stop < len(doc) and doc[stop].ent_iob_ == "I" and doc[stop].ent_type_ == "GPE":
                stop += 1
            out.append(_body(doc, k, stop, []))
            end = stop
        k = end
    return out


@functools.lru_cache(maxsize=4)
def _suffix_pattern(suffixes: tuple[str, ...]) -> re.Pattern:
    alts = "|".join(re.escape(s) for s in suffixes)
    return re.compile(rf"(?:,?\s*\([A-Za-z .&]{{1,30}}\))?,?\s*(?:{alts})(?![\w])", re.IGNORECASE)


def company_forms(doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    """Extend names over a following company suffix (the bare name becomes an alias); returns
    the names without those now inside an extended one ("Asia Pacific" in "Breco (Asia Pacific) Ltd.")."""
    if not lex.company_suffixes:
        return names
    pattern = _suffix_pattern(lex.company_suffixes)
    text = doc.text
    for m in names:
        if m.kind != "name":
            continue
        hit = pattern.match(text, m.end)
        if (
            hit is not None
            and hit.end() > m.end
            and text[m.end : m.end + 1] in {" ", ","}
            and text[max(0, m.start - 1) : m.start] != "("
        ):
            span = doc.char_span(m.start, hit.end(), alignment_mode="expand")
            if span is None:
                continue
            bare = m.name
            m.j, m.end, m.name = span.end, hit.end(), text[m.start : hit.end()]
            if bare not in m.aliases and len(bare.split()) >= 1:
                m.aliases.append(bare)
            m.votes["organization"] += 6
        elif any(
            m.name.lower().endswith(" " + s) or m.name.lower().endswith(", " + s)
            for s in lex.company_suffixes
        ):
            m.votes["organization"] += 6
            bare = re.sub(
                rf"(?:,?\s+(?:{'|'.join(re.escape(s) for s in lex.company_suffixes)}))+$",
                "",
                m.name,
                flags=re.IGNORECASE,
            ).strip(" ,")
            if bare and bare != m.name and bare not in m.aliases:
                m.aliases.append(bare)
    names = [
        m
        for m in names
        if not any(
            o is not m and o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
            for o in names
        )
    ]
    return _join_company_halves(doc, names, lex)


_JOINERS = {"", "and", "&", "y", "for", "de", "of"}


def _join_company_halves(doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    """ "Servicio De Proteccion" + "Y Vigilancia, S.A.", "Al Jil Al Qadem General" + "Trading L.L.C.":
    a company name the tagger cut in two is joined when only a joining word lies between."""
    ordered = sorted(names, key=lambda m: m.start)
    drop: set[int] = set()
    for left, right in itertools.pairwise(ordered):
        if (
            id(left) in drop
            or left.kind != "name"
            or right.kind != "name"
            or right.votes["organization"] < 6
            or not any(right.name.lower().endswith(sfx) for sfx in lex.company_suffixes)
            or any(left.name.lower().endswith(sfx) for sfx in lex.company_suffixes)
        ):
            continue  # "A Ltd. and B LLC" are two companies
        gap = doc.text[left.end : right.start]
        between = gap.split()
        if (
            "\n" in gap
            or not doc.text[left.start : left.start + 1].isupper()
            or not (
                gap.strip().lower() in _JOINERS or (len(between) <= 2 and all(w.istitle() for w in between))
            )
        ):
            continue
        bare = doc.text[left.start : right.start] + right.aliases[0] if right.aliases else None
        right.i, right.start = left.i, left.start
        right.name = doc.text[right.start : right.end]
        right.aliases = [bare.strip()] if bare else []
        drop.add(id(left))
    return [m for m in names if id(m) not in drop]


def _given(tok) -> bool:
    from orgmap.extract.gazetteer import given_names, unaccented_lower

    return tok.ent_type_ == "PERSON" or unaccented_lower(tok.text) in given_names()


def split_titled_person(doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    """ "the Chairman of the Board of Norvik Holdings Erik Lund" is a person (Erik Lund) after a
    title naming a body (Norvik Holdings), not one organization; returns the names with such
    runs split in two.

    >>> from orgmap.extract.nlp import get_nlp
    >>> from orgmap.extract.lexicon import load_lexicon
    >>> doc = get_nlp()("He met the Chairman of the Board of Norvik Holdings Erik Lund.")
    >>> run = Mention(3, 12, doc[3].idx, doc[11].idx + 4, doc[3:12].text)
    >>> [m.name for m in split_titled_person(doc, [run], load_lexicon())]
    ['Norvik Holdings', 'Erik Lund']
    """
    roles = {r for r in lex.roles if " " not in r} | {t for t in lex.titles if " " not in t}
    out = []
    for m in names:
        toks = doc[m.i : m.j]
        cut = None
        for k in range(m.j - 2, m.i, -1):  # the person: a given name and one or two more title-case words
            tail = doc[k : m.j]
            if (
                2 <= len(tail) <= 3
                and _given(doc[k])
                and all(t.is_title and t.pos_ == "PROPN" for t in tail)
                and doc[k - 1].lower_ not in {"of", "the", "and"}
                and doc[k - 1].is_title
            ):
                cut = k
                break
        titled = (doc[m.i].lower_ in roles and any(t.lower_ == "of" for t in toks)) or (
            m.i >= 2 and doc[m.i - 1].lower_ == "of" and doc[m.i - 2].lower_ in roles
        )
        if cut is None and titled:
            body_end = max((t.i for t in toks if t.lower_ in lex.org_nouns), default=None)
            rest = doc[body_end + 1 : m.j] if body_end is not None else []
            if 2 <= len(rest) <= 3 and all(
                t.is_title and t.pos_ == "PROPN" and t.lower_ not in lex.company_suffixes for t in rest
            ):
                cut = body_end + 1  # "Speaker of Parliament Dashzegviin Amarbayasgalan": no given name known
        if cut is None or m.kind != "name" or not any(t.lower_ in lex.org_nouns for t in doc[m.i : cut]):
            out.append(m)
            continue
        start = m.i
        while start < cut and (doc[start].lower_ in roles | {"of", "the", "board", "directors", "vice"}):
            start += 1
        person = Mention(cut, m.j, doc[cut].idx, toks[-1].idx + len(toks[-1].text), doc[cut : m.j].text)
        person.votes["person"] += 6
        body = make_mention(doc, start, cut, lex) if start < cut else None
        if body is not None:  # cleaned like any name: "[Finance Commission] Deputy Head Omar Haddad"
            body.votes["organization"] += 4
            out.append(body)
        out.append(person)
    return out


_DEMONYM_ENDINGS = (("ian", "ia"), ("ese", ""), ("ish", ""), ("ic", ""), ("i", ""), ("an", "a"))


def titled_demonyms(doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    """ "Norlandic President Lars Holm": the demonym before a title before a person is the
    state (a place, alias the demonym), known from places.yaml or read off its ending."""
    gaz = load_gazetteer()
    roles = {r for r in lex.roles if " " not in r} | {t for t in lex.titles if " " not in t}
    starts = {m.i: m for m in names if m.kind == "name"}
    taken = {k for m in names for k in range(m.i, m.j)}
    out = []
    for tok in doc[:-2]:
        nxt = doc[tok.i + 1]
        if (
            tok.i in taken
            or not tok.is_title
            or nxt.lower_ not in roles
            or tok.i + 2 not in starts
            or not (tok.ent_type_ == "NORP" or tok.pos_ == "ADJ")
        ):
            continue
        first, country = gaz.demonym_at(doc, tok.i)
        if country is None and first == tok.i:  # (not the end of an unknown "North ..." demonym)
            country = next(
                (
                    tok.text[: -len(end)] + rep
                    for end, rep in _DEMONYM_ENDINGS
                    if tok.lower_.endswith(end) and len(tok.text) > len(end) + 3
                ),
                None,
            )
        if country is None:
            continue
        span = doc[first : tok.i + 1]
        m = Mention(first, tok.i + 1, span.start_char, span.end_char, country, aliases=[span.text])
        m.votes["place"] += 6
        out.append(m)
    return out


_BACKED = {
    "backed",
    "sponsored",
    "supported",
    "funded",
    "financed",
    "aligned",
    "affiliated",
    "allied",
    "controlled",
    "directed",
    "armed",
    "trained",
}


def backed_bodies(doc, names: list[Mention], lex: Lexicon) -> list[Mention]:
    """ "the Norland-backed militia": a singular body noun after "<Name>-backed" is an organization
    described by its sponsor (the sponsor keeps its own mention); "Iran-backed militias", a
    generic plural, is none."""
    taken = {k for m in names for k in range(m.i, m.j)}
    out = []
    for tok in doc[2:]:
        if tok.lower_ not in _BACKED or doc[tok.i - 1].text not in {"-", "–"} or tok.i + 1 >= len(doc):
            continue
        noun = doc[tok.i + 1]
        if noun.lower_ not in lex.org_nouns or noun.tag_ != "NN" or noun.i in taken:
            continue
        start = tok.i - 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        if doc[start].pos_ != "PROPN":
            continue
        span = doc[start : noun.i + 1]
        m = Mention(start, noun.i + 1, span.start_char, span.end_char, span.text)
        m.votes["organization"] += 6
        out.append(m)
    return out
