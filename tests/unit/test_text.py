from procedure_search import fold


def test_fold_drops_every_tone_mark_and_the_d_stroke():
    assert fold("Đăng ký  KHAI SINH") == "dang ky khai sinh"
    assert fold("Chứng thực bản sao từ bản chính") == "chung thuc ban sao tu ban chinh"

