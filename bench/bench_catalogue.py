"""Benchmark: a 2,000-procedure catalogue (the shipped one plus generated variants) imported and
searched. Targets: search p99 under 10 ms, import under 5 s.

- import: validation alone, then a first import into a fresh database (median of --imports runs,
  each into a new database), a re-import of the same file (nothing changes) and of a file with
  100 changed procedures; on SQLite, and on PostgreSQL when reachable (a throwaway database);
- search: a fixed list of queries (with and without diacritics, by code, with a typo, one word,
  several words, nothing found), --rounds times each, through the service (find_procedures) and
  through the HTTP API (Flask test client), with the centre's search index cached (the normal
  case) and with it dropped before every query (what every search cost before the cache).

Run: python bench/bench_catalogue.py [--size 2000] [--imports 3] [--rounds 40] [--cold-rounds 5]
         [--engines sqlite,postgres]
Results: bench/results/catalogue.json and a markdown table on standard output.
"""
from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # `python bench/bench_catalogue.py` as well as `python -m bench...`

from bench import databases  # noqa: E402
from counter_server.app import create_app  # noqa: E402
from counter_server.catalogue.record import parse  # noqa: E402
from counter_server.catalogue.transfer import import_catalogue  # noqa: E402
from counter_server.db import make_engine  # noqa: E402
from counter_server.seed import load_demo, report_centre_id, seed_demo  # noqa: E402
from counter_server.services import QueueContext, catalogue  # noqa: E402

RESULTS = ROOT / "bench" / "results"
SHIPPED = ROOT / "assets" / "catalogue" / "procedures.json"
POSTGRES_DATABASE = "counter_bench_catalogue"

# Who and where a variant is for: real phrasings of the national database, so that the
# vocabulary grows as a real catalogue's would.
APPLICANTS = ("có yếu tố nước ngoài", "cho người khuyết tật", "đối với người cao tuổi", "cho hộ nghèo",
              "cho trẻ em dưới 6 tuổi", "trường hợp ủy quyền", "cho người Việt Nam định cư ở nước ngoài",
              "đối với cán bộ, công chức", "cho đồng bào dân tộc thiểu số", "đối với doanh nghiệp nhỏ")
PLACES = ("tại UBND cấp xã", "tại khu vực biên giới", "tại vùng đặc biệt khó khăn", "trên môi trường điện tử",
          "qua dịch vụ bưu chính", "tại Bộ phận một cửa")
QUERIES = (
    ("đăng ký khai sinh", "full name"),
    ("dang ky khai sinh", "no diacritics"),
    ("khai sinh", "two words"),
    ("kết hôn", "two words"),
    ("chung thuc ban sao", "no diacritics"),
    ("thường trú", "two words"),
    ("giấy phép xây dựng nhà ở riêng lẻ", "many words"),
    ("hộ kinh doanh", "three words"),
    ("mai táng", "two words"),
    ("liệt sĩ", "two words"),
    ("1.001193", "exact code"),
    ("1.00", "code prefix"),
    ("khai snh", "typo"),
    ("thuongg tru", "typo"),
    ("tranh chap dat dai", "no diacritics"),
    ("khuyết tật", "two words"),
    ("tạm trú", "two words"),
    ("hộ", "one short word"),
    ("chứng", "one word"),
    ("giấy phép lái xe", "nothing found"),
)


