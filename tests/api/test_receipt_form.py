"""Form 01, the receipt-and-appointment slip: the PDF (two copies, A4 or A5, Roboto embedded), its
pages rendered to PNG and read back (OCR and the QR code), and the officer's print page."""
import re
import subprocess

import pytest

from tests.api.test_dossiers_api import APPLICANT, procedure, receive  # noqa: F401  (fixture)
from tests.factories import make_centre, make_user

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def received(api, centre, procedure):
    return receive(api, api.login(), documents=[{"name": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"}]).json


def pdf_of(client, api, dossier, paper="a4"):
    answer = client.get(f"/api/v1/dossiers/{dossier['id']}/receipt.pdf?paper={paper}", headers=api.login())
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    return answer.data


def run(command: list[str], stdin: bytes | None = None) -> str:
    return subprocess.run(command, input=stdin, capture_output=True, check=True).stdout.decode()


def test_the_slip_is_two_copies_with_the_code_the_applicant_and_both_times(api, client, received, tmp_path):
    pdf = pdf_of(client, api, received)
    (tmp_path / "slip.pdf").write_bytes(pdf)
    info = run(["pdfinfo", str(tmp_path / "slip.pdf")])
    assert re.search(r"Pages:\s+2", info) and "pts (A4)" in info   # two A4 pages
    assert "Roboto" in run(["pdffonts", str(tmp_path / "slip.pdf")])    # embedded, not substituted
    text = run(["pdftotext", "-layout", str(tmp_path / "slip.pdf"), "-"])
    assert text.count("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == 2 and "Liên 2: giao người nộp hồ sơ" in text
    assert "Mã hồ sơ: TEST-261126-0001" in text and "Nguyễn Văn An" in text
    assert "09 giờ 00 phút, ngày 26 tháng 11 năm 2026" in text          # received
    assert "16 giờ 30 phút, ngày 01 tháng 12 năm 2026" in text          # due: three working days
    assert "3 ngày làm việc" in text and "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" in text


def test_the_slip_rendered_to_png_reads_back_and_its_qr_code_opens_the_status_page(api, client, received, tmp_path):
    (tmp_path / "slip.pdf").write_bytes(pdf_of(client, api, received))
    run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(tmp_path / "slip.pdf"), str(tmp_path / "page")])
    png = next(tmp_path.glob("page*.png"))
    words = run(["tesseract", str(png), "-", "-l", "vie"])
    assert "TEST-261126-0001" in words and "Nguyễn Văn An" in words
    assert "26 tháng 11 năm 2026" in words and "01 tháng 12 năm 2026" in words
    qr = run(["zbarimg", "--quiet", "--raw", str(png)]).strip()
    assert qr == received["lookup_url"] and qr.endswith("/ho-so?code=TEST-261126-0001")


def test_the_slip_prints_on_a5_too(api, client, received, tmp_path):
    (tmp_path / "slip.pdf").write_bytes(pdf_of(client, api, received, "a5"))
    info = run(["pdfinfo", str(tmp_path / "slip.pdf")])
    assert "419.528 x 595.276 pts" in info   # A5


def test_the_slip_is_for_the_centres_own_staff(api, client, session, received):
    address = f"/api/v1/dossiers/{received['id']}/receipt.pdf"
    assert client.get(address).status_code == 401
    other = make_centre(session, code="KHAC", name="Trung tâm khác")
    make_user(session, other, "canbo-khac")
    session.commit()
    assert client.get(address, headers=api.login("canbo-khac")).status_code == 404


def test_the_officer_prints_the_slip_from_the_browser(api, client, received):
    assert client.get(f"/dossiers/{received['id']}/receipt").status_code == 302   # signed out: to sign-in
    api.sign_in()
    page = client.get(f"/dossiers/{received['id']}/receipt?paper=a5").get_data(as_text=True)
    assert "In giấy tiếp nhận (2 liên)" in page and "size: A5 portrait" in page
    assert page.count("Mã hồ sơ: TEST-261126-0001") == 2 and APPLICANT["id_number"] in page
