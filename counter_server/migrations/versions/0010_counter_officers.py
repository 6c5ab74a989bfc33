"""counter_officers: the officers an admin names to a counter (none named: anyone may operate it)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 10:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'counter_officers',
        sa.Column('counter_id', sa.Integer(), sa.ForeignKey('counters.id'), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table('counter_officers')
