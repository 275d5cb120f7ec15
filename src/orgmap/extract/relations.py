"""Relation patterns on the dependency parse. Each family is a function that yields
``Hit(source_group, type, target_group, anchor_token, evidence_tokens, score, pattern)``:

- roles: titles, appositions, parentheticals, copulas and "as" ("Y commander X",
  "X (commander of Y)", "X, head of Y", "X is the chief of Y", "X served as Y's deputy");
- verbs: subject-verb-object with passives, particles and prepositions ("X took over",
  "replaced Y", "were managed by X", "meets Y", "coordinating closely with Y");
- nouns: a cue noun with its owner and its object ("X's refusal to allow Y", "attacks on Y",
  "in conflict with Y", "close relations with Y", "a subsidiary of Y");
- structure: sub-bodies ("Unit 400 in the Qods Force", "Qods Force finance", "the
  intelligence wing of the IRGC", "part of the IRGC").

Lists are expanded through coordination and "such as/like/including".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from orgmap.extract.nlp import tokens
from orgmap.extract.lexicon import Lexicon

__all__ = ["Hit", "find_relations"]

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_LIST_PREPS = {"like", "including", "as"}


@dataclass
class Hit:
    source: object
    type: str
    target: object
    anchor: object
    tokens: tuple[int, int]
    score: float
    pattern: str


class _Ctx:
    def __init__(self, doc, tok_group: dict[int, object], lex: Lexicon, schema):
        self.doc, self.tok_group, self.lex, self.schema = doc, tok_group, lex, schema
        self.tokens_of: dict[int, list[int]] = {}
        for i, g in sorted(tok_group.items()):
            self.tokens_of.setdefault(id(g), []).append(i)

    def group(self, tok):
        return self.tok_group.get(tok.i)

    def expand(self, tok) -> list:
        """Groups a slot token names: itself, its conjuncts, appositions and listed examples."""
        out, seen = [], set()
        todo = [tok]
        while todo:
            t = todo.pop(0)
            if t.i in seen:
                continue
            seen.add(t.i)
            g = self.group(t)
            if g is not None:
                if g not in out:
                    out.append(g)
            elif _role_at(t, self.lex) and t.pos_ == "NOUN" or t.lower_ == "chief":
                # "the Chief of Staff of X Major General Bagheri": the role stands for its holder
                for g in self._holders_in(t):
                    if g not in out:
                        out.append(g)
            else:
                # "Afghanistan and Pakistan affairs": names modifying a common noun
                todo.extend(c for c in t.children if c.dep_ == "compound" and t.pos_ == "NOUN")
                for c in t.children:  # "individuals like X, Y" / "countries such as X"
                    if c.dep_ == "prep" and c.lower_ in _LIST_PREPS:
                        todo.extend(p for p in c.children if p.dep_ == "pobj")
                    if c.dep_ == "amod" and c.lower_ == "such":
                        todo.extend(p for p in c.children if p.dep_ == "prep")
                    if c.dep_ == "prep" and c.lower_ == "as" and t.lower_ == "such":
                        todo.extend(p for p in c.children if p.dep_ == "pobj")
                todo.extend(c for c in t.children if c.dep_ == "acl" and c.lower_ == "such")
            todo.extend(c for c in t.children if c.dep_ in {"conj", "appos"})
        return out

    def _holders_in(self, role) -> list:
        """People named inside a role phrase, not inside its appositions or a body's "of" phrase."""
        skip = set()
        for ch in role.children:
            if ch.dep_ == "appos":
                skip |= {x.i for x in ch.subtree}
        for x in role.subtree:
            if x.lower_ == "of" and x.head.lower_ in self.lex.org_nouns:
                skip |= {y.i for y in x.subtree}
        out = []
        for x in role.subtree:
            g = self.group(x)
            if x.i not in skip and g is not None and g.type == "person" and g not in out:
                out.append(g)
        return out

    def fits(self, rtype: str, s, t) -> bool:
        r = self.schema.relation(rtype)
        return s is not t and s is not None and t is not None and s.type in r.source_types \
            and t.type in r.target_types

    def pick(self, types: tuple[str, ...], s, t) -> str | None:
        for rtype in types:
            if self.fits(rtype, s, t):
                return rtype
        for rtype in types:  # a place is held as a portfolio, not managed or led
            if rtype in {"manages", "leads"} and t.type == "place" and self.fits("responsible_for", s, t):
                return "responsible_for"
        return None


