"""The virtual printer's decoder, on bytes written by hand."""
from __future__ import annotations

import pytest

from kiosk.printing.decoder import DecodeError, decode

# A 16 x 2 dot image: first row left half black, second row right half black.
RASTER = b"\x1dv0\x00" + bytes((2, 0, 2, 0)) + bytes((0xFF, 0x00, 0x00, 0xFF))


def test_a_hand_built_raster_image_comes_back_dot_for_dot():
    paper = decode(b"\x1b@" + RASTER)
    picture = paper.picture()
    assert picture.size == (16, 2) and paper.images == 1
    pixels = picture.load()
    assert [pixels[x, 0] == 0 for x in range(16)] == [True] * 8 + [False] * 8
    assert [pixels[x, 1] == 0 for x in range(16)] == [False] * 8 + [True] * 8


def test_feeds_add_blank_paper_and_a_cut_is_counted():
    paper = decode(b"\x1b@" + RASTER + b"\x1bd\x06" + b"\x1dV\x00")
    assert paper.cuts == 1
    assert paper.picture().height == 2 + 6 * 30 + 16


def test_a_centred_narrow_image_sits_in_the_middle_of_the_paper():
    paper = decode(b"\x1b@\x1ba\x01" + RASTER, width=48)
    pixels = paper.picture().load()
    assert pixels[16, 0] == 0 and pixels[15, 0] != 0


def test_status_queries_print_nothing():
    assert decode(b"\x10\x04\x01" + RASTER).picture().size == (16, 2)


@pytest.mark.parametrize("job", [b"\x1b\xff\x00", b"\x1d\xfe\x00", b"\x1dv0\x00\x02\x00\x09\x00\xff"])
def test_bytes_it_cannot_read_are_refused_not_guessed(job):
    with pytest.raises(DecodeError):
        decode(job)
