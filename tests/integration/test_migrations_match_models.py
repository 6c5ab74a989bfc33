"""The migrations build exactly the schema the models describe, on both engines: a column or
index added to one and not the other is found here, not in a centre's database."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from counter_server.models import Base


def known_on(dialect: str, difference) -> bool:
    """Migration 0008 widens tickets.idempotency_key on PostgreSQL only: SQLite does not enforce
    lengths and would rebuild the whole table to change one."""
    change = difference[0] if isinstance(difference, list) else difference
    return dialect == "sqlite" and change[:4] == ("modify_type", None, "tickets", "idempotency_key")


def test_the_migrated_database_has_the_models_schema(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in differences if not known_on(engine.dialect.name, d)] == []
