from counter_server.domain.text import fold, matches


def test_fold_drops_every_tone_mark_and_the_d_stroke():
    assert fold("Đăng ký  KHAI SINH") == "dang ky khai sinh"
    assert fold("Chứng thực bản sao từ bản chính") == "chung thuc ban sao tu ban chinh"


def test_a_procedure_matches_by_code_prefix_or_by_all_words_in_any_order():
    assert matches("1.0011", "1.001193", "Đăng ký khai sinh")
    assert matches("khai sinh dang", "1.001193", "Đăng ký khai sinh")
    assert not matches("khai tu", "1.001193", "Đăng ký khai sinh")
