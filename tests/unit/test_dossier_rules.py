"""The dossier's own rules: its code, its applicant, its checklist."""
from datetime import date

import pytest

from counter_server.domain.dossiers import (
    DEFAULT_CODE_FORMAT, Applicant, InvalidDossier, check_applicant, checklist, dossier_code, format_problem,
)


def test_the_default_code_is_agency_date_and_a_four_digit_daily_sequence():
    assert dossier_code(DEFAULT_CODE_FORMAT, "000.00.15.H12", date(2026, 2, 13), 7) == "000.00.15.H12-260213-0007"


@pytest.mark.parametrize("fmt, problem", [("{agency}-{yymmdd}", "{seq}"), ("{agency}-{who}-{seq}", "chỉ dùng"),
                                          ("{agency-{seq}", "cú pháp"), (DEFAULT_CODE_FORMAT, None)])
def test_a_centres_code_format_is_checked_in_words(fmt, problem):
    found = format_problem(fmt)
    assert found is None if problem is None else problem in found


def test_an_applicant_typed_with_spaces_is_tidied_and_a_wrong_one_is_told_every_problem():
    tidy = check_applicant(Applicant("  Trần  Thị   Bình ", " 001185012345 ", "091.234.5678"))
    assert (tidy.name, tidy.id_number, tidy.phone, tidy.phone_last4) == ("Trần Thị Bình", "001185012345",
                                                                        "0912345678", "5678")
    with pytest.raises(InvalidDossier) as refused:
        check_applicant(Applicant("", "123", "12", email="x"))
    assert set(refused.value.details) == {"applicant.name", "applicant.id_number", "applicant.phone",
                                          "applicant.email"}


def test_the_checklist_is_the_catalogues_documents_with_what_came_and_anything_extra():
    documents = [{"name": "Tờ khai", "originals": 1}, {"name": "Giấy chứng sinh", "originals": 1, "case": "nếu có"}]
    assert [d["received"] for d in checklist(documents, None)] == [False, False]
    ticked = checklist(documents, [{"name": "Giấy chứng sinh", "received": True}, {"name": "Văn bản ủy quyền"}])
    assert [(d["name"], d["received"]) for d in ticked] == [("Tờ khai", False), ("Giấy chứng sinh", True),
                                                          ("Văn bản ủy quyền", True)]
