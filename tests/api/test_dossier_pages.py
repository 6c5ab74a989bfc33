"""The dossier pages over HTTP: the tracking book with its filters and pages, and a dossier's page
with its control sheet, the moves it may make next and its papers."""
import pytest

from .test_dossier_moves import UNIT, move
from .test_dossiers_api import procedure, receive   # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def two(api, centre, procedure):
    staff = api.login()
    made = [receive(api, staff).json, receive(api, staff).json]
    move(api, made[0]["id"], staff, to="supplement_requested", note="Thiếu bản sao giấy khai sinh")
    return made


def test_the_book_lists_the_dossiers_and_links_each(api, client, two):
    api.sign_in()
    page = client.get("/dossiers").get_data(as_text=True)
    assert "2 hồ sơ" in page and "TEST-261126-0001" in page and "Nguyễn Văn An" in page
    assert f'href="/dossiers/{two[0]["id"]}"' in page and "Chờ bổ sung hồ sơ" in page
    assert "format=xlsx" in page and "/dossiers/book/print" in page
    picked = client.get("/dossiers?status=supplement_requested").get_data(as_text=True)
    assert "1 hồ sơ" in picked and "TEST-261126-0002" not in picked


def test_the_book_refuses_a_wrong_filter_in_words(api, client, two):
    api.sign_in()
    wrong = client.get("/dossiers?from=31/02/2026")
    assert wrong.status_code == 400 and "Ngày không hợp lệ" in wrong.get_data(as_text=True)
    assert client.get("/dossiers?due=soon").status_code == 400
    assert "Ngày bắt đầu sau ngày kết thúc" in client.get("/dossiers?from=2026-12-01&to=2026-11-01").get_data(as_text=True)


def test_a_dossiers_page_shows_its_sheet_its_next_moves_and_its_papers(api, client, two):
    staff = api.login()   # before the cookie: a signed-in browser's own posts carry the page's CSRF token
    api.sign_in()
    page = client.get(f"/dossiers/{two[0]['id']}").get_data(as_text=True)
    assert "Thiếu bản sao giấy khai sinh" in page and "Phiếu yêu cầu bổ sung (mẫu 02)" in page
    assert '<option value="processing"' in page and '<option value="returned"' not in page
    assert "Phiếu kiểm soát (mẫu 06)" in page and "Giấy tiếp nhận (mẫu 01)" in page
    client.delete_cookie("session")
    move(api, two[1]["id"], staff, to="processing", to_unit=UNIT)
    api.sign_in()
    sheet = client.get(f"/dossiers/{two[1]['id']}/sheet").get_data(as_text=True)
    assert UNIT in sheet and "Đang giải quyết" in sheet


def test_strangers_are_sent_to_sign_in_and_other_centres_find_nothing(api, client, two):
    assert client.get("/dossiers").status_code == 302
    assert client.get(f"/dossiers/{two[0]['id']}").status_code == 302
    api.sign_in()
    assert client.get("/dossiers/999999").status_code == 404
