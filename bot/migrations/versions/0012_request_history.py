"""Officers correct a ticket's request; every changed field is kept as a history row

Revision ID: 0012_request_history
Revises: 0011_knowledge

The request the citizen confirmed (question, type, data, area, period, purpose) is often not what they
meant; officers fix it in the console. Each changed field is one row (who, when, field, old, new); the
newest row's id is the request's version, so a save based on an older version is refused.
"""
import sqlalchemy as sa
from alembic import op

from bot.models.base import UTCDateTime

revision = "0012_request_history"
down_revision = "0011_knowledge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"],
                                name=op.f("fk_request_changes_consultation_id_consultations")),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"], name=op.f("fk_request_changes_officer_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_changes")),
    )
    with op.batch_alter_table("request_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_changes_consultation_id"), ["consultation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("request_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_changes_consultation_id"))
    op.drop_table("request_changes")
