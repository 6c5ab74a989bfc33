"""tickets: first call, missed calls and transfers, for the reports

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 14:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_called_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('no_show_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('transfer_count', sa.Integer(), server_default='0', nullable=False))
    # Tickets from before: the same figures, read back from the event log.
    op.execute("""
        UPDATE tickets SET
          first_called_at = (SELECT min(e.at) FROM ticket_events e
                             WHERE e.ticket_id = tickets.id AND e.kind = 'called'),
          no_show_count = (SELECT count(*) FROM ticket_events e
                           WHERE e.ticket_id = tickets.id AND e.kind = 'no_show'),
          transfer_count = (SELECT count(*) FROM ticket_events e
                            WHERE e.ticket_id = tickets.id AND e.kind = 'transferred')
        WHERE called_at IS NOT NULL OR status <> 'waiting'
    """)


def downgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_column('transfer_count')
        batch_op.drop_column('no_show_count')
        batch_op.drop_column('first_called_at')
