"""Group a document's mentions into entities: short forms, surnames, acronyms, known names.

Rules, each general: a surname or short form joins the full name it ends or begins
("Qaani" -> "Esmail Qaani", "Islamic Republic" -> "Islamic Republic of Iran"); a bracketed
or initial-letter acronym joins its long form ("LH" -> "Lebanese Hezbollah"); "the X
leadership" is X unless a longer body starts with it; "Republic of X" is the place X;
coordinated names share a type when one of them has only the tagger's guess; a pronoun
refers to the nearest preceding person.

>>> from orgmap.extract.nlp import get_nlp
>>> from orgmap.extract.mentions import find_mentions
>>> doc = get_nlp()("Laila Haddad met Omar Saleh in Homs. Later Haddad left.")
>>> groups = cluster_mentions(doc, find_mentions(doc))
>>> sorted((g.name, g.type, len(g.mentions)) for g in groups)
[('Homs', 'place', 1), ('Laila Haddad', 'person', 2), ('Omar Saleh', 'person', 1)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from orgmap.extract.gazetteer import load_gazetteer
from orgmap.extract.lexicon import Lexicon, load_lexicon
from orgmap.extract.mentions import Mention
from orgmap.names import normalize_name

__all__ = ["Group", "cluster_mentions", "initials"]

_SMALL = {"of", "the", "and", "for", "al", "el", "de", "del", "la", "in", "on", "&"}


@dataclass(eq=False)
class Group:
    """One entity of the document: its mentions and the type voted over them."""

    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    known: str | None = None  # canonical name of a known entity it matched

    @property
    def tokens(self) -> list[str]:
        return normalize_name(self.name).split()


def initials(name: str) -> str:
    """ "Lebanese Hezbollah" -> "LH"; small words are skipped."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _SMALL]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def _type(votes: Counter) -> str | None:
    return votes.most_common(1)[0][0] if votes else None


def cluster_mentions(
    doc,
    mentions: list[Mention],
    *,
    known: Iterable[tuple[str, str, tuple[str, ...]]] = (),
    lex: Lexicon | None = None,
) -> list[Group]:
    """Cluster ``mentions`` (from :func:`find_mentions`) into entity groups; sets ``mention.group``.

    Types are voted per name (:func:`vote_types`); names become groups longest first, so a short
    form finds its long form (:func:`_name_groups`); explicit links and listed aliases then join
    groups; pronouns go to the nearest preceding person."""
    lex = lex or load_lexicon()
    known_by_norm = _known_names(known)
    names = [m for m in mentions if m.kind != "pronoun"]
    votes = vote_types(doc, names, known_by_norm, lex)
    found = _name_groups(names, votes, known_by_norm, lex)
    found.link_same_as(names)
    found.link_listed_aliases(names)
    out = found.attach(names)
    _pronouns(mentions)
    return sorted(out, key=lambda g: g.mentions[0].start)


def _known_names(known: Iterable[tuple[str, str, tuple[str, ...]]]) -> dict[str, tuple[str, str]]:
    """{normalised name or alias: (known name, type)}; the first known entity with a name keeps it."""
    known_by_norm: dict[str, tuple[str, str]] = {}
    for name, etype, aliases in known:
        for n in (name, *aliases):
            known_by_norm.setdefault(normalize_name(n), (name, etype))
    return known_by_norm


def vote_types(
    doc, names: list[Mention], known_by_norm: dict[str, tuple[str, str]], lex: Lexicon | None = None
) -> dict[str, Counter]:
    """Type votes per normalised name: the mentions' own votes, a known entity's type (10), then
    the rules below in order, each reading the votes the one before left."""
    lex = lex or load_lexicon()
    votes: dict[str, Counter] = {}
    for m in names:
        norm = normalize_name(m.name)
        votes.setdefault(norm, Counter()).update(m.votes)
        if norm in known_by_norm:
            votes[norm][known_by_norm[norm][1]] += 10
    strong_org = {normalize_name(m.name) for m in names if m.votes["organization"] >= 3}
    _full_names_of_surnames(votes, strong_org)
    _bodies_with_subunits(votes, lex)
    _sister_companies(votes, names, strong_org)
    _bare_surnames(votes, strong_org)
    _coordination_types(doc, names, votes)
    return votes


