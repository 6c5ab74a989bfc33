"""A strip of thermal paper drawn top to bottom, then thresholded to 1 bit."""
from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFont

from .fonts import printable, ticket_font

MAX_HEIGHT = 6000
# Vietnamese capitals carry stacked marks up to 1.0 em above the baseline and
# descenders reach 0.22 em below it: a line is 1.25 em so nothing touches.
ASCENT = 1.0
PITCH = 1.25
BLACK, WHITE = 0, 255
THRESHOLD = [BLACK if value < 128 else WHITE for value in range(256)]


def wrap(
    text: str,
    font: ImageFont.FreeTypeFont,
    width: int,
    max_lines: int | None = None,
    balanced: bool = False,
) -> list[str]:
    """Split text into lines no wider than width dots, breaking between words (evenly if balanced)."""
    lines: list[str] = []
    for paragraph in printable(text).splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.getlength(word) > width:  # a word wider than the paper
                cut = _fit(word, font, width)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    if balanced and 1 < len(lines) <= (max_lines or len(lines)):
        lines = _balance(text, font, width, len(lines))
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def _balance(text: str, font: ImageFont.FreeTypeFont, width: int, count: int) -> list[str]:
    # The narrowest column that still takes `count` lines: no lone word on the last line.
    narrow, wide = width // 2, width
    while wide - narrow > 4:
        middle = (narrow + wide) // 2
        if len(wrap(text, font, middle)) <= count:
            wide = middle
        else:
            narrow = middle
    return wrap(text, font, wide)


def _fit(word: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    cut = len(word)
    while cut > 1 and font.getlength(word[:cut]) > width:
        cut -= 1
    return cut


class Canvas:
    """Draws text, rules, banners and images one below the other on a paper width.

    No bottom margin: the printer feeds paper past its cutter after the picture.
    """

    def __init__(self, width: int, margin: int = 12, top: int = 4) -> None:
        self.width = width
        self.margin = margin
        self.y = top
        self._image = Image.new("L", (width, MAX_HEIGHT), WHITE)
        self._draw = ImageDraw.Draw(self._image)

    @property
    def inner_width(self) -> int:
        """Width between the side margins, in dots."""
        return self.width - 2 * self.margin

    def text(
        self,
        text: str,
        size: int,
        *,
        bold: bool = False,
        align: str = "center",
        max_lines: int | None = None,
        x: int | None = None,
        width: int | None = None,
        fill: int = BLACK,
        balanced: bool = True,
        slant: float = 0.0,
    ) -> None:
        """Write wrapped text at the current line, in a column from x of the given width;
        a slant (0.2 is about 11°) leans it like italics."""
        font = ticket_font(size, bold)
        left = self.margin if x is None else x
        column = self.inner_width if width is None else width
        lean = math.ceil(slant * size * ASCENT)  # how far the tallest letter leans past its width
        for line in wrap(text, font, column - lean, max_lines, balanced and align == "center"):
            length = font.getlength(line) + lean
            offset = {"left": 0, "center": (column - length) / 2, "right": column - length}[align]
            baseline = self.y + round(size * ASCENT)
            if slant:
                self._slanted(line, font, (left + round(offset), baseline), size, slant, fill)
            else:
                self._draw.text((left + round(offset), baseline), line, font=font, fill=fill, anchor="ls")
            self.y += round(size * PITCH)

    def _slanted(self, line: str, font, at: tuple[int, int], size: int, slant: float, fill: int) -> None:
        # The ticket fonts have no italic cut: draw the line upright on its own strip and
        # shear the strip about the baseline, so letters lean right and stay on the line.
        baseline = round(size * ASCENT)
        height = round(size * PITCH) + size // 2
        behind = math.ceil(slant * (height - baseline))  # descenders lean back left of the start
        width = behind + math.ceil(font.getlength(line)) + math.ceil(slant * baseline) + 2
        upright = Image.new("L", (width, height), 0)
        ImageDraw.Draw(upright).text((behind, baseline), line, font=font, fill=255, anchor="ls")
        leaning = upright.transform(upright.size, Image.Transform.AFFINE,
                                    (1, slant, -slant * baseline, 0, 1, 0), resample=Image.Resampling.BICUBIC)
        left, top = at[0] - behind, at[1] - baseline
        self._image.paste(fill, (left, top, left + width, top + height), leaning)

    def big_text(self, text: str, size: int, *, bold: bool = True) -> None:
        """Write one line centred, its ink starting at the current line: for the ticket number."""
        font = ticket_font(size, bold)
        line = printable(text)
        left, top, right, bottom = font.getbbox(line, anchor="ls")
        x = self.margin + (self.inner_width - (right - left)) / 2 - left
        self._draw.text((round(x), self.y - top), line, font=font, fill=BLACK, anchor="ls")
        self.y += bottom - top

    def banner(self, text: str, size: int) -> None:
        """White bold text on a black band across the paper: the priority mark."""
        font = ticket_font(size, True)
        inside = self.inner_width - size
        lines = wrap(text, font, inside)
        pad = size // 3
        height = len(lines) * round(size * PITCH) + 2 * pad
        self._draw.rounded_rectangle(
            (self.margin, self.y, self.width - self.margin - 1, self.y + height - 1),
            radius=size // 3,
            fill=BLACK,
        )
        self.y += pad
        self.text("\n".join(lines), size, bold=True, x=self.margin + size // 2, width=inside, fill=WHITE)
        self.y += pad

    def rule(self, thickness: int = 2, dashed: bool = False) -> None:
        """A horizontal line across the paper, with a little air around it."""
        self.gap(6)
        right = self.width - self.margin
        step = 12 if dashed else right
        for start in range(self.margin, right, step):
            end = min(start + (step // 2 if dashed else step), right) - 1
            self._draw.rectangle((start, self.y, end, self.y + thickness - 1), fill=BLACK)
        self.y += thickness
        self.gap(6)

    def image(self, picture: Image.Image, x: int | None = None, y: int | None = None) -> int:
        """Paste a picture (centred unless x is given); returns the y just below it."""
        left = (self.width - picture.width) // 2 if x is None else x
        top = self.y if y is None else y
        self._image.paste(picture.convert("L"), (left, top))
        return top + picture.height

    def gap(self, dots: int) -> None:
        """Leave blank paper."""
        self.y += dots

    def finish(self) -> Image.Image:
        """The drawing cut to its height and thresholded to 1 bit (never dithered)."""
        height = min(self.y, MAX_HEIGHT)
        return self._image.crop((0, 0, self.width, height)).point(THRESHOLD, "1")
