"""Renders form 01 (the receipt-and-appointment slip) to PNG for the README: a dossier of the
demo centre received on Friday 13/2/2026 at 15:30 for birth registration (same day, 15:00
cut-off: due after Tết) and one for a 3-working-day procedure, on A4 and A5.

Then forms 02–07 (first page each) from four dossiers received in the week of 2/3/2026: one
handed to the civil-status officer, extended with an apology and returned (04, 06), one waiting
for documents (02), one refused (03), one stopped (05); and the tracking book of that week (07).

Run: python docs/make_forms.py   (needs pdftoppm: Debian's poppler-utils)
"""
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import sessionmaker  # noqa: E402

from counter_server.app import create_app  # noqa: E402
from counter_server.db import make_engine  # noqa: E402
from counter_server.migrate import upgrade_to_head  # noqa: E402
from counter_server.seed import seed_demo  # noqa: E402
from counter_server.services import QueueContext  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
FRIDAY_BEFORE_TET = datetime(2026, 2, 13, 8, 30, tzinfo=timezone.utc)   # 15:30 in Hà Nội
MONDAY = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)                  # 09:00 in Hà Nội
UNIT = "Công chức Tư pháp – Hộ tịch"
APPLICANT = {"name": "Nguyễn Thị Hoa", "id_number": "025190004567", "phone": "0983 456 789",
             "date_of_birth": "1990-05-17", "address": "Tổ 4, phường Tân Dân, tỉnh Phú Thọ"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/forms.sqlite3"
        upgrade_to_head(url)
        engine = make_engine(url)
        seed_demo(QueueContext(sessionmaker(engine, expire_on_commit=False)))
        engine.dispose()
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "forms", "TESTING": True, "AUDIO_DIR": f"{tmp}/audio"})
        app.extensions["queue"].clock = lambda: FRIDAY_BEFORE_TET
        client = app.test_client()
        token = client.post("/api/v1/auth/token", json={"username": "canbo1", "password": "canbo1-demo"}).json["token"]
        headers = {"Authorization": f"Bearer {token}"}
        made = client.post("/api/v1/dossiers", headers=headers, json={
            "procedure": "1.001193", "applicant": APPLICANT,
            "documents": [{"name": "Tờ khai đăng ký khai sinh theo mẫu"}, {"name": "Giấy chứng sinh"}]}).json
        for paper in ("a4", "a5"):
            pdf = client.get(f"/api/v1/dossiers/{made['id']}/receipt.pdf?paper={paper}", headers=headers).data
            path = Path(tmp) / f"form01-{paper}.pdf"
            path.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-r", "110" if paper == "a4" else "130", "-f", "1", "-l", "1", "-png",
                            "-singlefile", str(path), str(OUT / f"form01-{paper}")], check=True)
        made = notices(app, client, headers)
        for number, address in made.items():
            path = Path(tmp) / f"form{number}.pdf"
            path.write_bytes(client.get(address, headers=headers).data)
            subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", "-singlefile", str(path),
                            str(OUT / f"form{number}")], check=True)
        app.extensions["engine"].dispose()
    print("wrote", *(OUT / f"form01-{paper}.png" for paper in ("a4", "a5")), *(OUT / f"form{n}.png" for n in made))


class Clock:
    """The demo's time, moved on by hand."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def notices(app, client, headers) -> dict[str, str]:
    """The demo dossiers of forms 02–07; each form's PDF address."""
    clock = Clock(MONDAY)
    app.extensions["queue"].clock = clock
    manager = {"Authorization": "Bearer " + client.post("/api/v1/auth/token", json={
        "username": "lanhdao", "password": "lanhdao-demo"}).json["token"]}

    def receive(procedure, applicant):
        return client.post("/api/v1/dossiers", headers=headers, json={"procedure": procedure, "applicant": applicant,
                                                                     "documents": []}).json["id"]

    def move(dossier_id, who=headers, **body):
        answer = client.post(f"/api/v1/dossiers/{dossier_id}/transitions", headers=who, json=body)
        assert answer.status_code == 201, answer.json

    extended = receive("1.004873", {**APPLICANT, "name": "Trần Văn Bình", "id_number": "025088001234",
                                    "phone": "0912 888 345", "email": "tranvanbinh@example.vn"})
    clock.advance(minutes=20)
    waiting = receive("1.001570", {"name": "Lê Thị Mai", "id_number": "025192007788", "phone": "0977 123 456",
                                   "address": "Số 12 phố Nguyễn Du, phường Hòa Bình, tỉnh Phú Thọ",
                                   "organisation": "Hộ kinh doanh Mai Anh"})
    clock.advance(minutes=25)
    refused = receive("1.004873", {"name": "Phạm Quốc Huy", "id_number": "001095003456", "phone": "0868 222 111",
                                   "address": "Thôn Đông, xã Tam Nông, tỉnh Phú Thọ"})
    clock.advance(minutes=15)
    stopped = receive("1.004873", {**APPLICANT, "name": "Đỗ Thị Thu", "id_number": "025195002222",
                                   "phone": "0904 555 666"})
    clock.advance(minutes=30)                                     # Monday 10:30
    move(extended, to="processing", to_unit=UNIT)
    move(refused, to="refused", note="Ông không thường trú tại phường Hòa Bình: đề nghị nộp hồ sơ tại Ủy ban "
                                     "nhân dân xã Tam Nông, nơi Ông thường trú.")
    clock.advance(hours=4)                                        # Monday 14:30
    move(waiting, to="supplement_requested",
         note="Giấy đề nghị tạm ngừng kinh doanh chưa có chữ ký của chủ hộ kinh doanh.\n"
              "Thiếu bản sao Giấy chứng nhận đăng ký hộ kinh doanh (để đối chiếu số đăng ký).")
    clock.advance(days=1)                                         # Tuesday
    move(stopped, to="stopped", note="Công an phường Hòa Bình đề nghị tạm dừng để xác minh thông tin cư trú "
                                     "của người yêu cầu (văn bản ngày 03/3/2026).")
    clock.advance(days=2)                                         # Thursday 14:30, due 16:30
    move(extended, manager, to="processing", new_due_date="2026-03-10",
         note="Phải xác minh tình trạng hôn nhân tại nơi cư trú trước đây (xã Tân Lập, tỉnh Phú Thọ); "
              "nơi được đề nghị xác minh chưa trả lời.")
    clock.advance(days=4, hours=-4)                               # Monday 9/3 10:30
    move(extended, to="result_ready", to_unit="Bộ phận một cửa")
    clock.advance(days=1)                                         # Tuesday 10/3
    move(extended, to="returned", note="Ông Bình nhận")
    forms = "/api/v1/dossiers/{}/forms/{}.pdf"
    return {"02": forms.format(waiting, "02"), "03": forms.format(refused, "03"), "04": forms.format(extended, "04"),
            "05": forms.format(stopped, "05"), "06": forms.format(extended, "06"),
            "07": "/api/v1/dossiers/book.pdf?from=2026-03-02&to=2026-03-06"}


if __name__ == "__main__":
    main()
