"""Rules for what tests/kiosk/gui/measure.py saw on one screen: no text over another, every text
where it can be read, none touching a button it is not on; and large text against normal text.
Boxes are [left, bottom, right, top] in window pixels."""
LARGE_TEXT_AT_LEAST = 1.5
SLACK = 1.0      # px: Kivy rounds a texture's position to whole pixels
MIN_GAP = 10.0   # px between a text and a button it is not on (the date beside 'English')


def overlapping_texts(seen: dict) -> list[str]:
    """Pairs of texts drawn one over the other."""
    shown = [text for text in seen["texts"] if text.get("shown")]
    found = []
    for index, one in enumerate(shown):
        for other in shown[index + 1:]:
            if _overlap(one["shown"], other["shown"]) > SLACK:
                found.append(f"{_name(one)} overlaps {_name(other)}")
    return found


def texts_out_of_place(seen: dict) -> list[str]:
    """Texts outside the window, outside their ScrollView's free width, or spilling out of their button."""
    found = []
    for text in seen["texts"]:
        if not text.get("shown"):
            continue
        area, box = text["area"], text["box"]
        if not _inside(area, seen["window"]):
            found.append(f"{_name(text)} is in a scrolling area outside the window")
        scrolls = area != seen["window"]
        if not (_inside(box, area) or scrolls and _inside([box[0], area[1], box[2], area[3]], area)):
            found.append(f"{_name(text)} at {box} is outside {area}")
        if text["owner"] is not None and not _inside(box, text["owner"]):
            found.append(f"{_name(text)} at {box} spills out of its button {text['owner']}")
    return found


def texts_touching_buttons(seen: dict) -> list[str]:
    """Texts closer than MIN_GAP to a button they are not on."""
    found = []
    for text in seen["texts"]:
        if not text.get("shown"):
            continue
        for button in seen["buttons"]:
            own = text["key"] == button["key"] or text["key"].startswith(button["key"] + "/")
            if not own and _gap(text["shown"], button["box"]) < MIN_GAP:
                found.append(f"{_name(text)} touches the button {button['name']} at {button['box']}")
    return found


def not_large_enough(normal: dict, large: dict) -> list[str]:
    """Texts whose font (and markup [size=…]) in large text is under 1.5 times the same widget's in normal text."""
    found, sizes = [], {text["key"]: text for text in normal["texts"]}
    for text in large["texts"]:
        before = sizes.get(text["key"])
        if before is None or before["name"] != text["name"]:
            continue
        checks = [(before["font"], text["font"], 1e-6)] + [   # a [size=…] tag holds a whole number
            (small, big, 1.0) for small, big in zip(before.get("markup_sizes", []), text.get("markup_sizes", []))]
        for small, big, rounding in checks:
            if big < small * LARGE_TEXT_AT_LEAST - rounding:
                found.append(f"{_name(text)}: {small:g} px in normal text, {big:g} px in large text")
    return found


def _overlap(one: list, other: list) -> float:
    """How far two boxes overlap (the lesser of the two directions); 0 or less: apart."""
    return min(min(one[2], other[2]) - max(one[0], other[0]), min(one[3], other[3]) - max(one[1], other[1]))


def _gap(one: list, other: list) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    across = max(other[0] - one[2], one[0] - other[2], 0)
    up = max(other[1] - one[3], one[1] - other[3], 0)
    return (across ** 2 + up ** 2) ** 0.5


def _inside(box: list, area: list) -> bool:
    return (box[0] >= area[0] - SLACK and box[1] >= area[1] - SLACK
            and box[2] <= area[2] + SLACK and box[3] <= area[3] + SLACK)


def _name(text: dict) -> str:
    return f"{text['name']} «{text['text'][:40]}»"
