"""The procedure catalogue: the shipped data, import and export as one transaction, retiring."""
import copy
import json
from collections import Counter

import pytest
from sqlalchemy import func, select

from counter_server.catalogue.record import CatalogueError, parse
from counter_server.catalogue.transfer import export_catalogue, import_catalogue
from counter_server.models import Procedure
from counter_server.services.catalogue import find_procedures
from tests.factories import shipped_catalogue as shipped



def procedure_count(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Procedure))


def test_the_shipped_catalogue_has_60_real_procedures_in_10_fields_each_with_source_and_date():
    records = parse(shipped())
    per_field = Counter(record["field"] for record in records)
    assert len(records) >= 60 and len(per_field) >= 10 and min(per_field.values()) >= 1
    assert all(record["source"] and record["effective_from"] for record in records)
    birth = next(record for record in records if record["code"] == "1.001193")
    assert birth["name"] == "Đăng ký khai sinh"


def test_export_then_import_leaves_the_catalogue_identical(ctx, session, commune):
    first = import_catalogue(ctx, commune.id, shipped())
    assert len(first.added) == len(shipped()["procedures"]) and not first.changed and not first.retired
    exported = export_catalogue(ctx, commune.id)
    again = import_catalogue(ctx, commune.id, exported)
    assert (again.added, again.changed, again.retired) == ([], [], [])
    assert again.unchanged == len(exported["procedures"])
    assert export_catalogue(ctx, commune.id) == exported
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported   # plain JSON, nothing lost


def test_a_malformed_file_is_refused_with_the_row_and_column_and_changes_nothing(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped())
    before = export_catalogue(ctx, commune.id)
    broken = copy.deepcopy(shipped())
    del broken["procedures"][3]["effective_from"]
    broken["procedures"][5]["ways"][0]["channel"] = "fax"
    broken["procedures"][0]["fees"] = "ignored: unknown keys are dropped"
    with pytest.raises(CatalogueError) as refused:
        import_catalogue(ctx, commune.id, broken)
    name3, name5 = broken["procedures"][3]["name"], broken["procedures"][5]["name"]
    assert f"procedures[3] ({name3}).effective_from: Missing data for required field." in refused.value.problems
    assert any(p.startswith(f"procedures[5] ({name5}).ways.0.channel: Must be one of") for p in refused.value.problems)
    assert export_catalogue(ctx, commune.id) == before


def test_an_unknown_field_refuses_the_whole_file(ctx, session, commune):
    data = shipped()
    data["procedures"][-1]["field"] = "ZZ"
    with pytest.raises(CatalogueError) as refused:
        import_catalogue(ctx, commune.id, data)
    assert refused.value.problems == ["field ZZ: not a field of this centre (create it first)"]
    assert procedure_count(session) == 0


def test_an_import_reports_changes_and_retires_what_the_file_no_longer_lists(ctx, session, commune):
    import_catalogue(ctx, commune.id, shipped())
    data = export_catalogue(ctx, commune.id)
    gone = data["procedures"].pop(0)
    data["procedures"][0]["ways"][0]["fees"] = "50.000 đồng (đã sửa đổi)"
    report = import_catalogue(ctx, commune.id, data)
    assert report.retired == [gone["code"]] and report.changed == [data["procedures"][0]["code"]]
    assert gone["code"] not in {p.code for p in find_procedures(ctx, commune.id)}
    assert procedure_count(session) == len(shipped()["procedures"])   # retired, not deleted
