"""How the report tables put satisfaction and their columns: the share at the best two levels, a
counter's or officer's levels as shares and counts, the page's short headers and hidden columns."""
import pytest

from counter_server.reports.figures import Satisfaction, satisfied_share
from counter_server.reports.tables import SUMMARY_COLUMNS, Column, Table, joined, satisfaction_table

THREE = {3: "Rất hài lòng", 2: "Hài lòng", 1: "Chưa hài lòng"}


def test_satisfied_means_the_best_two_of_the_centres_levels():
    assert satisfied_share({3: 6, 2: 3, 1: 1}, THREE) == pytest.approx(0.9)
    assert satisfied_share({4: 1, 3: 1, 2: 1, 1: 1}, [4, 3, 2, 1]) == pytest.approx(0.5)
    assert satisfied_share({}, THREE) is None


def test_a_satisfaction_row_has_each_levels_share_best_first_then_the_counts_behind_the_toggle():
    table = satisfaction_table("officer", [Satisfaction("Lan", "Lan", 12, {3: 6, 2: 3, 1: 1}),
                                           Satisfaction("Minh", "Minh", 4, {})], THREE)
    assert [column.title for column in table.columns] == [
        "Cán bộ", "Đã phục vụ", "Lượt đánh giá", "Rất hài lòng (tỷ lệ)", "Hài lòng (tỷ lệ)", "Chưa hài lòng (tỷ lệ)",
        "Hài lòng trở lên", "Rất hài lòng (lượt)", "Hài lòng (lượt)", "Chưa hài lòng (lượt)"]
    assert [column.heading for column in table.columns if not column.more] == [
        "Cán bộ", "Đã phục vụ", "Lượt đánh giá", "Rất hài lòng", "Hài lòng", "Chưa hài lòng", "Hài lòng trở lên"]
    lan, minh = table.rows
    assert lan == ("Lan", 12, 10, 0.6, 0.3, 0.1, pytest.approx(0.9), 6, 3, 1)
    assert minh == ("Minh", 4, 0, None, None, None, None, 0, 0, 0)     # served, never rated: blanks, not 0%
    assert (table.name, table.title) == ("hai-long-theo-can-bo", "Hài lòng theo cán bộ")


def test_the_page_shows_eight_figures_of_seventeen_with_one_line_headers_and_the_files_keep_every_column():
    essential = [column.heading for column in SUMMARY_COLUMNS if not column.more]
    assert essential == ["Đã cấp", "Đã phục vụ", "Vắng mặt", "Chờ trung vị", "Chờ 90%", "Phục vụ trung vị",
                         "Chờ ≤ mục tiêu"]
    assert len(SUMMARY_COLUMNS) == 17 and max(len(column.heading) for column in SUMMARY_COLUMNS) <= 18
    assert {column.title for column in SUMMARY_COLUMNS if column.kind == "minutes"} >= {"Chờ trung vị (phút)"}
    assert "Gọi đúng hạn" not in {column.title for column in SUMMARY_COLUMNS}


def test_joining_adds_the_other_tables_columns_to_the_rows_of_the_same_label():
    counters = Table("theo-quay", "Theo quầy", (Column("Quầy"), Column("Số đã cấp", "count")),
                     [("Quầy 1", 5), ("Quầy 2", 3), ("(chưa tới quầy)", 1)])
    rated = Table("hai-long", "Hài lòng", (Column("Quầy"), Column("Lượt đánh giá", "count"), Column("Khác")),
                  [("Quầy 2", 2, "x"), ("Quầy 1", 4, "y")])
    table = joined(counters, rated, ("Lượt đánh giá",))
    assert [column.title for column in table.columns] == ["Quầy", "Số đã cấp", "Lượt đánh giá"]
    assert table.rows == [("Quầy 1", 5, 4), ("Quầy 2", 3, 2), ("(chưa tới quầy)", 1, None)]
