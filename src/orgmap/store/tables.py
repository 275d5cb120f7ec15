"""The store's tables (SQLAlchemy Core). Alembic migrations build exactly these.

Every table a module needs lives here, so that SQL has one home: the Store API in
``orgmap.store`` (``api`` with its ``writes_*`` and ``reads*`` mixins) is the only code that queries them.

>>> sorted(metadata.tables)[:6]
['aliases', 'assertions', 'cases', 'entities', 'evidence', 'hypotheses']
>>> [c.name for c in assertions.c][:5]
['id', 'case_id', 'key', 'subject_id', 'predicate']
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# key/value facts about the store itself: {"application": "orgmap", ...}
meta = sa.Table(
    "orgmap_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("description", sa.Text, nullable=False, default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key", sa.String(200), nullable=False, default=""),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("author", sa.Text, nullable=False, default=""),
    sa.Column("publisher", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.String(32), nullable=False, default=""),
    sa.Column("origin", sa.Text, nullable=False, default=""),
    sa.Column("kind", sa.String(32), nullable=False, default="document"),
    sa.Column("reliability", sa.String(1), nullable=False, default="F"),
    sa.Column("media_type", sa.String(100), nullable=False, default="text/plain"),
    sa.Column("metadata", sa.JSON, nullable=False, default=dict),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("case_id", "content_hash", name="uq_sources_case_hash"),
)

passages = sa.Table(
    "passages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.UniqueConstraint("source_id", "idx", name="uq_passages_source_idx"),
)

informants = sa.Table(
    "informants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key", sa.String(200), nullable=False, default=""),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False, default="unnamed"),
    sa.Column("reliability", sa.String(1), nullable=False, default="F"),
    sa.Column("description", sa.Text, nullable=False, default=""),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key", sa.String(200), nullable=False, default=""),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("attributes", sa.JSON, nullable=False, default=dict),
    # derived from merge/unmerge judgements; the judgement log is the record
    sa.Column("merged_into", sa.ForeignKey("entities.id"), nullable=True, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("normalized", sa.String(400), nullable=False, index=True),
    sa.UniqueConstraint("entity_id", "normalized", name="uq_aliases_entity_norm"),
)

assertions = sa.Table(
    "assertions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key", sa.String(200), nullable=False, default=""),
    sa.Column("subject_id", sa.ForeignKey("entities.id"), nullable=False, index=True),
    sa.Column("predicate", sa.String(64), nullable=True, index=True),
    sa.Column("object_id", sa.ForeignKey("entities.id"), nullable=True, index=True),
    sa.Column("attribution", sa.Text, nullable=False, default=""),
    sa.Column("informant_id", sa.ForeignKey("informants.id"), nullable=True),
    sa.Column("modality", sa.String(16), nullable=False, default="asserted"),
    sa.Column("valid_from", sa.Date, nullable=True),
    sa.Column("valid_to", sa.Date, nullable=True),
    sa.Column("valid_text", sa.Text, nullable=False, default=""),
    # "" (on that day), "after" or "before" (orgmap.validtime); migration 0005
    sa.Column("valid_from_bound", sa.String(8), nullable=False, default="", server_default=""),
    sa.Column("valid_to_bound", sa.String(8), nullable=False, default="", server_default=""),
    sa.Column("reported_on", sa.Date, nullable=True),
    sa.Column("reliability", sa.String(1), nullable=False, default="F"),
    sa.Column("credibility", sa.String(1), nullable=False, default="6"),
    sa.Column("status", sa.String(16), nullable=False, default="candidate", index=True),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("origin", sa.String(16), nullable=False, default="curated"),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("supersedes", sa.ForeignKey("assertions.id"), nullable=True),
    # a kind of the relation type (vocabulary.yaml ``qualifiers``: family, ownership, ...); NULL when unstated
    sa.Column("qualifier", sa.String(32), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # statement + evidence spans (orgmap.store.rows.assertion_fingerprint): one assertion per case and fingerprint
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Index("uq_assertions_case_fingerprint", "case_id", "fingerprint", unique=True),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("assertion_id", sa.ForeignKey("assertions.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("source_id", sa.ForeignKey("sources.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
)

judgements = sa.Table(
    "judgements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("target_kind", sa.String(32), nullable=False),
    sa.Column("target_id", sa.Integer, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False, default=dict),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("why", sa.Text, nullable=False, default=""),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_judgements_target", "target_kind", "target_id"),
)

hypotheses = sa.Table(
    "hypotheses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
    # "source": a source argues it; "analyst": the analysts' own, ranked apart (migration 0005)
    sa.Column("origin", sa.String(16), nullable=False, default="source", server_default="source"),
    sa.UniqueConstraint("case_id", "key", name="uq_hypotheses_case_key"),
)

hypothesis_items = sa.Table(
    "hypothesis_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False, default=""),
    sa.Column("assertion_id", sa.ForeignKey("assertions.id"), nullable=True),
    sa.Column("source_id", sa.ForeignKey("sources.id"), nullable=True),
    sa.Column("informant_id", sa.ForeignKey("informants.id"), nullable=True),
    sa.Column("credibility", sa.String(1), nullable=False, default="6"),
    sa.Column("relevance", sa.String(16), nullable=False, default="medium"),
    sa.UniqueConstraint("case_id", "key", name="uq_hypothesis_items_case_key"),
)

# quoted spans behind a free-text ACH item (an item tied to an assertion uses its evidence)
item_evidence = sa.Table(
    "item_evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "item_id", sa.ForeignKey("hypothesis_items.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("source_id", sa.ForeignKey("sources.id"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
)

ratings = sa.Table(
    "ratings",
    metadata,
    sa.Column("item_id", sa.ForeignKey("hypothesis_items.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("hypothesis_id", sa.ForeignKey("hypotheses.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("rating", sa.String(2), nullable=False),
)

# what-if and simulation scenario files kept with their case, so that any case (not only
# those shipped with orgmap) gets the full briefing (migration 0005)
scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # whatif | simulate
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("case_id", "kind", "name", name="uq_scenarios_case_kind_name"),
)

# what the web app derives from a case and keeps so that a fresh process need not compute it
# again (communities, node sizes): keyed by what it was computed from, valid only while the
# case's signature (Store.case_signature) is the one recorded (migration 0007)
summaries = sa.Table(
    "summaries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("case_id", sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("signature", sa.String(200), nullable=False),
    sa.Column("value", sa.JSON, nullable=False),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("case_id", "kind", "key", name="uq_summaries_case_kind_key"),
)
