"""Home: 'Lấy số thứ tự' and 'Tra cứu thủ tục', very large."""
from .base import KioskScreen


class HomeScreen(KioskScreen):
    name_ = "home"

    def take_number(self) -> None:
        self.go(self.flow.take_number())

    def look_up(self) -> None:
        self.go(self.flow.look_up())
