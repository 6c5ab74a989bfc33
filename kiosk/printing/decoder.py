"""Reads ESC/POS bytes back into the paper they would print: the virtual printer's eyes."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

log = logging.getLogger(__name__)

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
DEFAULT_LINE_DOTS = 30  # a printer's line feed after ESC @ (1/6 inch rounded down to Epson's 30 dots)
ESC_ONE_ARG = set(b"!-EGMVt{a3dJ")
GS_ONE_ARG = set(b"!BbHfhw")


class DecodeError(ValueError):
    """The bytes are not ESC/POS this decoder understands."""


@dataclass
class Paper:
    """What came out of the printer: the stacked picture, the cuts and any plain text."""

    width: int
    bands: list[tuple[Image.Image | int | str, int]] = field(default_factory=list)
    cuts: int = 0
    images: int = 0
    text: bytes = b""

    def picture(self) -> Image.Image:
        """The whole strip of paper as one 1-bit image; a cut shows as a dashed line."""
        height = sum(_band_height(band) for band, _ in self.bands)
        strip = Image.new("1", (self.width, max(1, height)), 1)
        draw = ImageDraw.Draw(strip)
        y = 0
        for band, align in self.bands:
            if isinstance(band, Image.Image):
                x = {0: 0, 1: (self.width - band.width) // 2, 2: self.width - band.width}[align]
                strip.paste(band, (x, y))
            elif band == "cut":
                for x in range(0, self.width, 16):
                    draw.line((x, y + 8, x + 7, y + 8), fill=0, width=2)
            y += _band_height(band)
        return strip


def _band_height(band: Image.Image | int | str) -> int:
    if isinstance(band, Image.Image):
        return band.height
    return 16 if band == "cut" else int(band)


def decode(job: bytes, width: int | None = None) -> Paper:
    """Decode a job (init, alignment, raster images, feeds, cuts) into the paper it prints."""
    paper = Paper(width or 0)
    align, line, i = 0, DEFAULT_LINE_DOTS, 0
    while i < len(job):
        byte = job[i]
        if byte == ESC and i + 1 < len(job):
            command = job[i + 1]
            if command == ord("@"):
                align, line = 0, DEFAULT_LINE_DOTS
                i += 2
                continue
            if command == ord("2"):
                line = DEFAULT_LINE_DOTS
                i += 2
                continue
            if command not in ESC_ONE_ARG or i + 2 >= len(job):
                raise DecodeError(f"unknown ESC command {bytes(job[i:i + 3])!r} at byte {i}")
            arg = job[i + 2]
            if command == ord("a"):
                align = arg % 48
            elif command == ord("3"):
                line = arg
            elif command == ord("d"):
                paper.bands.append((arg * line, align))
            elif command == ord("J"):
                paper.bands.append((arg, align))
            i += 3
        elif byte == GS and i + 1 < len(job):
            i = _gs(job, i, paper, align)
        elif byte == DLE and job[i + 1:i + 2] == b"\x04":
            i += 3  # a status query: nothing printed
        elif byte == LF:
            paper.bands.append((line, align))
            i += 1
        else:
            paper.text += bytes((byte,))
            i += 1
    paper.width = paper.width or max(
        [band.width for band, _ in paper.bands if isinstance(band, Image.Image)] or [384]
    )
    if paper.text.strip():
        log.info("job carries plain text the virtual printer does not draw: %r", paper.text[:80])
    return paper


def _gs(job: bytes, i: int, paper: Paper, align: int) -> int:
    command = job[i + 1]
    if command == ord("v") and job[i + 2:i + 3] == b"0":
        width_bytes = job[i + 4] + 256 * job[i + 5]
        height = job[i + 6] + 256 * job[i + 7]
        start, end = i + 8, i + 8 + width_bytes * height
        if end > len(job):
            raise DecodeError(f"raster image at byte {i} is cut short")
        # In ESC/POS a set bit is a black dot; in PIL's "1" mode a set bit is white.
        picture = Image.frombytes("1", (width_bytes * 8, height), job[start:end], "raw", "1;I")
        paper.bands.append((picture, align))
        paper.images += 1
        return end
    if command == ord("V"):
        mode = job[i + 2]
        paper.bands.append(("cut", align))
        paper.cuts += 1
        return i + (4 if mode in (65, 66) else 3)
    if command == ord("(") and i + 4 < len(job):
        return i + 5 + job[i + 3] + 256 * job[i + 4]
    if command in GS_ONE_ARG:
        return i + 3
    raise DecodeError(f"unknown GS command {bytes(job[i:i + 3])!r} at byte {i}")
