"""A kiosk PC installs the kiosk without the counter server: nothing under kiosk/, nor the search
package it shares with the server, may import counter_server."""
import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[2]
# Modules that import Kivy, checked by the source scan only (Kivy wants a display); every other kiosk
# module must import on a machine without counter_server (a new Kivy module goes here or in screens/).
NEED_A_WINDOW = {"kiosk.app", "kiosk.autopilot", "kiosk.background", "kiosk.launch", "kiosk.theme", "kiosk.tour"}
# What the kiosk does with what it imports, where counter_server cannot be imported: search its copy
# of the catalogue without diacritics and with a typo, and build the ticket from the server's answer.
STANDALONE_USE = """
import sys
sys.modules["counter_server"] = None   # from here on, importing counter_server or any part of it fails
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
from datetime import datetime, timezone
from kiosk.catalogue_cache import Catalogue
from kiosk.client import IssuedTicket
procedures = [{"code": "1.001193", "name": "Đăng ký khai sinh", "field": "HT"}]
print(Catalogue(datetime.now(timezone.utc), [], [], procedures).search("dang ky khia sinh")[0]["code"])
print(IssuedTicket.from_json({"id": 1, "number": "A001", "field": "HT", "procedure": None, "priority": None,
                              "status": "waiting", "issued_at": "", "waiting_ahead": 0,
                              "estimated_wait_minutes": 0, "track_url": ""}).number)
"""


def windowless_modules() -> list[str]:
    """Dotted names of the kiosk's modules that import without a window, and procedure_search."""
    names = [".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
             for path in sorted((REPO / "kiosk").rglob("*.py"))]
    return [name for name in names if name not in NEED_A_WINDOW and not name.startswith("kiosk.screens")] \
        + ["procedure_search"]


def imported_modules(path: Path) -> list[str]:
    """Every absolute module name that `path` imports."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module)
    return names


def test_no_module_of_the_kiosk_or_of_procedure_search_imports_the_counter_server():
    sources = sorted((REPO / "kiosk").rglob("*.py")) + sorted((REPO / "procedure_search").rglob("*.py"))
    assert len(sources) > 30
    offending = [f"{path.relative_to(REPO)}: {name}" for path in sources for name in imported_modules(path)
                 if name == "counter_server" or name.startswith("counter_server.")]
    assert offending == []


def test_the_scan_sees_an_import_of_the_counter_server_in_every_form(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text("import counter_server.models\nfrom counter_server import domain\n"
                      "def later():\n    from counter_server.domain.errors import UnknownProcedure\n")
    assert imported_modules(source) == ["counter_server.models", "counter_server", "counter_server.domain.errors"]


def test_the_kiosk_works_where_the_counter_server_cannot_be_imported():
    modules = windowless_modules()
    assert {"kiosk.client", "kiosk.flow", "kiosk.catalogue_cache", "kiosk.take_number", "kiosk.printing"} \
        <= set(modules)
    done = subprocess.run([sys.executable, "-c", STANDALONE_USE, *modules], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1.001193", "A001"]
