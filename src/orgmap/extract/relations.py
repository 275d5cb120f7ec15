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

from collections.abc import Callable, Iterator

from orgmap.extract.lexicon import Lexicon
from orgmap.extract.patterns.context import Ctx, Hit
from orgmap.extract.patterns.nouns import nouns, phrases
from orgmap.extract.patterns.roles import roles
from orgmap.extract.patterns.structure import colon_parts, lists, members_listed, structure
from orgmap.extract.patterns.verbs import event_actions, verbs

__all__ = ["FAMILIES", "Hit", "find_relations"]

FAMILIES: tuple[Callable[[Ctx], Iterator[Hit]], ...] = (
    roles,
    verbs,
    nouns,
    phrases,
    structure,
    lists,
    members_listed,
    colon_parts,
    event_actions,
)


def find_relations(doc, tok_group: dict[int, object], lex: Lexicon, schema) -> list[Hit]:
    """Run every pattern family over the parsed ``doc``; ``tok_group`` maps tokens to entities."""
    c = Ctx(doc, tok_group, lex, schema)
    hits = []
    for family in FAMILIES:
        hits.extend(family(c))
    return hits
