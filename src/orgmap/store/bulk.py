"""Bulk loading: many assertions with their evidence, or many entities with their aliases, in one
transaction, fast.

:func:`bulk_add_entities` adds entities like ``Store.add_entity`` does (type checked, the
name and the aliases stored as aliases, one per normalized form) with one insert per
table instead of two statements and a query per entity; it returns the new ids in order.

:func:`bulk_add_assertions` checks every assertion like ``Store.add_assertions`` does
(vocabulary, grades, status, at least one evidence span inside its source) but writes
in chunks with ``executemany`` on SQLite and ``COPY`` on PostgreSQL, reserving a block
of ids up front instead of reading each id back, then refreshes the query planner's
statistics (``ANALYZE``). All or nothing: a bad assertion anywhere, or an error mid-way,
leaves the store unchanged.

>>> from orgmap.store import Store
>>> from orgmap.model import Assertion, Entity, Evidence, Source
>>> store = Store.open(":memory:")
>>> case = store.ensure_case("c")
>>> src = store.add_source(case, Source(text="Ann leads Acme."))
>>> ann, acme = (store.add_entity(case, Entity(t, n)) for t, n in [("person", "Ann"), ("organization", "Acme")])
>>> same = Assertion(ann, "leads", acme, evidence=[Evidence(src, 0, 15)])
>>> bulk_add_assertions(store, case, [same, same, Assertion(acme, evidence=[Evidence(src, 10, 14)])])
2
>>> bulk_add_assertions(store, case, [same])  # already stored: one assertion per statement and evidence
0
>>> len(store.relations(case, status="candidate"))
1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from orgmap.model import Assertion, Entity
from orgmap.store import tables as t
from orgmap.store.engine import StoreError
from orgmap.store.rows import assertion_fingerprint

if TYPE_CHECKING:
    from orgmap.store.api import Store

__all__ = ["bulk_add_assertions", "bulk_add_entities"]

_COLUMNS = [c.name for c in t.assertions.c]
_EV_COLUMNS = ["id", "assertion_id", "source_id", "start", "end", "quote"]
_FINGERPRINT_INDEX = "uq_assertions_case_fingerprint"
_REBUILD_INDEX_AT = 50_000  # SQLite: from this many rows, drop the fingerprint index and build it once after


def _reserve(conn: sa.Connection, table: sa.Table, n: int) -> int:
    """The first of ``n`` consecutive free ids of ``table`` (the caller holds the write lock)."""
    if conn.dialect.name == "postgresql":
        seq = conn.scalar(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
        start = conn.execute(
            sa.text(
                f"SELECT GREATEST(COALESCE(MAX(id), 0), (SELECT last_value FROM {seq})) + 1 FROM {table.name}"
            )
        ).scalar_one()
        conn.execute(sa.text("SELECT setval(:s, :v)"), {"s": seq, "v": start + n - 1})
        return int(start)
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()) + 1


def _copy(conn: sa.Connection, table: sa.Table, columns: list[str], rows: list[tuple]) -> None:
    raw = conn.connection.driver_connection  # psycopg 3 connection
    assert raw is not None, "the connection is open"
    cols = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _insert(conn: sa.Connection, table: sa.Table, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, columns, rows)
        return
    # plain executemany with the dialect's own value conversions (dates as SQLAlchemy stores them)
    procs = [
        (i, p)
        for i, name in enumerate(columns)
        if (p := table.c[name].type.bind_processor(conn.dialect)) is not None
    ]
    if procs:
        converted = []
        for row in rows:
            values = list(row)
            for i, p in procs:
                values[i] = p(values[i])
            converted.append(tuple(values))
        rows = converted
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})', rows)


def bulk_add_entities(store: Store, case_id: int, entities: Iterable[Entity]) -> list[int]:
    """Add entities with their aliases in one transaction; returns their ids, in order.

    >>> from orgmap.store import Store
    >>> store = Store.open(":memory:")
    >>> case = store.ensure_case("c")
    >>> ids = bulk_add_entities(store, case, [Entity("person", "Ann", aliases=["ann", "A. Smith"])])
    >>> sorted(store.entity(ids[0]).aliases)
    ['A. Smith']
    """
    from orgmap.names import normalize_name
    from orgmap.store.api import now

    batch = list(entities)
    for e in batch:
        store.schema.entity_type(e.type)
    if not batch:
        return []
    stamp = now()
    with store.transaction():
        conn = store._conn
        assert conn is not None
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("LOCK TABLE entities, aliases IN SHARE ROW EXCLUSIVE MODE"))
        first = _reserve(conn, t.entities, len(batch))
        ids = list(range(first, first + len(batch)))
        alias_rows = []
        for eid, e in zip(ids, batch):
            seen = set()
            for name in (e.name, *e.aliases):
                norm = normalize_name(name)
                if norm and norm not in seen:
                    seen.add(norm)
                    alias_rows.append({"entity_id": eid, "alias": name, "normalized": norm})
        next_alias = _reserve(conn, t.aliases, len(alias_rows))
        conn.execute(
            sa.insert(t.entities),
            [
                {
                    "id": eid,
                    "case_id": case_id,
                    "key": e.key,
                    "type": e.type,
                    "name": e.name,
                    "attributes": e.attributes,
                    "merged_into": None,
                    "created_at": stamp,
                }
                for eid, e in zip(ids, batch)
            ],
        )
        if alias_rows:
            conn.execute(
                sa.insert(t.aliases), [{**row, "id": next_alias + i} for i, row in enumerate(alias_rows)]
            )
    return ids


def bulk_add_assertions(
    store: Store,
    case_id: int,
    assertions: Iterable[Assertion],
    *,
    chunk: int = 20000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add assertions (with evidence) in one transaction; returns how many were new. Ids are not returned.

    Like ``Store.add_assertions`` the case keeps one assertion per statement and evidence
    spans: repeats, in ``assertions`` or already stored, are skipped.
    """
    from orgmap.store.api import now

    batch = list(assertions)
    texts: dict[int, str] = {}
    stamp = now()
    with store.transaction():
        conn = store._conn
        assert conn is not None
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("LOCK TABLE assertions, evidence IN SHARE ROW EXCLUSIVE MODE"))
        seen = set(
            conn.scalars(sa.select(t.assertions.c.fingerprint).where(t.assertions.c.case_id == case_id))
        )
        rebuild = conn.dialect.name == "sqlite" and len(batch) >= _REBUILD_INDEX_AT
        if rebuild:  # one sorted index build after the load beats a random insert per row
            conn.exec_driver_sql(f"DROP INDEX {_FINGERPRINT_INDEX}")
        n_ev = sum(len(a.evidence) for a in batch)
        next_a = _reserve(conn, t.assertions, len(batch))
        next_e = _reserve(conn, t.evidence, n_ev)
        written = 0
        for first in range(0, len(batch), chunk):
            rows, ev_rows = [], []
            for a in batch[first : first + chunk]:
                values = store._assertion_values(case_id, a)
                values.update(id=next_a, created_at=stamp)
                values["fingerprint"] = fp = assertion_fingerprint(
                    values, [(ev.source_id, ev.start, ev.end) for ev in a.evidence]
                )
                spans = []
                for ev in a.evidence:
                    if ev.source_id not in texts:
                        texts[ev.source_id] = store.source(ev.source_id).text
                    text = texts[ev.source_id]
                    if not 0 <= ev.start < ev.end <= len(text):
                        raise StoreError(
                            f"evidence span {ev.start}:{ev.end} is outside source {ev.source_id}"
                        )
                    spans.append((ev.source_id, ev.start, ev.end))
                if fp in seen:
                    continue
                seen.add(fp)
                rows.append(tuple(values[c] for c in _COLUMNS))
                for source_id, start, end in spans:
                    ev_rows.append((next_e, next_a, source_id, start, end, texts[source_id][start:end]))
                    next_e += 1
                next_a += 1
            written += len(rows)
            _insert(conn, t.assertions, _COLUMNS, rows)
            _insert(conn, t.evidence, _EV_COLUMNS, ev_rows)
            if progress:
                progress(len(batch[first : first + chunk]))
        if rebuild:  # repeats were skipped above, and this transaction is the only writer
            conn.exec_driver_sql(
                f"CREATE UNIQUE INDEX {_FINGERPRINT_INDEX} ON assertions (case_id, fingerprint)"
            )
        # fresh planner statistics: without them SQLite answers neighbourhood queries by scanning
        # the whole case (ix_assertions_case_id) instead of the subject/object indexes
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("ANALYZE assertions"))
            conn.execute(sa.text("ANALYZE evidence"))
        else:
            conn.exec_driver_sql("ANALYZE")
    return written