def _span(*toks) -> tuple[int, int]:
    idx = [t.i for t in toks if t is not None]
    return min(idx), max(idx) + 1


# -- roles ---------------------------------------------------------------------------------

def _role_at(tok, lex: Lexicon) -> tuple[str, object] | None:
    """(relation type, last token of role phrase) for a role noun, with deputy prefixes."""
    doc = tok.doc
    lowers = doc.user_data.get("orgmap_lowers") or [t.lower_ for t in doc]
    for n in (3, 2, 1):
        if tok.i + n > len(doc):
            continue
        words = " ".join(lowers[tok.i:tok.i + n])
        rtype = lex.role_type(words)
        if rtype:
            prev = doc[tok.i - 1].lower_ if tok.i else ""
            if prev in lex.deputy_prefixes and rtype == "leads":
                rtype = "deputy_of"
            return rtype, doc[tok.i + n - 1]
    return None


def _roles(c: _Ctx) -> Iterator[Hit]:
    doc, lex = c.doc, c.lex
    for tok in tokens(doc):
        extra_types: list[str] = []
        if tok.pos_ not in {"NOUN", "PROPN", "ADJ"} or c.group(tok) is not None and c.group(tok).type == "person":
            continue
        found = _role_at(tok, lex)
        if not found or tok.pos_ == "ADJ" and found[1] is tok:  # "chief executive", not "chief" alone
            continue
        rtype, last = found
        for extra in lex.roles.get(doc[tok.i:last.i + 1].text.lower(), ())[1:]:
            extra_types.append(extra)
        head = last
        # the body: "of Y", "Y commander", "Y's commander"
        bodies, body_end = [], last
        for ch in head.children:
            if ch.dep_ == "prep" and ch.lower_ in {"of", "at", "in", "for"} and ch.i == head.i + 1:
                for p in ch.children:
                    if p.dep_ == "pobj":
                        bodies += c.expand(p) if c.group(p) else _first_group_in(c, p)
                        body_end = p.right_edge
                        if bodies:  # end at the body's name, not at whatever the parser hung on it
                            run = [i for i in c.tokens_of.get(id(bodies[0]), []) if i > head.i]
                            k = run[0] if run else None
                            while k is not None and k + 1 in run:
                                k += 1
                            if k is not None:
                                body_end = doc[k]
        before = doc[tok.i - 1] if tok.i else None
        k = tok.i - 1
        while k >= 0 and doc[k].lower_ in lex.deputy_prefixes | lex.past_markers | {"the", "a"}:
            k -= 1
        if k >= 0 and c.group(doc[k]) is not None and c.group(doc[k]).type == "organization" and not bodies:
            bodies = [c.group(doc[k])]
        for ch in head.children:
            if ch.dep_ == "poss" and c.group(ch) is not None and not bodies:
                bodies = [c.group(ch)]
        del before
        holders = _holders(c, tok, head, body_end)
        if not holders:
            continue
        past = any(doc[j].lower_ in lex.past_markers for j in range(max(0, tok.i - 2), tok.i))
        # "a Vitti Clan commander", "one of the leaders": one of several, so a member, not the head
        article = [ch.lower_ for ch in tok.children if ch.dep_ == "det"] + \
            [ch.lower_ for ch in head.children if ch.dep_ == "det"]
        if rtype == "leads" and ("a" in article or "an" in article or tok.lower_.endswith("s")
                                 and tok.lower_ not in {"boss"}):
            rtype = "member_of"
        portfolio = [g for t in head.subtree if t.lower_ == "responsible"
                     for p in t.subtree if p.dep_ == "pobj" for g in c.expand(p)]
        for h in holders:
            ev = _span(*(t for t in (h_tok(c, h, tok), tok, body_end) if t is not None))
            for b in bodies:
                if portfolio:
                    t1 = "member_of"
                elif getattr(b, "function", False) and rtype == "leads":
                    t1 = "responsible_for"
                else:
                    t1 = rtype
                if c.fits(t1, h, b):
                    yield Hit(h, t1, b, tok, ev, 0.8 if not past else 0.7, "role")
                for t2 in extra_types:  # "financier of Y": funds Y and belongs to it
                    if c.fits(t2, h, b):
                        yield Hit(h, t2, b, tok, ev, 0.7, "role")
                parent = getattr(b, "parent", None)
                if parent is not None and c.fits("member_of", h, parent) and t1 != "member_of":
                    yield Hit(h, "member_of", parent, tok, ev, 0.6, "role-parent")
            for p in portfolio:
                if c.fits("responsible_for", h, p):
                    yield Hit(h, "responsible_for", p, tok, ev, 0.75, "role-portfolio")
            if not bodies:  # "head of logistics in Iraq": a portfolio in a place
                for t in body_end.subtree if body_end is not last else ():
                    g = c.group(t)
                    if g is not None and g.type == "place" and t.head.lower_ == "in":
                        yield Hit(h, "responsible_for", g, tok, ev, 0.6, "role-place")


