"""Searching the catalogue keeps each centre's index between searches: a change to the catalogue
(an import, an edit) is found by the very next search, and databases never share an index."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from counter_server.catalogue.editing import form_values, save_procedure
from counter_server.catalogue.transfer import export_catalogue, import_catalogue
from counter_server.db import make_engine
from counter_server.models import Procedure
from counter_server.services import QueueContext
from counter_server.services.catalogue import catalogue_version, find_procedures
from tests import databases
from tests.factories import make_centre, make_commune, make_field
from tests.factories import shipped_catalogue as shipped

@pytest.fixture
def commune(ctx, session):
    """A centre with the shipped catalogue's fields and procedures; its id."""
    centre = make_commune(session, "XA-TIM")
    import_catalogue(ctx, centre.id, shipped())
    return centre.id


def names(procedures) -> list[str]:
    return [procedure.name for procedure in procedures]


def test_the_search_after_an_import_finds_the_new_name_and_no_longer_the_old(ctx, commune):
    assert names(find_procedures(ctx, commune, "khai sinh"))[0] == "Đăng ký khai sinh"
    assert find_procedures(ctx, commune, "bị bỏ rơi") == []
    assert "Đăng ký khai sinh" in names(find_procedures(ctx, commune, field="HT"))
    data = export_catalogue(ctx, commune)
    birth = next(p for p in data["procedures"] if p["code"] == "1.001193")
    birth["name"] = "Đăng ký khai sinh cho trẻ em bị bỏ rơi"
    import_catalogue(ctx, commune, data)
    assert names(find_procedures(ctx, commune, "bi bo roi")) == ["Đăng ký khai sinh cho trẻ em bị bỏ rơi"]
    assert "Đăng ký khai sinh" not in names(find_procedures(ctx, commune, "khai sinh"))
    assert "Đăng ký khai sinh cho trẻ em bị bỏ rơi" in names(find_procedures(ctx, commune, field="HT"))


def test_a_procedure_the_file_no_longer_lists_is_no_longer_found(ctx, commune):
    assert names(find_procedures(ctx, commune, "1.001193")) == ["Đăng ký khai sinh"]
    data = shipped()
    data["procedures"] = [p for p in data["procedures"] if p["code"] != "1.001193"]
    import_catalogue(ctx, commune, data)
    assert find_procedures(ctx, commune, "1.001193") == []
    assert "Đăng ký khai sinh" not in names(find_procedures(ctx, commune))


def test_the_search_after_an_edit_on_the_admin_pages_finds_the_new_name(ctx, session, commune):
    assert find_procedures(ctx, commune, "ket hon")
    procedure_id = session.scalar(select(Procedure.id).where(Procedure.name == "Đăng ký kết hôn"))
    values = form_values(ctx, commune, procedure_id) | {"name": "Đăng ký kết hôn lần thứ nhất"}
    save_procedure(ctx, commune, values, "canbo", procedure_id)
    assert names(find_procedures(ctx, commune, "ket hon lan thu nhat"))[0] == "Đăng ký kết hôn lần thứ nhất"
    assert "Đăng ký kết hôn" not in names(find_procedures(ctx, commune, "ket hon"))


def test_two_databases_with_the_same_centre_and_version_do_not_share_an_index(ctx, commune, sqlite_template,
                                                                              tmp_path):
    assert names(find_procedures(ctx, commune, "khai sinh"))[0] == "Đăng ký khai sinh"
    (tmp_path / "other").mkdir()
    engine = make_engine(databases.fresh_sqlite(sqlite_template, tmp_path / "other"))
    other = QueueContext(sessionmaker(engine, expire_on_commit=False))
    try:
        with other.session_factory() as session:
            centre = make_centre(session, code="XA-KHAC")
            for index, field in enumerate(shipped()["fields"]):
                make_field(session, centre, field["code"], chr(ord("A") + index))
            session.commit()
        data = shipped()
        data["procedures"][0]["name"] = "Khai sinh tại nhà"   # 1.001193, the first
        import_catalogue(other, centre.id, data)
        assert (centre.id, catalogue_version(other, centre.id)) == (commune, catalogue_version(ctx, commune))
        assert names(find_procedures(other, centre.id, "khai sinh"))[0] == "Khai sinh tại nhà"
        assert names(find_procedures(ctx, commune, "khai sinh"))[0] == "Đăng ký khai sinh"
    finally:
        engine.dispose()