def _full_names_of_surnames(votes: dict[str, Counter], strong_org: set[str]) -> None:
    """ "Laila Haddad" (tagged ORG) ... "Haddad" (tagged PERSON): a person; "the arrest of Lund"
    stays an event."""
    for n, v in votes.items():
        words = n.split()
        if (
            len(words) > 1
            and n not in strong_org
            and _type(votes.get(words[-1], Counter())) == "person"
            and _type(v) != "person"
            and not v["event"]
        ):
            v["person"] += sum(v.values()) + 1


def _bodies_with_subunits(votes: dict[str, Counter], lex: Lexicon) -> None:
    """ "Boko Haram" (the tagger's PERSON) beside "Boko Haram Shura Council": a name that starts the
    name of a council, bureau or wing (``subunit_nouns``) is a body's, not a person's."""
    for n, v in votes.items():
        if _type(v) in {"organization", "place"} or v["event"]:
            continue  # "Belarus' Central Election Commission": a state has bodies and stays a place
        if any(
            o.startswith(n + " ") and o.split()[-1] in lex.subunit_nouns and _type(ov) == "organization"
            for o, ov in votes.items()
        ):
            v["organization"] += sum(v.values()) + 1


def _sister_companies(votes: dict[str, Counter], names: list[Mention], strong_org: set[str]) -> None:
    """ "Atlas Marine" beside "Atlas Holdings": a sister company, not a person."""
    org_first = {n.split()[0] for n in strong_org if len(n.split()) > 1}
    for n, v in votes.items():
        words = n.split()
        if (
            len(words) > 1
            and words[0] in org_first
            and not any(o.startswith(n + " ") for o in strong_org)  # "Zhao Wei TCO" is named after Zhao Wei
            and _type(v) == "person"
            and v["person"] <= 2 * len([m for m in names if normalize_name(m.name) == n])
            and n not in strong_org
        ):
            v["organization"] += sum(v.values()) + 1


def _bare_surnames(votes: dict[str, Counter], strong_org: set[str]) -> None:
    """ "Saleh" after "Omar Saleh", "Murillo" after "Rosario Murillo de Ortega": a bare surname
    (the last word of a full person name, or an inner word of a longer one) is that person."""
    persons_full = {n for n, v in votes.items() if _type(v) == "person" and len(n.split()) > 1}
    surnames = Counter(w for n in persons_full for w in n.split()[1 if len(n.split()) > 2 else -1 :])
    for n, v in votes.items():
        if len(n.split()) == 1 and surnames.get(n) and n not in strong_org:
            v["person"] += 1000


