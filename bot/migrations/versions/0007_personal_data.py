"""Personal data: consents, access log, erasure marks

Revision ID: 0007_personal_data
Revises: 0006_console_sessions

UU 27/2022: the consent to each version of the privacy notice, the log of staff access to a
citizen's data, and marks of what the erasure or the retention sweep has already anonymised.
"""
from alembic import op
import sqlalchemy as sa
import bot.models.base


revision = '0007_personal_data'
down_revision = '0006_console_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=True),
    sa.Column('notice_version', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('given_at', bot.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizens.id'], name=op.f('fk_consents_citizen_id_citizens')),
    sa.ForeignKeyConstraint(['identity_id'], ['channel_identities.id'], name=op.f('fk_consents_identity_id_channel_identities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consents_identity_id'), ['identity_id'], unique=False)

    op.create_table('access_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', bot.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=True),
    sa.Column('conversation_id', sa.Integer(), nullable=True),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizens.id'], name=op.f('fk_access_log_citizen_id_citizens')),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_access_log_consultation_id_consultations')),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_access_log_conversation_id_conversations')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_access_log_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_log'))
    )
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_log_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_log_officer_id'), ['officer_id'], unique=False)

    with op.batch_alter_table('citizens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', bot.models.base.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', bot.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_conversations_anonymised_at'), ['anonymised_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_anonymised_at'))
        batch_op.drop_column('anonymised_at')

    with op.batch_alter_table('citizens', schema=None) as batch_op:
        batch_op.drop_column('erased_at')

    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_log_officer_id'))
        batch_op.drop_index(batch_op.f('ix_access_log_citizen_id'))
        batch_op.drop_index(batch_op.f('ix_access_log_at'))

    op.drop_table('access_log')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_identity_id'))
        batch_op.drop_index(batch_op.f('ix_consents_citizen_id'))

    op.drop_table('consents')
