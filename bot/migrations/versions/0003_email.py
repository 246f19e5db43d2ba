"""IMAP UIDVALIDITY and UIDs as BIGINT (unsigned 32-bit values overflow INTEGER on PostgreSQL)

Revision ID: 0003_email
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_email"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mailbox_states") as batch:
        batch.alter_column("uidvalidity", type_=sa.BigInteger(), existing_nullable=False)
        batch.alter_column("last_uid", type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("mailbox_states") as batch:
        batch.alter_column("uidvalidity", type_=sa.Integer(), existing_nullable=False)
        batch.alter_column("last_uid", type_=sa.Integer(), existing_nullable=False)
