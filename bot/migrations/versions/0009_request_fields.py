"""Consultations keep the kind of request (data, classification, concept, service, other)

Revision ID: 0009_request_fields
Revises: 0008_complaints

The request is confirmed by the citizen before a ticket opens and kept as structured fields: the question
in the citizen's words, its kind, data, area, period and purpose. Only the kind is new; tickets opened before
this revision keep a NULL kind (the console shows "–").
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_request_fields"
down_revision = "0008_complaints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_type", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_column("request_type")
