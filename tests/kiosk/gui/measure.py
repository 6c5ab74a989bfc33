"""What the kiosk window shows, measured from widget bounds in the kiosk's own process: each visible
text's box in window pixels, the area it must stay in, the button it belongs to, its font size; and
each visible button's box. tests/kiosk/gui/layout.py judges the numbers."""
import re

from kivy.core.window import Window
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView
from kivy.uix.textinput import TextInput

MARKUP_SIZE = re.compile(r"\[size=(\d+)\]")


def on_screen(app) -> dict:
    """Every visible text and button under the window's root (header, banner, screen, footer)."""
    names = {id(widget): name for name, widget in app.root.ids.items()}
    names.update({id(widget): name for screen in app.root.ids.screens.screens for name, widget in screen.ids.items()})
    texts, buttons = [], []
    for widget, key in _walk(app.root, "root"):
        if not _visible(widget, app.root):
            continue
        name = names.get(id(widget), type(widget).__name__)
        if isinstance(widget, ButtonBehavior):
            box = _shown_box(widget, _box(widget, widget.x, widget.y, widget.width, widget.height))
            if box is not None:
                buttons.append({"key": key, "name": name, "box": box})
        if isinstance(widget, TextInput) and widget.text:
            texts.append({"key": key, "name": name, "kind": "input", "text": widget.text[:60],
                          "font": float(widget.font_size)})
        if isinstance(widget, Label) and widget.text.strip() and widget.texture is not None:
            texts.append(_text(widget, key, name))
    return {"texts": texts, "buttons": buttons, "window": [0, 0, Window.width, Window.height]}


def _text(label, key: str, name: str) -> dict:
    """Where the label draws its text: its texture, centred on the label (Kivy's <Label> rule)."""
    width, height = label.texture_size
    drawn = _box(label, int(label.center_x - width / 2.0), int(label.center_y - height / 2.0), width, height)
    owner = _owner(label)
    return {"key": key, "name": name, "kind": "button" if isinstance(label, ButtonBehavior) else "label",
            "text": label.text[:60], "font": float(label.font_size), "box": drawn, "area": _area(label),
            "shown": _shown_box(label, drawn), "owner": owner,
            "markup_sizes": [int(size) for size in MARKUP_SIZE.findall(label.text)] if label.markup else []}


def _walk(widget, key):
    yield widget, key
    for index, child in enumerate(reversed(widget.children)):
        yield from _walk(child, f"{key}/{type(child).__name__}{index}")


def _visible(widget, root) -> bool:
    while widget is not None:
        if widget.opacity <= 0 or widget.width <= 0 or widget.height <= 0:
            return False
        if widget is root:
            return True
        widget = widget.parent
    return False


def _box(widget, x, y, width, height) -> list:
    left, bottom = widget.to_window(x, y)
    return [round(left, 1), round(bottom, 1), round(left + width, 1), round(bottom + height, 1)]


def _scroll_view(widget):
    parent = widget.parent
    while parent is not None and parent is not Window:
        if isinstance(parent, ScrollView):
            return parent
        parent = parent.parent
    return None


def _area(widget) -> list:
    """The window, or the part of the ScrollView holding the widget that its scroll bar leaves free."""
    view = _scroll_view(widget)
    if view is None:
        return [0, 0, Window.width, Window.height]
    area = _box(view, view.x, view.y, view.width, view.height)
    if view.do_scroll_y and view.viewport_size[1] > view.height:
        area[2] -= view.bar_width + view.bar_margin
    return area


def view_of(widget) -> list:
    """Where the widget can be seen: the window, or the box of the ScrollView holding it."""
    view = _scroll_view(widget)
    return [0, 0, Window.width, Window.height] if view is None else _box(view, view.x, view.y, view.width,
                                                                            view.height)


def _shown_box(widget, box):
    """The part of `box` a ScrollView lets through (None: scrolled out of sight)."""
    left, bottom, right, top = view_of(widget)
    shown = [max(box[0], left), max(box[1], bottom), min(box[2], right), min(box[3], top)]
    return shown if shown[0] < shown[2] and shown[1] < shown[3] else None


def _owner(label):
    """The button a text belongs to (the label itself, or a tile around it): its box, or None."""
    widget = label
    while widget is not None and widget is not Window:
        if isinstance(widget, ButtonBehavior):
            return _box(widget, widget.x, widget.y, widget.width, widget.height)
        widget = widget.parent
    return None
