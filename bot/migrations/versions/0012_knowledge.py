"""Officers can dismiss an unanswered question (a typo, a one-off) from the knowledge-gap list

Revision ID: 0012_knowledge
Revises: 0008_complaints
"""
import sqlalchemy as sa
from alembic import op

import bot.models.base

revision = "0012_knowledge"
down_revision = "0008_complaints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unanswered_queries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dismissed_at", bot.models.base.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Dismissed entries come back on the list."""
    with op.batch_alter_table("unanswered_queries", schema=None) as batch_op:
        batch_op.drop_column("dismissed_at")
