"""Who does what to whom in a clause: subjects (passive agents, relative clauses, shared
subjects of coordinated verbs, collective nouns), objects (direct, prepositional, passive
subjects, participles on nouns) and the owner of a cue noun."""

from __future__ import annotations

from orgmap.extract.patterns.context import SUBJ, Ctx

__all__ = ["objects", "owner", "subjects"]


_RELATIVES = {"who", "which", "that"}


def subjects(c: Ctx, verb) -> list:
    """The groups doing what ``verb`` says: passive agents ("was founded by Acme and by Brix"), a
    relative's antecedent ("Ann Lee, who heads Acme"), the nominal subject (or the owner of a
    collective one: "its leaders met"), else the subject of the verb it continues ("Acme met Brix
    and signed ..."), the noun a participle or relative clause hangs on, or a name the parser
    took for a compound ("The Gulf Cartel funds ..."), or the one a listing acts on ("designated
    A for being owned by P")."""
    for ch in verb.children:
        if ch.dep_ == "agent":  # "by X and by Y": the second "by" hangs on the first
            bys = [ch] + [x for x in ch.children if x.dep_ == "conj" and x.lower_ == "by"]
            return [g for b in bys for p in b.children if p.dep_ == "pobj" for g in c.expand(p)]
    for ch in verb.children:
        if ch.dep_ == "nsubj" and ch.lower_ in _RELATIVES and verb.dep_ == "relcl":
            return _antecedent(c, verb, ch)
        if ch.dep_ == "nsubj":
            return _nominal_subject(c, verb, ch)
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return subjects(c, verb.head)
    acted_on = _acted_on_for(c, verb)
    if acted_on:
        return acted_on
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        found = _noun_of_clause(c, verb)
        if found is not None:
            return found
    left = [ch for ch in verb.children if ch.dep_ == "compound" and ch.i < verb.i and c.group(ch) is not None]
    if left:
        return c.expand(left[-1])
    return []


