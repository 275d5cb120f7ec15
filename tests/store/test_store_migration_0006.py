"""Migration 0006: open valid-time bounds and a hypothesis's origin, on a store from before them.

Rows written at revision 0005 keep their meaning ("on that day", "a source argues it") and
their fingerprints; the new columns round-trip; bad bounds are refused with one line.
"""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command

from orgmap.model import Assertion, Entity, Evidence, Hypothesis, Source
from orgmap.store import Store, StoreError
from orgmap.store.engine import _alembic_config
from orgmap.store.rows import assertion_fingerprint


def _case(store):
    case = store.ensure_case("c")
    sid = store.add_source(case, Source(text="Ann leads Acme. Bob leads Acme."))
    ann = store.add_entity(case, Entity("person", "Ann"))
    acme = store.add_entity(case, Entity("organization", "Acme"))
    return case, sid, ann, acme


def test_rows_from_0005_keep_their_meaning_and_fingerprint(db_url):
    store = Store.open(db_url, create=True)
    case, sid, ann, acme = _case(store)
    aid = store.add_assertion(
        case, Assertion(ann, "leads", acme, evidence=[Evidence(sid, 0, 15)], valid_from=date(2020, 1, 3))
    )
    store.add_hypothesis(case, Hypothesis("Ann runs Acme", "h1"))
    store.close()
    engine = sa.create_engine(db_url if "://" in db_url else f"sqlite:///{db_url}")
    with engine.connect() as conn:
        command.downgrade(_alembic_config(conn), "0005")
        conn.commit()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("assertions")}
        assert "valid_from_bound" not in columns
        old_fp = conn.scalar(sa.text("SELECT fingerprint FROM assertions WHERE id = :i"), {"i": aid})
    engine.dispose()
    store = Store.open(db_url)  # migrates to head
    a = store.assertion(aid)
    assert (a.valid_from, a.valid_from_bound, a.valid_to_bound) == (date(2020, 1, 3), "", "")
    assert a.period == "from 2020-01-03"
    assert store.hypotheses(case)[0].origin == "source"
    values = {k: getattr(a, k) for k in vars(a)}
    assert assertion_fingerprint(values, [(sid, 0, 15)]) == old_fp
    store.close()


def test_open_bounds_round_trip_and_bad_bounds_are_refused(db_url):
    store = Store.open(db_url, create=True)
    case, sid, ann, acme = _case(store)
    after = Assertion(
        ann,
        "leads",
        acme,
        evidence=[Evidence(sid, 0, 15)],
        valid_from=date(2020, 1, 3),
        valid_from_bound="after",
        valid_to=date(2024, 12, 31),
        valid_to_bound="before",
    )
    aid = store.add_assertion(case, after)
    got = store.assertion(aid)
    assert (got.valid_from_bound, got.valid_to_bound) == ("after", "before")
    assert got.period == "after 2020-01-03 to before 2024-12-31"
    on_the_day = Assertion(
        ann,
        "leads",
        acme,
        evidence=[Evidence(sid, 0, 15)],
        valid_from=date(2020, 1, 3),
        valid_to=date(2024, 12, 31),
    )
    assert store.add_assertion(case, on_the_day) != aid  # another statement, not a repeat
    with pytest.raises(StoreError, match="valid from bound 'since'"):
        store.add_assertion(
            case, Assertion(ann, "leads", acme, evidence=[Evidence(sid, 16, 31)], valid_from_bound="since")
        )
    with pytest.raises(StoreError, match="origin 'essay'"):
        store.add_hypothesis(case, Hypothesis("x", "h9", origin="essay"))
    store.add_hypothesis(case, Hypothesis("Bob runs Acme", "h2", origin="analyst"))
    assert [h.origin for h in store.hypotheses(case)] == ["analyst"]
    store.close()
