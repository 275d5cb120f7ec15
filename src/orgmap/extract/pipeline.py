"""``extract_document``: text in, plain :class:`ExtractionResult` out. No store, no I/O.

>>> r = extract_document("Hasan Nasrallah, the secretary general of Hizballah, met Esmail Qaani.")
>>> sorted((r.entity(x.source).name, x.type, r.entity(x.target).name) for x in r.relations)
[('Hasan Nasrallah', 'leads', 'Hizballah'), ('Hasan Nasrallah', 'met_with', 'Esmail Qaani')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from orgmap.extract.cluster import cluster_mentions, shared_surnames
from orgmap.extract.coref import resolve_coreference
from orgmap.extract.events import find_events, same_events
from orgmap.extract.lexicon import Lexicon, load_lexicon
from orgmap.extract.lists import distribute, line_starts, list_stand_ins
from orgmap.extract.markup import CleanText, strip_markup
from orgmap.extract.mentions import Mention, find_mentions
from orgmap.extract.modality import modality_of, resolve_attributions
from orgmap.extract.nlp import parse, tokens
from orgmap.extract.qualifiers import qualifier_of
from orgmap.extract.relations import find_relations
from orgmap.extract.relmodel import default_decider
from orgmap.extract.relmodel.candidates import LINE_BREAKS
from orgmap.extract.result import ExtractedEntity, ExtractedRelation, ExtractionResult
from orgmap.extract.structure import is_not_entity, structure_mentions
from orgmap.extract.timex import parse_date_text, valid_time
from orgmap.names import normalize_name
from orgmap.resolve.name_forms import is_company_suffix
from orgmap.schema import load_schema

__all__ = ["KnownEntity", "extract_document", "extract_parsed", "known_pairs"]

KnownEntity = tuple[str, str, tuple[str, ...]]  # (name, type, aliases)


def _known(known_entities: Iterable) -> list[KnownEntity]:
    out = []
    for k in known_entities:
        if hasattr(k, "name"):
            out.append((k.name, k.type, tuple(getattr(k, "aliases", ()) or ())))
        else:
            name, etype, *rest = k
            out.append((name, etype, tuple(rest[0]) if rest else ()))
    return out


def extract_document(
    text: str, *, known_entities: Iterable = (), doc_date: str | None = None, decider: object = "default"
) -> ExtractionResult:
    """Extract entities and relations from ``text``; ``known_entities`` are (name, type, aliases)
    tuples or :class:`orgmap.model.Entity` objects; ``doc_date`` ("2024-03-05") dates relative times;
    ``decider`` decides relations (see :func:`extract_parsed`)."""
    known = _known(known_entities)
    clean = strip_markup(text, load_lexicon().field_labels)
    doc = parse(clean.text, known=known_pairs(known))
    return extract_parsed(doc, known=known, doc_date=doc_date, markup=clean, decider=decider)


def known_pairs(known: Iterable[KnownEntity]) -> list[tuple[str, str]]:
    """(name, type) of every name and alias of ``known``, for the parser's ruler.

    >>> known_pairs([("Acme Ltd", "organization", ("Acme",))])
    [('Acme Ltd', 'organization'), ('Acme', 'organization')]
    """
    return [(n, t) for name, t, aliases in known for n in (name, *aliases)]


def _event_anaphora(doc, tok_group: dict[int, object], groups: list, lex) -> None:
    """ "this operation", "the attack": a bare definite event noun is the latest event named before it."""
    starts = sorted(
        ((m.start, g) for g in groups if g.type == "event" for m in g.mentions), key=lambda x: x[0]
    )
    for tok in tokens(doc):
        if tok.i in tok_group or tok.lower_ not in lex.event_nouns or tok.pos_ != "NOUN":
            continue
        dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
        if (
            not dets
            or dets[0] not in {"this", "that", "the"}
            or any(
                c.dep_ in {"compound", "amod", "nmod", "poss"} and c.pos_ in {"PROPN", "NUM"}
                for c in tok.children
            )
        ):
            continue
        before = [g for start, g in starts if start < tok.idx]
        if before:
            tok_group[tok.i] = before[-1]


def _body_anaphora(doc, tok_group: dict[int, object], groups: list, lex) -> None:
    """ "the group", "the company", "its": the latest organization named before, preferring one
    whose name ends in that noun ("the cartel" -> "Pacific Coast Cartel")."""
    orgs = sorted(
        ((m.start, g) for g in groups if g.type == "organization" for m in g.mentions), key=lambda x: x[0]
    )
    starts = [start for start, _ in orgs]
    for tok in tokens(doc):
        if tok.i in tok_group or (tok.lower_ != "its" and tok.lower_ not in lex.anaphoric_org_nouns):
            continue
        before = [g for _, g in orgs[: bisect.bisect_left(starts, tok.idx)]]
        if not before:
            continue
        if tok.lower_ == "its" and tok.dep_ == "poss":
            tok_group[tok.i] = before[-1]
            continue
        if tok.lower_ not in lex.anaphoric_org_nouns or tok.pos_ != "NOUN":
            continue
        dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
        if (
            dets != ["the"]
            or any(c.dep_ in {"compound", "amod", "nmod"} for c in tok.children)
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
        ):
            continue
        same = [g for g in before if g.name.lower().split()[-1].rstrip(".") == tok.lower_]
        within = [
            g for g in before if tok.lower_ in g.name.lower().split()
        ]  # "the government" -> "Government of X"
        if same or within:
            tok_group[tok.i] = (same or within)[-1]
        elif tok.lower_ not in lex.anaphoric_named_only:
            tok_group[tok.i] = before[-1]


def _name_parents(groups: list, lex: Lexicon | None = None) -> None:
    """ "Qods Force Intelligence Protection" is part of the "Qods Force" named in the same text;
    so is "Taliban Peshawar Shura" of "Taliban" (a one-word name, when a sub-unit noun ends the
    longer one: ``subunit_nouns``).

    A name that adds only a legal form ("Nero Drinks Company Limited") is the same body, not a part.
    """
    lex = lex or load_lexicon()
    orgs = [g for g in groups if g.type == "organization"]
    for g in orgs:
        if getattr(g, "parent", None) is not None:
            continue
        for other in orgs:
            rest = g.name[len(other.name) + 1 :]
            if (
                other is not g
                and g.name.lower().startswith(other.name.lower() + " ")
                and (len(other.name.split()) >= 2 or rest.split()[-1].lower() in lex.subunit_nouns)
                and rest[:1].isupper()
                and not is_company_suffix(rest)
            ):  # "Nero Drinks Company Limited"
                g.parent = other  # type: ignore[attr-defined]


def _all_mentions(doc, group, tok_group: dict, coreferent: dict) -> list[tuple[int, int]]:
    """The group's own mention spans, then the tokens coreference gave it (pronouns, "the
    group", "the President", "both states"), each once, in text order after the first."""
    own = [(m.start, m.end) for m in group.mentions]
    extra = [(doc[i].idx, doc[i].idx + len(doc[i].text)) for i, g in tok_group.items() if g is group]
    extra += coreferent.get(id(group), [])
    inside = [(s, e) for s, e in extra if not any(a <= s and e <= b for a, b in own)]
    return own + sorted(set(inside))


