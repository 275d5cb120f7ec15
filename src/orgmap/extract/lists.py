"""Lists distribute (annotation guide): what a sentence says of "the following four officials"
or "20 companies owned by X" it says of each name listed after it.

A list is the names after a colon in the same sentence ("... owned by Bredenkamp: Alpha Ltd.,
Breco Ltd. and Timpani Ltd."), or the bulleted lines that follow the sentence, one name each.
Its head is the plural noun the sentence uses for them (``list_heads`` in the lexicon, with
the type of entity it lists). A sentence right after a bulleted list that opens with "These
individuals" or "The companies" speaks of the same list, and so do the sentences of the
paragraph before it that point at it ("Six of these individuals", "the following four
officials").

Relation finding sees the head as one stand-in entity (:class:`ListStandIn`); each relation
found for the stand-in becomes one relation per listed entity, with the sentence and the list
as evidence (:func:`distribute`).

>>> from orgmap.extract import extract_document
>>> r = extract_document("Karim Bassal owns three companies: Alpha Trading LLC, Beta Holding Ltd. and Gamma Ltd.")
>>> sorted(r.entity(x.target).name for x in r.relations if x.type == "manages")
['Alpha Trading LLC', 'Beta Holding Ltd.', 'Gamma Ltd.']
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from orgmap.extract.lexicon import Lexicon
from orgmap.extract.markup import CleanText
from orgmap.extract.patterns.context import Hit

__all__ = ["ListStandIn", "distribute", "line_starts", "list_stand_ins"]

_OPENERS = {"these", "those", "the", "all", "both", "each"}
_MIN_ITEMS = 2


@dataclass(eq=False)
class ListStandIn:
    """The plural noun of a sentence that stands for the entities listed after it."""

    name: str
    type: str
    items: list = field(default_factory=list)  # the listed entity groups, in text order
    end: int = 0  # token index just past the list (evidence runs to here)
    quiet: tuple[int, int] = (0, 0)  # tokens where a hit between two entries is the list's doing
    names: list = field(default_factory=list)  # (no name of its own: never rescanned in the text)
    mentions: list = field(default_factory=list)


def _first_group(tok_group: dict, start: int, end: int):
    """The first entity named in tokens [start, end)."""
    for k in range(start, end):
        g = tok_group.get(k)
        if g is not None and not isinstance(g, ListStandIn):
            return g
    return None


def _items_type(groups: list, wanted: str | None) -> str | None:
    types = Counter(g.type for g in groups if g.type in {"person", "organization", "place"})
    if wanted is not None:
        return wanted if types[wanted] else None
    return types.most_common(1)[0][0] if types else None


def _head(tokens, lex: Lexicon):
    """The listing noun of a token run (a plural noun of ``list_heads``): the first after
    "following" ("the following three officers, members of X"), else the last."""
    heads = [t for t in tokens if t.tag_ == "NNS" and t.lower_ in lex.list_heads]
    following = [t.i for t in tokens if t.lower_ == "following"]
    after = [t for t in heads if following and t.i > following[0]]
    return after[0] if after else (heads[-1] if heads else None)


def _add_stand_in(
    out: list[ListStandIn],
    tok_group: dict,
    head,
    groups: list,
    lex: Lexicon,
    end: int,
    quiet: tuple[int, int] = (0, 0),
) -> None:
    """Map ``head`` to a stand-in for ``groups`` of the type it lists (two or more) and keep it in
    ``out``; nothing when they are fewer or the head already names an entity."""
    wanted = lex.list_heads[head.lower_]
    items = list(dict.fromkeys(g for g in groups if g is not None and (wanted is None or g.type == wanted)))
    etype = _items_type(items, wanted)
    if etype is None or len(items) < _MIN_ITEMS or head.i in tok_group:
        return
    stand_in = ListStandIn(head.text, etype, items, end, quiet)
    out.append(stand_in)
    tok_group[head.i] = stand_in


def _bulleted(doc, markup: CleanText, tok_group: dict, lex: Lexicon) -> list[ListStandIn]:
    """Stand-ins for the sentence just before each run of bulleted lines, and for the sentence just
    after it when it opens with "These individuals"-like words."""
    out: list[ListStandIn] = []
    runs: list[list[tuple[int, int]]] = []
    for start, end in markup.items:
        if runs and markup.text[runs[-1][-1][1] : start].strip() == "":
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
    for run in runs:
        first = doc.char_span(run[0][0], run[0][0] + 1, alignment_mode="expand")
        last = doc.char_span(run[-1][1] - 1, run[-1][1], alignment_mode="expand")
        if first is None or last is None:
            continue
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in run]
        groups = [_first_group(tok_group, sp.start, sp.end) for sp in spans if sp is not None]
        intro_sent = next((x for x in doc.sents if x.start < first.start <= x.end), None)
        head = _head(doc[intro_sent.start : first.start], lex) if intro_sent is not None else None
        if head is not None:
            _add_stand_in(out, tok_group, head, groups, lex, last.end, quiet=(intro_sent.start, first.start))
        for earlier in _paragraph_before(doc, intro_sent) if intro_sent is not None else ():
            head = _pointing_head(earlier, lex)
            if head is not None:
                _add_stand_in(out, tok_group, head, groups, lex, last.end)
        sent = next((x for x in doc.sents if x.start >= last.end and x.text.strip()), None)
        if sent is not None:
            words = [t for t in sent if not t.is_punct and not t.is_space][:3]
            head = next((t for t in words[1:] if t.tag_ == "NNS" and t.lower_ in lex.list_heads), None)
            if head is not None and words[0].lower_ in _OPENERS:
                _add_stand_in(out, tok_group, head, groups, lex, sent.end)
    return out


def _paragraph_before(doc, sent) -> list:
    """The sentences of ``sent``'s paragraph before it (back to a blank line), nearest first."""
    out = []
    for earlier in reversed([x for x in doc.sents if x.end <= sent.start]):
        if "\n" in doc.text[earlier.end_char : sent.start_char] or "\n" in earlier.text.strip():
            break
        out.append(earlier)
        sent = earlier
    return out


