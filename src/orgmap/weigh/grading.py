"""Admiralty grades: documented defaults from modality and attribution, hand grades, history.

Default grade of an assertion (table in ``grading.yaml``, rule in docs/weighing.md):

- reliability: the grade of the informant the claim names, else of the document its first
  evidence span comes from, else unknown (``F``);
- credibility: by modality (asserted 2, reported 3, believed 4, hedged 4, denied 5), and
  ``1`` ("confirmed by other sources") for an asserted relation that at least two
  independent sources state (see :mod:`orgmap.weigh.corroboration`).

Only ungraded assertions (``F6``) get defaults, unless asked to recompute; grades set by
hand (a ``grade`` judgement by someone other than the defaults) are always kept.

>>> from orgmap.schema import load_schema
>>> default_grade(load_schema(), modality="hedged", informant_reliability="E")
('E', '4')
>>> default_grade(load_schema(), modality="asserted", source_reliability="B", independent=2)
('B', '1')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from orgmap.model import Judgement, stored_id
from orgmap.schema import Schema
from orgmap.store import Store, StoreError

__all__ = [
    "DEFAULTS_WHO",
    "INFORMANT_KINDS",
    "GradeChange",
    "add_informant",
    "apply_default_grades",
    "default_grade",
    "grade_history",
    "grading_table",
    "resolve_target",
    "set_grade",
]

TABLE_PATH = Path(__file__).with_name("grading.yaml")
#: the ``who`` of judgements written by :func:`apply_default_grades`
DEFAULTS_WHO = "orgmap:grade-defaults"
KINDS = ("source", "informant", "assertion")
#: who can stand behind a claim (``informants.kind``)
INFORMANT_KINDS = ("author", "publisher", "named", "unnamed", "analyst")


@lru_cache(maxsize=1)
def grading_table() -> dict[str, Any]:
    """The default-grade table (``grading.yaml``)."""
    return yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8"))


def default_grade(
    schema: Schema,
    *,
    modality: str,
    informant_reliability: str | None = None,
    source_reliability: str | None = None,
    independent: int = 1,
) -> tuple[str, str]:
    """The documented default (reliability, credibility) of one claim.

    >>> from orgmap.schema import load_schema
    >>> schema = load_schema()
    >>> default_grade(schema, modality="asserted", source_reliability="B")
    ('B', '2')
    >>> default_grade(schema, modality="asserted", source_reliability="B", independent=2)  # confirmed
    ('B', '1')
    >>> default_grade(schema, modality="believed")  # nobody vouches for it
    ('F', '4')
    """
    table = grading_table()
    unknown_rel, unknown_cred = schema.unknown_grade
    schema.modality(modality)
    rel = informant_reliability or source_reliability or unknown_rel
    cred = str(table["credibility_by_modality"].get(modality, unknown_cred))
    if modality == "asserted" and independent >= int(table["confirmed_by_independent_sources"]):
        cred = str(table["confirmed_credibility"])
    return schema.check_grade(rel, cred)


@dataclass
class GradeChange:
    assertion_id: int
    before: str
    after: str
    why: str


def _hand_graded(store: Store) -> set[int]:
    return {
        j.target_id for j in store.judgements("assertion") if j.action == "grade" and j.who != DEFAULTS_WHO
    }


def apply_default_grades(
    store: Store, case_id: int, *, dry_run: bool = False, recompute: bool = False
) -> list[GradeChange]:
    """Give ungraded assertions (still ``F6``) their default grade; one judgement per change.

    With ``recompute``, every assertion nobody regraded by hand (a ``grade`` judgement by a
    person) gets its default, curated grades included.

    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo", reliability="C"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> a = store.add_assertion(case, Assertion(ali, "leads", unit, key="r1", evidence=[Evidence(src, 0, 18)]))
    >>> [(c.before, c.after) for c in apply_default_grades(store, case)]  # the source's C, asserted: 2
    [('F6', 'C2')]
    >>> store.assertion(a).grade, apply_default_grades(store, case)
    ('C2', [])
    """
    from orgmap.weigh.corroboration import corroborate

    informants = {stored_id(i): i for i in store.informants(case_id)}
    sources = {stored_id(s): s for s in store.sources(case_id)}
    independent = {}
    for c in corroborate(store, case_id, status=None):
        for aid in c.assertion_ids:
            independent[aid] = c.independent
    hand = _hand_graded(store)
    changes = []
    for a in store.assertions(case_id):
        a_id = stored_id(a)
        if a_id in hand or (not recompute and (a.reliability, a.credibility) != store.schema.unknown_grade):
            continue
        inf = informants.get(a.informant_id) if a.informant_id is not None else None
        src = sources.get(a.evidence[0].source_id) if a.evidence else None
        rel, cred = default_grade(
            store.schema,
            modality=a.modality,
            informant_reliability=inf.reliability if inf else None,
            source_reliability=src.reliability if src else None,
            independent=independent.get(a_id, 1),
        )
        if (rel, cred) != (a.reliability, a.credibility):
            why = (
                f"default: {'informant ' + inf.name if inf else 'source'} graded {rel}, "
                f"modality {a.modality}, {independent.get(a_id, 1)} independent source(s)"
            )
            changes.append(GradeChange(a_id, a.grade, rel + cred, why))
    if not dry_run:
        with store.transaction():
            for ch in changes:
                store.set_grade("assertion", ch.assertion_id, ch.after, who=DEFAULTS_WHO, why=ch.why)
    return changes


def resolve_target(store: Store, case_id: int, kind: str, ref: str) -> int:
    """The id of a source or informant named by key, ``#id`` or id; assertions by key or id.

    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo", reliability="C"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> a = store.add_assertion(case, Assertion(ali, "leads", unit, key="r1", evidence=[Evidence(src, 0, 18)]))
    >>> resolve_target(store, case, "source", "memo"), resolve_target(store, case, "assertion", "r1")
    (1, 1)
    >>> resolve_target(store, case, "informant", "ann")
    Traceback (most recent call last):
    ...
    orgmap.store.engine.StoreError: no informant 'ann' in this case (known: none)
    """
    if kind not in KINDS:
        raise StoreError(f"cannot grade a {kind!r}; choose one of {', '.join(KINDS)}")
    ref = str(ref).strip()
    if kind == "source":
        records = [(stored_id(s), s.key, s.title) for s in store.sources(case_id)]
    elif kind == "informant":
        records = [(stored_id(i), i.key, i.name) for i in store.informants(case_id)]
    else:
        records = [(stored_id(a), a.key, "") for a in store.assertions(case_id)]
    for rid, key, name in records:
        if ref in (key, f"#{rid}", str(rid)) or (name and ref.casefold() == name.casefold()):
            return rid
    known = ", ".join(k or f"#{i}" for i, k, _ in records[:12])
    raise StoreError(f"no {kind} {ref!r} in this case (known: {known or 'none'})")


def set_grade(store: Store, case_id: int, kind: str, ref: str, grade: str, *, who: str, why: str = "") -> int:
    """Grade a source/informant (A-F) or an assertion (``B2``, ``B`` or ``2``) by hand.

    Raises ``ValueError``/``StoreError`` with a one-line message on a grade that does not
    parse; nothing is written then.

    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo", reliability="C"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> a = store.add_assertion(case, Assertion(ali, "leads", unit, key="r1", evidence=[Evidence(src, 0, 18)]))
    >>> _ = set_grade(store, case, "assertion", "r1", "b2", who="ann", why="the memo is a copy")
    >>> store.assertion(a).grade
    'B2'
    >>> set_grade(store, case, "source", "memo", "B2", who="ann")
    Traceback (most recent call last):
    ...
    ValueError: grade 'B2' does not parse: a source takes a reliability letter (A, B, C, D, E, F)
    """
    grade = str(grade).strip().upper()
    if kind != "assertion" and not (len(grade) == 1 and grade in store.schema.reliability):
        raise ValueError(
            f"grade {grade!r} does not parse: {'an' if kind[0] in 'aeiou' else 'a'} {kind} takes a reliability letter "
            f"({', '.join(store.schema.reliability)})"
        )
    if kind == "assertion" and not grade.isdigit():
        store.schema.parse_grade(grade)
    if grade.isdigit() and grade not in store.schema.credibility:
        raise ValueError(
            f"grade {grade!r} does not parse: credibility must be one of "
            f"{', '.join(store.schema.credibility)}"
        )
    return store.set_grade(kind, resolve_target(store, case_id, kind, ref), grade, who=who, why=why)


def grade_history(store: Store, kind: str, record_id: int) -> list[Judgement]:
    """Every grade change of one record, oldest first.

    >>> from orgmap.model import Assertion, Entity, Evidence, Source
    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:"); case = store.ensure_case("demo")
    >>> src = store.add_source(case, Source(text="Ali leads the Unit.", key="memo", reliability="C"))
    >>> ali, unit = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ali"), ("organization", "Unit")])
    >>> a = store.add_assertion(case, Assertion(ali, "leads", unit, key="r1", evidence=[Evidence(src, 0, 18)]))
    >>> _ = set_grade(store, case, "assertion", "r1", "B2", who="ann")
    >>> _ = set_grade(store, case, "assertion", "r1", "3", who="bob")
    >>> [(j.who, j.payload["after"]) for j in grade_history(store, "assertion", a)]
    [('ann', {'reliability': 'B', 'credibility': '2'}), ('bob', {'credibility': '3'})]
    """
    return [j for j in store.judgements(kind, record_id) if j.action == "grade"]


def add_informant(
    store: Store,
    case_id: int,
    key: str,
    name: str,
    reliability: str,
    *,
    kind: str = "unnamed",
    description: str = "",
    who: str,
    why: str = "",
) -> int:
    """Register who stands behind claims (an author, publisher, named or unnamed informant).

    The registration is a judgement too, so the grade history starts with it.
    """
    if not key.strip() or not name.strip():
        raise ValueError("an informant needs a key and a --name")
    if kind not in INFORMANT_KINDS:
        raise ValueError(f"informant kind {kind!r} is not one of {', '.join(INFORMANT_KINDS)}")
    rel = str(reliability).strip().upper()
    if rel not in store.schema.reliability:
        raise ValueError(
            f"grade {reliability!r} does not parse: an informant takes a reliability letter "
            f"({', '.join(store.schema.reliability)})"
        )
    if any(i.key == key for i in store.informants(case_id)):
        raise StoreError(
            f"informant {key!r} already exists; regrade it with `orgmap grade informant {key} GRADE`"
        )
    from orgmap.model import Informant

    with store.transaction():
        iid = store.add_informant(case_id, Informant(name, kind, rel, description, key))
        store.judge(
            "informant",
            iid,
            "grade",
            who=who,
            why=why or "registered",
            payload={"before": {}, "after": {"reliability": rel}},
        )
    return iid
