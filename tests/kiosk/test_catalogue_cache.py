from counter_server.catalogue.transfer import import_catalogue
from kiosk.catalogue_cache import CatalogueCache
from kiosk.client import CounterServerClient
from tests.kiosk.conftest import KIOSK_TOKEN


def test_lookup_works_from_the_copy_after_the_server_is_gone(live_server, tmp_path):
    cache = CatalogueCache(tmp_path / "catalogue.json")
    client = CounterServerClient(live_server, KIOSK_TOKEN)
    fresh = cache.refresh(client)
    client.close()
    assert [f["code"] for f in fresh.fields] == ["CT", "HT"]

    offline = CatalogueCache(tmp_path / "catalogue.json").load()  # e.g. after a restart, server down
    assert offline.saved_at == fresh.saved_at
    assert [p["name"] for p in offline.search("dang ky khai sinh")] == ["Đăng ký khai sinh"]
    assert [p["code"] for p in offline.search("1.0011")] == ["1.001193"]
    assert offline.search(field="CT") == []
    assert offline.priorities[0]["name_vi"] == "Người cao tuổi"


def test_no_copy_or_a_broken_copy_gives_none(tmp_path):
    assert CatalogueCache(tmp_path / "none.json").load() is None
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert CatalogueCache(broken).load() is None


MARRIAGE = {"code": "1.000894", "name": "Đăng ký kết hôn", "field": "HT",
            "ways": [{"channel": "direct", "processing_time": "Trong ngày", "fees": "Miễn lệ phí"}],
            "effective_from": "2016-01-01", "source": "Luật Hộ tịch 2014"}


def test_the_kiosk_copy_goes_stale_when_the_catalogue_changes_and_a_refresh_brings_it_back(
        live_server, tmp_path, ctx, centre):
    cache = CatalogueCache(tmp_path / "catalogue.json")
    client = CounterServerClient(live_server, KIOSK_TOKEN)
    copy = cache.refresh(client)
    assert not copy.is_stale(client.fields_and_catalogue_version()[1])
    report = import_catalogue(ctx, centre.centre.id, {"procedures": [MARRIAGE]})   # an officer imports
    assert report.added == ["1.000894"] and report.retired == ["1.001193"]
    version = client.fields_and_catalogue_version()[1]
    assert copy.is_stale(version)
    fresh = cache.refresh(client)
    client.close()
    assert not fresh.is_stale(version) and CatalogueCache(tmp_path / "catalogue.json").load().version == version
    assert [p["name"] for p in fresh.search("ket hon")] == ["Đăng ký kết hôn"]
    assert fresh.search("khai sinh") == []    # retired procedures leave the kiosk too