@dataclass
class _NameGroups:
    """Groups by normalised name, and the names that are aliases of another (chains allowed)."""

    groups: dict[str, Group] = field(default_factory=dict)
    alias_of: dict[str, str] = field(default_factory=dict)

    def resolve(self, norm: str) -> str:
        """The name at the end of ``norm``'s alias chain (never looping)."""
        seen = {norm}
        while norm in self.alias_of and self.alias_of[norm] not in seen:
            norm = self.alias_of[norm]
            seen.add(norm)
        return norm

    def link_same_as(self, names: list[Mention]) -> None:
        """Explicit links (alias fields, bracketed short forms, coreference): "Daniel Joseph Kinahan
        (Daniel)" joins the two; a pronoun joins only a group of its own type."""
        groups, alias_of = self.groups, self.alias_of
        for m in names:
            if m.same_as is None:
                continue
            a, b = self.resolve(normalize_name(m.name)), self.resolve(normalize_name(m.same_as.name))
            if a == b or (a not in groups and b not in groups):
                continue
            if b in groups and (a not in groups or groups[a].type == groups[b].type or m.kind != "pronoun"):
                alias_of[a] = b
                groups.pop(a, None)
            elif a in groups and b not in groups:
                alias_of[b] = a

    def link_listed_aliases(self, names: list[Mention]) -> None:
        """A name listed as a mention's alias ("Acme Ltd" with alias "Acme") that became a group of
        its own, of the same type, joins the mention's group."""
        for m in names:
            own = self.resolve(normalize_name(m.name))
            for a in m.aliases:
                other = self.resolve(normalize_name(a))
                if (
                    other != own
                    and own in self.groups
                    and other in self.groups
                    and self.groups[other].type == self.groups[own].type
                ):
                    self.alias_of[other] = own
                    self.groups.pop(other)

    def attach(self, names: list[Mention]) -> list[Group]:
        """Give every mention its group (``mention.group``) and every group its names; a group is
        named by its known name, else its longest own name ("Esmail Qaani", not "Qaani")."""
        for m in names:
            g = self.groups.get(self.resolve(normalize_name(m.name)))
            if g is None:
                continue
            g.mentions.append(m)
            m.group = g  # type: ignore[attr-defined]
            if m.name not in g.names and m.kind != "collective":
                g.names.append(m.name)
        out = [g for g in self.groups.values() if g.mentions]
        for g in out:
            g.names = g.names or [m.name for m in g.mentions[:1]]
            own = [
                n for n in g.names if normalize_name(n) in self.groups and self.groups[normalize_name(n)] is g
            ] or g.names
            g.name = g.known or max(own, key=lambda n: (len(n.split()), not n.isupper(), len(n)))
        return out


def _name_groups(
    names: list[Mention], votes: dict[str, Counter], known_by_norm: dict[str, tuple[str, str]], lex: Lexicon
) -> _NameGroups:
    """One group per name, longest names first; a name that is a short form, acronym, collective
    ("the IRGC leadership") or state form ("the Islamic Republic of Iran" when Iran is named) of
    another becomes its alias instead."""
    found = _NameGroups()
    order = sorted(votes, key=lambda n: (-len(n.split()), -len(n), n))
    acronym_long = _long_forms(names)
    collective = {
        normalize_name(m.name): normalize_name(m.base.name)
        for m in names
        if m.kind == "collective" and m.base is not None
    }
    for norm in order:  # "the Islamic Republic of Iran" is Iran when Iran is named too
        head, _, tail = norm.partition(" of ")
        if tail and head in lex.state_forms and tail in votes and _type(votes[tail]) == "place":
            found.alias_of[norm] = tail
    same_body: dict[tuple[str, str], str] = {}
    # one body under two names: "Government of Syria" and "the Syrian government"; "X Co., Limited"
    # and "X Co., Ltd."
    for norm in order:
        if _type(votes[norm]) != "organization":
            continue
        key = _state_body(norm, lex) or ("company", _spelled_out(norm, lex))
        if key in same_body:
            found.alias_of[norm] = same_body[key]
        else:
            same_body[key] = norm
    for norm in order:
        if norm in found.alias_of:
            continue
        longer_alias = [a for a in found.alias_of if a.startswith(norm + " of ")]
        if longer_alias:  # "the Islamic Republic" is short for an aliased "Islamic Republic of Iran"
            found.alias_of[norm] = longer_alias[0]
            continue
        etype = _type(votes[norm])
        if etype is None or not norm:
            continue
        target = _alias_target(norm, etype, found.groups, collective, acronym_long, known_by_norm, lex)
        if target is None and etype == "person":  # "Bhuttavi" ends a name that is itself an alias
            target = _surname_of_alias(norm, found)
        if target is not None:
            found.alias_of[norm] = target
        else:
            known_hit = known_by_norm.get(norm)
            found.groups[norm] = Group(name="", type=etype, known=known_hit[0] if known_hit else None)
    return found


def _spelled_out(norm: str, lex: Lexicon) -> str:
    """A normalised name with its legal forms spelled out (``legal_form_abbreviations``): "X Co.,
    Ltd." and "X Co., Limited" are one company, "X Ltd." and "X, Inc." two.

    >>> from orgmap.extract.lexicon import load_lexicon
    >>> _spelled_out("acme hk co ltd", load_lexicon()) == _spelled_out("acme hk co limited", load_lexicon())
    True
    """
    return " ".join(lex.legal_form_abbreviations.get(w, w) for w in norm.split())


