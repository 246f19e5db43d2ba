"""Officer usernames in lower case, as the login form reads what is typed

Revision ID: 0004_officer_usernames
Revises: 0003_email

``flask officer create Siti`` used to store "Siti", an account nobody could log in to. A username
whose lower-case form is already taken, or shared with an older account, is left as it is (two
accounts cannot become one here).
"""
from alembic import op

revision = "0004_officer_usernames"
down_revision = "0003_email"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE officers SET username = lower(username) WHERE username <> lower(username) "
               "AND lower(username) NOT IN (SELECT username FROM officers) "
               "AND id = (SELECT min(o.id) FROM officers o WHERE lower(o.username) = lower(officers.username))")


def downgrade() -> None:
    """Nothing to undo: the old spelling is not kept, and lower case works with the old code too."""