def h_tok(c: _Ctx, group, near):
    """The mention token of ``group`` nearest to ``near``."""
    where = c.tokens_of.get(id(group))
    if not where:
        return None
    return c.doc[min(where, key=lambda i: abs(i - near.i))]


def _first_group_in(c: _Ctx, tok) -> list:
    for t in tok.subtree:
        g = c.group(t)
        if g is not None and g.type in {"organization", "place"}:
            return [g]
    return []


def _holders(c: _Ctx, tok, head, body_end) -> list:
    doc = c.doc
    persons = lambda gs: [g for g in gs if g.type in {"person", "organization"} and g not in ()]  # noqa: E731
    # title before the name: "Secretary General Hasan Nasrallah", "commander of X Gholam Ali Rashid"
    nxt = body_end.i + 1
    titles = {w for t in c.lex.titles for w in t.split()}
    while nxt < len(doc) and c.group(doc[nxt]) is None and doc[nxt].lower_ in titles and doc[nxt].is_title:
        nxt += 1
    if nxt < len(doc) and c.group(doc[nxt]) is not None and c.group(doc[nxt]).type == "person" \
            and doc[nxt - 1].lower_ not in {"of", "to", "for", "by"}:  # "office of Mohsen Qomi" is the body's
        return [c.group(doc[nxt])]
    if head.i + 1 < len(doc) and c.group(doc[head.i + 1]) is not None \
            and c.group(doc[head.i + 1]).type == "person":
        return [c.group(doc[head.i + 1])]
    # apposition / parenthesis: "X, commander of Y" / "X (commander of Y)"
    k = tok.i - 1
    while k >= 0 and (doc[k].lower_ in c.lex.deputy_prefixes | c.lex.past_markers | {"the", "a", "an", "currently",
                                                                                    "then", "now"}
                      or c.group(doc[k]) is not None and c.group(doc[k]).type == "organization"):
        k -= 1
    if k >= 1 and doc[k].text in {"(", ","}:
        g = c.group(doc[k - 1])
        if g is not None and g.type == "person":
            return [g]
    # inside brackets after a name: "X (head of Y, previously head of Z)"
    k = tok.i - 1
    while k > tok.sent.start and doc[k].text not in {"(", ")"}:
        k -= 1
    if doc[k].text == "(" and k >= 1 and c.group(doc[k - 1]) is not None and c.group(doc[k - 1]).type == "person":
        return [c.group(doc[k - 1])]
    # a second role in a list: "commander of Unit 400 and deputy commander of Unit 340"
    if tok.dep_ == "conj" or head.dep_ == "conj":
        first = tok.head if tok.dep_ == "conj" else head.head
        found = _holders(c, first, first, first)
        if found:
            return found
    if head.dep_ == "appos" and c.group(head.head) is not None:
        return persons([c.group(head.head)])
    named = [ch for ch in head.children if ch.dep_ == "appos" and c.group(ch) is not None
             and c.group(ch).type == "person"]  # "Nordic Steel's chief executive, Anna Berg"
    if named:
        return c.expand(named[0])
    # copula and "as": "X is the head of Y", "X was present as the deputy commander", "X's tenure as"
    t = head
    for _ in range(4):
        if t.dep_ in {"attr", "pobj", "acomp", "oprd", "prep", "dobj", "xcomp", "ccomp"} or t.lower_ in {"as"}:
            t = t.head
            if t.pos_ == "NOUN":
                owners = [ch for ch in t.children if ch.dep_ == "poss" and c.group(ch) is not None]
                if owners:
                    return persons(c.expand(owners[0]))
            subj = [ch for ch in t.children if ch.dep_ in _SUBJ]
            if subj:
                gs = persons(c.expand(subj[0]))
                if gs:
                    return gs
        else:
            break
    return []


