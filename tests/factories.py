"""Rows for tests, with sensible defaults: make_centre(session, **kw) and friends."""
import json
from datetime import date, datetime, timezone
from pathlib import Path

from counter_server.domain.calendar import ALWAYS_OPEN
from counter_server.models import (
    Centre, Counter, CounterField, Field, Kiosk, PriorityCategory, Procedure, User,
)
from counter_server import security


def make_centre(session, **kw) -> Centre:
    values = dict(code="TEST", name="Trung tâm thử nghiệm", level="commune",
                  timezone="Asia/Ho_Chi_Minh", opening_hours=ALWAYS_OPEN, address="")
    centre = Centre(**(values | kw))
    session.add(centre)
    session.flush()
    return centre


def make_field(session, centre, code="HT", prefix="A", **kw) -> Field:
    values = dict(name_vi=f"Lĩnh vực {code}", name_en=f"Field {code}", daily_cap=None,
                  target_wait_minutes=30, default_service_minutes=10, is_open=True, display_order=0)
    field = Field(centre_id=centre.id, code=code, ticket_prefix=prefix, **(values | kw))
    session.add(field)
    session.flush()
    return field


BIRTH_DETAILS = {  # the national record's shape (counter_server/catalogue/record.py)
    "documents": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0},
                  {"name": "Giấy chứng sinh", "originals": 1}],
    "ways": [{"channel": "direct", "processing_time": "Trong ngày", "fees": "Miễn lệ phí nếu đăng ký đúng hạn"}],
    "legal_basis": [{"title": "Luật Hộ tịch 2014"}], "agency": "Quầy Hộ tịch",
}


def make_procedure(session, field, code="1.001193", name="Đăng ký khai sinh", details=None) -> Procedure:
    procedure = Procedure(field_id=field.id, code=code, name=name, effective_from=date(2016, 1, 1),
                          details=BIRTH_DETAILS if details is None else details)
    session.add(procedure)
    session.flush()
    return procedure


def make_priority(session, centre, code="elderly", name_vi="Người cao tuổi", order=0) -> PriorityCategory:
    priority = PriorityCategory(centre_id=centre.id, code=code, name_vi=name_vi, name_en=code, display_order=order)
    session.add(priority)
    session.flush()
    return priority


def make_counter(session, centre, number=1, fields=(), is_open=True) -> Counter:
    counter = Counter(centre_id=centre.id, number=number, name=f"Quầy {number}", is_open=is_open)
    counter.served = [CounterField(field_id=field.id, position=position) for position, field in enumerate(fields)]
    session.add(counter)
    session.flush()
    return counter


def make_user(session, centre, username="canbo", role="staff", password="mat-khau-1") -> User:
    user = User(centre_id=centre.id, username=username, role=role, full_name=username,
                password_hash=security.hash_password(password), is_active=True)
    session.add(user)
    session.flush()
    return user


def make_kiosk(session, centre, name="Ki-ốt 1", token="kt_test-token") -> Kiosk:
    kiosk = Kiosk(centre_id=centre.id, name=name, token_hash=security.hash_kiosk_token(token),
                  is_active=True, created_at=datetime.now(timezone.utc))
    session.add(kiosk)
    session.flush()
    return kiosk


SHIPPED_CATALOGUE = Path(__file__).parents[1] / "assets" / "catalogue" / "procedures.json"


def shipped_catalogue() -> dict:
    """The catalogue the product ships (assets/catalogue/procedures.json), read afresh."""
    return json.loads(SHIPPED_CATALOGUE.read_text(encoding="utf-8"))


def make_commune(session, code: str) -> Centre:
    """A centre with every field of the shipped catalogue and no procedures yet."""
    centre = make_centre(session, code=code)
    for index, field in enumerate(shipped_catalogue()["fields"]):
        make_field(session, centre, field["code"], chr(ord("A") + index), name_vi=field["name_vi"])
    session.commit()
    return centre

