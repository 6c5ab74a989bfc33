"""The `counter-server` command: init-db, seed-demo, create-user, user (disable, enable,
set-password, set-role), create-kiosk, expire-tickets, close-days, import-catalogue,
export-catalogue, backup, restore, run."""
import sys
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from .catalogue import provinces
from .catalogue.files import format_of, read_catalogue, write_catalogue
from .catalogue.record import CatalogueError
from .catalogue.transfer import export_catalogue, import_catalogue
from .config import Config
from .db import make_engine
from .domain.errors import NotFound, QueueError
from .migrate import upgrade_to_head
from .models import Centre
from .security import ROLES
from .services import QueueContext, expire_stale_tickets
from .services import admin
from .services.centres import find_centre_id, set_centre_province


def _context() -> QueueContext:
    engine = make_engine(Config().DATABASE_URL)
    return QueueContext(sessionmaker(engine, expire_on_commit=False))


def _centre_id(ctx: QueueContext, code: str | None) -> int:
    try:
        return find_centre_id(ctx, code)
    except NotFound:
        raise click.ClickException("No such centre. Run `counter-server seed-demo` or name an existing centre.") from None


@click.group(help="Counter server for one-stop reception centres (Bộ phận một cửa).")
def main():
    pass


@main.command("init-db")
def init_db():
    """Create or migrate the database schema to the newest version."""
    url = Config().DATABASE_URL
    upgrade_to_head(url)
    click.echo(f"Database is at the newest schema: {url}")


@main.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(destination):
    """Save the whole database into DESTINATION (SQLite: online copy; PostgreSQL: pg_dump)."""
    from .backups import BackupError, backup
    try:
        click.echo(f"Saved to {backup(Config().DATABASE_URL, destination)}")
    except BackupError as error:
        raise click.ClickException(str(error)) from None


@main.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the database without asking (stop the server first).")
def restore_command(source, yes):
    """Replace the whole database with the backup SOURCE. Stop the server first."""
    from .backups import BackupError, restore
    if not yes:
        click.confirm("This replaces every ticket, dossier and setting with the backup. Is the server stopped?",
                      abort=True)
    try:
        restore(Config().DATABASE_URL, source)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored from {source}. Run `counter-server init-db` if the backup is older than this version.")


@main.command("seed-demo")
@click.option("--always-open", is_flag=True, help="Open round the clock, so a demo can issue tickets at any hour.")
def seed_demo(always_open):
    """Create the two demo centres (or refresh them) and print their logins and new kiosk tokens;
    the first centre's token alone on the last line."""
    from .seed import SECOND_DEMO_FILE, load_demo, seed_demo as seed

    ctx = _context()
    report = seed(ctx, always_open=always_open)
    second = seed(ctx, load_demo(SECOND_DEMO_FILE), always_open=always_open)
    click.echo(("Created" if second.created else "Refreshed") + f" second demo centre {second.centre_code}"
               f" (its pages: /board?centre={second.centre_code}); logins:")
    for username, role, password in second.users:
        click.echo(f"  {username:15} {password:20} {role}")
    click.echo(f"  Kiosk '{second.kiosk_name}' token: {second.kiosk_token}")
    click.echo(("Created" if report.created else "Refreshed") + f" demo centre {report.centre_code}"
               + (" (open round the clock)" if always_open else " (standard opening hours)"))
    click.echo("Demo logins (username / password / role):")
    for username, role, password in report.users:
        click.echo(f"  {username:15} {password:20} {role}")
    click.echo(f"Kiosk '{report.kiosk_name}' token (new each time, shown once):")
    click.echo(report.kiosk_token)