# -- verbs ---------------------------------------------------------------------------------

def _subjects(c: _Ctx, verb) -> list:
    for ch in verb.children:
        if ch.dep_ == "agent":
            return [g for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)]
    for ch in verb.children:
        if ch.dep_ == "nsubj" and ch.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
            return c.expand(verb.head)  # "X, who heads Y"
        if ch.dep_ == "nsubj":
            found = c.expand(ch)
            if not found and ch.lower_ in c.lex.collective_nouns:  # "whose members", "its leaders"
                for owner in ch.children:
                    if owner.dep_ == "poss":
                        if owner.lower_ == "whose" and verb.dep_ == "relcl":
                            return c.expand(verb.head)
                        return c.expand(owner)
            return found
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subjects(c, verb.head)
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        owner = [ch for ch in verb.head.children if ch.dep_ == "poss"]
        if owner:
            return c.expand(owner[0])
        if verb.dep_ == "relcl" and c.group(verb.head):
            return c.expand(verb.head)
    # a tagger slip: "The Gulf Cartel funds ..." parsed with the subject as a compound
    left = [ch for ch in verb.children if ch.dep_ == "compound" and ch.i < verb.i and c.group(ch) is not None]
    if left:
        return c.expand(left[-1])
    return []


def _objects(c: _Ctx, verb, preps: bool = True) -> list[tuple[str, object]]:
    """(preposition or "", group) pairs; a passive subject is the object."""
    passive = any(ch.dep_ == "agent" for ch in verb.children)
    out = []
    for ch in verb.children:
        if ch.dep_ in {"dobj", "attr"} or passive and ch.dep_ == "nsubjpass":
            gs = c.expand(ch)
            if not gs and passive:  # "matters related to countries such as X were managed by Y"
                gs = [c.group(t) for t in ch.subtree if c.group(t) is not None and c.group(t).type == "place"]
            out += [("", g) for g in dict.fromkeys(gs)]
        elif preps and ch.dep_ in {"prep", "dative"}:
            for p in ch.children:
                if p.dep_ == "pobj":
                    out += [(ch.lower_, g) for g in c.expand(p)]
        elif preps and ch.dep_ == "advcl":  # parser slip: "coordinating with [the Ministry to act]"
            marks = [m for m in ch.children if m.dep_ == "mark" and m.lower_ in {"with", "to", "against"}]
            subj = [m for m in ch.children if m.dep_ == "nsubj"]
            if marks and subj:
                out += [(marks[0].lower_, g) for g in c.expand(subj[0])]
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


def _verbs(c: _Ctx) -> Iterator[Hit]:
    lex = c.lex
    for verb in tokens(c.doc):
        if verb.pos_ not in {"VERB"}:
            continue
        lemma = verb.lemma_.lower()
        prt = " ".join(ch.lower_ for ch in verb.children if ch.dep_ == "prt")
        key = f"{lemma} {prt}".strip()
        subs = _subjects(c, verb)
        if not subs:
            continue
        objs = _objects(c, verb)
        for prep, obj in objs:
            types = lex.verb_type(f"{key} {prep}".strip()) if prep else lex.verb_type(key)
            if not prep:
                for rtype in lex.verbs_reversed.get(key, ()):
                    for s in subs:
                        if c.fits(rtype, obj, s):
                            yield Hit(obj, rtype, s, verb, _span(verb, h_tok(c, s, verb), h_tok(c, obj, verb)),
                                      0.65, "verb-reversed")
            if not types and prep:
                continue
            for s in subs:
                rtype = c.pick(types, s, obj)
                if rtype == "opposes" and c.group(verb) is not None and c.group(verb).type == "event":
                    continue  # a dated attack is reported as targets + participated_in above
                if rtype:
                    yield Hit(s, rtype, obj, verb, _span(verb, *(t for t in (h_tok(c, s, verb), h_tok(c, obj, verb)))),
                              0.7, "verb")
        # the verb is itself a dated event ("attack Israel on October 7"): its subject took part
        here = c.group(verb)
        if here is not None and here.type == "event":
            for s in subs:
                if c.fits("participated_in", s, here):
                    yield Hit(s, "participated_in", here, verb, _span(h_tok(c, s, verb), verb), 0.65, "verb-event")
                for _, obj in objs:
                    if obj is not here and c.fits("targets", s, obj) and "targets" in lex.verb_type(key):
                        yield Hit(s, "targets", obj, verb, _span(verb, h_tok(c, obj, verb)), 0.65, "verb-event")
        # "X reprimanded Y in a meeting": both took part in the event
        for prep, obj in objs:
            if obj.type == "event" and prep in {"in", "at", "during"}:
                for s in subs + [o for p2, o in objs if not p2 and o.type != "event"]:
                    if c.fits("participated_in", s, obj):
                        yield Hit(s, "participated_in", obj, verb, _span(verb, h_tok(c, obj, verb)), 0.55,
                                  "verb-in-event")
        # "X took over (this role)" after "the death of Y": X succeeded Y
        if "succeeded" in lex.verb_type(key) and not any(o[1].type == "person" for o in objs):
            for s in subs:
                prior = [c.tok_group[i] for i in sorted(c.tok_group) if verb.sent.start <= i < verb.i
                         and c.tok_group[i] is not s and c.tok_group[i].type == s.type]
                if prior:
                    yield Hit(s, "succeeded", prior[-1], verb, _span(h_tok(c, prior[-1], verb), verb), 0.5,
                              "verb-takeover")


