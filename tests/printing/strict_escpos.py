"""A strict ESC/POS reader written for the tests: every byte of a job must be a command it knows.

Independent of kiosk.printing.decoder (the virtual printer's lenient reader), so
the two check each other.
"""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image


@dataclass
class Command:
    """One decoded command: its name, its numeric arguments, and the picture of a raster image."""

    name: str
    args: tuple[int, ...] = ()
    picture: Image.Image | None = None


def parse(job: bytes) -> list[Command]:
    """Every command of the job, in order; AssertionError on any byte it does not understand."""
    commands: list[Command] = []
    i = 0
    while i < len(job):
        head = job[i:i + 2]
        if head == b"\x1b@":
            commands.append(Command("init"))
            i += 2
        elif head == b"\x1ba":
            commands.append(Command("align", (job[i + 2],)))
            i += 3
        elif head == b"\x1bd":
            commands.append(Command("feed_lines", (job[i + 2],)))
            i += 3
        elif head == b"\x1dV":
            mode = job[i + 2]
            assert mode in (0, 1, 48, 49, 65, 66), f"bad cut mode {mode}"
            commands.append(Command("cut", (mode,)))
            i += 4 if mode in (65, 66) else 3
        elif job[i:i + 3] == b"\x1dv0":
            density = job[i + 3]
            width_bytes = job[i + 4] | job[i + 5] << 8
            height = job[i + 6] | job[i + 7] << 8
            data = job[i + 8:i + 8 + width_bytes * height]
            assert len(data) == width_bytes * height, "raster data cut short"
            commands.append(Command("raster", (density, width_bytes * 8, height), _picture(data, width_bytes, height)))
            i += 8 + len(data)
        else:
            raise AssertionError(f"unexpected bytes {job[i:i + 4]!r} at offset {i}")
    return commands


def _picture(data: bytes, width_bytes: int, height: int) -> Image.Image:
    # A set bit is a black dot on paper; PIL's "1" mode stores white as a set bit.
    inverted = bytes(byte ^ 0xFF for byte in data)
    return Image.frombytes("1", (width_bytes * 8, height), inverted)


def names(commands: list[Command]) -> list[str]:
    """The command names in order."""
    return [command.name for command in commands]


def printed_picture(commands: list[Command]) -> Image.Image:
    """The raster images of a job stacked as the printer prints them (fragments joined)."""
    pictures = [command.picture for command in commands if command.name == "raster"]
    assert pictures, "the job prints no image"
    width = pictures[0].width
    assert all(picture.width == width for picture in pictures), "fragments of different widths"
    whole = Image.new("1", (width, sum(picture.height for picture in pictures)), 1)
    y = 0
    for picture in pictures:
        whole.paste(picture, (0, y))
        y += picture.height
    return whole
