"""ticket_figures and report_days: each past ticket's report figures, stored when its day closes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 04:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ticket_figures',
        sa.Column('centre_id', sa.Integer(), sa.ForeignKey('centres.id'), primary_key=True),
        sa.Column('day', sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column('ticket_id', sa.Integer(), sa.ForeignKey('tickets.id'), primary_key=True, autoincrement=False),
        *[sa.Column(name, sa.Integer(), nullable=nullable) for name, nullable in (
            ('hour', False), ('finished_hour', True), ('field_id', False), ('counter_id', True),
            ('staff_id', True), ('priority_id', True), ('is_priority', False), ('outcome', False),
            ('transferred', False), ('wait_ms', True), ('walk_ms', True), ('service_ms', True),
            ('on_time', False), ('on_time_of', False), ('rating', True))],
        sa.UniqueConstraint('ticket_id', name='uq_ticket_figures_ticket'),
        sqlite_with_rowid=False,    # stored in (centre, day) order: a report reads its days straight through
    )
    op.create_table(
        'report_days',
        sa.Column('centre_id', sa.Integer(), sa.ForeignKey('centres.id'), primary_key=True),
        sa.Column('day', sa.Date(), primary_key=True),
        sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
    )
    # Nothing to fill: reports store each closed day the first time they read it.


def downgrade() -> None:
    op.drop_table('report_days')
    op.drop_table('ticket_figures')
