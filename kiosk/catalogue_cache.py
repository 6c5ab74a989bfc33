"""The kiosk's own copy of the catalogue (fields, priorities, procedures), so that procedure
lookup keeps working while the server is unreachable. Plain Python: no Kivy."""
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from procedure_search import SearchIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Catalogue:
    """One snapshot of what the server published, and when it was taken."""

    saved_at: datetime
    fields: list[dict]
    priorities: list[dict]
    procedures: list[dict]
    version: str = ""   # the server's catalogue version when this copy was taken

    _indexes: dict = field(default_factory=dict, compare=False, repr=False)

    def search(self, query: str = "", field: str | None = None) -> list[dict]:
        """Procedures in `field` (all when None) matching `query`, best first, without regard to
        diacritics and forgiving a small typo (the same ranking as the server's)."""
        if field not in self._indexes:
            self._indexes[field] = SearchIndex(p for p in self.procedures if field is None or p["field"] == field)
        return self._indexes[field].search(query)

    def is_stale(self, server_version: str) -> bool:
        """The server's catalogue changed since this copy was taken."""
        return bool(server_version) and server_version != self.version


class CatalogueCache:
    """A JSON file written atomically, so that a power cut never leaves half a catalogue."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def refresh(self, client) -> Catalogue:
        """Fetch everything from the server and keep it; raises the client's errors if it cannot."""
        fields, version = client.fields_and_catalogue_version()
        catalogue = Catalogue(datetime.now(timezone.utc), fields, client.priorities(), client.all_procedures(),
                              version)
        self.save(catalogue)
        return catalogue

    def save(self, catalogue: Catalogue) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"saved_at": catalogue.saved_at.isoformat(), "fields": catalogue.fields,
                "priorities": catalogue.priorities, "procedures": catalogue.procedures, "version": catalogue.version}
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".catalogue-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(temporary, self.path)

    def load(self) -> Catalogue | None:
        """The last snapshot kept, or None when there is none (or it is unreadable)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Catalogue(datetime.fromisoformat(data["saved_at"]), data["fields"], data["priorities"],
                             data["procedures"], data.get("version", ""))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError) as error:
            log.warning("catalogue copy %s is unreadable: %s", self.path, error)
            return None
