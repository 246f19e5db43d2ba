"""Consultations carry an officer's priority flag: when it was set and by whom

Revision ID: 0013_priority
Revises: 0012_request_history

A citizen's "tolong cepat, besok pagi" looked like any other ticket. An officer now flags it; the inbox
shows the flag and sorts flagged tickets first within each tab. NULL means not flagged.
"""
import sqlalchemy as sa
from alembic import op

from bot.models.base import UTCDateTime

revision = "0013_priority"
down_revision = "0012_request_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("priority_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_consultations_priority_by_id_officers"), "officers",
                                    ["priority_by_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_consultations_priority_by_id_officers"), type_="foreignkey")
        batch_op.drop_column("priority_by_id")
        batch_op.drop_column("priority_at")
