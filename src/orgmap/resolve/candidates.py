"""Propose merges among a case's entities, each with its reason; merging stays a judgement.

Reasons: ``variant`` (transliteration variants, see :mod:`orgmap.resolve.variants`),
``surname`` (a bare surname and one full name ending in it), ``acronym`` (initials of a
longer name).
"""

from __future__ import annotations

from dataclasses import dataclass

from orgmap.extract.cluster import initials
from orgmap.names import normalize_name
from orgmap.resolve.variants import variant_score

__all__ = ["MergeCandidate", "merge_candidates", "pair_reason"]


@dataclass
class MergeCandidate:
    absorbed: int
    into: int
    absorbed_name: str
    into_name: str
    type: str
    score: float
    reason: str


def pair_reason(a_names: list[str], b_names: list[str], etype: str) -> tuple[float, str] | None:
    """(score, reason) when an entity with ``a_names`` (its name first) is probably one with ``b_names``.

    Spelling variants may join any names; a surname or acronym only when it is the first
    entity's own name (a bare "Haddad" entity), not merely one of its aliases.
    """
    best: tuple[float, str] | None = None
    for a in a_names:
        for b in b_names:
            s = variant_score(a, b)
            if s >= 90 and (best is None or s > best[0]):
                best = (s, f"spelling variant: {a!r} ~ {b!r}")
    a = a_names[0]
    na = normalize_name(a).split()
    for b in b_names:
        nb = normalize_name(b).split()
        if etype == "person" and len(na) == 1 and len(nb) > 1 and nb[-1] == na[0]:
            best = best or (80.0, f"surname: {a!r} ends {b!r}")
        if etype != "person" and len(na) == 1 and a.isupper() and len(a) >= 2 and initials(b) == a:
            best = best or (85.0, f"acronym: {a!r} = initials of {b!r}")
    return best


def merge_candidates(store, case_id: int, *, min_score: float = 80.0) -> list[MergeCandidate]:
    """Pairs of canonical entities of one type that are probably one, best first.

    The entity with fewer names (the short form) is proposed for absorption.
    """
    ents = store.entities(case_id)
    out = []
    by_type: dict[str, list] = {}
    for e in ents:
        by_type.setdefault(e.type, []).append(e)
    for etype, group in by_type.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                names_a, names_b = [a.name, *a.aliases], [b.name, *b.aliases]
                found = pair_reason(names_a, names_b, etype) or pair_reason(names_b, names_a, etype)
                if found is None or found[0] < min_score:
                    continue
                short, long_ = (a, b) if len(a.name) <= len(b.name) else (b, a)
                out.append(MergeCandidate(short.id, long_.id, short.name, long_.name, etype, found[0], found[1]))
    return sorted(out, key=lambda c: (-c.score, c.absorbed, c.into))
