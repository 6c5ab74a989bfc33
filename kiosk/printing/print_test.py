"""`kiosk print-test`: the installer's check that a printer prints a sample ticket."""
from __future__ import annotations

import argparse
import logging
from dataclasses import replace

from .jobs import ticket_job
from .profiles import PAPER_DOTS, printer_profile
from .samples import sample_ticket
from .service import STATUS_BUDGET_SECONDS, printer_status, send_job
from .status import COVER_OPEN, DEVICE_ABSENT, ERROR, NO_ANSWER, OFFLINE, PAPER_NEAR_END, PAPER_OUT, STATE_TEXT
from .transports import EXAMPLES

# Exit codes, so an install script can tell the faults apart (2 is argparse's usage error).
EXIT_CODES = {ERROR: 1, DEVICE_ABSENT: 3, NO_ANSWER: 4, PAPER_OUT: 5, COVER_OPEN: 6, OFFLINE: 7}


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register the print-test subcommand."""
    parser = commands.add_parser(
        "print-test",
        help="print a sample ticket (with a QR code) and report the printer's status",
        description="Print a sample ticket to a printer and report its status. "
        "Exits 0 when the ticket came out; otherwise non-zero with the reason.",
        epilog="Printer URLs: " + "  ".join(EXAMPLES) + ".  Add ?status=0 for a printer that does "
        "not answer status queries.  Exit codes: 1 fault, 3 no printer there, 4 no answer, "
        "5 paper out, 6 cover open, 7 offline.",
    )
    parser.add_argument("--printer", required=True, metavar="URL", help="where the printer is")
    parser.add_argument("--paper", type=int, choices=sorted(PAPER_DOTS), default=80, help="paper width in mm")
    parser.add_argument("--model", help="python-escpos printer profile, e.g. TM-T20II (default: a common model)")
    parser.add_argument("--timeout", type=float, default=STATUS_BUDGET_SECONDS, help="seconds to wait for status")
    parser.add_argument("--verbose", action="store_true", help="show the log")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Report status, print the sample ticket, and return the exit code."""
    if not args.verbose:
        logging.getLogger("kiosk.printing").setLevel(logging.CRITICAL)
    try:
        profile = printer_profile(args.paper, args.model)
    except ValueError as error:
        print(f"Cannot print: {error}")
        return 2
    cutter = "with cutter" if profile.has_cutter else "no cutter"
    print(f"Printer: {args.printer}  ({profile.paper_mm} mm, model {profile.model}, "
          f"{profile.width_dots} dots, {cutter})")
    status = printer_status(args.printer, budget=args.timeout)
    checked = "" if status.status_checked else " (this connection cannot report paper or cover)"
    print(f"Status: {status.code}: {status.message_en} / {status.message_vi}{checked}")
    ticket = replace(sample_ticket(), footer="Phiếu in thử: máy in hoạt động tốt. (Print test)")
    job = ticket_job(ticket, profile)
    result = send_job(args.printer, job, f"print-test-{profile.paper_mm}mm", budget=args.timeout)
    if result.printed:
        print(f"Printed the sample ticket: {result.detail}.")
        if result.code == PAPER_NEAR_END:
            print("Warning: the paper roll is nearly used up; put in a new roll soon.")
        return 0
    print(f"Cannot print: {STATE_TEXT[result.code][1]} ({STATE_TEXT[result.code][0]})")
    print(f"Detail: {result.detail}")
    return EXIT_CODES.get(result.code, 1)