def _state_body(norm: str, lex: Lexicon) -> tuple[str, str] | None:
    """The kind of state body a normalised name is and its country (``state_body_names``), or None.

    >>> from orgmap.extract.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> [_state_body(n, lex) for n in ("government of the russian federation", "syrian regime", "acme regime")]
    [('government', 'russia'), ('government', 'syria'), None]
    >>> [_state_body(n, lex) for n in ("burma s military", "military or security forces of burma")]
    [('military', 'burma'), ('military', 'burma')]
    """
    gaz = load_gazetteer()
    head, _, tail = norm.partition(" of ")
    if head in lex.state_body_names and tail:
        country = gaz.country_named(tail.removeprefix("the "))
        return (lex.state_body_names[head], country) if country else None
    words = norm.split()
    longest = max((len(k.split()) for k in lex.state_body_names), default=0)
    for size in range(longest, 0, -1):
        kind = lex.state_body_names.get(" ".join(words[-size:]))
        owner = words[:-size]
        if kind is None or not owner:
            continue
        owner = owner[:-1] if owner[-1] == "s" else owner  # "syria s government"
        country = gaz.country_named(" ".join(owner)) if 1 <= len(owner) <= 3 else None
        return (kind, country) if country else None
    return None


def _surname_of_alias(norm: str, found: _NameGroups) -> str | None:
    """The person group one of whose alias names ends with the one-word ``norm``, if only one does."""
    if " " in norm:
        return None
    hits = {
        found.resolve(a)
        for a in found.alias_of
        if a.split()[-1] == norm
        and found.resolve(a) in found.groups
        and found.groups[found.resolve(a)].type == "person"
    }
    return hits.pop() if len(hits) == 1 else None


def _long_forms(names: list[Mention]) -> dict[str, str]:
    """{short form: long form}: declared acronyms ("LH" for "Lebanese Hezbollah") and a mention's
    aliases ("Hezbollah" is short for "Lebanese Hezbollah")."""
    acronym_long = {normalize_name(m.name): normalize_name(m.acronym_of.name) for m in names if m.acronym_of}
    for m in names:
        for a in m.aliases:
            acronym_long.setdefault(normalize_name(a), normalize_name(m.name))
    return acronym_long


def _alias_target(
    norm: str,
    etype: str,
    groups: dict[str, Group],
    collective: dict[str, str],
    acronym_long: dict[str, str],
    known_by_norm: dict[str, tuple[str, str]],
    lex: Lexicon,
) -> str | None:
    """The group ``norm`` is another name of, or None: a collective's body ("the IRGC leadership"
    is the IRGC, unless a longer body starts so), a short form's long form, a known entity's group."""
    if norm in collective:
        longer = [g for g in groups if g.startswith(norm + " ")] if collective[norm] != norm else []
        target = longer[0] if longer else collective[norm]
        if target != norm:
            return target
    target = _short_form_target(norm, etype, groups, acronym_long, lex)
    if target is not None:
        return target
    known_hit = known_by_norm.get(norm)
    if known_hit is not None:
        kn = normalize_name(known_hit[0])
        if kn in groups and kn != norm:
            return kn
    return None


def _short_person_name(words: list[str], g_words: list[str], groups: dict[str, Group]) -> bool:
    """Whether a person's name ``words`` is a shorter form of the longer person name ``g_words``:
    its last words ("Kinahan"), a run of three inside it ("Abdul Salam Bhuttavi" in "Hafiz Abdul
    Salam Bhuttavi Hafiz"), the first word or an inner surname when only one person has it
    ("Donata" after "Donata Kelmendi", "Murillo" after "Rosario Maria Murillo de Ortega"), or
    the name with a middle name or second surname left out ("Daniel Kinahan", "Rafael Ortega"
    for "Rafael Antonio Ortega Murillo")."""

    def only(pick) -> bool:
        return sum(1 for o_norm, o in groups.items() if o.type == "person" and pick(o_norm.split())) == 1

    if g_words[-len(words) :] == words:
        return True
    if len(words) >= 3 and any(
        g_words[k : k + len(words)] == words for k in range(len(g_words) - len(words) + 1)
    ):
        return True
    if len(words) == 1 and words[0] == g_words[0] and only(lambda o: o[0] == words[0]):
        return True
    if (
        len(words) == 1
        and len(g_words) >= 3
        and words[0] in g_words[1:-1]
        and only(lambda o: words[0] in o[1:])
    ):
        return True
    return (
        len(words) >= 2
        and words[0] == g_words[0]
        and (words[-1] == g_words[-1] or (len(g_words) >= 4 and words[-1] == g_words[-2]))
        and _subsequence(words, g_words)
    )


