"""Relation filters against a plain-Python reference computed from the raw assertions."""

from __future__ import annotations

from datetime import date

from orgmap.model import Assertion, Entity, Evidence


def _reference(
    store,
    case,
    *,
    layer=None,
    as_of=None,
    min_grade=None,
    status=("accepted",),
    source=None,
    entity=None,
    types=None,
):
    """The same filters, written independently over every assertion of the case."""
    schema = store.schema
    rank_r = {g: i for i, g in enumerate(schema.reliability)}
    rank_c = {g: i for i, g in enumerate(schema.credibility)}
    members = None
    if entity is not None:
        everyone = {e.id: e for e in store.entities(case, include_merged=True)}

        def root(i):
            while everyone[i].merged_into is not None:
                i = everyone[i].merged_into
            return i

        members = {i for i in everyone if root(i) == root(entity)}
    out = set()
    for a in store.assertions(case):
        if a.predicate is None:
            continue
        if status is not None and a.status not in status:
            continue
        if layer is not None and schema.relation(a.predicate).layer not in layer:
            continue
        if types is not None and a.predicate not in types:
            continue
        if as_of is not None:
            # open bounds: a start "after X" is not yet known on X, an end "before Y" is over on Y
            starts_later = a.valid_from and (
                a.valid_from >= as_of if a.valid_from_bound == "after" else a.valid_from > as_of
            )
            ended = a.valid_to and (
                a.valid_to <= as_of if a.valid_to_bound == "before" else a.valid_to < as_of
            )
            if starts_later or ended:
                continue
        if min_grade is not None:
            rel, cred = min_grade[0], min_grade[1:] or None
            if rank_r[a.reliability] > rank_r[rel] or (cred and rank_c[a.credibility] > rank_c[cred]):
                continue
        if source is not None and source not in {e.source_id for e in a.evidence}:
            continue
        if members is not None and a.subject_id not in members and a.object_id not in members:
            continue
        out.add(a.id)
    return out


def _ids(rels):
    return {r.assertion.id for r in rels}


def test_layer_filter(qstore, qcase):
    for layer in qstore.schema.layers:
        got = _ids(qstore.relations(qcase, layer=layer))
        assert got == _reference(qstore, qcase, layer=[layer]) and got, layer


def test_as_of(qstore, qcase):
    days = [date(2019, 6, 1), date(2020, 1, 2), date(2020, 1, 3), date(2020, 1, 4), date(2024, 1, 1)]
    days += [date(2024, 12, 30), date(2024, 12, 31)]  # either side of the former posts' "before" end
    for day in days:
        assert _ids(qstore.relations(qcase, as_of=day)) == _reference(qstore, qcase, as_of=day), day


def test_open_bounds_in_as_of_views(qstore, qcase):
    """A tie that began "after 2020-01-03" is not yet known that day; a post ended "before 2024-12-31" is over."""

    def held(day, subject, obj):
        return any(
            r.subject.name == subject and r.object.name == obj for r in qstore.relations(qcase, as_of=day)
        )

    assert not held(date(2020, 1, 3), "Esmail Qaani", "Ibrahim Raisi")
    assert held(date(2020, 1, 4), "Esmail Qaani", "Ibrahim Raisi")
    assert held(date(2020, 1, 3), "Esmail Qaani", "Qods Force")  # the appointment itself is dated that day
    assert held(date(2024, 12, 30), "Saeed Rezaei", "Qods Force Intelligence Protection")
    assert not held(date(2024, 12, 31), "Saeed Rezaei", "Qods Force Intelligence Protection")


def test_as_of_plays_the_succession(qstore, qcase):
    qf = qstore.find_entity(qcase, "Qods Force").id
    leaders = lambda d: {
        r.subject.name for r in qstore.relations(qcase, as_of=d, types=["leads"]) if r.object.id == qf
    }
    assert "Qasem Soleimani" in leaders(date(2019, 1, 1)) and "Esmail Qaani" not in leaders(date(2019, 1, 1))
    assert "Esmail Qaani" in leaders(date(2021, 1, 1)) and "Qasem Soleimani" not in leaders(date(2021, 1, 1))


def test_min_grade_and_status(qstore, qcase):
    for grade in ["A", "B", "B2", "C4", "D", "F6"]:
        assert _ids(qstore.relations(qcase, min_grade=grade)) == _reference(qstore, qcase, min_grade=grade), (
            grade
        )
    rels = qstore.relations(qcase)
    qstore.set_status(rels[0].assertion.id, "rejected", who="t")
    qstore.set_status(rels[1].assertion.id, "candidate", who="t")
    for status in [["accepted"], ["candidate"], ["rejected"], ["accepted", "candidate"], None]:
        got = _ids(qstore.relations(qcase, status=status))
        assert got == _reference(qstore, qcase, status=status), status
    assert rels[0].assertion.id in _ids(qstore.relations(qcase, status=["rejected"]))


def test_source_entity_and_types(qstore, qcase):
    for src in qstore.sources(qcase):
        assert _ids(qstore.relations(qcase, source=src.id)) == _reference(qstore, qcase, source=src.id)
    qaani = qstore.find_entity(qcase, "Qaani").id
    got = _ids(qstore.relations(qcase, entity=qaani))
    assert got == _reference(qstore, qcase, entity=qaani) and len(got) > 10
    assert _ids(qstore.relations(qcase, entity="Qaani")) == got
    both = _ids(qstore.relations(qcase, layer="adversarial", types=["opposes", "leads"]))
    assert both == _reference(qstore, qcase, layer=["adversarial"], types=["opposes"])


def test_combined_filters(qstore, qcase):
    kw = dict(layer=["formal", "informal"], as_of=date(2022, 1, 1), min_grade="B")
    assert _ids(qstore.relations(qcase, **kw)) == _reference(qstore, qcase, **kw)


def test_assertions_kinds_and_entity(qstore, qcase):
    all_ = qstore.assertions(qcase)
    ents = qstore.assertions(qcase, kind="entity")
    rels = qstore.assertions(qcase, kind="relation")
    assert {a.id for a in ents} | {a.id for a in rels} == {a.id for a in all_}
    assert all(a.predicate is None for a in ents) and all(a.predicate for a in rels)


def test_relation_endpoints_are_the_canonical_entities(qstore, qcase):
    s = qstore
    # a chain of merges: dup2 -> dup1 -> Qaani, each with aliases of its own
    dup1 = s.add_entity(qcase, Entity("person", "Haj Esmail", aliases=["H. E."]))
    dup2 = s.add_entity(qcase, Entity("person", "Esmail Q.", aliases=["E.Q."]))
    src = s.sources(qcase)[0].id
    qf = s.find_entity(qcase, "Qods Force").id
    s.add_assertion(qcase, Assertion(dup2, "leads", qf, evidence=[Evidence(src, 0, 10)], status="accepted"))
    qaani = s.find_entity(qcase, "Esmail Qaani").id
    s.merge(dup1, qaani, who="t", why="x")
    s.merge(dup2, dup1, who="t", why="x")
    canon = {e.id: e for e in s.entities(qcase)}
    rels = s.relations(qcase, status=None)
    for r in rels:
        assert r.subject == canon[r.subject.id] and r.object == canon[r.object.id]
    mine = s.relations(qcase, entity=dup2)
    assert {r.assertion.id for r in mine} == {
        r.assertion.id for r in rels if qaani in (r.subject.id, r.object.id)
    }
    assert all(r.subject.aliases == canon[qaani].aliases for r in mine if r.subject.id == qaani)
    assert {"Haj Esmail", "Esmail Q.", "E.Q.", "H. E."} <= set(canon[qaani].aliases)
