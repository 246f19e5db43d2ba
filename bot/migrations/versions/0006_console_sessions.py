"""Console sessions kept on the server (logout and a new password end them)

Revision ID: 0006_console_sessions
Revises: 0005_identity_proof

Until now a console login lived only in the signed cookie: logging out cleared the browser's copy,
but a copied cookie kept working. Existing cookies do not name a row here, so everyone logs in again.
"""
import sqlalchemy as sa
from alembic import op

import bot.models.base

revision = "0006_console_sessions"
down_revision = "0005_identity_proof"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("password_stamp", sa.String(length=16), nullable=False),
        sa.Column("created_at", bot.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", bot.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"], name=op.f("fk_console_sessions_officer_id_officers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_console_sessions_token_hash")),
    )
    with op.batch_alter_table("console_sessions") as batch:
        batch.create_index(batch.f("ix_console_sessions_officer_id"), ["officer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("console_sessions") as batch:
        batch.drop_index(batch.f("ix_console_sessions_officer_id"))
    op.drop_table("console_sessions")
