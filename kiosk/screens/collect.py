"""«Nhận kết quả»: the slip's code, scanned from its QR code or typed, then 'Lấy số' in the queue
for results (the counter that calls the ticket sees that dossier); or a number without a code."""
from .base import KioskScreen
from .keypads import CodeEntry


class CollectScreen(CodeEntry, KioskScreen):
    name_ = "collect"

    def refresh(self) -> None:
        self.show_code()
        self.focus_code_box()

    def take(self, with_code: bool) -> None:
        self.go(self.flow.take_number_to_collect(with_code))