@main.command("seed-history")
@click.option("--days", default=60, show_default=True, help="Calendar days of past to make up (working days get tickets).")
@click.option("--per-day", default=400, show_default=True, help="Tickets on an ordinary day.")
@click.option("--centre", "centre_code", default=None, help="Centre code (the first centre if omitted).")
def seed_history(days, per_day, centre_code):
    """Give a demo centre a made-up past (tickets, calls, ratings) so the reports have something to show."""
    from sqlalchemy import func, select

    from .demo_history import generate
    from .models import Centre, Ticket
    ctx = _context()
    centre_id = _centre_id(ctx, centre_code)
    code, past = ctx.read(lambda s: (s.scalar(select(Centre.code).where(Centre.id == centre_id)),
                                     s.scalar(select(func.count()).select_from(Ticket).where(Ticket.centre_id == centre_id))))
    if past:
        raise click.ClickException(f"centre {code} already has {past} tickets; seed-history is for an empty demo")
    count = generate(ctx.engine, code, days=days, per_day=per_day)
    click.echo(f"Made up {count} past tickets for {code} over the last {days} days")


def _read_password(password_stdin: bool) -> str:
    """The new password, from one line of standard input or typed twice at a prompt."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _change_user(change, name, *args) -> None:
    """Run one of the services' account changes; a refusal is the command's plain error."""
    try:
        change(_context(), name, *args)
    except QueueError as error:
        raise click.ClickException(error.message) from None


@main.command("create-user")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--full-name", default="")
@click.option("--centre", "centre_code", default=None, help="Centre code (the first centre if omitted).")
def create_user(name, role, password_stdin, full_name, centre_code):
    """Add a staff, manager or admin user."""
    password = _read_password(password_stdin)
    ctx = _context()
    try:
        user_id = admin.create_user(ctx, _centre_id(ctx, centre_code), name, password, role, full_name)
    except QueueError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {role} {name} (id {user_id})")


@main.group("user")
def user():
    """Disable, enable, reset the password of, or change the role of an existing user."""


@user.command("disable")
@click.argument("name")
def disable_user(name):
    """Disable NAME: no more sign-ins, open web sessions end."""
    _change_user(admin.disable_user, name)
    click.echo(f"Disabled {name}")


@user.command("enable")
@click.argument("name")
def enable_user(name):
    """Enable NAME again."""
    _change_user(admin.enable_user, name)
    click.echo(f"Enabled {name}")


@user.command("set-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def set_password(name, password_stdin):
    """Give NAME a new password (the old one, its tokens and web sessions stop working)."""
    _change_user(admin.set_password, name, _read_password(password_stdin))
    click.echo(f"New password set for {name}")


@user.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
def set_role(name, role):
    """Make NAME a staff member, manager or admin."""
    _change_user(admin.set_role, name, role)
    click.echo(f"{name} is now {role}")


@main.command("create-kiosk")
@click.argument("name")
@click.option("--centre", "centre_code", default=None, help="Centre code (the first centre if omitted).")
def create_kiosk(name, centre_code):
    """Register a kiosk; its token is printed once, alone on the last line."""
    ctx = _context()
    kiosk, token = admin.create_kiosk(ctx, _centre_id(ctx, centre_code), name)
    click.echo(f"Kiosk {kiosk.name} (id {kiosk.id}). Put this token in its settings; it is not shown again:")
    click.echo(token)


@main.command("expire-tickets")
def expire_tickets():
    """Close as expired the tickets left open from past service days (also done automatically)."""
    ctx = _context()
    centres = ctx.read(lambda session: list(session.scalars(select(Centre.id))))
    total = sum(expire_stale_tickets(ctx, centre_id) for centre_id in centres)
    click.echo(f"Expired {total} tickets")


@main.command("close-days")
@click.option("--days", default=400, show_default=True, help="How many past days to look back over.")
def close_days(days):
    """Store the report figures of closed service days (nightly; reports also do it when first asked)."""
    from datetime import timedelta

    from .reports.report import centre_today
    from .reports.stored import store_closed_days
    ctx = _context()
    centres = ctx.read(lambda session: list(session.scalars(select(Centre.id))))
    total = 0
    for centre_id in centres:
        today = centre_today(ctx, centre_id)
        total += store_closed_days(ctx, centre_id, today - timedelta(days=days), today, today)
    click.echo(f"Stored the figures of {total} tickets")


@main.command("import-catalogue")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--centre", "centre_code", default=None, help="Centre code (the first centre if omitted).")
@click.option("--keep-missing", is_flag=True, help="Do not retire procedures that are not in the file.")
def import_catalogue_command(path, centre_code, keep_missing):
    """Import a procedure catalogue (.json in the national database's structure, or a .csv/.xlsx
    table as export-catalogue writes it); all or nothing."""
    ctx = _context()
    try:
        data, tell = read_catalogue(Path(path).read_bytes(), Path(path).name)
        report = import_catalogue(ctx, _centre_id(ctx, centre_code), data, retire_missing=not keep_missing,
                                  tell=tell, actor=f"import-catalogue {Path(path).name}")
    except CatalogueError as error:
        raise click.ClickException("the catalogue was not imported; nothing changed:\n  "
                                   + "\n  ".join(error.problems))
    click.echo(f"Imported {path}: {report.summary()}")
    for label, codes in (("added", report.added), ("changed", report.changed), ("retired", report.retired)):
        if codes:
            click.echo(f"  {label}: {', '.join(codes)}")


@main.command("set-province")
@click.argument("province", required=False)
@click.option("--centre", "centre_code", default=None, help="Centre code (the first centre if omitted).")
def set_province_command(province, centre_code):
    """Name the province whose table of council-set fees the centre reads
    (assets/catalogue/provinces/<PROVINCE>.json); with no PROVINCE, list the tables shipped."""
    shipped = provinces.available()
    if not province:
        click.echo("\n".join(f"{key}: {name}" for key, name in shipped.items()) or "No province table is shipped.")
        return
    if province not in shipped:
        raise click.ClickException(f"No table for {province!r}; shipped: {', '.join(shipped) or 'none'}")
    ctx = _context()
    centre_id = _centre_id(ctx, centre_code)
    ctx.write(lambda session: set_centre_province(session, centre_id, province))
    click.echo(f"The centre now reads the fees of {shipped[province]} ({province})")


@main.command("export-catalogue")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--centre", "centre_code", default=None, help="Centre code (the first centre if omitted).")
def export_catalogue_command(path, centre_code):
    """Write the centre's catalogue as .json, .csv or .xlsx (by the name) that import-catalogue reads back unchanged."""
    ctx = _context()
    try:
        kind = format_of(Path(path).name)
    except CatalogueError as error:
        raise click.ClickException(error.problems[0])
    data = export_catalogue(ctx, _centre_id(ctx, centre_code))
    Path(path).write_bytes(write_catalogue(data, kind))
    click.echo(f"Exported {len(data['procedures'])} procedures to {path}")


