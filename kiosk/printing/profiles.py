"""Paper widths and printer models (python-escpos capability profiles)."""
from __future__ import annotations

import copy
from dataclasses import dataclass

from escpos.capabilities import BaseProfile, get_profile

# Dots across the printable width at 203 dpi, and a common model for each paper.
PAPER_DOTS = {80: 576, 58: 384}
DEFAULT_MODEL = {80: "TM-T20II", 58: "POS-5890"}


@dataclass(frozen=True)
class PrinterProfile:
    """A paper width and a printer model: how wide to draw and whether to cut."""

    paper_mm: int
    model: str
    width_dots: int
    has_cutter: bool

    def escpos_profile(self) -> BaseProfile:
        """The model's python-escpos profile, its media width set to what we draw."""
        profile = get_profile(self.model)
        data = copy.deepcopy(profile.profile_data)
        # python-escpos checks images against this width (and prints a note to
        # stdout when it is unknown): give it the width we actually draw at.
        data.setdefault("media", {})["width"] = {"mm": self.paper_mm, "pixels": self.width_dots}
        profile.profile_data = data
        return profile


def printer_profile(paper_mm: int = 80, model: str | None = None) -> PrinterProfile:
    """The profile for 80 or 58 mm paper, for a named python-escpos model or a common one."""
    if paper_mm not in PAPER_DOTS:
        raise ValueError(f"paper must be one of {sorted(PAPER_DOTS)} mm, not {paper_mm}")
    model = model or DEFAULT_MODEL[paper_mm]
    try:
        data = get_profile(model).profile_data
    except KeyError:
        raise ValueError(f"unknown printer model {model!r}; python-escpos knows: {', '.join(model_names())}") from None
    model_dots = data.get("media", {}).get("width", {}).get("pixels")
    width = PAPER_DOTS[paper_mm]
    if isinstance(model_dots, int):
        width = min(width, model_dots)  # e.g. a 180-dpi TM-T88 prints 512 dots on 80 mm
    width -= width % 8  # the raster command sends whole bytes per row
    features = data.get("features", {})
    cutter = bool(features.get("paperFullCut") or features.get("paperPartCut"))
    return PrinterProfile(paper_mm, model, width, cutter)


def model_names() -> list[str]:
    """The printer models python-escpos knows."""
    from escpos.capabilities import CAPABILITIES

    return sorted(CAPABILITIES["profiles"])
