"""Vietnamese procedure search: what a citizen or an officer types, and what comes first."""
import pytest

from procedure_search import SearchIndex

CATALOGUE = [
    {"code": "1.001193", "name": "Đăng ký khai sinh"},
    {"code": "1.000689", "name": "Đăng ký khai tử"},
    {"code": "1.000894", "name": "Đăng ký kết hôn"},
    {"code": "1.004873", "name": "Cấp Giấy xác nhận tình trạng hôn nhân"},
    {"code": "2.000815", "name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản"},
    {"code": "2.000884", "name": "Chứng thực chữ ký trong các giấy tờ, văn bản"},
    {"code": "1.004194", "name": "Đăng ký thường trú"},
    {"code": "1.004222", "name": "Đăng ký tạm trú"},
    {"code": "1.001776", "name": "Đăng ký khai sinh kết hợp nhận cha, mẹ, con"},
]
INDEX = SearchIndex(CATALOGUE)


def first(query: str) -> str:
    return INDEX.search(query)[0]["name"]


@pytest.mark.parametrize("query, expected", [
    ("Đăng ký khai sinh", "Đăng ký khai sinh"),
    ("dang ky khai sinh", "Đăng ký khai sinh"),        # no diacritics at all
    ("khai sinh", "Đăng ký khai sinh"),               # shorter name first among word matches
    ("đăng ky kết hon", "Đăng ký kết hôn"),           # some diacritics missing
    ("ket hon", "Đăng ký kết hôn"),
    ("chung thuc ban sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
    ("chu ky", "Chứng thực chữ ký trong các giấy tờ, văn bản"),
    ("thuong tru", "Đăng ký thường trú"),
    ("tam tru", "Đăng ký tạm trú"),
    ("1.001193", "Đăng ký khai sinh"),                # exact code
    ("1.0011", "Đăng ký khai sinh"),                  # code prefix
    ("khai snh", "Đăng ký khai sinh"),                # a typo
    ("chung thuc ban chinh", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
    ("tinh trang hon nhan", "Cấp Giấy xác nhận tình trạng hôn nhân"),
    ("thuongg tru", "Đăng ký thường trú"),            # a doubled letter
])
def test_the_expected_procedure_comes_first(query, expected):
    assert first(query) == expected


def test_the_exact_code_beats_a_longer_code_and_the_name_prefix_beats_word_matches():
    assert [p["code"] for p in INDEX.search("1.00")][:2] == ["1.001193", "1.000689"]  # code prefix: catalogue order
    assert {p["name"] for p in INDEX.search("dang ky khai")[:2]} == {"Đăng ký khai sinh", "Đăng ký khai tử"}
    assert INDEX.search("dang ky khai")[2]["name"] == "Đăng ký khai sinh kết hợp nhận cha, mẹ, con"


def test_unrelated_words_find_nothing_and_an_empty_query_lists_everything():
    assert INDEX.search("giấy phép lái xe") == []
    assert INDEX.search("   ") == CATALOGUE


def test_a_typo_must_be_small():
    assert INDEX.search("hen") == []          # one letter of three wrong is too much
    assert INDEX.search("chung thuc xe") == []
