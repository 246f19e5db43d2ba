"""Complaints are handled to the end: a due time, an assignee, the answer sent and who sent it

Revision ID: 0019_complaints
Revises: 0013_priority

Complaints reached nobody: supervisors now work them in the console. Each gets a due time
(``COMPLAINT_DUE`` working days after filing; complaints filed before this revision have none and are
listed first among the new),
an assigned officer, and the answer sent to the citizen with its outbox message. ``updated_at`` is the last
change a supervisor made.
"""
import sqlalchemy as sa
from alembic import op

from bot.models.base import UTCDateTime

revision = "0019_complaints"
down_revision = "0018_skm"
branch_labels = None
depends_on = None

FOREIGN = (("assigned_officer_id", "officers"), ("responded_by_id", "officers"), ("response_message_id", "messages"))


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("assigned_officer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("response", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("responded_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("responded_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("response_message_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_complaints_due_at"), ["due_at"], unique=False)
        for column, table in FOREIGN:
            batch_op.create_foreign_key(batch_op.f(f"fk_complaints_{column}_{table}"), table, [column], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        for column, table in FOREIGN:
            batch_op.drop_constraint(batch_op.f(f"fk_complaints_{column}_{table}"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_complaints_due_at"))
        for column in ("updated_at", "response_message_id", "responded_by_id", "responded_at", "response",
                       "assigned_officer_id", "due_at"):
            batch_op.drop_column(column)
