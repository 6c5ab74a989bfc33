"""Ticket printing: Vietnamese tickets drawn as 1-bit pictures, sent as ESC/POS raster jobs.

The kiosk calls `print_ticket(url, TicketData(...))` and shows the result's
`message_vi`; `printer_status(url)` is for a heartbeat. Neither raises for a
printer fault.
"""
from .jobs import picture_job, requirements_job, ticket_job
from .profiles import PrinterProfile, printer_profile
from .service import STATUS_BUDGET_SECONDS, print_requirements, print_ticket, printer_status, send_job
from .slip_layout import render_requirements
from .status import (
    COVER_OPEN,
    DEVICE_ABSENT,
    ERROR,
    NO_ANSWER,
    OFFLINE,
    OK,
    PAPER_NEAR_END,
    PAPER_OUT,
    STATE_TEXT,
    PrintResult,
)
from .ticket_layout import render_ticket
from .tickets import RequiredDocument, RequirementsSlip, TicketData, slip_from_procedure, ticket_from_server

__all__ = [
    "COVER_OPEN",
    "DEVICE_ABSENT",
    "ERROR",
    "NO_ANSWER",
    "OFFLINE",
    "OK",
    "PAPER_NEAR_END",
    "PAPER_OUT",
    "STATE_TEXT",
    "STATUS_BUDGET_SECONDS",
    "PrintResult",
    "PrinterProfile",
    "RequiredDocument",
    "RequirementsSlip",
    "TicketData",
    "picture_job",
    "print_requirements",
    "print_ticket",
    "printer_profile",
    "printer_status",
    "render_requirements",
    "render_ticket",
    "requirements_job",
    "send_job",
    "slip_from_procedure",
    "ticket_from_server",
    "ticket_job",
]