@main.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def run(host, port):
    """Serve with the built-in threaded server (demo and development; see the README for production)."""
    import os

    from .app import create_app

    os.environ.setdefault("COUNTER_SERVER_ENV", "development")
    app = create_app()
    base = f"http://{host}:{port}"
    click.echo(f"Counter server on {base}\n  Board:     {base}/board   (waiting-hall TV)"
               f"\n  Console:   {base}/console   (counter staff, e.g. canbo1 / canbo1-demo)"
               f"\n  Admin:     {base}/admin   (quantri / quantri-demo; pair rating tablets there)"
               f"\n  Reports:   {base}/reports/   (managers, e.g. lanhdao / lanhdao-demo)"
               f"\n  Catalogue: {base}/admin/catalogue/   (managers and admins)"
               f"\n  Listing:   {base}/thu-tuc   (public list of procedures)"
               f"\n  Tracking:  {base}/t/<token>   (the QR code on each ticket)"
               f"\n  API docs:  {base}/api/docs\n  OpenAPI:   {base}/api/openapi.json"
               f"\n  Events:    {base}/api/v1/events\n  Login:     {base}/login")
    app.run(host=host, port=port, threaded=True, use_reloader=False)

from . import cli_centres  # noqa: E402,F401  (registers add-centre and user reach)
