"""Redraw the reference pictures after a deliberate layout change: look at them before committing.

Run: .venv/bin/python -m tests.printing.make_references
"""
from __future__ import annotations

from pathlib import Path


from kiosk.printing import printer_profile, requirements_job, ticket_job
from kiosk.printing.samples import sample_slip, sample_ticket

from .strict_escpos import parse, printed_picture

REFERENCE_DIR = Path(__file__).parent / "reference"


def reference_jobs() -> dict[str, bytes]:
    """The jobs whose printed pictures are kept as references, by file stem."""
    return {
        "ticket-80mm": ticket_job(sample_ticket(), printer_profile(80)),
        "ticket-58mm": ticket_job(sample_ticket(), printer_profile(58)),
        "requirements-80mm": requirements_job(sample_slip(), printer_profile(80)),
    }


def main() -> None:
    """Write every reference picture."""
    REFERENCE_DIR.mkdir(exist_ok=True)
    for stem, job in reference_jobs().items():
        printed_picture(parse(job)).save(REFERENCE_DIR / f"{stem}.png", optimize=True)


if __name__ == "__main__":
    main()
