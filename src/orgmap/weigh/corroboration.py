"""Corroboration: how many independent sources state each relation.

A relation is one (subject, type, object) over canonical (merge-resolved) entities; for
symmetric types the two ends may come in either order. Its claims are the relation
assertions of that key. A document *states* the relation when it holds the first evidence
span of one of those claims, or when a span of a claim in it names both ends (a name or
alias, as a whole word): a second span that only gives a date does not make its document a
second witness.

Two of those documents are *not* independent when

- one cites the other (``sources.metadata["cites"]`` lists source keys, or ids), directly
  or through a chain of citations among the stating documents; or
- both relay the same informant: a named or unnamed informant (not the author, publisher
  or analyst, who are each document's own voice) stands behind a claim in each; or
- both have the same author (a non-empty ``author`` other than "unknown").

Independent sources = connected groups of stating documents under those links.

>>> from orgmap.store import Store
>>> from orgmap.model import Assertion, Entity, Evidence, Source
>>> s = Store.open(":memory:"); case = s.ensure_case("demo")
>>> a = s.add_source(case, Source(text="Ali leads the Unit.", key="a"))
>>> b = s.add_source(case, Source(text="The Unit is led by Ali.", key="b", metadata={"cites": ["a"]}))
>>> ali = s.add_entity(case, Entity("person", "Ali")); unit = s.add_entity(case, Entity("organization", "Unit"))
>>> _ = s.add_assertions(case, [Assertion(ali, "leads", unit, [Evidence(a, 0, 18)], status="accepted"),
...                             Assertion(ali, "leads", unit, [Evidence(b, 0, 22)], status="accepted")])
>>> [(c.type, c.documents, c.independent) for c in corroborate(s, case)]
[('leads', 2, 1)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from orgmap.model import stored_id
from orgmap.names import normalize_name
from orgmap.store import Relation, Store

__all__ = [
    "RELAYING_KINDS",
    "Corroboration",
    "corroborate",
    "independent_groups",
    "relation_key",
    "stating_sources",
]

#: informant kinds whose repetition makes documents dependent (they relay someone else)
RELAYING_KINDS = ("named", "unnamed")


@dataclass
class Corroboration:
    """One relation with the documents that state it, grouped into independent sources."""

    subject: str
    type: str
    object: str
    symmetric: bool
    assertion_ids: list[int]
    source_ids: list[int]
    groups: list[list[int]] = field(default_factory=list)  # source ids, one list per independent source

    @property
    def documents(self) -> int:
        return len(self.source_ids)

    @property
    def independent(self) -> int:
        return len(self.groups)


def relation_key(r: Relation) -> tuple[int, str, int]:
    """(subject id, type, object id); symmetric relations in id order.

    >>> from orgmap.model import Assertion, Entity
    >>> ali, bob = Entity("person", "Ali", id=2), Entity("person", "Bob", id=1)
    >>> tie = Relation(Assertion(2, "personal_tie", 1), ali, bob, "personal_tie", "informal", True)
    >>> lead = Relation(Assertion(2, "leads", 1), ali, bob, "leads", "formal", False)
    >>> relation_key(tie), relation_key(lead)  # a symmetric tie is the same either way round
    ((1, 'personal_tie', 2), (2, 'leads', 1))
    """
    s, o = stored_id(r.subject), stored_id(r.object)
    if r.symmetric and s > o:
        s, o = o, s
    return s, r.type, o


class _Groups:
    """Union-find over source ids."""

    def __init__(self, ids: Iterable[int]):
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in sorted(self.parent):
            out[self.find(i)].append(i)
        return sorted(out.values())


def _cited(metadata: dict, by_key: dict[str, int]) -> set[int]:
    out = set()
    for ref in metadata.get("cites") or []:
        if isinstance(ref, int):
            out.add(ref)
        elif str(ref) in by_key:
            out.add(by_key[str(ref)])
        elif str(ref).lstrip("#").isdigit():
            out.add(int(str(ref).lstrip("#")))
    return out


def independent_groups(
    source_ids: Iterable[int],
    *,
    cites: dict[int, set[int]],
    relayed: dict[int, set[int]],
    authors: dict[int, str],
) -> list[list[int]]:
    """Group documents that cite each other, relay the same informant or share an author.

    >>> independent_groups([1, 2, 3], cites={2: {1}}, relayed={}, authors={})
    [[1, 2], [3]]
    >>> independent_groups([1, 2, 3], cites={}, relayed={1: {7}, 3: {7}}, authors={2: "x"})
    [[1, 3], [2]]
    """
    ids = sorted(set(source_ids))
    g = _Groups(ids)
    for a in ids:
        for b in cites.get(a, set()):
            if b in g.parent:
                g.join(a, b)
    by_informant: dict[int, list[int]] = defaultdict(list)
    by_author: dict[str, list[int]] = defaultdict(list)
    for sid in ids:
        for inf in relayed.get(sid, set()):
            by_informant[inf].append(sid)
        author = normalize_name(authors.get(sid, ""))
        if author and author != "unknown":
            by_author[author].append(sid)
    for members in [*by_informant.values(), *by_author.values()]:
        for other in members[1:]:
            g.join(members[0], other)
    return g.groups()


def _names_pattern(entity) -> re.Pattern[str]:
    names = sorted({n for n in [entity.name, *entity.aliases] if n.strip()}, key=len, reverse=True)
    return re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names), re.IGNORECASE)


def stating_sources(r: Relation, patterns: dict[int, re.Pattern[str]]) -> set[int]:
    """Documents that state this claim: its first span's, and any whose span names both ends.

    >>> from orgmap.model import Assertion, Entity, Evidence
    >>> ali, unit = Entity("person", "Ali", id=1), Entity("organization", "Unit", id=2)
    >>> spans = [Evidence(7, 0, 18, "Ali leads the Unit"), Evidence(8, 0, 9, "Ali spoke"), Evidence(9, 0, 9, "Ali, Unit")]
    >>> r = Relation(Assertion(1, "leads", 2, evidence=spans), ali, unit, "leads", "formal", False)
    >>> sorted(stating_sources(r, {1: _names_pattern(ali), 2: _names_pattern(unit)}))  # 8 names only Ali
    [7, 9]
    """
    evidence = r.assertion.evidence
    out = {evidence[0].source_id} if evidence else set()
    subj, obj = patterns[stored_id(r.subject)], patterns[stored_id(r.object)]
    for ev in evidence[1:]:
        if subj.search(ev.quote) and obj.search(ev.quote):
            out.add(ev.source_id)
    return out


def corroborate(
    store: Store,
    case_id: int,
    *,
    status: Iterable[str] | str | None = "accepted",
    relations: list[Relation] | None = None,
) -> list[Corroboration]:
    """Independent-source counts for every relation of a case, most corroborated first."""
    rels = relations if relations is not None else store.relations(case_id, status=status)
    sources = store.sources(case_id)
    by_key = {s.key: stored_id(s) for s in sources if s.key}
    cites = {stored_id(s): _cited(s.metadata, by_key) for s in sources}
    authors = {stored_id(s): s.author for s in sources}
    relaying = {i.id for i in store.informants(case_id) if i.kind in RELAYING_KINDS}
    grouped: dict[tuple[int, str, int], list[Relation]] = defaultdict(list)
    for r in rels:
        grouped[relation_key(r)].append(r)
    out = []
    patterns: dict[int, re.Pattern[str]] = {}
    for r in rels:
        for e in (r.subject, r.object):
            if stored_id(e) not in patterns:
                patterns[stored_id(e)] = _names_pattern(e)
    for (s, rtype, _o), members in grouped.items():
        source_ids: set[int] = set()
        relayed: dict[int, set[int]] = defaultdict(set)
        for r in members:
            for sid in stating_sources(r, patterns):
                source_ids.add(sid)
                informant = r.assertion.informant_id
                if informant is not None and informant in relaying:
                    relayed[sid].add(informant)
        first = members[0]
        subj, obj = (first.subject, first.object) if first.subject.id == s else (first.object, first.subject)
        out.append(
            Corroboration(
                subj.name,
                rtype,
                obj.name,
                first.symmetric,
                sorted(stored_id(r.assertion) for r in members),
                sorted(source_ids),
                independent_groups(source_ids, cites=cites, relayed=relayed, authors=authors),
            )
        )
    out.sort(key=lambda c: (-c.independent, -c.documents, c.subject, c.type, c.object))
    return out
