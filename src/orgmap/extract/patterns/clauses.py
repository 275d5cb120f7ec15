"""Who does what to whom in a clause: subjects (passive agents, relative clauses, shared
subjects of coordinated verbs, collective nouns), objects (direct, prepositional, passive
subjects, participles on nouns) and the owner of a cue noun."""

from __future__ import annotations

from orgmap.extract.patterns.context import SUBJ, Ctx

__all__ = ["objects", "owner", "subjects"]


def subjects(c: Ctx, verb) -> list:
    for ch in verb.children:
        if ch.dep_ == "agent":  # "by X and by Y": the second "by" hangs on the first
            bys = [ch] + [x for x in ch.children if x.dep_ == "conj" and x.lower_ == "by"]
            return [g for b in bys for p in b.children if p.dep_ == "pobj" for g in c.expand(p)]
    for ch in verb.children:
        if ch.dep_ == "nsubj" and ch.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
            found = c.expand(verb.head)  # "X, who heads Y"
            if not found and verb.head.dep_ == "appos":  # "X, a company that acts for Y"
                found = c.expand(verb.head.head)
            if ch.lower_ == "who" and not any(g.type == "person" for g in found):
                t = verb.head  # "X, a former colonel in the army who heads Y": "who" is a person
                for _ in range(6):
                    g = c.group(t)
                    if g is not None and g.type == "person":
                        return [g]
                    if t.head.i == t.i:
                        break
                    t = t.head
            return found
        if ch.dep_ == "nsubj":
            found = c.expand(ch)
            if not found and ch.lower_ in c.lex.collective_nouns:  # "whose members", "its leaders"
                for owner in ch.children:
                    if owner.dep_ == "poss":
                        if owner.lower_ == "whose" and verb.dep_ == "relcl":
                            return c.expand(verb.head)
                        return c.expand(owner)
                    if owner.dep_ == "prep" and owner.lower_ == "of":  # "representatives of X met ..."
                        return [g for p in owner.children if p.dep_ == "pobj" for g in c.expand(p)]
            return found
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return subjects(c, verb.head)
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        owner = [ch for ch in verb.head.children if ch.dep_ == "poss"]
        if owner:
            return c.expand(owner[0])
        named = _apposed(c, verb.head)
        if verb.dep_ == "acl" and named is not None:  # "X, a militant group operating in Y"
            return [named]
        if verb.dep_ == "relcl" and c.group(verb.head):
            return c.expand(verb.head)
    # a tagger slip: "The Gulf Cartel funds ..." parsed with the subject as a compound
    left = [ch for ch in verb.children if ch.dep_ == "compound" and ch.i < verb.i and c.group(ch) is not None]
    if left:
        return c.expand(left[-1])
    return []


def objects(c: Ctx, verb, preps: bool = True) -> list[tuple[str, object]]:
    """(preposition or "", group) pairs; a passive subject is the object."""
    passive = any(ch.dep_ == "agent" for ch in verb.children)
    out = []
    for ch in verb.children:
        if ch.dep_ in {"dobj", "attr"} or (passive and ch.dep_ == "nsubjpass"):
            gs = c.expand(ch)
            if not gs and ch.lower_ in c.lex.collective_nouns:  # "met officials of X", "met X's envoys"
                gs = [g for o in ch.children if o.dep_ == "poss" for g in c.expand(o)] + [
                    g
                    for o in ch.children
                    if o.dep_ == "prep" and o.lower_ == "of"
                    for p in o.children
                    if p.dep_ == "pobj"
                    for g in c.expand(p)
                ]
            if not gs and passive:  # "matters related to countries such as X were managed by Y"
                gs = [c.group(t) for t in ch.subtree if c.group(t) is not None and c.group(t).type == "place"]
            out += [("", g) for g in dict.fromkeys(gs)]
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
    if (
        verb.dep_ == "relcl"
        and passive
        and any(ch.dep_ == "nsubjpass" and ch.lower_ in {"which", "that", "who"} for ch in verb.children)
    ):
        named = c.group(verb.head) or _apposed(c, verb.head)  # "Y, which was founded by X"
        if named is not None:
            out.append(("", named))
    if (
        verb.dep_ == "relcl"
        and not any(ch.dep_ in {"dobj", "nsubjpass"} for ch in verb.children)
        and any(ch.dep_ == "nsubj" and ch.lower_ not in {"who", "which", "that"} for ch in verb.children)
    ):
        named = c.group(verb.head) or _apposed(c, verb.head)  # "Y, a company he controls"
        if named is not None:
            out.append(("", named))
    if verb.dep_ in {"acl", "conj"} and passive and not any(ch.dep_ == "nsubjpass" for ch in verb.children):
        # "a meeting held on X and attended by Y": the participle's noun is the object, also when the
        # parser hangs the second participle on the main verb
        t = verb
        while t.dep_ == "conj":
            t = t.head
        if t.dep_ != "acl":
            acls = [x for x in verb.sent if x.dep_ == "acl" and x.i < verb.i and c.group(x.head) is not None]
            t = acls[-1] if acls else t
        if t.dep_ == "acl" and c.group(t.head) is not None:
            out.append(("", c.group(t.head)))
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
