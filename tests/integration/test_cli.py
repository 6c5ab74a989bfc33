"""The counter-server command, run as an installer would run it."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select, text

from counter_server.cli import main
from counter_server.models import Centre, Counter, Field, Kiosk, User
from counter_server.security import hash_kiosk_token
from tests.factories import shipped_catalogue


@pytest.fixture
def cli(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("COUNTER_SERVER_DATABASE_URL", url)
    runner = CliRunner()

    def run(*args, input=None):
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
        return result
    run.url = url
    return run


def count(url, model):
    engine = create_engine(url)
    with engine.connect() as connection:
        n = connection.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return n


def newest_migration() -> str:
    """The head revision of the shipped migrations (read from their scripts, not written here)."""
    from alembic.script import ScriptDirectory
    from counter_server.migrate import alembic_config
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_init_db_migrates_to_head_and_uses_wal(cli):
    assert cli("init-db").exit_code == 0
    engine = create_engine(cli.url)
    with engine.connect() as connection:
        assert connection.scalar(text("select version_num from alembic_version")) == newest_migration()
        assert connection.scalar(text("pragma journal_mode")) == "wal"
    engine.dispose()


def test_seed_demo_creates_two_centres_with_counters_users_and_the_first_kiosk_token_last(cli):
    cli("init-db")
    result = cli("seed-demo", "--always-open")
    assert result.exit_code == 0
    assert "canbo1" in result.output and "lanhdao" in result.output and "quantri" in result.output
    assert "canbo-tanlap" in result.output and "lanhdao-tinh" in result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("kt_")
    assert [line for line in result.output.splitlines() if line.startswith("kt_")] == [token]
    assert count(cli.url, Centre) == 2 and count(cli.url, Counter) == 5 + 3 and count(cli.url, Field) >= 12
    engine = create_engine(cli.url)
    with engine.connect() as connection:
        kiosk_centre = connection.scalar(select(Kiosk.centre_id).where(Kiosk.token_hash == hash_kiosk_token(token)))
        assert connection.scalar(select(Centre.code).where(Centre.id == kiosk_centre)) == "PHUONG-DEMO"
        assert list(connection.scalars(select(Centre.opening_hours))) == [{"always": True}] * 2
    engine.dispose()


def test_seed_demo_again_refreshes_rather_than_duplicates(cli):
    cli("init-db")
    first = cli("seed-demo").output.strip().splitlines()[-1]
    again = cli("seed-demo")
    assert "Refreshed" in again.output and again.output.strip().splitlines()[-1] != first
    assert count(cli.url, Centre) == 2 and count(cli.url, Kiosk) == 2


def test_create_user_reads_the_password_from_stdin(cli):
    cli("init-db")
    cli("seed-demo")
    before = count(cli.url, User)
    result = cli("create-user", "thu", "--role", "manager", "--password-stdin", input="mot-mat-khau\n")
    assert result.exit_code == 0 and "manager thu" in result.output
    assert count(cli.url, User) == before + 1
    assert cli("create-user", "ngan", "--role", "staff", "--password-stdin", input="short\n").exit_code != 0
    assert cli("create-user", "x", "--role", "king", "--password-stdin", input="long-enough\n").exit_code != 0


def test_create_kiosk_prints_its_token_alone_on_the_last_line(cli):
    cli("init-db")
    cli("seed-demo")
    result = cli("create-kiosk", "Ki-ốt tầng 2")
    last = result.output.rstrip("\n").splitlines()[-1]
    assert last.startswith("kt_") and " " not in last and len(last) > 40


def test_create_kiosk_without_a_centre_explains(cli):
    cli("init-db")
    result = cli("create-kiosk", "K")
    assert result.exit_code != 0 and "seed-demo" in result.output


def test_the_console_script_is_installed():
    result = subprocess.run([sys.executable, "-m", "counter_server", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("init-db", "seed-demo", "create-user", "create-kiosk", "run"):
        assert command in result.stdout


def test_the_catalogue_goes_out_and_back_through_the_cli(cli, tmp_path):
    cli("init-db")
    cli("seed-demo")
    exported = tmp_path / "catalogue.json"
    shipped = len(shipped_catalogue()["procedures"])
    assert f"Exported {shipped} procedures" in cli("export-catalogue", str(exported)).output
    result = cli("import-catalogue", str(exported))
    assert result.exit_code == 0 and f"0 added, 0 changed, 0 retired, {shipped} unchanged" in result.output
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["procedures"][2]["effective_from"] = "26/11/2026"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused = cli("import-catalogue", str(broken))
    assert refused.exit_code != 0 and "nothing changed" in refused.output
    assert "procedures[2]" in refused.output and "effective_from: Not a valid date." in refused.output


def test_office_staff_can_take_the_catalogue_to_excel_and_back_through_the_cli(cli, tmp_path):
    cli("init-db")
    cli("seed-demo")
    shipped = len(shipped_catalogue()["procedures"])
    for name in ("danh-muc.xlsx", "danh-muc.csv"):
        assert f"Exported {shipped} procedures" in cli("export-catalogue", str(tmp_path / name)).output
        result = cli("import-catalogue", str(tmp_path / name))
        assert result.exit_code == 0 and f"0 added, 0 changed, 0 retired, {shipped} unchanged" in result.output
    table = (tmp_path / "danh-muc.csv").read_text(encoding="utf-8-sig").replace("15/01/2026", "15/13/2026", 1)
    (tmp_path / "sai.csv").write_text(table, encoding="utf-8-sig")
    refused = cli("import-catalogue", str(tmp_path / "sai.csv"))
    assert refused.exit_code != 0 and "nothing changed" in refused.output
    assert "cột «Ngày hiệu lực»: ngày không hợp lệ" in refused.output
    assert cli("export-catalogue", str(tmp_path / "danh-muc.pdf")).exit_code != 0


def test_seed_history_gives_the_demo_a_past_of_working_days_once(cli):
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo
    from counter_server.models import Rating, Ticket
    cli("init-db")
    cli("seed-demo")
    result = cli("seed-history", "--days", "14", "--per-day", "50")
    assert result.exit_code == 0 and "past tickets for PHUONG-DEMO" in result.output
    engine = create_engine(cli.url)
    with engine.connect() as connection:
        days = connection.execute(select(Ticket.service_day).distinct()).scalars().all()
        statuses = set(connection.execute(select(Ticket.status).distinct()).scalars())
    engine.dispose()
    days = [day if isinstance(day, date) else date.fromisoformat(day) for day in days]
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert len(days) == 10 and all(day.weekday() < 5 for day in days)      # two weeks of Mondays to Fridays
    assert max(days) < today and min(days) >= today - timedelta(days=14)
    assert {"completed", "expired"} <= statuses and count(cli.url, Rating) > 0
    again = cli("seed-history")
    assert again.exit_code != 0 and "already has" in again.output


def test_close_days_stores_the_figures_of_past_days_once(cli):
    from counter_server.models import ReportDay, Ticket, TicketFigures
    cli("init-db")
    cli("seed-demo")
    cli("seed-history", "--days", "7", "--per-day", "40")
    first = cli("close-days", "--days", "10")
    tickets = count(cli.url, Ticket)
    assert first.exit_code == 0 and f"Stored the figures of {tickets} tickets" in first.output
    assert count(cli.url, TicketFigures) == tickets and count(cli.url, ReportDay) == 2 * 10   # every closed day of both centres
    again = cli("close-days", "--days", "10")
    assert "Stored the figures of 0 tickets" in again.output and count(cli.url, TicketFigures) == tickets


def test_a_centre_names_its_province_and_its_kiosks_fetch_the_catalogue_again(cli):
    cli("init-db")
    cli("seed-demo")
    assert "phu-tho: Tỉnh Phú Thọ" in cli("set-province").output
    assert cli("set-province", "hanoi").exit_code != 0
    engine = create_engine(cli.url)
    try:
        with engine.connect() as connection:
            before = connection.execute(select(Centre.province, Centre.catalogue_version)
                                        .where(Centre.code == "PHUONG-DEMO")).one()
        assert before.province == "phu-tho"   # the demo centre's, from assets/demo/centre.json
        with engine.begin() as connection:
            connection.execute(text("UPDATE centres SET province = ''"))
        assert "Tỉnh Phú Thọ (phu-tho)" in cli("set-province", "phu-tho").output
        with engine.connect() as connection:
            after = connection.execute(select(Centre.province, Centre.catalogue_version)
                                        .where(Centre.code == "PHUONG-DEMO")).one()
        assert after == ("phu-tho", before.catalogue_version + 1)
    finally:
        engine.dispose()