# -- nouns and phrases -------------------------------------------------------------------------

def _owner(c: _Ctx, noun) -> list:
    owners = [ch for ch in noun.children if ch.dep_ == "poss"]
    if owners:
        return c.expand(owners[0])
    t = noun
    for _ in range(3):  # "X maintains close relations with Y", "X are in conflict with Y"
        if t.dep_ in {"dobj", "pobj", "prep", "attr"}:
            t = t.head
            subj = [ch for ch in t.children if ch.dep_ in _SUBJ]
            if subj:
                return c.expand(subj[0])
        else:
            break
    return []


def _nouns(c: _Ctx) -> Iterator[Hit]:
    lex = c.lex
    for noun in tokens(c.doc):
        if noun.pos_ != "NOUN" or noun.lower_ not in lex.nouns:
            continue
        types = lex.nouns[noun.lower_]
        owners = _owner(c, noun)
        if not owners:
            continue
        targets = []
        for ch in noun.children:
            if ch.dep_ == "prep" and ch.lower_ in {"on", "with", "against", "to", "for", "of", "from", "toward",
                                                    "towards", "between", "under"}:
                targets += [g for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)]
            if ch.dep_ in {"acl", "relcl"} and ch.pos_ == "VERB":  # "refusal to allow Y (to enter)"
                targets += [g for _, g in _objects(c, ch, preps=False)]
                targets += [g for cc in ch.children if cc.dep_ in {"ccomp", "xcomp"}
                            for s in cc.children if s.dep_ == "nsubj" for g in c.expand(s)]
        if noun.dep_ == "dobj":  # "sends money to X", "provides funding for X"
            for ch in noun.head.children:
                if ch.dep_ in {"prep", "dative"} and ch.lower_ in {"to", "for"}:
                    targets += [g for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)]
        sources = {id(g): g for ch in list(noun.children) + (list(noun.head.children) if noun.dep_ == "dobj" else [])
                   if ch.dep_ == "prep" and ch.lower_ == "from"
                   for p in ch.children if p.dep_ == "pobj" for g in c.expand(p)}
        for s in owners:
            for t in targets:
                if id(t) in sources:  # "funding from X": X is the source
                    s, t = t, s
                rtype = c.pick(types, s, t)
                if rtype:
                    yield Hit(s, rtype, t, noun, _span(noun, h_tok(c, s, noun), h_tok(c, t, noun)), 0.6, "noun")
        if not targets:
            for t in sources.values():
                for s in owners:
                    rtype = c.pick(types, t, s)
                    if rtype:
                        yield Hit(t, rtype, s, noun, _span(noun, h_tok(c, s, noun), h_tok(c, t, noun)), 0.6,
                                  "noun-from")


