"""New activity and saved replies: how far each officer has read each ticket; the office's saved replies

Revision ID: 0015_activity
Revises: 0013_priority

The inbox had no unread marker: officers could not tell which tickets the citizen had written on since they
last looked. ``ticket_reads`` keeps, per officer and ticket, the newest message id shown on the ticket's page.
``saved_replies`` holds texts the office sends often, with ``{nama}``, ``{tiket}`` and ``{tenggat}`` filled
per ticket when an officer picks one.
"""
import sqlalchemy as sa
from alembic import op

from bot.models.base import UTCDateTime

revision = "0015_activity"
down_revision = "0014_media"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_reads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("seen_message_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"],
                                name=op.f("fk_ticket_reads_consultation_id_consultations")),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"], name=op.f("fk_ticket_reads_officer_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_reads")),
        sa.UniqueConstraint("officer_id", "consultation_id", name=op.f("uq_ticket_reads_officer_id_consultation_id")),
    )
    with op.batch_alter_table("ticket_reads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_reads_consultation_id"), ["consultation_id"], unique=False)
    op.create_table(
        "saved_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["updated_by_id"], ["officers.id"],
                                name=op.f("fk_saved_replies_updated_by_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_replies")),
        sa.UniqueConstraint("title", name=op.f("uq_saved_replies_title")),
    )


def downgrade() -> None:
    op.drop_table("saved_replies")
    with op.batch_alter_table("ticket_reads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_reads_consultation_id"))
    op.drop_table("ticket_reads")
