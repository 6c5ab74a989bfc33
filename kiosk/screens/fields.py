"""Field choice: a tile per field with its colour, letter and waiting count; closed ones greyed."""
from .base import KioskScreen, Tile


class FieldsScreen(KioskScreen):
    name_ = "fields"

    _drawn: tuple = ()

    def live_update(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        tiles = (tuple(self.flow.tiles()), self.flow.online)
        if tiles == self._drawn and self.ids.grid.children:
            return  # same numbers: keep the widgets a finger may be on
        self._drawn = tiles
        grid = self.ids.grid
        grid.clear_widgets()
        for tile in self.flow.tiles():
            widget = Tile(code=tile.code, title=tile.name, badge=tile.prefix, colour=tile.colour,
                          enabled=tile.enabled and self.flow.online,
                          line=tile.reason or tile.waiting_line)
            widget.bind(on_release=lambda w: self.pick(w.code))
            grid.add_widget(widget)

    def pick(self, code: str) -> None:
        self.go(self.flow.pick_field(code))
