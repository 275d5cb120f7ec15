"""open valid-time bounds ("after X", "before Y") and who states a hypothesis

Two columns on ``assertions``: ``valid_from_bound`` and ``valid_to_bound``, each "" (on
that day, as every earlier row meant), "after" or "before" (orgmap.validtime). One column
on ``hypotheses``: ``origin``, "source" (a source argues it, as every earlier row meant)
or "analyst" (the analysts' own; ranked apart in ACH).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_from_bound", sa.String(8), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("valid_to_bound", sa.String(8), nullable=False, server_default=""))
    with op.batch_alter_table("hypotheses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="source"))


def downgrade() -> None:
    with op.batch_alter_table("hypotheses", schema=None) as batch_op:
        batch_op.drop_column("origin")
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.drop_column("valid_to_bound")
        batch_op.drop_column("valid_from_bound")
