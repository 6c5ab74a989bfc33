"""A demo centre seeded before step 11 (eight fields, no province) is brought up to date by
seed-demo: the new fields are added and served, the 2026 catalogue imported, the province named."""
import copy

from sqlalchemy import select

from counter_server.models import Centre, Counter, Field, Procedure
from counter_server.seed import load_demo, seed_demo


def before_step_11() -> dict:
    data = copy.deepcopy(load_demo())
    data["fields"] = [f for f in data["fields"] if f["code"] not in ("NCN", "GN")]
    for counter in data["counters"]:
        counter["fields"] = [code for code in counter["fields"] if code not in ("NCN", "GN")]
    data["centre"].pop("province")
    data.pop("catalogue")
    return data


def test_seeding_again_adds_the_new_fields_and_imports_the_new_catalogue(ctx, session):
    seed_demo(ctx, before_step_11())
    assert seed_demo(ctx).created is False
    session.expire_all()
    centre = session.scalar(select(Centre))
    assert centre.province == "phu-tho"
    fields = {f.code: f for f in session.scalars(select(Field).where(Field.centre_id == centre.id))}
    assert {"NCN", "GN"} <= set(fields) and fields["GN"].name_vi == "Giảm nghèo"
    assert fields["HT"].national_code == "G15-TP07"
    served = {c.number: {s.field.code for s in c.served} for c in session.scalars(select(Counter))}
    assert "NCN" in served[1] and "GN" in served[4]
    poverty = session.scalars(select(Procedure).where(Procedure.field_id == fields["GN"].id)).all()
    assert poverty and all("nghèo" in p.name for p in poverty)
