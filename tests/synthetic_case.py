"""A synthetic case of clear communities for the Network page's tests at size.

``groups`` organizations of ``size`` people, everyone tied to everyone else of the
organization (``personal_tie``), and the first members of consecutive organizations
(in a ring) by one ``met_with`` tie: communities any modularity method finds.
"""

from __future__ import annotations

from orgmap.model import Assertion, Entity, Evidence, Source
from orgmap.store.bulk import bulk_add_assertions, bulk_add_entities


def build(store, groups: int = 16, size: int = 25) -> tuple[int, list[list[int]]]:
    """Fill ``store``; returns (case id, entity ids of each organization's people)."""
    case = store.ensure_case("synthetic")
    sid = store.add_source(case, Source(text="Synthetic register of who knows whom.", title="register"))
    people = bulk_add_entities(
        store, case, [Entity("person", f"Person {g}-{i}") for g in range(groups) for i in range(size)]
    )
    members = [people[g * size : (g + 1) * size] for g in range(groups)]
    pairs = [("personal_tie", m[i], m[j]) for m in members for i in range(size) for j in range(i + 1, size)]
    pairs += [("met_with", members[g][0], members[(g + 1) % groups][0]) for g in range(groups)]
    bulk_add_assertions(
        store,
        case,
        [
            Assertion(
                a,
                kind,
                b,
                evidence=[Evidence(sid, 0, 9)],
                status="accepted",
                reliability="B",
                credibility="2",
            )
            for kind, a, b in pairs
        ],
    )
    return case, members
