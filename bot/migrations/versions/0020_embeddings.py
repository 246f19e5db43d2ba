"""The semantic ranker's vectors, cached by text hash so an index rebuild encodes only changed texts;
an article's twin (the same article in the other language), so search lists one of the two

Revision ID: 0020_embeddings
Revises: 0013_priority
"""
import sqlalchemy as sa
from alembic import op

revision = "0020_embeddings"
down_revision = "0019_complaints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "knowledge_embeddings",
        sa.Column("text_hash", sa.String(length=40), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("text_hash", name=op.f("pk_knowledge_embeddings")),
    )
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("twin", sa.String(length=120), server_default="", nullable=False))


def downgrade() -> None:
    """The next index build encodes every text again; twins are listed side by side again."""
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.drop_column("twin")
    op.drop_table("knowledge_embeddings")
