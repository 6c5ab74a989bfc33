"""counters.paused_at: when the officer paused the counter for a break (nghỉ giữa giờ); empty while
it works. A paused counter calls nobody and the board says so.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 20:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('counters') as counters:
        counters.add_column(sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('counters') as counters:
        counters.drop_column('paused_at')