def _pointing_head(sent, lex: Lexicon):
    """A listing noun that points at the list to come: "Six of these individuals", "the following
    four military officials"."""
    for t in sent:
        if t.tag_ == "NNS" and t.lower_ in lex.list_heads:
            before = {w.lower_ for w in sent.doc[max(sent.start, t.i - 4) : t.i]}
            if before & {"these", "those", "following"}:
                return t
    return None


_LIST_GLUE = {",", ";", "and", "or", "as", "well", "the", "(", ")", "."}


def _after_colon(doc, tok_group: dict, lex: Lexicon) -> list[ListStandIn]:
    """Stand-ins for "N companies owned by X: A, B and C.": only names, commas and "and" from
    the colon to the end of a sentence, on one line (the parser may split the list itself)."""
    out: list[ListStandIn] = []
    for sent in doc.sents:
        colon = next((t for t in sent if t.text == ":"), None)
        head = _head(doc[sent.start : colon.i], lex) if colon is not None else None
        if colon is None or head is None:
            continue
        groups, seen, k = [], set(), colon.i + 1
        while k < len(doc) and "\n" not in doc[k].text:
            g = tok_group.get(k)
            if g is None and not (
                doc[k].lower_ in _LIST_GLUE or doc[k].is_space or doc[k].lower_ in lex.company_suffixes
            ):
                break
            if g is not None and id(g) not in seen and not isinstance(g, ListStandIn):
                seen.add(id(g))
                groups.append(g)
            k += 1
        if k < len(doc) and "\n" not in doc[k].text and not doc[k].is_sent_start:
            continue  # the names run into a clause: not a plain list
        _add_stand_in(out, tok_group, head, groups, lex, k, quiet=(sent.start, k))
    return out


def line_starts(doc, markup: CleanText) -> list[int]:
    """Token indices where the bulleted lines of ``markup`` begin."""
    out = []
    for start, end in markup.items:
        span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        if span is not None:
            out.append(span.start)
    return sorted(set(out))


def list_stand_ins(doc, markup: CleanText, tok_group: dict, lex: Lexicon) -> list[ListStandIn]:
    """Find the lists of ``doc`` and map each head token to its stand-in in ``tok_group`` (in place)."""
    return _bulleted(doc, markup, tok_group, lex) + _after_colon(doc, tok_group, lex)


def _within(h: Hit, stand_in: ListStandIn) -> bool:
    """True for a hit between two entries of one list found where the list is all the text says
    of them (a plain list and its sentence; the sentence before bulleted lines)."""
    return (
        stand_in.quiet[0] <= h.anchor.i < stand_in.quiet[1]
        and any(i is h.source for i in stand_in.items)
        and any(i is h.target for i in stand_in.items)
    )


def distribute(hits: list[Hit], stand_ins: list[ListStandIn]) -> list[Hit]:
    """Each hit on a stand-in, once per listed entity (evidence runs to the list's end). Dropped:
    a hit between two stand-ins, between a list and one of its entries, or between two entries
    of a list found inside it (a list is no statement about its entries' ties)."""
    out: list[Hit] = []
    for h in hits:
        s_in, t_in = isinstance(h.source, ListStandIn), isinstance(h.target, ListStandIn)
        if not s_in and not t_in:
            if not any(_within(h, x) for x in stand_ins):
                out.append(h)
            continue
        if s_in and t_in:
            continue
        stand_in = h.source if s_in else h.target
        other = h.target if s_in else h.source
        if any(item is other for item in stand_in.items):
            continue  # a list says nothing of one of its own entries
        tokens = (h.tokens[0], max(h.tokens[1], stand_in.end))
        for item in stand_in.items:
            pair = {"source": item} if s_in else {"target": item}
            out.append(dataclasses.replace(h, tokens=tokens, **pair))
    return out
