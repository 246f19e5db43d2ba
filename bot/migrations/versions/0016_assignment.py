"""Assignment rules and visible records: supervisor opt-in, handovers, article versions

Revision ID: 0016_assignment
Revises: 0013_priority

Round-robin handed every ticket out at any hour and to supervisors too; transfers left no trace and two
officers editing one article overwrote each other. Supervisors now opt in to round-robin
(``officers.supervisor_opt_in``); every change of hands is a ``handovers`` row (kind, who, from, to, reason,
seen by the receiver); knowledge articles carry a ``version`` bumped by each save and who saved last.
"""
import sqlalchemy as sa
from alembic import op

from bot.models.base import UTCDateTime

revision = "0016_assignment"
down_revision = "0015_activity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supervisor_opt_in", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("updated_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_knowledge_articles_updated_by_id_officers"), "officers",
                                    ["updated_by_id"], ["id"])
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("by_officer_id", sa.Integer(), nullable=True),
        sa.Column("from_officer_id", sa.Integer(), nullable=True),
        sa.Column("to_officer_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"],
                                name=op.f("fk_handovers_consultation_id_consultations")),
        sa.ForeignKeyConstraint(["by_officer_id"], ["officers.id"], name=op.f("fk_handovers_by_officer_id_officers")),
        sa.ForeignKeyConstraint(["from_officer_id"], ["officers.id"],
                                name=op.f("fk_handovers_from_officer_id_officers")),
        sa.ForeignKeyConstraint(["to_officer_id"], ["officers.id"], name=op.f("fk_handovers_to_officer_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handovers_consultation_id"), ["consultation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_handovers_to_officer_id"), ["to_officer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handovers_to_officer_id"))
        batch_op.drop_index(batch_op.f("ix_handovers_consultation_id"))
    op.drop_table("handovers")
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_knowledge_articles_updated_by_id_officers"), type_="foreignkey")
        batch_op.drop_column("updated_by_id")
        batch_op.drop_column("version")
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_column("supervisor_opt_in")
