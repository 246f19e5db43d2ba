"""Complaints get a reference (ADU-2026-000012), their conversation and four statuses

Revision ID: 0008_complaints
Revises: 0007_personal_data

The reference comes from the ticket counters, which now count per series (``PST`` tickets, ``ADU``
complaints) and year; existing counters are the ``PST`` series. A complaint keeps its conversation so that
one filed before registration is linked to the citizen when registration completes. The old status
"handled" becomes "closed". Complaints filed before this revision keep a NULL reference.
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_complaints"
down_revision = "0007_personal_data"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ticket_counters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series", sa.String(length=8), server_default="PST", nullable=False))
        batch_op.drop_constraint("uq_ticket_counters_year", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_ticket_counters_series_year"), ["series", "year"])
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("conversation_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_complaints_reference"), ["reference"])
        batch_op.create_index(batch_op.f("ix_complaints_conversation_id"), ["conversation_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_complaints_conversation_id_conversations"), "conversations",
                                    ["conversation_id"], ["id"])
    op.execute("UPDATE complaints SET status = 'closed' WHERE status = 'handled'")


def downgrade() -> None:
    """Complaint references and the complaint counters are dropped; ticket counters keep their numbers."""
    op.execute("UPDATE complaints SET status = 'handled' WHERE status IN ('in_progress', 'answered', 'closed')")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_complaints_conversation_id_conversations"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_complaints_conversation_id"))
        batch_op.drop_constraint(batch_op.f("uq_complaints_reference"), type_="unique")
        batch_op.drop_column("conversation_id")
        batch_op.drop_column("reference")
    op.execute("DELETE FROM ticket_counters WHERE series <> 'PST'")
    with op.batch_alter_table("ticket_counters", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_ticket_counters_series_year"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_ticket_counters_year"), ["year"])
        batch_op.drop_column("series")
