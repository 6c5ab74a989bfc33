"""Field choice: a tile per field with its colour, letter and waiting count; closed ones greyed."""
from .base import KioskScreen, Tile


class FieldsScreen(KioskScreen):
    name_ = "fields"

    def live_update(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Update the tiles in place (a finger may be on one); add or remove tiles only when the
        centre's fields themselves changed."""
        tiles = self.flow.tiles()
        grid = self.ids.grid
        widgets = list(reversed(grid.children))
        if [w.code for w in widgets] != [t.code for t in tiles]:
            grid.clear_widgets()
            widgets = []
            for tile in tiles:
                widget = Tile(code=tile.code)
                widget.bind(on_release=lambda w: self.pick(w.code))
                grid.add_widget(widget)
                widgets.append(widget)
        for widget, tile in zip(widgets, tiles):
            widget.title, widget.badge, widget.colour = tile.name, tile.prefix, tile.colour
            widget.icon = tile.icon or ""
            widget.enabled = tile.enabled and self.flow.online
            widget.line = tile.reason or tile.waiting_line

    def pick(self, code: str) -> None:
        self.go(self.flow.pick_field(code))
