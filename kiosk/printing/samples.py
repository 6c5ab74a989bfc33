"""A sample ticket and requirements slip: for the installer's print test, the docs and the tests."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from .tickets import RequiredDocument, RequirementsSlip, TicketData

SAMPLE_CENTRE = "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm"
SAMPLE_TRACK_URL = "http://127.0.0.1:5000/api/v1/tickets/track/q7Xk2mPz9LwT4vRbHs3N"
SAMPLE_FOOTER = "Xin giữ phiếu đến khi được phục vụ."


def sample_ticket() -> TicketData:
    """A full ticket: procedure chosen, priority given, three people ahead, two counters."""
    return TicketData(
        centre_name=SAMPLE_CENTRE,
        number="A012",
        field_name="Hộ tịch",
        procedure_name="Đăng ký khai sinh",
        priority_label="Người cao tuổi",
        waiting_ahead=3,
        estimated_wait_minutes=12,
        issued_at=datetime(2026, 11, 26, 2, 15, tzinfo=timezone.utc),
        track_url=SAMPLE_TRACK_URL,
        footer=SAMPLE_FOOTER,
        counters=(1, 2),
    )


def sample_slip() -> RequirementsSlip:
    """The documents list for a birth registration (sample figures, to be checked against the official listing)."""
    return RequirementsSlip(
        name="Đăng ký khai sinh",
        code="1.001193",
        field_name="Hộ tịch",
        documents=(
            RequiredDocument("Tờ khai đăng ký khai sinh (theo mẫu)", originals=1),
            RequiredDocument("Giấy chứng sinh; nếu không có thì văn bản của người làm chứng", originals=1),
            RequiredDocument("Căn cước hoặc hộ chiếu của người đi đăng ký", originals=0, copies=0, kind="show_only"),
            RequiredDocument("Giấy chứng nhận kết hôn của cha mẹ (nếu có)", originals=0, copies=1,
                             kind="submit_copy"),
            RequiredDocument("Văn bản ủy quyền", originals=1,
                             case="Trường hợp người đi đăng ký không phải là cha, mẹ"),
        ),
        processing_time="Trong ngày; nộp sau 15 giờ thì trả kết quả ngày làm việc tiếp theo",
        fees="Miễn lệ phí khi đăng ký đúng hạn",
        centre_name=SAMPLE_CENTRE,
        printed_at=datetime(2026, 11, 26, 2, 20, tzinfo=timezone.utc),
    )


def write_sample_pictures(folder: str | Path) -> list[Path]:
    """Print the samples to a virtual printer in folder: PNGs decoded from the real job bytes."""
    from .jobs import requirements_job, ticket_job
    from .profiles import printer_profile
    from .service import send_job

    folder = Path(folder)
    jobs = {
        "ticket-80mm": ticket_job(sample_ticket(), printer_profile(80)),
        "ticket-58mm": ticket_job(sample_ticket(), printer_profile(58)),
        "requirements-80mm": requirements_job(sample_slip(), printer_profile(80)),
    }
    written = []
    for name, job in jobs.items():
        (folder / f"{name}.png").unlink(missing_ok=True)  # the virtual printer never overwrites
        result = send_job(f"virtual://{folder}", job, name)
        if not result.printed:
            raise RuntimeError(f"{name}: {result.detail}")
        written.append(folder / f"{name}.png")
    return written


if __name__ == "__main__":  # python -m kiosk.printing.samples docs/tickets
    import sys

    for path in write_sample_pictures(sys.argv[1] if len(sys.argv) > 1 else "docs/tickets"):
        print(path)
