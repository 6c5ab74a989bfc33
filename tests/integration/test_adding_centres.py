"""A province adds centres to the one database: `counter-server add-centre` like a working centre
or from a description file, and `counter-server user reach` for the managers over several."""
import json

import pytest
from sqlalchemy import create_engine, func, select

from counter_server.models import Centre, Counter, Field, Kiosk, Procedure, User
from counter_server.security import hash_kiosk_token
from counter_server.seed import DEMO_FILE
from tests.integration.test_cli import cli  # noqa: F401  (the fixture)


def scalar(url, query):
    engine = create_engine(url)
    with engine.connect() as connection:
        value = connection.scalar(query)
    engine.dispose()
    return value


@pytest.fixture
def demo(cli):
    cli("init-db")
    cli("seed-demo")
    return cli


def test_a_centre_added_like_the_demo_has_its_fields_counters_procedures_admin_and_kiosk(demo):
    result = demo("add-centre", "XA-BINH-AN", "--name", "Bộ phận Một cửa xã Bình An", "--like", "PHUONG-DEMO")
    assert result.exit_code == 0, result.output
    centre_id = scalar(demo.url, select(Centre.id).where(Centre.code == "XA-BINH-AN"))
    demo_id = scalar(demo.url, select(Centre.id).where(Centre.code == "PHUONG-DEMO"))
    for model in (Field, Counter):
        assert scalar(demo.url, select(func.count()).select_from(model).where(model.centre_id == centre_id)) == \
            scalar(demo.url, select(func.count()).select_from(model).where(model.centre_id == demo_id))
    procedures = select(func.count()).select_from(Procedure).join(Field).where(Field.centre_id == centre_id)
    assert scalar(demo.url, procedures) >= 50
    token = next(line.split(": ")[-1] for line in result.output.splitlines() if "Kiosk" in line)
    assert scalar(demo.url, select(Kiosk.centre_id).where(Kiosk.token_hash == hash_kiosk_token(token))) == centre_id
    assert scalar(demo.url, select(User.role).where(User.username == "quantri-xa-binh-an")) == "admin"


def test_a_centre_added_from_a_description_file_takes_its_counters(demo, tmp_path):
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    data["counters"] = data["counters"][:2]
    data["users"] = [{"username": "quantri-lt", "role": "admin"}]
    data["kiosks"] = ["Ki-ốt 1", "Ki-ốt 2"]
    spec = tmp_path / "centre.json"
    spec.write_text(json.dumps(data), encoding="utf-8")
    result = demo("add-centre", "XA-LONG-THANH", "--name", "Bộ phận Một cửa xã Long Thành", "--from-file", str(spec))
    assert result.exit_code == 0, result.output
    centre_id = scalar(demo.url, select(Centre.id).where(Centre.code == "XA-LONG-THANH"))
    assert scalar(demo.url, select(func.count()).select_from(Counter).where(Counter.centre_id == centre_id)) == 2
    assert scalar(demo.url, select(func.count()).select_from(Kiosk).where(Kiosk.centre_id == centre_id)) == 2


def test_a_code_already_taken_or_a_counter_calling_an_unknown_field_is_refused_in_words(demo, tmp_path):
    taken = demo("add-centre", "XA-TAN-LAP", "--name", "Trùng mã")
    assert taken.exit_code != 0 and "Đã có trung tâm mã XA-TAN-LAP" in taken.output
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    data["counters"][0]["fields"].append("KHONG-CO")
    data["users"] = []
    spec = tmp_path / "bad.json"
    spec.write_text(json.dumps(data), encoding="utf-8")
    bad = demo("add-centre", "XA-MOI", "--name", "Xã Mới", "--from-file", str(spec))
    assert bad.exit_code != 0 and "gọi lĩnh vực không có: KHONG-CO" in bad.output
    assert scalar(demo.url, select(Centre.id).where(Centre.code == "XA-MOI")) is None


def test_a_manager_is_given_another_centre_or_the_whole_province(demo):
    assert "reaches 2 centre(s): PHUONG-DEMO, XA-TAN-LAP" in demo("user", "reach", "lanhdao", "--centre", "XA-TAN-LAP").output
    assert "reaches 1 centre(s): PHUONG-DEMO" in demo("user", "reach", "lanhdao").output
    assert "reaches 2 centre(s)" in demo("user", "reach", "lanhdao", "--whole-province").output
    unknown = demo("user", "reach", "lanhdao", "--centre", "KHONG-CO")
    assert unknown.exit_code != 0 and "Không có trung tâm: KHONG-CO" in unknown.output


def test_the_first_centre_of_a_fresh_install_comes_from_the_example_and_its_admin_adds_the_others(cli):
    cli("init-db")
    first = cli("add-centre", "TINH-DEMO", "--name", "Trung tâm Phục vụ hành chính công tỉnh",
                "--from-file", "deploy/centre.example.json", "--province-admin", "--admin", "quantri-tinh")
    assert first.exit_code == 0, first.output
    assert "admin quantri-tinh, password (shown once):" in first.output
    procedures = select(func.count()).select_from(Procedure)
    assert scalar(cli.url, procedures) >= 50
    assert scalar(cli.url, select(User.whole_province).where(User.username == "quantri-tinh")) is True
    assert cli("add-centre", "XA-A", "--name", "Bộ phận Một cửa xã A").exit_code == 0   # like the first
    assert scalar(cli.url, procedures) >= 100
    assert scalar(cli.url, select(User.whole_province).where(User.username == "quantri-xa-a")) is False
