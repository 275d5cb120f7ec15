"""open valid-time bounds ("after X", "before Y") and who states a hypothesis

Two columns on ``assertions``: ``valid_from_bound`` and ``valid_to_bound``, each "" (on
that day, as every earlier row meant), "after" or "before" (orgmap.validtime). One column
on ``hypotheses``: ``origin``, "source" (a source argues it, as every earlier row meant)
or "analyst" (the analysts' own; ranked apart in ACH). A table ``scenarios``: what-if and
simulation scenario files kept with their case (the briefing runs them for any case).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_from_bound", sa.String(8), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("valid_to_bound", sa.String(8), nullable=False, server_default=""))
    with op.batch_alter_table("hypotheses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="source"))
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_scenarios_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenarios")),
        sa.UniqueConstraint("case_id", "kind", "name", name="uq_scenarios_case_kind_name"),
    )
    with op.batch_alter_table("scenarios", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scenarios_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scenarios", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scenarios_case_id"))
    op.drop_table("scenarios")
    with op.batch_alter_table("hypotheses", schema=None) as batch_op:
        batch_op.drop_column("origin")
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.drop_column("valid_to_bound")
        batch_op.drop_column("valid_from_bound")