def _short_form_target(
    norm: str, etype: str, groups: dict[str, Group], acronym_long: dict[str, str], lex: Lexicon
) -> str | None:
    words = norm.split()
    if norm in acronym_long and acronym_long[norm] in groups:
        return acronym_long[norm]
    if etype in ("organization", "person"):  # the tagger often takes a lone "Duma" for a person
        generic = lex.org_nouns | lex.name_suffix_nouns | lex.institution_nouns | lex.kind_nouns
        national = _national_forms(norm, groups, generic)
        if len(national) == 1:  # "the Afghan Taliban" when no other nation's Taliban is named
            return national[0]
    for g_norm, g in groups.items():
        g_words = g_norm.split()
        if len(g_words) <= len(words):
            continue
        if etype == "person" == g.type and _short_person_name(words, g_words, groups):
            return g_norm
        if (
            etype == g.type != "person"
            and len(words) >= 2
            and g_words[: len(words)] == words
            and g_words[len(words)] == "of"
        ):
            return g_norm
        if (
            etype in ("organization", "place")
            and g.type == etype
            and len(words) == 1
            and norm.upper() == initials(g_norm)
            and len(norm) >= 2
        ):
            return g_norm
        if (
            etype == "organization" == g.type
            and len(words) >= 2
            and g_words[: len(words) - 1] == words[:-1]
            and len(words[-1]) >= 2
            and words[-1].upper() == initials(" ".join(g_words[len(words) - 1 :]))
        ):
            return g_norm  # "Zhao Wei TCO" is "Zhao Wei Transnational Criminal Organization"
    # "Islamic Republic of Iran" is the place "Iran"
    if etype == "place" and " of " in f" {norm} ":
        head, _, tail = norm.partition(" of ")
        if head in lex.state_forms and tail in groups and groups[tail].type == "place":
            return tail
    return None


def _national_forms(norm: str, groups: dict[str, Group], generic: frozenset[str] = frozenset()) -> list[str]:
    """The body groups named by a demonym and then ``norm`` ("afghan taliban" for "taliban"); a
    one-word proper name may also drop one word after the demonym ("russian state duma" for
    "duma"), unless it is a ``generic`` noun ("forces", "council").

    >>> groups = {"afghan taliban": Group("Afghan Taliban", "organization"),
    ...           "russian state duma": Group("Russian State Duma", "organization")}
    >>> _national_forms("taliban", groups), _national_forms("duma", groups)
    (['afghan taliban'], ['russian state duma'])
    >>> _national_forms("duma", groups, generic=frozenset({"duma"}))
    []
    """
    demonyms = load_gazetteer().demonyms
    one_proper_word = " " not in norm and norm not in generic
    out = []
    for g_norm, g in groups.items():
        if g.type != "organization" or not g_norm.endswith(" " + norm):
            continue
        before = g_norm[: -len(norm) - 1].split()
        if " ".join(before) in demonyms or (
            one_proper_word and len(before) == 2 and before[0] in demonyms and before[1] not in generic
        ):
            out.append(g_norm)
    return out


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


_SALIENT = 3  # how many times more often a surname's hub is named in full than its nearest holder


