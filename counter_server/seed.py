"""The demo centre: realistic Vietnamese fields, procedures, counters, users and a kiosk."""
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from . import security
from .domain.calendar import ALWAYS_OPEN, STANDARD_HOURS
from .models import (
    Centre, Counter, CounterField, Field, Kiosk, PriorityCategory, User,
)
from .catalogue.transfer import import_catalogue
from .services.context import QueueContext

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILE = ROOT / "assets" / "demo" / "centre.json"


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

    def work(session):
        spec = data["centre"]
        centre = session.scalar(select(Centre).where(Centre.code == spec["code"]))
        created = centre is None
        if created:
            centre = _create_centre(session, data)
        else:
            _add_new_fields(session, centre, data)
        centre.opening_hours, centre.province = hours, spec.get("province", "")
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


def _field(centre: Centre, order: int, item: dict) -> Field:
    return Field(centre_id=centre.id, code=item["code"], name_vi=item["name_vi"], name_en=item["name_en"],
                 ticket_prefix=item["prefix"], daily_cap=item["daily_cap"],
                 target_wait_minutes=item["target_wait_minutes"],
                 default_service_minutes=item["default_service_minutes"], is_open=True, display_order=order,
                 for_results=item.get("for_results", False))


def _add_new_fields(session, centre: Centre, data: dict) -> None:
    """A demo centre seeded by an older version gains the fields added since (the catalogue has
    procedures in them), each served by the counters the demo names for it; nothing is renamed."""
    have = set(session.scalars(select(Field.code).where(Field.centre_id == centre.id)))
    new = {item["code"]: _field(centre, order, item) for order, item in enumerate(data["fields"])
           if item["code"] not in have}
    if not new:
        return
    session.add_all(new.values())
    session.flush()
    counters = {c.number: c for c in session.scalars(select(Counter).where(Counter.centre_id == centre.id))}
    for item in data["counters"]:
        counter = counters.get(item["number"])
        for position, code in enumerate(item["fields"]):
            if counter is not None and code in new:
                counter.served.append(CounterField(field_id=new[code].id, position=position))


def report_centre_id(ctx: QueueContext, code: str) -> int:
    """The id of the centre with this code."""
    return ctx.read(lambda session: session.scalar(select(Centre.id).where(Centre.code == code)))


def _create_centre(session, data) -> Centre:
    spec = data["centre"]
    centre = Centre(code=spec["code"], name=spec["name"], level=spec["level"],
                    timezone=spec["timezone"], address=spec["address"], opening_hours={})
    session.add(centre)
    session.flush()
    fields = {item["code"]: _field(centre, order, item) for order, item in enumerate(data["fields"])}
    session.add_all(fields.values())
    session.flush()
    session.add_all(PriorityCategory(centre_id=centre.id, code=p["code"], name_vi=p["name_vi"],
                                     name_en=p["name_en"], display_order=order)
                    for order, p in enumerate(data["priorities"]))
    for item in data["counters"]:
        counter = Counter(centre_id=centre.id, number=item["number"], name=item["name"], is_open=True)
        counter.served = [CounterField(field_id=fields[code].id, position=position)
                          for position, code in enumerate(item["fields"])]
        session.add(counter)
    session.add_all(User(centre_id=centre.id, username=u["username"], full_name=u["full_name"],
                         role=u["role"], password_hash=security.hash_password(u["password"]), is_active=True)
                    for u in data["users"])
    session.flush()
    return centre
