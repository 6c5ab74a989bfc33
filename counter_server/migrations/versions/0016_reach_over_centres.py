"""Several centres in one database: a manager may cover other centres than their own
(user_centres) or the whole province (users.whole_province); an administrator of the whole
province adds centres.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 02:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as users:
        users.add_column(sa.Column('whole_province', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        'user_centres',
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('centre_id', sa.Integer(), sa.ForeignKey('centres.id', ondelete='CASCADE'), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table('user_centres')
    with op.batch_alter_table('users') as users:
        users.drop_column('whole_province')
