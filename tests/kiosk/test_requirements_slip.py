"""The documents list the detail page prints: built from the procedure as the server gives it,
each document's case (trường hợp …) kept with it."""
from datetime import datetime, timezone

from kiosk.catalogue_cache import CatalogueCache
from kiosk.client import CounterServerClient
from kiosk.flow import Flow
from kiosk.printing import RequiredDocument, slip_from_procedure
from tests.factories import make_procedure
from tests.kiosk.conftest import KIOSK_TOKEN

PRINTED_AT = datetime(2026, 11, 26, 2, 20, tzinfo=timezone.utc)
NOT_THE_PARENT = "Trường hợp người đi đăng ký không phải là cha, mẹ"
BIRTH = {  # one item of GET /api/v1/procedures
    "code": "1.001193", "name": "Đăng ký khai sinh", "field": "HT", "field_name": "Hộ tịch",
    "documents": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "case": None},
                  {"name": "Văn bản ủy quyền", "originals": 1, "copies": 0, "case": NOT_THE_PARENT}],
    "processing_time": "Trong ngày", "fees": "Miễn lệ phí", "legal_basis": "Luật Hộ tịch 2014",
    "where_to_submit": "Quầy Hộ tịch", "effective_from": "2016-01-01", "source": "",
}


def slip_for(procedure, **kw):
    """The slip the detail page's print button builds for this procedure."""
    return slip_from_procedure(procedure, centre_name="Trung tâm thử nghiệm", printed_at=PRINTED_AT, **kw)


def test_a_slip_built_from_the_api_procedure_keeps_each_documents_case():
    slip = slip_for(BIRTH)
    assert slip.documents == (RequiredDocument("Tờ khai đăng ký khai sinh", 1, 0, None),
                              RequiredDocument("Văn bản ủy quyền", 1, 0, NOT_THE_PARENT))
    assert (slip.name, slip.code, slip.field_name) == ("Đăng ký khai sinh", "1.001193", "Hộ tịch")
    assert (slip.processing_time, slip.fees) == ("Trong ngày", "Miễn lệ phí")


def test_a_document_without_a_case_or_with_a_blank_one_is_always_needed():
    documents = [{"name": "Giấy chứng sinh", "originals": 1},
                 {"name": "Tờ khai", "originals": 1, "case": "  "},
                 {"name": "Bản sao giấy tờ", "copies": 2, "case": None}]
    slip = slip_for({"code": "1.0", "name": "Thủ tục", "documents": documents})
    assert [document.case for document in slip.documents] == [None, None, None]
    assert [(document.originals, document.copies) for document in slip.documents] == [(1, 0), (1, 0), (0, 2)]


def test_the_slip_is_dated_in_the_centres_time_zone():
    assert slip_for(BIRTH, time_zone="Asia/Bangkok").local_printed_at().utcoffset().total_seconds() == 7 * 3600


def test_the_case_reaches_the_printed_slip_through_the_kiosks_catalogue_copy(live_server, session, centre,
                                                                            tmp_path):
    details = {"documents": [{"name": "Tờ khai đăng ký khai tử", "originals": 1},
                             {"name": "Văn bản ủy quyền", "originals": 1, "case": "Trường hợp ủy quyền đi khai tử"}],
               "ways": [{"channel": "direct", "processing_time": "Trong ngày"}]}
    make_procedure(session, centre.ht, code="1.000656", name="Đăng ký khai tử", details=details)
    session.commit()
    client = CounterServerClient(live_server, KIOSK_TOKEN)
    CatalogueCache(tmp_path / "catalogue.json").refresh(client)
    client.close()
    flow = Flow(catalogue=CatalogueCache(tmp_path / "catalogue.json").load())  # as the kiosk reads it offline

    flow.open_procedure("1.000656")  # the detail page; its print button builds the slip from flow.procedure
    slip = slip_for(flow.procedure)
    assert [(document.name, document.case) for document in slip.documents] == [
        ("Tờ khai đăng ký khai tử", None), ("Văn bản ủy quyền", "Trường hợp ủy quyền đi khai tử")]
