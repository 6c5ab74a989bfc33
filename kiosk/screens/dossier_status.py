"""«Tra cứu hồ sơ»: the slip's code (scanned from its QR code or typed), then the phone's last
four digits on a big keypad, then the status in large plain words, through the same API as the
/ho-so page. A wrong code and wrong digits get the same 'not found'; it needs the server."""
import logging

from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty

from ..dossier_status import LookupAnswer, dossier_view, look_up
from ..flow import ANSWER_STEP, CODE_STEP, PHONE_STEP
from .base import KioskScreen
from .keypads import CodeEntry

log = logging.getLogger(__name__)


class DossierStatusScreen(CodeEntry, KioskScreen):
    name_ = "dossier_status"
    digits = StringProperty("_ _ _ _")
    can_ask = BooleanProperty(False)
    asking = BooleanProperty(False)
    found = BooleanProperty(False)

    def on_kv_post(self, base_widget) -> None:
        # One view in the window at a time: a hidden one must not catch a touch. ids are weak
        # references: keep the views alive while they are out of the window.
        self._views = {step: self.ids[f"{step}_view"].__self__ for step in (CODE_STEP, PHONE_STEP, ANSWER_STEP)}
        self._asked = 0   # which question an answer belongs to (a late one for a citizen gone is dropped)
        self._show_step(CODE_STEP)

    def refresh(self) -> None:
        """Draw the flow's step: the code, the digits, or the answer (in the current language)."""
        step = self.flow.status_step
        self._show_step(step)
        self.show_code()
        self._show_digits()
        self.ids.code_shown.text = self.t("dossier.code_shown", code=self.flow.dossier_code)
        if step == CODE_STEP:
            self.focus_code_box()
        else:
            self.ids.code_box.focus = False
        if step == ANSWER_STEP and self.flow.status_answer is not None:
            self._show_answer()

    def _show_step(self, step: str) -> None:
        body = self.ids.body.__self__
        for name, view in self._views.items():
            if name != step and view.parent is body:
                body.remove_widget(view)
        if self._views[step].parent is None:
            body.add_widget(self._views[step])

    def on_leave(self, *_args) -> None:
        super().on_leave()
        self._asked += 1
        self.asking = False

    def code_entered(self) -> None:
        self.flow.code_entered()
        self.refresh()

    def press_digit(self, key: str) -> None:
        self.flow.type_digit(key)
        self._show_digits()

    def ask(self) -> None:
        """Ask the server in the background; the answer comes back on the Kivy clock."""
        if self.asking or not self.flow.can_ask_status():
            return
        self._asked += 1
        asked, code, last4 = self._asked, self.flow.dossier_code, self.flow.phone_last4
        self.asking = True

        def answered(answer: LookupAnswer) -> None:
            if asked != self._asked or self.flow.status_step != PHONE_STEP:
                return   # the citizen left or stepped back meanwhile: the answer is not theirs to see
            self.asking = False
            self.flow.answered(answer)
            self.refresh()

        def failed(error: Exception) -> None:
            log.error("dossier look-up failed", exc_info=error)
            answered(LookupAnswer(problem="unavailable"))
        self.app.background.run(self.app.background.network, lambda: look_up(self.app.client, code, last4),
                                answered, failed)

    def collect_now(self) -> None:
        self.go(self.flow.collect_found_dossier())

    def again(self) -> None:
        """'Tra cứu hồ sơ khác' after an answer; 'Nhập lại' (the same code kept) after none."""
        self.flow.look_up_another(keep_code=not self.found)
        self.refresh()

    def _show_digits(self) -> None:
        typed = self.flow.phone_last4
        self.digits = " ".join(typed + "_" * (4 - len(typed)))
        self.can_ask = self.flow.can_ask_status()

    def _show_answer(self) -> None:
        view = dossier_view(self.flow.status_answer, self.app.language)
        self.found = view.found
        self.ids.headline.text = view.headline
        self.ids.explanation.text = view.explanation
        facts = self.ids.facts
        facts.clear_widgets()
        for label, value in view.rows:
            row = Factory.FactRow()   # a kv class: its own properties are set after it is made
            row.name, row.value = label, value
            facts.add_widget(row)
        shown = view.result_ready and self.flow.collect_choice().enabled
        button = self.ids.collect_now
        button.size_hint_x, button.opacity, button.disabled = (1, 1, False) if shown else (0.0001, 0, True)
        self.ids.again.text = self.t("dossier.another" if view.found else "dossier.retry")
        self.ids.answer_scroll.scroll_y = 1
