"""`counter-server add-centre` and `counter-server user reach`: several centres in one database."""
import json
from pathlib import Path

import click

from .cli import _context, main, user
from .domain.errors import QueueError


@main.command("add-centre")
@click.argument("code")
@click.option("--name", required=True, help="The centre's name as its pages and tickets show it.")
@click.option("--address", default="", help="Its address (the printed forms' place line reads it).")
@click.option("--like", "like_code", default=None,
              help="Copy the fields, counters, priority categories and procedures of this centre.")
@click.option("--from-file", "spec_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A description in the format of assets/demo/centre.json (its code and name are replaced by CODE and --name).")
@click.option("--admin", "admin_name", default=None, help="Username of the centre's administrator (default: quantri-CODE).")
@click.option("--kiosk", "kiosk_name", default="Ki-ốt sảnh chính", show_default=True, help="Name of its first kiosk.")
@click.option("--province-admin", is_flag=True,
              help="Its administrator adds the province's other centres too (the first centre's, as a rule).")
@click.option("--always-open", is_flag=True, help="Open round the clock (demos); standard office hours otherwise.")
def add_centre_command(code, name, address, like_code, spec_file, admin_name, kiosk_name, province_admin, always_open):
    """Add a centre to the database: from a description (--from-file, e.g. deploy/centre.example.json)
    or like an existing one (--like, the first centre if neither is given), with an administrator
    (--admin) and a kiosk. Prints the administrator's password and the kiosk's token once."""
    from .services.new_centre import add_centre, spec_like
    from .seed import ROOT

    ctx = _context()
    about = {"code": code, "name": name, "address": address}
    admin_name = admin_name or f"quantri-{code.lower()}"
    try:
        if spec_file:
            data = json.loads(spec_file.read_text(encoding="utf-8"))
            data["centre"] = data.get("centre", {}) | about
            data["users"] = [user for user in data.get("users", []) if user.get("username") != admin_name] + [
                {"username": admin_name, "role": "admin"}]
            data["kiosks"] = data.get("kiosks") or [data.get("kiosk") or kiosk_name]
            catalogue = _catalogue(spec_file, data.get("catalogue"), ROOT)
            like = None
        else:
            like = like_code or _first_code(ctx)
            data, catalogue = spec_like(ctx, like, about, admin_name, kiosk_name), None
        for user in data["users"]:
            user["whole_province"] = province_admin and user["username"] == admin_name
        made = add_centre(ctx, data, always_open=always_open, catalogue=catalogue, like=like)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{spec_file} is not JSON: {error}") from None
    except QueueError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Added centre {made.code} (id {made.centre_id}). Its pages: /board?centre={made.code}, "
               f"/thu-tuc?centre={made.code}")
    for username, role, password in made.users:
        click.echo(f"  {role} {username}, password (shown once): {password}")
    for kiosk, token in made.kiosks:
        click.echo(f"  Kiosk '{kiosk}' token (shown once): {token}")


def _catalogue(spec_file: Path, name: str | None, root: Path) -> dict | None:
    """The procedures a description names (a path beside the file, or in the repository)."""
    if not name:
        return None
    for place in (spec_file.parent / name, root / name):
        if place.is_file():
            return json.loads(place.read_text(encoding="utf-8"))
    raise click.ClickException(f"The description names a catalogue that is not there: {name}")


def _first_code(ctx) -> str:
    from .services.centres import centre_code, find_centre_id
    return centre_code(ctx, find_centre_id(ctx, None))


@user.command("reach")
@click.argument("name")
@click.option("--whole-province", is_flag=True, help="Every centre in the database (managers: reports; admins: adding centres).")
@click.option("--centre", "centres", multiple=True, help="Another centre's code the manager's reports cover (repeat for more).")
def reach(name, whole_province, centres):
    """Set which centres NAME's reports cover besides their own (replacing the list before)."""
    from .services.reach import set_reach
    try:
        reached = set_reach(_context(), name, whole_province, list(centres))
    except QueueError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"{name} reaches {len(reached)} centre(s): " + ", ".join(c.code for c in reached))