def _acted_on_for(c: Ctx, verb) -> list:
    """ "OFAC designated A, B and C ... for being owned or controlled by P", "X was arrested for
    smuggling arms for Y": the one a listing or arrest (``acting_on_verbs``) acts on does what its
    "for" clause says."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "for":
        return []
    t = verb.head.head
    for _ in range(3):  # "for" may hang on "pursuant (to E.O. 13818)"
        if t.pos_ == "VERB" and t.lemma_.lower() in c.lex.acting_on_verbs:
            for ch in t.children:
                if ch.dep_ in {"nsubjpass", "dobj"}:
                    return c.expand(ch)
            return []
        if t.head.i == t.i:
            break
        t = t.head
    return []


def _antecedent(c: Ctx, verb, relative) -> list:
    """ "Ann Lee, who heads Acme": the noun the relative clause hangs on ("Brix, a company that acts
    for Acme": the name it stands beside); "who" climbs to a person ("Ann Lee, a former colonel
    in the army who heads Acme")."""
    found = c.expand(verb.head)
    if not found and verb.head.dep_ == "appos":
        found = c.expand(verb.head.head)
    if relative.lower_ == "who" and not any(g.type == "person" for g in found):
        t = verb.head
        for _ in range(6):
            g = c.group(t)
            if g is not None and g.type == "person":
                return [g]
            if t.head.i == t.i:
                break
            t = t.head
    return found


def _nominal_subject(c: Ctx, verb, subj) -> list:
    """The groups of the subject; for a collective noun naming none, its owner ("its leaders",
    "whose members" -> the antecedent, "representatives of Acme met ...")."""
    found = c.expand(subj)
    if found or subj.lower_ not in c.lex.collective_nouns:
        return found
    for owner in subj.children:
        if owner.dep_ == "poss":
            if owner.lower_ == "whose" and verb.dep_ == "relcl":
                return c.expand(verb.head)
            return c.expand(owner)
        if owner.dep_ == "prep" and owner.lower_ == "of":
            return [g for p in owner.children if p.dep_ == "pobj" for g in c.expand(p)]
    return found


def _noun_of_clause(c: Ctx, verb) -> list | None:
    """The subject of a participle or relative clause without one: the noun's owner ("Acme's unit
    operating in Oslo"), the body a common noun stands beside ("Brix, a militant group operating
    in Oslo"), the named noun of a relative clause; None when there is none."""
    owner = [ch for ch in verb.head.children if ch.dep_ == "poss"]
    if owner:
        return c.expand(owner[0])
    named = _apposed(c, verb.head)
    if verb.dep_ == "acl" and named is not None:
        return [named]
    if verb.dep_ == "relcl" and c.group(verb.head):
        return c.expand(verb.head)
    return None


def objects(c: Ctx, verb, preps: bool = True) -> list[tuple[str, object]]:
    """(preposition or "", group) pairs of ``verb``: direct objects and attributes (a passive
    subject is the object), prepositional objects (unless ``preps`` is false), and the noun a
    passive relative or participle clause describes ("Brix, which was founded by Acme")."""
    passive = any(ch.dep_ == "agent" for ch in verb.children)
    out = []
    for ch in verb.children:
        if ch.dep_ in {"dobj", "attr"} or (passive and ch.dep_ == "nsubjpass"):
            out += [("", g) for g in dict.fromkeys(_direct_object(c, ch, passive))]
        elif (
            ch.dep_ == "prep" and c.group(ch) is not None
        ):  # "succeed Per Aasen": a name read as a preposition
            out.append(("", c.group(ch)))
        elif preps and ch.dep_ in {"prep", "dative"}:
            for p in ch.children:
                if p.dep_ == "pobj":
                    out += [(ch.lower_, g) for g in c.expand(p)]
        elif preps and ch.dep_ == "advcl":  # parser slip: "coordinating with [the Ministry to act]"
            marks = [m for m in ch.children if m.dep_ == "mark" and m.lower_ in {"with", "to", "against"}]
            subj = [m for m in ch.children if m.dep_ == "nsubj"]
            if marks and subj:
                out += [(marks[0].lower_, g) for g in c.expand(subj[0])]
    return out + [("", g) for g in _described_nouns(c, verb, passive)]


def _direct_object(c: Ctx, obj, passive: bool) -> list:
    """The groups of a direct object; of a collective one, its owners ("met officials of Acme",
    "met Acme's envoys"); in a passive, the places inside it ("matters related to countries such
    as Norland were managed by Ann Lee")."""
    gs = c.expand(obj)
    if not gs and obj.lower_ in c.lex.collective_nouns:
        gs = [g for o in obj.children if o.dep_ == "poss" for g in c.expand(o)] + [
            g
            for o in obj.children
            if o.dep_ == "prep" and o.lower_ == "of"
            for p in o.children
            if p.dep_ == "pobj"
            for g in c.expand(p)
        ]
    if not gs and passive:
        gs = [c.group(t) for t in obj.subtree if c.group(t) is not None and c.group(t).type == "place"]
    return gs


def _described_nouns(c: Ctx, verb, passive: bool) -> list:
    """The named noun a clause describes, as its object: "Brix, which was founded by Acme", "Brix, a
    company he controls", "a meeting held on May 7 and attended by Ann Lee" (also when the
    parser hangs the second participle on the main verb)."""
    out = []
    if (
        verb.dep_ == "relcl"
        and passive
        and any(ch.dep_ == "nsubjpass" and ch.lower_ in _RELATIVES for ch in verb.children)
    ):
        named = c.group(verb.head) or _apposed(c, verb.head)
        if named is not None:
            out.append(named)
    if (
        verb.dep_ == "relcl"
        and not any(ch.dep_ in {"dobj", "nsubjpass"} for ch in verb.children)
        and any(ch.dep_ == "nsubj" and ch.lower_ not in _RELATIVES for ch in verb.children)
    ):
        named = c.group(verb.head) or _apposed(c, verb.head)
        if named is not None:
            out.append(named)
    if verb.dep_ in {"acl", "conj"} and passive and not any(ch.dep_ == "nsubjpass" for ch in verb.children):
        t = verb
        while t.dep_ == "conj":
            t = t.head
        if t.dep_ != "acl":
            acls = [x for x in verb.sent if x.dep_ == "acl" and x.i < verb.i and c.group(x.head) is not None]
            t = acls[-1] if acls else t
        if t.dep_ == "acl" and c.group(t.head) is not None:
            out.append(c.group(t.head))
    return out


def _apposed(c: Ctx, noun):
    """The named body a common noun stands beside: "Cedar Gate Holdings, a company ..." -> the body."""
    if noun.dep_ == "appos" and c.group(noun) is None:
        return c.group(noun.head)
    return None


def owner(c: Ctx, noun) -> list:
    owners = [ch for ch in noun.children if ch.dep_ == "poss"]
    if owners:
        return c.expand(owners[0])
    t = noun
    for _ in range(3):  # "X maintains close relations with Y", "X are in conflict with Y"
        if t.dep_ in {"dobj", "pobj", "prep", "attr"}:
            t = t.head
            subj = [ch for ch in t.children if ch.dep_ in SUBJ]
            if subj:
                return c.expand(subj[0])
        else:
            break
    return []
