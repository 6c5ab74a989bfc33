"""dossiers: dossiers received at the counter, their daily code sequence per centre, and each
centre's agency code and dossier code format

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 11:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None
UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('centres') as centres:
        centres.add_column(sa.Column('agency_code', sa.String(40), nullable=False, server_default=''))
        centres.add_column(sa.Column('dossier_code_format', sa.String(80), nullable=False,
                                     server_default='{agency}-{yymmdd}-{seq:04d}'))
    op.create_table(
        'dossier_days',
        sa.Column('centre_id', sa.Integer(), sa.ForeignKey('centres.id'), primary_key=True),
        sa.Column('day', sa.Date(), primary_key=True),
        sa.Column('last_sequence', sa.Integer(), nullable=False),
    )
    op.create_table(
        'dossiers',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('centre_id', sa.Integer(), sa.ForeignKey('centres.id'), nullable=False),
        sa.Column('code', sa.String(80), nullable=False),
        sa.Column('procedure_id', sa.Integer(), sa.ForeignKey('procedures.id'), nullable=False),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('tickets.id'), nullable=True),
        sa.Column('status', sa.String(24), nullable=False),
        sa.Column('received_at', UTC_TIME, nullable=False),
        sa.Column('received_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('counted_from', sa.Date(), nullable=False),
        sa.Column('due_at', UTC_TIME, nullable=False),
        sa.Column('due_reason', sa.String(500), nullable=False, server_default=''),
        sa.Column('applicant_name', sa.String(200), nullable=False),
        sa.Column('id_number', sa.String(12), nullable=False),
        sa.Column('date_of_birth', sa.Date(), nullable=True),
        sa.Column('phone', sa.String(16), nullable=False),
        sa.Column('address', sa.String(300), nullable=False),
        sa.Column('email', sa.String(200), nullable=False),
        sa.Column('organisation', sa.String(300), nullable=False),
        sa.Column('documents', sa.JSON(), nullable=False),
        sa.Column('sets', sa.Integer(), nullable=False),
        sa.Column('notes', sa.String(2000), nullable=False),
        sa.UniqueConstraint('centre_id', 'code'),
    )
    op.create_index('ix_dossiers_centre_id', 'dossiers', ['centre_id'])


def downgrade() -> None:
    op.drop_index('ix_dossiers_centre_id', table_name='dossiers')
    op.drop_table('dossiers')
    op.drop_table('dossier_days')
    with op.batch_alter_table('centres') as centres:
        centres.drop_column('dossier_code_format')
        centres.drop_column('agency_code')
