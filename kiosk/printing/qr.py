"""The tracking QR code as a crisp 1-bit picture with its quiet zone."""
from __future__ import annotations

import qrcode
from PIL import Image

QUIET_ZONE_MODULES = 4  # what the QR standard asks for around the symbol
MIN_MODULE_DOTS = 3  # 0.375 mm at 203 dpi: still read by phone cameras


def qr_picture(url: str, max_size: int) -> Image.Image:
    """A QR code of url, at most max_size dots square, whole dots per module, quiet zone included."""
    code = qrcode.QRCode(
        border=QUIET_ZONE_MODULES,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    module_dots = max(MIN_MODULE_DOTS, max_size // modules)
    # One byte per module (0 black, 255 white), then scaled by a whole factor:
    # no resampling blur, every module exactly module_dots wide.
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    small = Image.frombytes("L", (modules, modules), pixels)
    size = modules * module_dots
    return small.resize((size, size), Image.Resampling.NEAREST).convert("1", dither=Image.Dither.NONE)