def shared_surnames(mentions: list[Mention], sentence_of: Callable[[int], int] | None = None) -> None:
    """A bare surname that two people of the text share is the one named last before it, outside
    its own sentence when ``sentence_of`` (token index -> sentence number) is given ("Besnik and
    Donata Kelmendi act on behalf of Kelmendi" means someone else); but a holder named in full
    three times as often as that one (the family's hub) keeps the bare name (in place).

    >>> a, b, c = Group("Erik Lund", "person"), Group("Anna Lund", "person"), Group("Anna Lund", "person")
    >>> m1, m2, m3 = Mention(0, 2, 0, 9, "Erik Lund"), Mention(3, 5, 14, 23, "Anna Lund"), Mention(6, 7, 30, 34, "Lund")
    >>> m1.group, m2.group, m3.group = a, b, a
    >>> a.mentions, b.mentions = [m1, m3], [m2]
    >>> shared_surnames([m1, m2, m3]); m3.group.name, [m.name for m in b.mentions]
    ('Anna Lund', ['Anna Lund', 'Lund'])
    """
    last_by_surname: dict[str, list[tuple[int, Group]]] = {}
    holders: dict[str, set[int]] = {}
    sentence = sentence_of or (lambda i: -1)
    people = [
        m
        for m in mentions
        if getattr(m, "group", None) is not None and m.group.type == "person" and m.kind == "name"
    ]
    full_names: Counter[int] = Counter()
    for m in people:
        words = normalize_name(m.name).split()
        if len(words) >= 2:
            holders.setdefault(words[-1], set()).add(id(m.group))
            full_names[id(m.group)] += 1
    for m in sorted(people, key=lambda m: m.start):
        words = normalize_name(m.name).split()
        if len(words) >= 2:
            last_by_surname.setdefault(words[-1], []).append((sentence(m.i), m.group))
        elif len(words) == 1 and len(holders.get(words[0], ())) >= 2 and words[0] in last_by_surname:
            here = sentence(m.i)
            named = last_by_surname[words[0]]
            others = [g for k, g in named if sentence_of is None or k != here]
            target = others[-1] if others else named[-1][1]
            hub = max(enumerate(named), key=lambda n_kg: (full_names[id(n_kg[1][1])], -n_kg[0]))[1][1]
            if full_names[id(hub)] >= _SALIENT * max(full_names[id(target)], 1):
                target = hub  # the family's hub, named far more often, keeps the bare surname
            if target is not m.group:
                old = m.group
                old.mentions.remove(m)
                if m.name in old.names and all(x.name != m.name for x in old.mentions):
                    old.names.remove(m.name)  # the alias went with its mentions
                target.mentions.append(m)
                target.mentions.sort(key=lambda x: x.start)
                if m.name not in target.names:
                    target.names.append(m.name)
                m.group = target


def _coordination_types(doc, names: list[Mention], votes: dict[str, Counter]) -> None:
    """In "A, B and C" a name with only the tagger's guess takes the type its neighbours share:
    a name with little evidence, or one whose every mention carries at most the tagger's one vote
    (the same guess repeated is still one guess)."""
    by_tok = {k: m for m in names for k in range(m.i, m.j)}
    strong = {normalize_name(m.name) for m in names if sum(m.votes.values()) > 1}
    for m in names:
        norm = normalize_name(m.name)
        v = votes[norm]
        guessed = norm not in strong
        if sum(v.values()) > 2 and not guessed:
            continue
        head = doc[m.j - 1]
        sibs = [t for t in head.conjuncts if t.i in by_tok and by_tok[t.i] is not m]
        types = Counter(_type(votes[normalize_name(by_tok[t.i].name)]) for t in sibs)
        if len(types) == 1:  # only when the neighbours agree: "A, B, Acme LLC and Beta FZE" mixes kinds
            best = next(iter(types))
            if best and best != _type(v) and best != "event":
                v[best] += 3 if not guessed else max(3, v[_type(v)] - v[best] + 1)


def _pronouns(mentions: list[Mention]) -> None:
    """Point each personal pronoun at the nearest preceding person mention."""
    last = None
    for m in mentions:
        g = getattr(m, "group", None)
        if m.kind == "pronoun":
            m.group = last  # type: ignore[attr-defined]
        elif g is not None and g.type == "person":
            last = g
