"""A procedure's detail page: documents (originals, copies), processing time, fees, legal basis,
where to submit, effective date; print the documents list, or take a number for it."""
from datetime import datetime, timezone

from kivy.properties import BooleanProperty, StringProperty
from kivy.utils import escape_markup

from ..flow import at_desk as flow_at_desk, document_line
from ..printing import print_requirements, slip_from_procedure
from .base import KioskScreen


class DetailScreen(KioskScreen):
    name_ = "detail"
    printing = BooleanProperty(False)
    status = StringProperty("")
    note = StringProperty("")   # the record's public note, and why no number when the desk does not take it

    def refresh(self) -> None:
        procedure = self.flow.procedure
        if procedure is None:
            return
        unknown = self.t("detail.unknown")
        self.ids.name.text = procedure["name"]
        self.ids.code.text = self.t("detail.code", code=procedure["code"], field=procedure.get("field_name", ""))
        documents = procedure.get("documents") or []
        self.ids.documents.text = "\n".join(
            f"{number}. {escape_markup(document['name'])} — {document_line(document, self.app.language)}"
            + (f" [i]({escape_markup(document['case'])})[/i]" if document.get("case") else "")
            for number, document in enumerate(documents, 1)) or self.t("detail.no_documents")
        for key in ("processing_time", "fees", "legal_basis", "where_to_submit"):
            self.ids[key].text = procedure.get(key) or unknown
        self.ids.effective_from.text = "\n".join(filter(None, (
            procedure.get("effective_from") or unknown,
            self.t("detail.checked", date=procedure["last_verified"]) if procedure.get("last_verified") else "")))
        at_desk = flow_at_desk(procedure)
        self.note = "\n".join(filter(None, (
            procedure.get("public_note") or ("" if at_desk else self.t("detail.not_at_desk_why")),
            "" if at_desk else self.t("detail.not_at_desk"))))
        self.live_update()
        self.ids.scroll.scroll_y = 1

    def live_update(self) -> None:
        procedure = self.flow.procedure
        if procedure is not None:
            self.ids.take_number.disabled = (not self.app.online or not flow_at_desk(procedure)
                                             or not self._field_open(procedure["field"]))

    def on_leave(self, *_args) -> None:
        self.status = ""

    def take_number(self) -> None:
        self.go(self.flow.take_number_for_procedure())

    def print_slip(self) -> None:
        procedure = self.flow.procedure
        if procedure is None or self.printing:
            return
        self.printing, self.status = True, self.t("detail.printing")
        slip = slip_from_procedure(procedure, centre_name=self.app.centre_name,
                                   printed_at=datetime.now(timezone.utc), time_zone=self.app.settings.time_zone)
        url = self.app.settings.printer
        self.app.background.run(self.app.background.printer, lambda: print_requirements(url, slip),
                                self._printed, self._failed)

    def _printed(self, result) -> None:
        self.printing = False
        self.status = result.message_en if self.app.language == "en" else result.message_vi

    def _failed(self, error) -> None:
        self.printing, self.status = False, str(error)

    def _field_open(self, code: str) -> bool:
        return any(tile.code == code and tile.enabled for tile in self.flow.tiles())
