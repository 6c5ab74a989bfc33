"""A backup taken while the centre works, and put back after something went wrong: on SQLite
(online copy) and on PostgreSQL (pg_dump / pg_restore), through the counter-server command."""
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from counter_server.backups import BackupError, backup, restore
from counter_server.cli import main
from counter_server.models import Ticket
from counter_server.services import QueueContext, issue_ticket


def numbers(url) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = sorted(connection.scalars(select(Ticket.number)))
    engine.dispose()
    return found


def test_a_restore_puts_back_exactly_what_the_backup_saved(database_url, centre, ctx, tmp_path):
    take = lambda: issue_ticket(ctx, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id)  # noqa: E731
    take()
    take()
    saved = backup(database_url, tmp_path / "backups" / "morning.dump")
    take()                                                   # after the backup: lost by the restore
    assert numbers(database_url) == ["A001", "A002", "A003"]
    ctx.session_factory.kw["bind"].dispose()                 # the server is stopped for a restore
    restore(database_url, saved)
    assert numbers(database_url) == ["A001", "A002"]
    again = QueueContext(sessionmaker(create_engine(database_url), expire_on_commit=False), clock=ctx.clock)
    assert issue_ticket(again, centre_id=centre.centre.id, field="HT", kiosk_id=centre.kiosk.id).number == "A003"


def test_the_command_backs_up_and_restores_after_asking(database_url, centre, ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_SERVER_DATABASE_URL", database_url)
    issue_ticket(ctx, centre_id=centre.centre.id, field="CT", kiosk_id=centre.kiosk.id)
    runner = CliRunner()
    target = tmp_path / "b.dump"
    assert "Saved to" in runner.invoke(main, ["backup", str(target)], catch_exceptions=False).output
    issue_ticket(ctx, centre_id=centre.centre.id, field="CT", kiosk_id=centre.kiosk.id)
    ctx.session_factory.kw["bind"].dispose()
    refused = runner.invoke(main, ["restore", str(target)], input="n\n")
    assert refused.exit_code != 0 and numbers(database_url) == ["B001", "B002"]
    done = runner.invoke(main, ["restore", str(target), "--yes"], catch_exceptions=False)
    assert "Restored from" in done.output and numbers(database_url) == ["B001"]


def test_a_missing_backup_is_refused_in_words(sqlite_url, tmp_path):
    with pytest.raises(BackupError, match="No backup file"):
        restore(sqlite_url, tmp_path / "nothing.dump")
