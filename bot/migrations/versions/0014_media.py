"""The access log names the file a staff member opened

Revision ID: 0014_media
Revises: 0013_priority

Officers now open citizens' attachments in the console (and send files back). Every opening is an
``open_file`` row in the access log; the new column says which attachment, so a file that was opened
can be told from the ticket page that was viewed. NULL for every other action.
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_media"
down_revision = "0013_priority"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attachment_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_access_log_attachment_id_attachments"), "attachments",
                                    ["attachment_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_access_log_attachment_id_attachments"), type_="foreignkey")
        batch_op.drop_column("attachment_id")
