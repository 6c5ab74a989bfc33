"""Field choice: a tile per field with its colour, letter and waiting count; closed ones greyed."""
from .base import KioskScreen, Tile


class FieldsScreen(KioskScreen):
    name_ = "fields"

    def refresh(self) -> None:
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
