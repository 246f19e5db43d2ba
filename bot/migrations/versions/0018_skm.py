"""SKM survey answers per service event; the rating question and its reminder marked on the ticket

Revision ID: 0018_skm
Revises: 0013_priority

Issue 17: the quick rating is asked once per ticket and reminded once at most (two timestamps on
consultations), and the full SKM survey (nine elements, optional profile) is kept per service event —
a consultation now, a walk-in visit later — so the IKM report reads one table.
"""
import sqlalchemy as sa
from alembic import op

from bot.models.base import UTCDateTime

revision = "0018_skm"
down_revision = "0016_assignment"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rating_asked_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("rating_reminded_at", UTCDateTime(), nullable=True))
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_kind", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        *(sa.Column(f"u{n}", sa.SmallInteger(), nullable=False) for n in range(1, 10)),
        sa.Column("sex", sa.String(length=8), nullable=True),
        sa.Column("age_band", sa.String(length=8), nullable=True),
        sa.Column("education", sa.String(length=8), nullable=True),
        sa.Column("occupation", sa.String(length=16), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        *(sa.CheckConstraint(f"u{n} BETWEEN 1 AND 4", name=op.f(f"ck_survey_responses_u{n}_range"))
          for n in range(1, 10)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("event_kind", "event_id", name=op.f("uq_survey_responses_event_kind_event_id")),
    )
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_responses_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_responses_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_table("survey_responses")
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_column("rating_reminded_at")
        batch_op.drop_column("rating_asked_at")
