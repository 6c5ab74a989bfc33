"""The rules the GUI test applies to what it measured (tests/kiosk/gui/layout.py), on made-up
screens: no window needed."""
from . import layout

WINDOW = [0, 0, 1920, 1080]


def text(key, box, area=WINDOW, owner=None, font=30.0, markup_sizes=(), name="Words", shown=None):
    return {"key": key, "name": name, "kind": "label", "text": key, "font": font, "box": box, "area": area,
            "shown": box if shown is None else shown, "owner": owner, "markup_sizes": list(markup_sizes)}


def screen(*texts, buttons=()):
    return {"texts": list(texts), "buttons": list(buttons), "window": WINDOW}


def test_two_texts_drawn_one_over_the_other_are_found_and_texts_side_by_side_are_not():
    title = text("root/title", [40, 900, 1000, 960])
    line = text("root/line", [40, 850, 1000, 910])     # 10 px into the title
    beside = text("root/beside", [1000, 900, 1400, 960])   # shares an edge only
    assert layout.overlapping_texts(screen(title, line, beside)) == ["Words «root/title» overlaps Words «root/line»"]


def test_a_text_cut_by_the_window_or_spilling_out_of_its_button_is_out_of_place():
    cut = text("root/cut", [1800, 500, 1990, 560])
    spills = text("root/button/label", [100, 100, 400, 260], owner=[90, 120, 410, 240])
    fits = text("root/other/label", [100, 300, 400, 360], owner=[90, 290, 410, 370])
    found = layout.texts_out_of_place(screen(cut, spills, fits))
    assert len(found) == 2 and "root/cut" in found[0] and "spills out of its button" in found[1]


def test_a_text_in_a_scrolling_list_may_be_cut_at_the_top_or_bottom_but_not_under_the_scroll_bar():
    area = [40, 300, 1866, 950]   # a ScrollView with its bar (14 px) on the right
    cut_at_bottom = text("root/list/a", [40, 250, 1800, 330], area=area, shown=[40, 300, 1800, 330])
    under_the_bar = text("root/list/b", [40, 600, 1880, 660], area=area)
    found = layout.texts_out_of_place(screen(cut_at_bottom, under_the_bar))
    assert found == ["Words «root/list/b» at [40, 600, 1880, 660] is outside [40, 300, 1866, 950]"]


def test_a_text_closer_than_10_px_to_a_button_it_is_not_on_touches_it():
    date = text("root/header/clock", [600, 1000, 1175, 1046])
    english = {"key": "root/header/language", "name": "language", "box": [1180, 975, 1410, 1075]}
    label_on_it = text("root/header/language", [1230, 1000, 1360, 1046], owner=english["box"], name="language")
    found = layout.texts_touching_buttons(screen(date, label_on_it, buttons=[english]))
    assert found == ["Words «root/header/clock» touches the button language at [1180, 975, 1410, 1075]"]
    date["box"] = date["shown"] = [600, 1000, 1160, 1046]
    assert layout.texts_touching_buttons(screen(date, label_on_it, buttons=[english])) == []


def test_a_large_text_under_one_and_a_half_times_its_normal_size_is_found_in_its_markup_too():
    normal = screen(text("root/a", [0, 0, 1, 1], font=26), text("root/b", [0, 0, 1, 1], font=46, markup_sizes=[26]))
    large = screen(text("root/a", [0, 0, 1, 1], font=33.8), text("root/b", [0, 0, 1, 1], font=69, markup_sizes=[33]))
    assert layout.not_large_enough(normal, large) == [
        "Words «root/a»: 26 px in normal text, 33.8 px in large text",
        "Words «root/b»: 26 px in normal text, 33 px in large text"]
    large = screen(text("root/a", [0, 0, 1, 1], font=39), text("root/b", [0, 0, 1, 1], font=69, markup_sizes=[39]))
    assert layout.not_large_enough(normal, large) == []
