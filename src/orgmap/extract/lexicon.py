"""The cue-word lexicon (``lexicon.yaml``) as a checked, cached object.

Relation names in the lexicon must be relation types of the schema, so the vocabulary
stays in one place.

>>> lex = load_lexicon()
>>> lex.role_type("deputy commander"), lex.verb_type("take over")
('deputy_of', ('succeeded',))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from orgmap.schema import load_schema

__all__ = ["LEXICON_PATH", "Lexicon", "load_lexicon"]

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")


def _words(raw: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in (raw or []))


def _by_type(raw: dict[str, list[str]], known: set[str], where: str) -> dict[str, tuple[str, ...]]:
    """Invert {type: [cue, ...]} to {cue: (type, ...)}, checking types against the schema."""
    out: dict[str, list[str]] = {}
    for rtype, cues in (raw or {}).items():
        if rtype not in known:
            raise ValueError(f"{LEXICON_PATH}: {where}: {rtype!r} is not a relation type of the schema")
        for cue in cues or []:
            out.setdefault(str(cue).lower(), [])
            if rtype not in out[str(cue).lower()]:
                out[str(cue).lower()].append(rtype)
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, tuple[str, ...]]
    verbs: dict[str, tuple[str, ...]]
    verbs_reversed: dict[str, tuple[str, ...]]
    nouns: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[str, ...]]
    phrases_reversed: dict[str, tuple[str, ...]]
    titles: tuple[str, ...]
    title_words: frozenset[str]  # every word of a title ("major", "general", "first", "lady")
    deputy_prefixes: frozenset[str]
    appoint_verbs: frozenset[str]
    acting_on_verbs: frozenset[str]
    ownership_verbs: frozenset[str]
    past_markers: frozenset[str]
    org_nouns: frozenset[str]
    function_nouns: frozenset[str]
    not_entities: frozenset[str]
    collective_nouns: frozenset[str]
    name_suffix_nouns: frozenset[str]
    org_name_prefixes: frozenset[str]
    person_roles: frozenset[str]
    state_actor_nouns: frozenset[str]
    anaphoric_org_nouns: frozenset[str]
    state_forms: frozenset[str]
    event_nouns: frozenset[str]
    event_verbs: dict[str, str]
    part_of_preps: frozenset[str]
    hedges: frozenset[str]
    belief_verbs: frozenset[str]
    report_verbs: frozenset[str]
    report_phrases: tuple[str, ...]
    denial_cues: frozenset[str]
    negations: frozenset[str]
    field_labels: tuple[str, ...] = ()
    alias_labels: frozenset[str] = frozenset()
    not_entity_heads: frozenset[str] = frozenset()
    not_entity_prefixes: tuple[str, ...] = ()
    not_entity_names: frozenset[str] = frozenset()
    name_prefix_labels: tuple[str, ...] = ()
    company_suffixes: tuple[str, ...] = ()
    institution_nouns: frozenset[str] = frozenset()
    anaphoric_named_only: frozenset[str] = frozenset()
    state_event_nouns: frozenset[str] = frozenset()
    series_nouns: frozenset[str] = frozenset()
    action_verbs: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    list_heads: dict[str, str | None] = field(default_factory=dict)
    subunit_nouns: frozenset[str] = frozenset()
    kind_nouns: frozenset[str] = frozenset()
    bare_state_bodies: frozenset[str] = frozenset()
    name_possessors: frozenset[str] = frozenset()
    owned_body_nouns: dict[str, str] = field(default_factory=dict)
    name_joining_words: frozenset[str] = frozenset()
    legal_form_abbreviations: dict[str, str] = field(default_factory=dict)
    state_body_names: dict[str, str] = field(default_factory=dict)
    body_description_nouns: frozenset[str] = frozenset()
    name_honorifics: frozenset[str] = frozenset()
    name_prefix_participles: frozenset[str] = frozenset()
    exclusive_types: tuple[frozenset[str], ...] = ()

    def role_type(self, words: str) -> str | None:
        """The relation a role phrase implies ("deputy commander" -> deputy_of)."""
        found = self.roles.get(words.lower().strip())
        return found[0] if found else None

    def verb_type(self, lemma: str) -> tuple[str, ...]:
        return self.verbs.get(lemma.lower(), ())


@functools.lru_cache(maxsize=2)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read and check the lexicon once per process."""
    p = Path(path) if path else LEXICON_PATH
    raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    known = set(load_schema().relation_types)
    return Lexicon(
        roles=_by_type(raw["roles"], known, "roles"),
        verbs=_by_type(raw["verbs"], known, "verbs"),
        verbs_reversed=_by_type(raw.get("verbs_reversed") or {}, known, "verbs_reversed"),
        nouns=_by_type(raw["nouns"], known, "nouns"),
        phrases=_by_type(raw["phrases"], known, "phrases"),
        phrases_reversed=_by_type(raw.get("phrases_reversed") or {}, known, "phrases_reversed"),
        titles=tuple(sorted({str(t).lower() for t in raw["titles"]}, key=lambda t: -len(t))),
        title_words=frozenset(w for t in raw["titles"] for w in str(t).lower().split()),
        deputy_prefixes=_words(raw["deputy_prefixes"]),
        appoint_verbs=_words(raw.get("appoint_verbs")),
        acting_on_verbs=_words(raw.get("acting_on_verbs")),
        ownership_verbs=_words(raw.get("ownership_verbs")),
        past_markers=_words(raw["past_markers"]),
        org_nouns=_words(raw["org_nouns"]),
        function_nouns=_words(raw["function_nouns"]),
        not_entities=_words(raw.get("not_entities")),
        collective_nouns=_words(raw["collective_nouns"]),
        anaphoric_org_nouns=_words(raw.get("anaphoric_org_nouns")),
        state_forms=_words(raw["state_forms"]),
        name_suffix_nouns=_words(raw.get("name_suffix_nouns")),
        org_name_prefixes=_words(raw.get("org_name_prefixes")),
        person_roles=_words(raw.get("person_roles")),
        state_actor_nouns=_words(raw.get("state_actor_nouns")),
        event_nouns=_words(raw["event_nouns"]),
        event_verbs={str(k).lower(): str(v) for k, v in (raw["event_verbs"] or {}).items()},
        part_of_preps=_words(raw["part_of_preps"]),
        hedges=_words(raw["hedges"]),
        belief_verbs=_words(raw["belief_verbs"]),
        report_verbs=_words(raw["report_verbs"]),
        report_phrases=tuple(str(p).lower() for p in raw["report_phrases"]),
        denial_cues=_words(raw["denial_cues"]),
        negations=_words(raw["negations"]),
        field_labels=_longest_first(raw.get("field_labels")),
        alias_labels=_words(raw.get("alias_labels")),
        not_entity_heads=_words(raw.get("not_entity_heads")),
        not_entity_prefixes=_longest_first(raw.get("not_entity_prefixes")),
        not_entity_names=_words(raw.get("not_entity_names")),
        name_prefix_labels=_longest_first(raw.get("name_prefix_labels")),
        company_suffixes=_longest_first(raw.get("company_suffixes")),
        institution_nouns=_words(raw.get("institution_nouns")),
        anaphoric_named_only=_words(raw.get("anaphoric_named_only")),
        state_event_nouns=_words(raw.get("state_event_nouns")),
        series_nouns=_words(raw.get("series_nouns")),
        action_verbs=_words(raw.get("action_verbs")),
        place_nouns=_words(raw.get("place_nouns")),
        subunit_nouns=_words(raw.get("subunit_nouns")),
        kind_nouns=_words(raw.get("kind_nouns")),
        bare_state_bodies=_words(raw.get("bare_state_bodies")),
        name_possessors=_words(raw.get("name_possessors")),
        owned_body_nouns=_owned_nouns(raw.get("owned_body_nouns"), known),
        name_joining_words=_words(raw.get("name_joining_words")),
        legal_form_abbreviations={
            str(k).lower(): str(v).lower() for k, v in (raw.get("legal_form_abbreviations") or {}).items()
        },
        body_description_nouns=_words(raw.get("body_description_nouns")),
        name_honorifics=_words(raw.get("name_honorifics")),
        name_prefix_participles=_words(raw.get("name_prefix_participles")),
        state_body_names={
            str(k).lower(): str(v).lower() for k, v in (raw.get("state_body_names") or {}).items()
        },
        exclusive_types=_exclusive(raw.get("exclusive_types"), known),
        list_heads={
            str(k).lower(): (str(v) if v else None) for k, v in (raw.get("list_heads") or {}).items()
        },
    )


def _exclusive(raw: Any, known: set[str]) -> tuple[frozenset[str], ...]:
    """Pairs of relation types that never join the same two entities (checked against the schema)."""
    out = []
    for pair in raw or []:
        types = frozenset(str(t) for t in pair)
        if len(types) != 2 or not types <= known:
            raise ValueError(f"lexicon: exclusive_types wants pairs of known relation types, not {pair!r}")
        out.append(types)
    return tuple(out)


def _owned_nouns(raw: Any, known: set[str]) -> dict[str, str]:
    """{noun: relation its owner holds to the body} (checked against the schema)."""
    out = {str(k).lower(): str(v) for k, v in (raw or {}).items()}
    wrong = sorted(v for v in out.values() if v not in known)
    if wrong:
        raise ValueError(f"lexicon: owned_body_nouns names unknown relation types {wrong}")
    return out


def _longest_first(raw: Any) -> tuple[str, ...]:
    return tuple(sorted({str(w).lower() for w in raw or ()}, key=lambda w: (-len(w), w)))
