"""dossier_steps: each dossier's hand-offs and moves (the control sheet, form 06); dossiers gain
the unit holding them, the slip's first due date, when they finished and when they were returned;
the event log takes dossier moves (no ticket); the queue for collecting results (fields.for_results)
and the dossier a collecting ticket names (tickets.dossier_id)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 13:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None
UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('dossiers') as dossiers:
        dossiers.add_column(sa.Column('unit', sa.String(200), nullable=False, server_default=''))
        dossiers.add_column(sa.Column('first_due_at', UTC_TIME, nullable=True))
        dossiers.add_column(sa.Column('finished_at', UTC_TIME, nullable=True))
        dossiers.add_column(sa.Column('returned_at', UTC_TIME, nullable=True))
    op.execute("UPDATE dossiers SET first_due_at = due_at")
    op.create_index('ix_dossiers_received', 'dossiers', ['centre_id', 'received_at'])
    op.create_index('ix_dossiers_due', 'dossiers', ['centre_id', 'status', 'due_at'])
    op.create_table(
        'dossier_steps',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('dossier_id', sa.Integer(), sa.ForeignKey('dossiers.id'), nullable=False),
        sa.Column('at', UTC_TIME, nullable=False),
        sa.Column('from_status', sa.String(24), nullable=True),
        sa.Column('to_status', sa.String(24), nullable=False),
        sa.Column('by_user', sa.Integer(), sa.ForeignKey('users.id'), nullable=True),
        sa.Column('from_unit', sa.String(200), nullable=False),
        sa.Column('to_unit', sa.String(200), nullable=False),
        sa.Column('note', sa.String(2000), nullable=False),
        sa.Column('due_at', UTC_TIME, nullable=False),
    )
    op.create_index('ix_dossier_steps_dossier_id', 'dossier_steps', ['dossier_id'])
    # Every dossier received before this step gets its receipt as the control sheet's first line.
    op.execute("INSERT INTO dossier_steps (dossier_id, at, from_status, to_status, by_user, from_unit, to_unit, "
               "note, due_at) SELECT id, received_at, NULL, 'received', received_by, '', '', '', due_at FROM dossiers")
    with op.batch_alter_table('ticket_events') as events:
        events.alter_column('ticket_id', existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table('fields') as fields:
        fields.add_column(sa.Column('for_results', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('tickets') as tickets:
        tickets.add_column(sa.Column('dossier_id', sa.Integer(), nullable=True))
        tickets.create_foreign_key('fk_tickets_dossier_id', 'dossiers', ['dossier_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('tickets') as tickets:
        tickets.drop_constraint('fk_tickets_dossier_id', type_='foreignkey')
        tickets.drop_column('dossier_id')
    with op.batch_alter_table('fields') as fields:
        fields.drop_column('for_results')
    op.execute("DELETE FROM ticket_events WHERE ticket_id IS NULL")
    with op.batch_alter_table('ticket_events') as events:
        events.alter_column('ticket_id', existing_type=sa.Integer(), nullable=False)
    op.drop_index('ix_dossier_steps_dossier_id', table_name='dossier_steps')
    op.drop_table('dossier_steps')
    op.drop_index('ix_dossiers_due', table_name='dossiers')
    op.drop_index('ix_dossiers_received', table_name='dossiers')
    with op.batch_alter_table('dossiers') as dossiers:
        for column in ('returned_at', 'finished_at', 'first_due_at', 'unit'):
            dossiers.drop_column(column)
