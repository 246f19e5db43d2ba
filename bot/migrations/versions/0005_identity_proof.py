"""Phones typed on e-mail kept apart as unverified; verification events for the code-mail limits

Revision ID: 0005_identity_proof
Revises: 0004_officer_usernames

``citizens.phone`` now holds only a number the channel proved (the WhatsApp sender), because it
is what recognises a person. A phone that no WhatsApp (or terminal) identity of the same citizen
writes from was typed on e-mail: it moves to ``unverified_phone``, where it links nobody.
"""
import sqlalchemy as sa
from alembic import op

import bot.models.base

revision = "0005_identity_proof"
down_revision = "0004_officer_usernames"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("citizens") as batch:
        batch.add_column(sa.Column("unverified_phone", sa.String(length=20), nullable=True))
    op.execute("UPDATE citizens SET unverified_phone = phone WHERE phone IS NOT NULL AND NOT EXISTS ("
               "SELECT 1 FROM channel_identities i WHERE i.citizen_id = citizens.id "
               "AND i.channel IN ('whatsapp', 'terminal') AND i.address = citizens.phone)")
    op.execute("UPDATE citizens SET phone = NULL WHERE unverified_phone IS NOT NULL")
    op.create_table(
        "verification_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("created_at", bot.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["identity_id"], ["channel_identities.id"],
                                name=op.f("fk_verification_events_identity_id_channel_identities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_events")))
    with op.batch_alter_table("verification_events") as batch:
        batch.create_index("ix_verification_events_address_at", ["address", "created_at"], unique=False)
        batch.create_index("ix_verification_events_identity_at", ["identity_id", "created_at"], unique=False)


def downgrade() -> None:
    """Typed phones go back into ``phone`` where no one holds that number (it is unique there)."""
    op.drop_table("verification_events")
    op.execute("UPDATE citizens SET phone = unverified_phone WHERE phone IS NULL AND unverified_phone IS NOT NULL "
               "AND unverified_phone NOT IN (SELECT c.phone FROM citizens c WHERE c.phone IS NOT NULL) "
               "AND id = (SELECT min(c.id) FROM citizens c WHERE c.unverified_phone = citizens.unverified_phone)")
    with op.batch_alter_table("citizens") as batch:
        batch.drop_column("unverified_phone")