def _phrases(c: _Ctx) -> Iterator[Hit]:
    """"responsible for", "in conflict with", "on behalf of", "close to": adjective/prep cues."""
    lex = c.lex
    by_first: dict[str, list] = {}
    for phrase, types in lex.phrases.items():
        by_first.setdefault(phrase.split()[0], []).append((phrase, types))
    lowers = [t.lower_ for t in c.doc]
    for tok in tokens(c.doc):
        for phrase, types in by_first.get(lowers[tok.i], ()):
            words = phrase.split()
            if " ".join(lowers[tok.i:tok.i + len(words)]) != phrase:
                continue
            last = c.doc[tok.i + len(words) - 1]
            objs = [g for p in last.children if p.dep_ == "pobj" for g in c.expand(p)]
            if not objs and tok.i + len(words) < len(c.doc):
                objs = c.expand(c.doc[tok.i + len(words)]) or _first_group_in(c, c.doc[tok.i + len(words)])
            subs = _owner(c, tok) or _subjects(c, tok.head) if tok.head is not tok else []
            if not subs and tok.head.pos_ in {"NOUN", "PROPN"} and c.group(tok.head):
                subs = [c.group(tok.head)]
            if not subs:
                t = tok
                for _ in range(4):
                    t = t.head
                    subj = [ch for ch in t.children if ch.dep_ in _SUBJ]
                    if subj:
                        subs = c.expand(subj[0])
                        break
            for s in subs:
                for o in objs:
                    rtype = c.pick(types, s, o)
                    if rtype:
                        yield Hit(s, rtype, o, tok, _span(tok, last, h_tok(c, s, tok), h_tok(c, o, tok)),
                                  0.65, "phrase")


def _structure(c: _Ctx) -> Iterator[Hit]:
    """Sub-bodies: named by their parent ("Qods Force finance"), placed in it ("Unit 400 in the
    Qods Force"), or said to be part of it ("the Qods Force—part of the IRGC")."""
    doc = c.doc
    for tok in tokens(doc):
        g = c.group(tok)
        if g is None or g.type != "organization":
            continue
        for ch in tok.children:
            if ch.dep_ == "prep" and ch.lower_ in c.lex.part_of_preps and c.group(doc[ch.i - 1]) is g \
                    and c.group(ch.head) is g:
                for p in ch.children:
                    if p.dep_ == "pobj":
                        for o in c.expand(p):
                            if o.type == "organization" and o is not g:
                                yield Hit(g, "part_of", o, ch, _span(tok, p), 0.55, "structure-in")
        # "X—part of Y", "X, a subsidiary of Y"
        for ch in tok.children:
            if ch.dep_ in {"appos", "npadvmod", "acl", "amod"} and ch.lower_ in c.lex.nouns \
                    and "part_of" in c.lex.nouns[ch.lower_]:
                for p in ch.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for o in [g2 for q in p.children if q.dep_ == "pobj" for g2 in c.expand(q)] or \
                                _first_group_in(c, p):
                            if c.fits("part_of", g, o):
                                yield Hit(g, "part_of", o, ch, _span(tok, p.right_edge), 0.7, "structure-part")
    for grp in {id(g): g for g in c.tok_group.values()}.values():
        parent = getattr(grp, "parent", None)
        if parent is not None and c.fits("part_of", grp, parent):
            t = h_tok(c, grp, doc[0])
            yield Hit(grp, "part_of", parent, t, _span(t), 0.6, "structure-name")


def _lists(c: _Ctx) -> Iterator[Hit]:
    """"X comprises ... Units 400, 340": the listed bodies are part of X."""
    for verb in tokens(c.doc):
        if verb.lemma_.lower() in {"comprise", "include", "consist", "contain", "own", "control"} \
                and verb.pos_ == "VERB":
            subs = [g for g in _subjects(c, verb) if g.type == "organization"]
            if not subs:
                continue
            parts = [c.group(t) for t in verb.subtree if t.i > verb.i and c.group(t) is not None
                     and c.group(t).type == "organization" and t.sent == verb.sent]
            for s in subs:
                for p in dict.fromkeys(parts):
                    if p is not s and c.fits("part_of", p, s):
                        yield Hit(p, "part_of", s, verb, _span(verb, h_tok(c, p, verb)), 0.55, "list-comprise")


FAMILIES: tuple[Callable[[_Ctx], Iterator[Hit]], ...] = (_roles, _verbs, _nouns, _phrases, _structure, _lists)


def find_relations(doc, tok_group: dict[int, object], lex: Lexicon, schema) -> list[Hit]:
    """Run every pattern family over the parsed ``doc``; ``tok_group`` maps tokens to entities."""
    c = _Ctx(doc, tok_group, lex, schema)
    hits = []
    for family in FAMILIES:
        hits.extend(family(c))
    return hits
