"""Print a ticket or a slip to a printer URL, or only ask its status: never raises for printer faults."""
from __future__ import annotations

import logging

from .jobs import requirements_job, ticket_job
from .profiles import PrinterProfile
from .status import (
    CAN_PRINT,
    ERROR,
    OK,
    TICKET_KEPT,
    TICKET_PRINTED,
    PrintResult,
    print_result,
    read_status,
    status_result,
)
from .tickets import RequirementsSlip, TicketData
from .transports import Deadline, PrinterFault, Transport, transport_for

log = logging.getLogger(__name__)

# A printer that never answers holds the kiosk this long at most (the brief allows 2 s).
STATUS_BUDGET_SECONDS = 1.5
SLIP_PRINTED = ("Đã in xong. Mời ông/bà nhận danh sách giấy tờ.", "Printed. Please take your documents list.")
SLIP_KEPT = (
    "Xin hỏi cán bộ một cửa để được hướng dẫn giấy tờ.",
    "Please ask a member of staff for the documents list.",
)


def print_ticket(
    printer_url: str,
    ticket: TicketData,
    profile: PrinterProfile | None = None,
    *,
    budget: float = STATUS_BUDGET_SECONDS,
) -> PrintResult:
    """Print a queue ticket; the result says whether it came out and, if not, why in Vietnamese."""
    name = f"ticket-{ticket.number}-{ticket.local_issued_at():%Y%m%d-%H%M%S}"
    return send_job(printer_url, ticket_job(ticket, profile), name, budget=budget)


def print_requirements(
    printer_url: str,
    slip: RequirementsSlip,
    profile: PrinterProfile | None = None,
    *,
    budget: float = STATUS_BUDGET_SECONDS,
) -> PrintResult:
    """Print a procedure's requirements slip."""
    name = f"requirements-{slip.code}-{slip.local_printed_at():%Y%m%d-%H%M%S}"
    return send_job(printer_url, requirements_job(slip, profile), name, words=(SLIP_PRINTED, SLIP_KEPT), budget=budget)


def send_job(
    printer_url: str,
    job: bytes,
    name: str,
    *,
    words: tuple[tuple[str, str], tuple[str, str]] = (TICKET_PRINTED, TICKET_KEPT),
    budget: float = STATUS_BUDGET_SECONDS,
) -> PrintResult:
    """Check the printer's status within the budget, then send the job bytes if it can print.

    `words` are what to say (Vietnamese, English) when the job came out, and
    what to add when it did not.
    """
    done, kept = words
    deadline = Deadline(budget)
    try:
        transport = transport_for(printer_url)
    except ValueError as error:
        return print_result(ERROR, str(error), kept=kept)
    try:
        try:
            transport.open(deadline)
            state = _state(transport, deadline)
            if state not in CAN_PRINT:
                log.warning("not printing %s on %s: %s", name, transport.describe(), state)
                return print_result(state, f"{transport.describe()}: {state}", kept=kept)
            note = transport.send(job, name)
        finally:
            transport.close()
    except PrinterFault as fault:
        log.warning("printing %s on %s failed: %s", name, printer_url, fault.detail)
        return print_result(fault.code, fault.detail, kept=kept)
    except Exception as error:  # a fault we did not foresee must not stop the kiosk
        log.exception("printing %s on %s failed unexpectedly", name, printer_url)
        return print_result(ERROR, f"{type(error).__name__}: {error}", kept=kept)
    log.info("printed %s on %s (%d bytes, printer %s)", name, transport.describe(), len(job), state)
    detail = f"{len(job)} bytes sent to {transport.describe()}" + (f"; {note}" if note else "")
    return print_result(state, detail, transport.reports_status, done=done, kept=kept)


def printer_status(printer_url: str, *, budget: float = STATUS_BUDGET_SECONDS) -> PrintResult:
    """The printer's state only (for a heartbeat), read within the budget."""
    deadline = Deadline(budget)
    try:
        transport = transport_for(printer_url)
    except ValueError as error:
        return status_result(ERROR, str(error))
    try:
        try:
            transport.open(deadline)
            state = _state(transport, deadline)
        finally:
            transport.close()
    except PrinterFault as fault:
        return status_result(fault.code, fault.detail)
    except Exception as error:
        log.exception("status of %s failed unexpectedly", printer_url)
        return status_result(ERROR, f"{type(error).__name__}: {error}")
    return status_result(state, transport.describe(), checked=transport.reports_status)


def _state(transport: Transport, deadline: Deadline) -> str:
    if not transport.reports_status:
        return OK
    return read_status(lambda n: transport.ask(n, deadline))
