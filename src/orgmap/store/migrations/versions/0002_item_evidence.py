"""quoted spans for free-text ACH evidence items

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["hypothesis_items.id"],
            name=op.f("fk_item_evidence_item_id_hypothesis_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_item_evidence_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_evidence")),
    )
    with op.batch_alter_table("item_evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_evidence_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("item_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_evidence_item_id"))
    op.drop_table("item_evidence")
