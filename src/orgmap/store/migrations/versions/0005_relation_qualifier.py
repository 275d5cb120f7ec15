"""relation qualifiers: a nullable ``qualifier`` column on assertions

A relation can carry a kind of its type that the text makes explicit (vocabulary.yaml
``qualifiers``: ``personal_tie`` family or associate, ``manages`` ownership or
direction). Existing assertions get NULL (the text's kind not recorded); their
fingerprints are unchanged, since a qualifier joins the fingerprint only when set.

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
    op.add_column("assertions", sa.Column("qualifier", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assertions") as batch:
        batch.drop_column("qualifier")
