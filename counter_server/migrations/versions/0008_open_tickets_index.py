"""tickets: a partial index of open tickets for the daily expiry; idempotency keys of past days dropped

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 01:00:00
"""
from datetime import date, timedelta

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# The open statuses of domain.tickets.OPEN as they stand in this revision; the expiry names the same
# literals (services/tickets.py), or SQLite would not use the index.
OPEN_TICKETS = sa.text("status IN ('waiting', 'called', 'serving', 'no_show')")


def upgrade() -> None:
    # The first request of a day expires yesterday's leftovers: with this index it reads only the
    # open tickets, instead of every ticket of every past day.
    op.create_index('ix_tickets_open', 'tickets', ['centre_id', 'service_day'],
                    sqlite_where=OPEN_TICKETS, postgresql_where=OPEN_TICKETS)
    # A key only repeats a tap within its day; the expiry now drops the keys of each day it closes.
    # The days before yesterday (in any time zone) are closed already.
    op.execute(sa.text("UPDATE tickets SET idempotency_key = NULL "
                       "WHERE idempotency_key IS NOT NULL AND service_day < :cutoff")
               .bindparams(sa.bindparam('cutoff', date.today() - timedelta(days=2), type_=sa.Date())))


def downgrade() -> None:
    op.drop_index('ix_tickets_open', table_name='tickets')
