"""Chooses how to reach a printer from its URL."""
from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from .base import Deadline, PrinterFault, Transport
from .cups import CupsQueue
from .device_file import DeviceFile
from .network import DEFAULT_PORT, NetworkPrinter
from .serial_port import DEFAULT_BAUD, SerialPrinter
from .usb import UsbPrinter
from .virtual import VirtualPrinter

SCHEMES = ("usb", "tcp", "serial", "file", "cups", "virtual")
EXAMPLES = (
    "usb://04b8:0202",
    "tcp://192.168.1.50:9100",
    "serial:///dev/ttyUSB0?baud=19200",
    "file:///dev/usb/lp0",
    "cups://TM-T20",
    "virtual:///var/lib/kiosk/tickets",
)


def transport_for(url: str) -> Transport:
    """The transport a printer URL names; ValueError, with examples, if it names none."""
    parts = urlsplit(url.strip())
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    status = _flag(options.get("status", "1"))
    location = unquote(parts.netloc + parts.path)
    try:
        if parts.scheme == "tcp" and parts.hostname:
            return NetworkPrinter(parts.hostname, parts.port or DEFAULT_PORT, status=status)
        if parts.scheme == "usb" and parts.netloc:
            vendor, product = parts.netloc.split(":")
            return UsbPrinter(
                int(vendor, 16),
                int(product, 16),
                in_ep=int(options.get("in_ep", "0x82"), 0),
                out_ep=int(options.get("out_ep", "0x01"), 0),
                status=status,
            )
        if parts.scheme == "serial" and location:
            return SerialPrinter(
                location,
                int(options.get("baud", DEFAULT_BAUD)),
                flow=options.get("flow", "none"),
                status=status,
            )
        if parts.scheme == "file" and location:
            return DeviceFile(location, status=status)
        if parts.scheme == "cups" and parts.netloc:
            return CupsQueue(unquote(parts.netloc))
        if parts.scheme == "virtual" and location:
            return VirtualPrinter(location, state=options.get("status", "ok"))
    except ValueError as error:
        raise ValueError(f"bad printer URL {url!r}: {error}") from None
    raise ValueError(f"bad printer URL {url!r}; examples: {', '.join(EXAMPLES)}")


def _flag(value: str) -> bool:
    return value.lower() not in ("0", "no", "off", "false")


__all__ = ["Deadline", "PrinterFault", "Transport", "transport_for", "SCHEMES", "EXAMPLES"]
