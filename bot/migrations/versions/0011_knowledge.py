"""Officers can dismiss an unanswered question (a typo, a one-off) from the knowledge-gap list

Revision ID: 0011_knowledge
Revises: 0010_content_templates
"""
import sqlalchemy as sa
from alembic import op

import bot.models.base

revision = "0011_knowledge"
down_revision = "0010_content_templates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unanswered_queries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dismissed_at", bot.models.base.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Dismissed entries come back on the list."""
    with op.batch_alter_table("unanswered_queries", schema=None) as batch_op:
        batch_op.drop_column("dismissed_at")
