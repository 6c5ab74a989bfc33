"""Every route of the server (the main application's URL map and the administration pages'), each
asked by each kind of caller; the outcome in the words of docs/access.md."""
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

ACCESS_DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"
CALLERS = ("anonymous", "kiosk", "staff", "manager", "admin", "other centre's staff")
# Methods a route answers by itself (HEAD and OPTIONS come with every GET).
SKIPPED_METHODS = {"HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Route:
    method: str
    rule: str           # as the URL map writes it: /api/v1/counters/<int:counter_id>/next

    @property
    def name(self) -> str:
        return f"{self.method} {self.rule}"


def routes(*url_maps) -> list[Route]:
    """Every (method, rule) of the URL maps, in order."""
    found = {Route(method, rule.rule) for url_map in url_maps for rule in url_map.iter_rules()
             for method in rule.methods - SKIPPED_METHODS}
    return sorted(found, key=lambda route: (route.rule, route.method))


def outcome(status: int, location: str = "") -> str:
    """A status as the table says it: 401, 403, 404, login (sent to the sign-in page), or ok (let
    through: the route answered the request itself, 2xx/3xx, or 400/405/409/422 about what the
    walk sent, which carries no valid body). A 5xx is «error», never documented."""
    if status >= 500:
        return "error"
    if status in (401, 403, 404):
        return str(status)
    if status in (301, 302, 303) and "/login" in location:
        return "login"
    return "ok"


def documented() -> list[tuple[str, dict[str, str]]]:
    """docs/access.md's table: (a route pattern, what each caller gets), in the order written.
    A pattern is «METHOD /rule» with * for any characters; the first row that matches counts."""
    rows = []
    for line in ACCESS_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 1 + len(CALLERS) or not cells[0].startswith("`"):
            continue
        rows.append((cells[0].strip("`"), dict(zip(CALLERS, cells[1:]))))
    return rows


def expected(route: Route, table) -> dict[str, str] | None:
    """What the table promises for `route`, or None when no row covers it."""
    for pattern, outcomes in table:
        if fnmatch.fnmatchcase(route.name, pattern):
            return outcomes
    return None


PARAMETER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def address(rule: str, values: dict[str, str]) -> str:
    """The rule with each <converter:name> replaced by the walk's value for `name`."""
    return PARAMETER.sub(lambda match: str(values[match.group(2)]), rule)
