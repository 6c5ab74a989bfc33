"""Home: 'Lấy số thứ tự' largest; 'Nhận kết quả', 'Tra cứu hồ sơ' and 'Tra cứu thủ tục' beside it."""
from .base import KioskScreen


class HomeScreen(KioskScreen):
    name_ = "home"

    def on_kv_post(self, base_widget) -> None:
        self._collect = self.ids.collect.__self__   # kept while out of the window (ids are weak)

    def refresh(self) -> None:
        self.live_update()

    def live_update(self) -> None:
        """«Nhận kết quả» only where the centre has a queue for results; greyed with the reason
        when that queue is closed or the server is unreachable."""
        choice = self.flow.collect_choice()
        button, others = self._collect, self.ids.others
        if choice.shown and button.parent is None:
            others.add_widget(button, index=len(others.children))
        elif not choice.shown and button.parent is not None:
            others.remove_widget(button)
        button.disabled, button.hint = not choice.enabled, choice.hint

    def take_number(self) -> None:
        self.go(self.flow.take_number())

    def collect(self) -> None:
        self.go(self.flow.collect())

    def check_status(self) -> None:
        self.go(self.flow.check_status())

    def look_up(self) -> None:
        self.go(self.flow.look_up())
