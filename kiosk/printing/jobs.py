"""Turns a ticket or a slip into the ESC/POS bytes of one print job."""
from __future__ import annotations

from escpos.printer import Dummy
from PIL import Image

from .profiles import PrinterProfile, printer_profile
from .slip_layout import render_requirements
from .ticket_layout import render_ticket
from .tickets import RequirementsSlip, TicketData

FEED_LINES_WITHOUT_CUTTER = 4  # enough to tear the ticket off past the tear bar


def picture_job(picture: Image.Image, profile: PrinterProfile) -> bytes:
    """ESC/POS bytes that print a 1-bit picture with the raster command, then cut or feed."""
    printer = Dummy(profile=profile.model)
    printer.profile = profile.escpos_profile()
    printer.hw("INIT")
    printer.set(align="center")
    printer.image(picture, impl="bitImageRaster")
    if profile.has_cutter:
        printer.cut()  # feeds past the cutter first
    else:
        printer.print_and_feed(FEED_LINES_WITHOUT_CUTTER)
    return printer.output


def ticket_job(ticket: TicketData, profile: PrinterProfile | None = None) -> bytes:
    """The print job of a queue ticket."""
    profile = profile or printer_profile()
    return picture_job(render_ticket(ticket, profile.width_dots), profile)


def requirements_job(slip: RequirementsSlip, profile: PrinterProfile | None = None) -> bytes:
    """The print job of a procedure's requirements slip."""
    profile = profile or printer_profile()
    return picture_job(render_requirements(slip, profile.width_dots), profile)