def _event_roles(group, tok_group: dict, keys: dict) -> dict[str, list[str]]:
    """{"participants"|"targets"|"places": [entity key]} of an event group, from its mentions' roles
    (possessor, named modifier and by-agents; object of the nominal; in/to/at places)."""
    out: dict[str, list[str]] = {}
    for m in group.mentions:
        for role, idx in (m.attributes.get("roles") or {}).items():
            for i in idx:
                g = tok_group.get(i)
                if (
                    g is not None
                    and g is not group
                    and id(g) in keys
                    and keys[id(g)] not in out.get(role, [])
                ):
                    out.setdefault(role, []).append(keys[id(g)])
    return out


def _to_original(markup: CleanText, sentences: list, entities: list, relations: Iterable) -> None:
    """Map every span of the parsed (clean) text back into the original text, in place."""
    sentences[:] = [markup.to_original(s, e) for s, e in sentences]
    for ent in entities:
        ent.mentions = [markup.to_original(s, e) for s, e in ent.mentions]
    for rel in relations:
        rel.evidence = [markup.to_original(s, e) for s, e in rel.evidence]


def _mentions_and_events(doc, markup: CleanText, lex) -> list[Mention]:
    """Name mentions (:func:`find_mentions`, :func:`structure_mentions`) and event mentions, in text
    order; a name holding an event's head word yields to the event ("the 2019 Ostia Bombing"), and a bare
    date naming a dated event is a mention of it ("the May 7 attack ... after May 7")."""
    mentions = structure_mentions(doc, find_mentions(doc, lex, markup.emphasis), markup, lex)
    events = [m for m in find_events(doc, lex) if not is_not_entity(m.name, lex)]
    same_events(doc, events)
    taken = {k for m in events for k in range(m.i, m.j)}
    heads = {m.attributes.get("head", m.i) for m in events}
    mentions = [m for m in mentions if not (set(range(m.i, m.j)) & heads) or m.kind == "pronoun"]
    dates = {normalize_name(a) for m in events for a in m.aliases if m.date and a == m.date}
    for ent in doc.ents:
        if (
            ent.label_ == "DATE"
            and normalize_name(ent.text) in dates
            and not (set(range(ent.start, ent.end)) & taken)
        ):
            m = Mention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text, kind="event")
            m.votes["event"] += 6
            events.append(m)
    return sorted(mentions + events, key=lambda m: (m.start, -m.end))


def _functions_and_parents(groups: list) -> None:
    """Mark each group ``function`` when a mention names a function ("Acme finance") and give it
    the ``parent`` body a mention is based on ("the intelligence wing of Acme" -> Acme)."""
    for g in groups:
        g.function = any(m.kind == "function" for m in g.mentions)  # type: ignore[attr-defined]
        g.parent = None  # type: ignore[attr-defined]
    for g in groups:
        for m in g.mentions:
            base = getattr(m.base, "group", None) if m.base is not None else None
            if base is not None and base is not g and base.type == "organization" and m.kind != "collective":
                g.parent = base  # type: ignore[attr-defined]


