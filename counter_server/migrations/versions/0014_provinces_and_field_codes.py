"""centres.province: the province whose table of council-set fees applies; fields.national_code:
the field's code in the national procedure database; procedures.ticketable: false where the desk
does not receive the procedure

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 17:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('centres') as centres:
        centres.add_column(sa.Column('province', sa.String(40), nullable=False, server_default=''))
    with op.batch_alter_table('fields') as fields:
        fields.add_column(sa.Column('national_code', sa.String(40), nullable=False, server_default=''))
    with op.batch_alter_table('procedures') as procedures:
        procedures.add_column(sa.Column('ticketable', sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table('procedures') as procedures:
        procedures.drop_column('ticketable')
    with op.batch_alter_table('fields') as fields:
        fields.drop_column('national_code')
    with op.batch_alter_table('centres') as centres:
        centres.drop_column('province')
