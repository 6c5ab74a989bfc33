"""The demo centre: realistic Vietnamese fields, procedures, counters, users and a kiosk."""
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from . import security
from .domain.calendar import ALWAYS_OPEN, STANDARD_HOURS
from .models import Centre, Counter, CounterField, Field, Kiosk, User
from .catalogue.transfer import import_catalogue
from .services.context import QueueContext
from .services.new_centre import checked, create_centre, new_field, new_user

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILE = ROOT / "assets" / "demo" / "centre.json"
SECOND_DEMO_FILE = ROOT / "assets" / "demo" / "centre-tan-lap.json"   # the demo's second centre, same province


@dataclass
class SeedReport:
    """What seed-demo made, to print for the person running the demo."""

    centre_code: str
    created: bool
    users: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, password
    kiosk_name: str = ""
    kiosk_token: str = ""


def load_demo_with_catalogue(path: Path = DEMO_FILE) -> dict:
    """The demo centre with its procedures (from the shipped catalogue) under "procedures"."""
    data = load_demo(path)
    catalogue = json.loads((ROOT / data["catalogue"]).read_text(encoding="utf-8"))
    return data | {"procedures": catalogue["procedures"]}


def load_demo(path: Path = DEMO_FILE) -> dict:
    """The demo centre's data file."""
    return json.loads(path.read_text(encoding="utf-8"))


def seed_demo(ctx: QueueContext, data: dict | None = None, always_open: bool = False) -> SeedReport:
    """Create the demo centre, or refresh it: opening hours set again, a new kiosk token, and the
    shipped procedure catalogue imported again."""
    data = data or load_demo()
    hours = ALWAYS_OPEN if always_open else STANDARD_HOURS
    token = security.new_kiosk_token()
    spec = checked(data)   # read once: the demo's file against the same rules as any new centre's

    def work(session):
        centre = session.scalar(select(Centre).where(Centre.code == spec["centre"]["code"]))
        created = centre is None
        if created:
            centre = create_centre(session, spec, {u["username"]: u["password"] for u in spec["users"]})
        else:
            _add_new_fields(session, centre, spec)
            _add_new_users(session, centre, spec)
        centre.opening_hours, centre.province = hours, spec["centre"]["province"]
        kiosk = session.scalar(select(Kiosk).where(Kiosk.centre_id == centre.id, Kiosk.name == data["kiosk"]))
        if kiosk is None:
            kiosk = Kiosk(centre_id=centre.id, name=data["kiosk"], created_at=ctx.clock())
            session.add(kiosk)
        kiosk.token_hash, kiosk.is_active = security.hash_kiosk_token(token), True
        return SeedReport(centre.code, created,
                          [(u["username"], u["role"], u["password"]) for u in data["users"]],
                          kiosk.name, token)
    report = ctx.write(work)
    catalogue = data.get("catalogue")
    if catalogue:
        import_catalogue(ctx, report_centre_id(ctx, report.centre_code),
                         json.loads((ROOT / catalogue).read_text(encoding="utf-8")),
                         actor=f"seed-demo ({catalogue})")
    return report


def _add_new_fields(session, centre: Centre, spec: dict) -> None:
    """A demo centre seeded by an older version gains the fields added since (the catalogue has
    procedures in them), each served by the counters the demo names for it; nothing is renamed."""
    have = set(session.scalars(select(Field.code).where(Field.centre_id == centre.id)))
    new = {item["code"]: new_field(centre.id, order, item) for order, item in enumerate(spec["fields_"])
           if item["code"] not in have}
    if not new:
        return
    session.add_all(new.values())
    session.flush()
    counters = {c.number: c for c in session.scalars(select(Counter).where(Counter.centre_id == centre.id))}
    for item in spec["counters"]:
        counter = counters.get(item["number"])
        for position, code in enumerate(item["fields_"]):
            if counter is not None and code in new:
                counter.served.append(CounterField(field_id=new[code].id, position=position))


def _add_new_users(session, centre: Centre, spec: dict) -> None:
    """A demo centre seeded by an older version gains the demo users added since."""
    have = set(session.scalars(select(User.username)))
    session.add_all(new_user(centre.id, user, user["password"]) for user in spec["users"]
                    if user["username"] not in have)


def report_centre_id(ctx: QueueContext, code: str) -> int:
    """The id of the centre with this code."""
    return ctx.read(lambda session: session.scalar(select(Centre.id).where(Centre.code == code)))