def _token_groups(mentions: list[Mention]) -> dict[int, object]:
    """{token index: group} of every mention's tokens; a shorter mention inside a longer one wins
    ("Acme" inside "the Acme board")."""
    tok_group: dict[int, object] = {}
    for m in sorted(mentions, key=lambda m: m.j - m.i, reverse=True):
        g = getattr(m, "group", None)
        if g is not None:
            for k in range(m.i, m.j):
                tok_group[k] = g
    return tok_group


def extract_parsed(
    doc,
    *,
    known: list[KnownEntity] = (),
    doc_date: str | None = None,
    markup: CleanText | None = None,
    decider: object = "default",
) -> ExtractionResult:
    """The extraction of an already parsed spaCy ``doc`` (lets callers batch with ``nlp.pipe``).

    ``markup`` is the :func:`~orgmap.extract.markup.strip_markup` result whose ``text`` was
    parsed: spans of the result then point into its original text. ``decider`` turns candidate
    pairs into relations: ``"default"`` is the trained model shipped with orgmap
    (:mod:`orgmap.extract.relmodel`), ``None`` the hand-written patterns alone, or any object
    with ``decide(doc, groups, tok_group, hits, schema) -> hits``."""
    lex, schema = load_lexicon(), load_schema()
    markup = markup if markup is not None else CleanText(doc.text, doc.text)
    mentions = _mentions_and_events(doc, markup, lex)
    groups = cluster_mentions(doc, mentions, known=known, lex=lex)
    sent_starts = [x.start for x in doc.sents]
    shared_surnames(mentions, lambda i: bisect.bisect_right(sent_starts, i))
    groups = [g for g in groups if g.mentions]
    _functions_and_parents(groups)
    tok_group = _token_groups(mentions)

    _event_anaphora(doc, tok_group, groups, lex)
    _body_anaphora(doc, tok_group, groups, lex)
    coreferent = resolve_coreference(doc, tok_group, lex)
    _name_parents(groups, lex)
    doc.user_data[LINE_BREAKS] = line_starts(doc, markup)
    stand_ins = list_stand_ins(doc, markup, tok_group, lex)
    hits = find_relations(doc, tok_group, lex, schema)
    if decider == "default":
        decider = default_decider()
    if decider is not None:
        hits = decider.decide(doc, groups, tok_group, hits, schema)  # type: ignore[attr-defined]
    hits = distribute(hits, stand_ins)
    keys = {id(g): f"e{n + 1}" for n, g in enumerate(groups)}
    relations: dict[tuple, ExtractedRelation] = {}
    for h in hits:
        if h.source is h.target or id(h.source) not in keys or id(h.target) not in keys:
            continue
        span = doc[h.tokens[0] : h.tokens[1]]
        modality, attribution = modality_of(h.anchor, lex)
        sent = h.anchor.sent
        when = [e.text for e in sent.ents if e.label_ == "DATE"]
        valid_from, valid_to, valid_text = valid_time(sent.text, when, doc_date)
        key = (keys[id(h.source)], h.type, keys[id(h.target)], sent.start)
        rel = ExtractedRelation(
            keys[id(h.source)],
            h.type,
            keys[id(h.target)],
            evidence=[(span.start_char, span.end_char)],
            modality=modality,
            attribution=attribution,
            valid_text=valid_text,
            valid_from=valid_from,
            valid_to=valid_to,
            score=round(h.score * (schema.modalities[modality].weight * 0.3 + 0.7), 3),
            pattern=h.pattern,
            qualifier=qualifier_of(doc, h, tok_group, schema),
        )
        if key not in relations or relations[key].score < rel.score:
            relations[key] = rel

    found = list(relations.values())
    for rel, resolved in zip(
        found, resolve_attributions(doc, [(r.evidence[0][0], r.attribution) for r in found], lex)
    ):
        rel.attribution = resolved

    entities = []
    for g in groups:
        dated = [m.date for m in g.mentions if m.date]
        aliases = [n for n in g.names if n != g.name]
        for m in g.mentions:
            aliases += [a for a in m.aliases if a != g.name and a not in aliases]
        attributes = (
            {"titles": sorted({m.title for m in g.mentions if m.title})}
            if any(m.title for m in g.mentions)
            else {}
        )
        if g.type == "event":
            attributes.update(_event_roles(g, tok_group, keys))
        entities.append(
            ExtractedEntity(
                keys[id(g)],
                g.name,
                g.type,
                aliases=aliases,
                mentions=_all_mentions(doc, g, tok_group, coreferent),
                date=parse_date_text(dated[0], doc_date) if dated else None,
                score=round(min(1.0, 0.4 + 0.1 * len(g.mentions)), 3),
                attributes=attributes,
            )
        )
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    if markup.origin:
        _to_original(markup, sentences, entities, relations.values())
    return ExtractionResult(
        text=markup.original,
        sentences=sentences,
        entities=entities,
        relations=sorted(relations.values(), key=lambda r: (r.evidence[0], r.source, r.type)),
        doc_date=doc_date,
    )
