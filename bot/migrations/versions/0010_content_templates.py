"""WhatsApp Content resources (quick replies, list pickers) created at Twilio, by definition hash

Revision ID: 0010_content_templates
Revises: 0009_request_fields

Several worker processes send buttons; the table lets the first one to need a definition create it at
Twilio and the others reuse its ContentSid. A changed definition has a new hash, hence a new row.
"""
import sqlalchemy as sa
from alembic import op

from bot.models.base import UTCDateTime

revision = "0010_content_templates"
down_revision = "0009_request_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "whatsapp_contents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("friendly_name", sa.String(length=64), nullable=False),
        sa.Column("sid", sa.String(length=34), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_contents")),
        sa.UniqueConstraint("key", name=op.f("uq_whatsapp_contents_key")),
    )


def downgrade() -> None:
    op.drop_table("whatsapp_contents")