def catalogue_document(size: int) -> dict:
    """The shipped catalogue and enough variants of its procedures to reach `size`: each a
    distinct name, half with a national-format code (9.9xxxxx, used by no real procedure), half
    with none (the import gives them local codes)."""
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    procedures = list(shipped["procedures"])
    for number in range(1, size - len(procedures) + 1):
        variant = copy.deepcopy(shipped["procedures"][number % len(shipped["procedures"])])
        applicant, place = APPLICANTS[number % len(APPLICANTS)], PLACES[(number // 7) % len(PLACES)]
        variant["name"] = f"{variant['name']} {applicant} {place} (biến thể {number})"[:300]
        variant["code"] = f"9.9{number:05d}" if number % 2 else None
        procedures.append(variant)
    return {"fields": shipped["fields"], "procedures": procedures}


def with_changes(document: dict, count: int) -> dict:
    """The same catalogue with `count` procedures changed (fees and a note), spread over it."""
    changed = copy.deepcopy(document)
    step = len(changed["procedures"]) // count
    for procedure in changed["procedures"][::step][:count]:
        procedure["ways"][0]["fees"] = "Miễn phí (đã sửa trong đợt rà soát)"
        procedure["notes"] = "Sửa đổi theo quyết định công bố mới"
    return changed


def empty_centre(url: str) -> tuple[QueueContext, int]:
    """The demo centre (its 8 fields, no procedures) in the database at `url`."""
    ctx = QueueContext(sessionmaker(make_engine(url), expire_on_commit=False))
    report = seed_demo(ctx, {key: value for key, value in load_demo().items() if key != "catalogue"})
    return ctx, report_centre_id(ctx, report.centre_code)


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def bench_import(new_database, document: dict, changed: dict, runs: int) -> tuple[dict, str]:
    """Seconds for each kind of import (medians of `runs`); the URL of the last database."""
    first, again, hundred = [], [], []
    for _ in range(runs):
        url = new_database()
        ctx, centre_id = empty_centre(url)
        seconds, report = timed(lambda: import_catalogue(ctx, centre_id, document))
        assert len(report.added) == len(document["procedures"]), report.summary()
        first.append(seconds)
        seconds, report = timed(lambda: import_catalogue(ctx, centre_id, document))
        assert report.unchanged == len(document["procedures"]), report.summary()
        again.append(seconds)
        seconds, report = timed(lambda: import_catalogue(ctx, centre_id, changed))
        assert len(report.changed) == 100, report.summary()
        hundred.append(seconds)
        import_catalogue(ctx, centre_id, document)   # back to `document` for the search runs
        ctx.engine.dispose()
    return {"first import": statistics.median(first), "same file again": statistics.median(again),
            "100 changed": statistics.median(hundred)}, url


def percentiles(samples: list[float]) -> dict:
    """p50/p95/p99 and the largest, in milliseconds."""
    ordered = sorted(samples)
    pick = lambda share: ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000  # noqa: E731
    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "max": ordered[-1] * 1000,
            "n": len(ordered)}


def bench_search(url: str, rounds: int, cold_rounds: int) -> dict:
    """Latency of every query by way of the service and of the HTTP API: `rounds` times with
    the search index cached, `cold_rounds` times with it dropped before each query."""
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "bench",
                      "KIOSK_RATE_LIMIT": "100000000/minute", "AUDIO_DIR": tempfile.mkdtemp()})
    ctx, client = app.extensions["queue"], app.test_client()
    centre_id = ctx.read(lambda session: session.scalar(text("select id from centres")))
    counts = {q: len(catalogue.find_procedures(ctx, centre_id, q)) for q, _ in QUERIES}

    def service(q):
        catalogue.find_procedures(ctx, centre_id, q)

    def http(q):
        response = client.get("/api/v1/procedures", query_string={"q": q, "limit": 20})
        assert response.status_code == 200 and response.json["total"] == counts[q], response.json

    results = {}
    for way, search in (("service", service), ("HTTP API", http)):
        for cached in (False, True):
            samples, per_query = [], {}
            for q, _ in QUERIES:
                search(q)   # warm: the index is built once when cached
                one = []
                for _ in range(rounds if cached else cold_rounds):
                    if not cached:
                        catalogue.forget_search_indexes()
                    one.append(timed(lambda: search(q))[0])
                per_query[q] = statistics.median(one) * 1000
                samples += one
            results[f"{way}, {'cached index' if cached else 'index built per query'}"] = {
                **percentiles(samples), "per_query_median_ms": per_query}
    if app.extensions.get("checkpointer"):
        app.extensions["checkpointer"].stop()
    app.extensions["engine"].dispose()
    return {"found": counts, "latency": results}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--imports", type=int, default=3, help="import runs per engine (median)")
    parser.add_argument("--rounds", type=int, default=40, help="times each query is searched")
    parser.add_argument("--cold-rounds", type=int, default=5, help="the same with the index dropped each time")
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args(argv)
    document = catalogue_document(args.size)
    changed = with_changes(document, 100)
    validate = statistics.median(timed(lambda: parse(document))[0] for _ in range(args.imports))
    result = {"size": len(document["procedures"]), "validate_s": validate, "imports": {}, "search": None}
    with tempfile.TemporaryDirectory() as workdir:
        names = iter(f"catalogue-{n}.sqlite3" for n in range(1000))
        engines = args.engines.split(",")
        if "sqlite" in engines:
            imports, url = bench_import(lambda: databases.migrated_sqlite(Path(workdir) / next(names)), document, changed,
                                        args.imports)
            result["imports"]["SQLite"] = imports
            result["search"] = bench_search(url, args.rounds, args.cold_rounds)
        if "postgres" in engines and databases.throwaway_postgres(POSTGRES_DATABASE):
            try:
                fresh = lambda: databases.throwaway_postgres(POSTGRES_DATABASE)  # noqa: E731 - a new one per import
                result["imports"]["PostgreSQL"] = bench_import(fresh, document, changed, args.imports)[0]
            finally:
                databases.drop_postgres(POSTGRES_DATABASE)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "catalogue.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(report(result))
    return 0


def report(result: dict) -> str:
    """The markdown tables of docs/benchmarks.md."""
    lines = [f"Catalogue of {result['size']} procedures; validation alone {result['validate_s']:.2f} s.", "",
             "| database | first import, s | same file again, s | 100 changed, s |", "|---|---|---|---|"]
    for engine, imports in result["imports"].items():
        lines.append(f"| {engine} | {imports['first import']:.2f} | {imports['same file again']:.2f} "
                     f"| {imports['100 changed']:.2f} |")
    if result["search"]:
        lines += ["", "| search | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|"]
        for way, figures in result["search"]["latency"].items():
            lines.append(f"| {way} | {figures['p50']:.2f} | {figures['p95']:.2f} | {figures['p99']:.2f} "
                         f"| {figures['max']:.2f} |")
        ways = list(result["search"]["latency"])
        lines += ["", "| query | kind | found | " + " | ".join(f"{w} (median ms)" for w in ways) + " |",
                  "|---|---|---|" + "---|" * len(ways)]
        for q, kind in QUERIES:
            medians = " | ".join(f"{result['search']['latency'][w]['per_query_median_ms'][q]:.2f}" for w in ways)
            lines.append(f"| `{q}` | {kind} | {result['search']['found'][q]} | {medians} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
