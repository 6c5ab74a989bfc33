"""The layers keep to their side: views (counter_server/api, counter_server/web) parse the
request, call a service and shape the answer, so they neither build SQL nor open sessions; the
domain (counter_server/domain) is plain Python, with no Flask and no SQLAlchemy."""
import ast
from pathlib import Path

import pytest

import counter_server

PACKAGE = Path(counter_server.__file__).parent
VIEW_PACKAGES = ("api", "web")
SESSION_MAKERS = {"sessionmaker", "scoped_session", "Session"}


def modules_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(tree: ast.AST, name: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the tree, `from . import x` as `pkg.x`."""
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def within(module: str, *roots: str) -> bool:
    return any(module == root or module.startswith(root + ".") for root in roots)


def view_violations(source: str, name: str, is_package: bool = False) -> list[str]:
    """What a view module does that belongs in a service: SQLAlchemy, the models, its own session."""
    tree = ast.parse(source)
    problems = [f"line {line}: imports {module}" for line, module in imported_modules(tree, name, is_package)
                if within(module, "sqlalchemy", "counter_server.models")]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if called in SESSION_MAKERS:
                problems.append(f"line {node.lineno}: calls {called}()")
    return problems


def domain_violations(source: str, name: str, is_package: bool = False) -> list[str]:
    """Imports of a web framework or of the database toolkit in a domain module."""
    return [f"line {line}: imports {module}" for line, module in imported_modules(ast.parse(source), name, is_package)
            if within(module, "flask", "apiflask", "werkzeug", "sqlalchemy") or module.startswith("flask_")]


@pytest.mark.parametrize("path", [p for folder in VIEW_PACKAGES for p in modules_under(folder)],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_view_module_builds_sql_or_opens_a_session(path):
    name = module_name(path)
    assert view_violations(path.read_text(encoding="utf-8"), name, path.name == "__init__.py") == []


@pytest.mark.parametrize("path", modules_under("domain"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_domain_imports_neither_flask_nor_sqlalchemy(path):
    name = module_name(path)
    assert domain_violations(path.read_text(encoding="utf-8"), name, path.name == "__init__.py") == []


@pytest.mark.parametrize("source", [
    "from sqlalchemy import select",
    "import sqlalchemy.orm",
    "from sqlalchemy.orm import Session",
    "from ..models import Ticket",
    "from .. import models",
    "from counter_server.models import Ticket",
    "db = scoped_session(sessionmaker(engine))",
    "with Session(engine) as session: pass",
    "session = orm.sessionmaker(bind=engine)()",
])
def test_the_view_check_catches_each_way_of_reaching_the_database(source):
    assert view_violations(source, "counter_server.web.example") != []


@pytest.mark.parametrize("source", [
    "from ..services.admin import create_kiosk",
    "from ..edge import queue",
    "from flask import session",   # the web session cookie is not a database session
    "from . import pages",
])
def test_the_view_check_lets_services_and_the_request_through(source):
    assert view_violations(source, "counter_server.web.example") == []


@pytest.mark.parametrize("source", ["import flask", "from flask_babel import Babel", "from sqlalchemy import Date",
                                    "from apiflask import abort"])
def test_the_domain_check_catches_flask_and_sqlalchemy(source):
    assert domain_violations(source, "counter_server.domain.example") != []
