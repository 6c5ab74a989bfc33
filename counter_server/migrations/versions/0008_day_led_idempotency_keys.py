"""tickets: room for the service day in front of an Idempotency-Key

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 01:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keys are stored led by their service day ("b4c2f:<the kiosk's key>", services/issuing.py), so
    # that each day's keys sit together in the unique (kiosk, key) index; a kiosk's key has up to
    # 100 characters. SQLite does not enforce lengths (and would rebuild the table to change one);
    # on PostgreSQL a longer VARCHAR is a catalogue change, no rewrite. Keys stored before keep
    # their form: they are never looked up again after their day.
    if op.get_bind().dialect.name == 'postgresql':
        op.alter_column('tickets', 'idempotency_key', type_=sa.String(110), existing_type=sa.String(100))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("UPDATE tickets SET idempotency_key = NULL WHERE length(idempotency_key) > 100")
        op.alter_column('tickets', 'idempotency_key', type_=sa.String(100), existing_type=sa.String(110))
