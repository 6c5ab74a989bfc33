"""Each centre's public pages: the board, the listing and the public API answer for the centre the
address names (?centre=), or the one the host name is set for (COUNTER_SERVER_CENTRE_HOSTS)."""
import pytest

from counter_server.config import centre_hosts


def test_the_host_setting_is_read_as_lower_case_host_names_and_codes():
    assert centre_hosts(" TanLap.MotCua.vn = XA-TAN-LAP ,hoabinh.motcua.vn=PHUONG-DEMO,bad,=X") == {
        "tanlap.motcua.vn": "XA-TAN-LAP", "hoabinh.motcua.vn": "PHUONG-DEMO"}


@pytest.fixture
def hosts(app):
    app.config["CENTRE_HOSTS"] = {"xakhac.motcua.vn": "XA-KHAC"}


def test_the_board_and_listing_show_the_centre_named_in_the_address(client, centre, other_centre):
    assert "Bộ phận Một cửa xã Khác" in client.get("/board?centre=XA-KHAC").get_data(as_text=True)
    assert client.get("/api/v1/display?centre=XA-KHAC").json["centre"] == "Bộ phận Một cửa xã Khác"
    assert client.get("/api/v1/display").json["centre"] == "Trung tâm thử nghiệm"
    assert client.get("/api/v1/display?centre=KHONG-CO").status_code == 404


def test_a_host_name_set_for_a_centre_shows_that_centre_without_asking(client, hosts, centre, other_centre):
    assert client.get("/api/v1/display", base_url="https://xakhac.motcua.vn").json["centre"] == "Bộ phận Một cửa xã Khác"
    assert client.get("/api/v1/display", base_url="https://xakhac.motcua.vn:8443").json["centre"] == "Bộ phận Một cửa xã Khác"
    assert client.get("/api/v1/display?centre=TEST", base_url="https://xakhac.motcua.vn").json["centre"] == "Trung tâm thử nghiệm"
    assert "Bộ phận Một cửa xã Khác" in client.get("/thu-tuc", base_url="https://xakhac.motcua.vn").get_data(as_text=True)
    assert client.get("/api/v1/display", base_url="https://other.motcua.vn").json["centre"] == "Trung tâm thử nghiệm"
