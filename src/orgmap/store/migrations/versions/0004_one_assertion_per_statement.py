"""one assertion per statement and evidence: a fingerprint column and a unique index

Two writers at once (two ingests of one folder, an import run twice) stored every
assertion twice. Each assertion now carries the SHA-256 of its statement and evidence
spans, unique per case. A store that already holds duplicates is deduplicated first:
the earliest assertion of each group is kept, the others' judgements, hypothesis items
and supersedes links move to it, it takes the status of the group's latest decision,
and the others (with their evidence) are deleted. What was removed is logged as a
warning and noted in ``orgmap_meta`` (key ``migration_0004``).

Revision ID: 0004
Revises: 0002
"""

import hashlib
import json
import logging
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

# frozen copy of orgmap.store.rows.assertion_fingerprint as of this revision (a test keeps them equal)
FIELDS = (
    "key",
    "subject_id",
    "predicate",
    "object_id",
    "attribution",
    "informant_id",
    "modality",
    "valid_from",
    "valid_to",
    "valid_text",
    "supersedes",
)
STATUS_OF = {"accept": "accepted", "reject": "rejected", "reopen": "candidate", "edit": "rejected"}


def fingerprint(values, spans) -> str:
    def plain(v):
        return v.isoformat() if isinstance(v, date) else v

    statement = [plain(values.get(k)) for k in FIELDS]
    key = json.dumps(
        [statement, sorted({tuple(int(x) for x in s) for s in spans})],
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def _tables(conn):
    md = sa.MetaData()
    return {
        name: sa.Table(name, md, autoload_with=conn)
        for name in ("assertions", "evidence", "judgements", "hypothesis_items", "orgmap_meta")
    }


def _fill(conn, t) -> dict:
    """Write every assertion's fingerprint; returns {(case_id, fingerprint): [ids, earliest first]}."""
    a, e = t["assertions"], t["evidence"]
    spans = defaultdict(list)
    for row in conn.execute(sa.select(e.c.assertion_id, e.c.source_id, e.c.start, e.c.end)):
        spans[row.assertion_id].append((row.source_id, row.start, row.end))
    groups = defaultdict(list)
    updates = []
    for row in conn.execute(sa.select(a).order_by(a.c.id)).mappings():
        fp = fingerprint(row, spans.get(row["id"], []))
        groups[(row["case_id"], fp)].append(row["id"])
        updates.append({"b_id": row["id"], "b_fp": fp})
    for first in range(0, len(updates), 5000):
        conn.execute(
            sa.update(a).where(a.c.id == sa.bindparam("b_id")).values(fingerprint=sa.bindparam("b_fp")),
            updates[first : first + 5000],
        )
    return groups


def _dedupe(conn, t, groups: dict) -> int:
    a, e, j, items = t["assertions"], t["evidence"], t["judgements"], t["hypothesis_items"]
    removed = 0
    for ids in groups.values():
        if len(ids) < 2:
            continue
        keep, dups = ids[0], ids[1:]
        last = conn.execute(
            sa.select(j.c.action)
            .where(j.c.target_kind == "assertion", j.c.target_id.in_(ids), j.c.action.in_(list(STATUS_OF)))
            .order_by(j.c.id.desc())
            .limit(1)
        ).scalar()
        conn.execute(
            sa.update(j).where(j.c.target_kind == "assertion", j.c.target_id.in_(dups)).values(target_id=keep)
        )
        conn.execute(sa.update(items).where(items.c.assertion_id.in_(dups)).values(assertion_id=keep))
        conn.execute(sa.update(a).where(a.c.supersedes.in_(dups)).values(supersedes=keep))
        if last is not None:
            conn.execute(sa.update(a).where(a.c.id == keep).values(status=STATUS_OF[last]))
        conn.execute(sa.delete(e).where(e.c.assertion_id.in_(dups)))
        conn.execute(sa.delete(a).where(a.c.id.in_(dups)))
        removed += len(dups)
    return removed


def upgrade() -> None:
    op.add_column(
        "assertions", sa.Column("fingerprint", sa.String(length=64), nullable=False, server_default="")
    )
    conn = op.get_bind()
    t = _tables(conn)
    removed = _dedupe(conn, t, _fill(conn, t))
    if removed:
        note = (
            f"removed {removed} duplicated assertion(s): kept the earliest of each group, moved the "
            "others' judgements, hypothesis items and supersedes links to it"
        )
        logging.getLogger("orgmap.migrations").warning("orgmap store migration 0004: %s", note)
        conn.execute(sa.insert(t["orgmap_meta"]).values(key="migration_0004", value=note))
    if conn.dialect.name != "sqlite":  # SQLite cannot drop a default without rebuilding the table
        op.alter_column("assertions", "fingerprint", server_default=None)
    op.create_index("uq_assertions_case_fingerprint", "assertions", ["case_id", "fingerprint"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_assertions_case_fingerprint", table_name="assertions")
    op.drop_column("assertions", "fingerprint")
    op.execute(sa.text("DELETE FROM orgmap_meta WHERE key = 'migration_0004'"))
