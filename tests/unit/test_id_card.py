"""Reading the QR code of the chip ID card, as the scanner types it."""
from datetime import date

import pytest

from counter_server.domain.id_card import UnreadableCard, read_card

CHIP_CCCD = "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Thôn 3, xã Tân Lập, tỉnh Phú Thọ|15042021"


def test_a_chip_cccd_fills_every_field():
    card = read_card(CHIP_CCCD)
    assert (card.id_number, card.old_id_number, card.name) == ("001090123456", "012345678", "Nguyễn Văn An")
    assert (card.date_of_birth, card.sex, card.issued_on) == (date(1990, 1, 1), "Nam", date(2021, 4, 15))
    assert card.address == "Thôn 3, xã Tân Lập, tỉnh Phú Thọ"


def test_a_card_without_an_old_id_keeps_its_empty_field_or_leaves_it_out():
    with_gap = read_card("001190123456||Trần Thị Bình|02/03/1991|Nữ|Phường 1|01/07/2024")
    without = read_card("001190123456|Trần Thị Bình|02031991|Nữ|Phường 1|01072024")
    assert with_gap == without and with_gap.old_id_number == "" and with_gap.date_of_birth == date(1991, 3, 2)


def test_a_can_cuoc_card_with_more_fields_keeps_them_as_they_came():
    card = read_card(CHIP_CCCD + "|036090000111|Nguyễn Văn Cha|Lê Thị Mẹ")
    assert card.name == "Nguyễn Văn An" and card.extra == ("036090000111", "Nguyễn Văn Cha", "Lê Thị Mẹ")


@pytest.mark.parametrize("text, words", [
    ("hello world", "12 chữ số"), ("00109012345|x|y|z|w|v|u", "12 chữ số"),
    ("001090123456|012345678||01011990|Nam|Hà Nội|15042021", "họ tên"),
    ("001090123456|012345678|Nguyễn Văn An|1990-01-01|Nam|Hà Nội|15042021", "ngày sinh")])
def test_a_scan_that_does_not_fit_is_refused_in_words(text, words):
    with pytest.raises(UnreadableCard) as refused:
        read_card(text)
    assert words in refused.value.details["reason"]
