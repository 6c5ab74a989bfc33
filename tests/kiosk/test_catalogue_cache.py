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
