"""Renders form 01 (the receipt-and-appointment slip) to PNG for the README: a dossier of the
demo centre received on Friday 13/2/2026 at 15:30 for birth registration (same day, 15:00
cut-off: due after Tết) and one for a 3-working-day procedure, on A4 and A5.

Run: python docs/make_forms.py   (needs pdftoppm: Debian's poppler-utils)
"""
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
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
        app.extensions["engine"].dispose()
    print("wrote", *(OUT / f"form01-{paper}.png" for paper in ("a4", "a5")))


if __name__ == "__main__":
    main()
