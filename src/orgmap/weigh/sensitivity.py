"""ACH over a stored case, and its sensitivity: drop each source, informant or item in turn.

An item rests on every source it names or quotes (its own spans, its assertion's evidence)
and on every informant it or its assertion names. Dropping a source (informant) removes
every item that rests on it, even in part: an item that quotes the dropped document no
longer stands as scored, whatever else it quotes.

>>> from orgmap.model import Hypothesis, HypothesisItem
>>> from orgmap.schema import load_schema
>>> hs = [Hypothesis("a", "h1"), Hypothesis("b", "h2")]
>>> items = [HypothesisItem("x", ratings={"h1": "I", "h2": "C"}, key="e1"),
...          HypothesisItem("y", ratings={"h1": "C", "h2": "II"}, key="e2")]
>>> [(d.label, d.ranking, d.changed) for d in run_sensitivity(hs, items, load_schema(),
...   {("item", "e1", "item e1"): {"e1"}, ("item", "e2", "item e2"): {"e2"}})]
[('item e1', [['h1'], ['h2']], False), ('item e2', [['h2'], ['h1']], True)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orgmap.model import Hypothesis, HypothesisItem
from orgmap.schema import Schema
from orgmap.store import Store
from orgmap.weigh.ach import ACHResult, score

__all__ = ["Drop", "case_ach", "drop_groups", "run_sensitivity"]

GroupKey = tuple[str, str, str]  # (kind, key, label)


@dataclass
class Drop:
    """The ranking with one group of items left out."""

    kind: str  # item | source | informant
    key: str
    label: str
    dropped: list[str]  # item keys
    ranking: list[list[str]]
    changed: bool  # the whole ranking differs from the baseline
    top_changed: bool  # the least inconsistent hypothesis (set) differs
    notes: list[str]


def case_ach(store: Store, case_id: int) -> tuple[list[Hypothesis], list[HypothesisItem], ACHResult]:
    """Hypotheses, items (text filled from their assertion's quotes, informant and its
    reliability from the item or its assertion) and their scores.

    An item with no informant at all is named in the result's notes: nobody vouches for it.
    """
    hypotheses = store.hypotheses(case_id)
    items = store.items(case_id)
    grades = {i.id: i.reliability for i in store.informants(case_id)}
    missing = []
    for item in items:
        a = store.assertion(item.assertion_id) if item.assertion_id else None
        if not item.text and a is not None:
            item.text = " … ".join(e.quote for e in a.evidence)
        informant = item.informant_id or (a.informant_id if a is not None else None)
        if informant is None:
            missing.append(item.key)
        else:
            item.reliability = str(grades.get(informant) or "")
    result = score(hypotheses, items, store.schema)
    result.notes += [f"item {k!r} names no informant; give it one (who vouches for it?)" for k in missing]
    return hypotheses, items, result


def drop_groups(store: Store, case_id: int, items: Sequence[HypothesisItem]) -> dict[GroupKey, set[str]]:
    """Which items go when each source, each informant and each item is dropped."""
    sources = {s.id: s for s in store.sources(case_id)}
    informants = {i.id: i for i in store.informants(case_id)}
    by_source: dict[int, set[str]] = defaultdict(set)
    by_informant: dict[int, set[str]] = defaultdict(set)
    for item in items:
        src_ids = {item.source_id} if item.source_id else set()
        src_ids |= {e.source_id for e in item.evidence if e.source_id}
        inf_ids = {item.informant_id} if item.informant_id else set()
        if item.assertion_id:
            a = store.assertion(item.assertion_id)
            src_ids |= {e.source_id for e in a.evidence}
            if a.informant_id:
                inf_ids.add(a.informant_id)
        for sid in src_ids:
            by_source[sid].add(item.key)
        for iid in inf_ids:
            by_informant[iid].add(item.key)
    groups: dict[GroupKey, set[str]] = {}
    for sid in sorted(by_source):
        s = sources[sid]
        groups[("source", s.key or f"#{sid}", f"source {s.key or s.title or sid}")] = by_source[sid]
    for iid in sorted(by_informant):
        i = informants[iid]
        groups[("informant", i.key or f"#{iid}", f"informant {i.name}")] = by_informant[iid]
    for item in items:
        groups[("item", item.key, f"item {item.key}")] = {item.key}
    return groups


def run_sensitivity(
    hypotheses: Sequence[Hypothesis],
    items: Sequence[HypothesisItem],
    schema: Schema,
    groups: Mapping[GroupKey, set[str]],
) -> list[Drop]:
    """Re-rank with each group of items dropped; report whether the ranking changes."""
    base = score(hypotheses, items, schema, require_evidence=False)
    base_rank = base.ranking
    out = []
    for (kind, key, label), keys in groups.items():
        kept = [i for i in items if i.key not in keys]
        result = score(hypotheses, kept, schema, require_evidence=False)
        rank = result.ranking
        out.append(
            Drop(
                kind, key, label, sorted(keys), rank, rank != base_rank, rank[0] != base_rank[0], result.notes
            )
        )
    return out
