"""procedure details for the kiosk's lookup

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('procedures') as batch:
        batch.add_column(sa.Column('details', sa.JSON(), server_default='{}', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('procedures') as batch:
        batch.drop_column('details')
