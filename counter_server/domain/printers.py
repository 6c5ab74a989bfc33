"""What a kiosk's printer state means to the officers who must go and fix it, in their words.
The codes are the ones kiosks send in their heartbeat (kiosk/printing/status.py)."""

READY = ("ok",)
SILENT = "silent"       # not a printer state: the kiosk stopped reporting during opening hours

FOR_STAFF = {
    "paper_near_end": "sắp hết giấy — chuẩn bị cuộn giấy mới",
    "paper_out": "hết giấy — thay cuộn giấy mới",
    "cover_open": "nắp máy in đang mở — đóng nắp lại",
    "offline": "máy in tạm ngừng — kiểm tra giấy và nắp máy",
    "no_answer": "máy in không trả lời — kiểm tra dây cáp và nguồn điện",
    "device_absent": "không thấy máy in — kiểm tra dây cáp và nguồn điện",
    "error": "máy in báo lỗi — tắt rồi bật lại máy in",
    SILENT: "không liên lạc được với máy chủ — kiểm tra ki-ốt và mạng",
}


def needs_staff(state: str | None) -> bool:
    """True when someone should walk to the kiosk (a state never reported needs nobody yet)."""
    return state is not None and state not in READY


def in_words(state: str | None) -> str:
    """The state as an officer reads it: what is wrong, then what to do."""
    if state is None:
        return "chưa báo trạng thái"
    if state in READY:
        return "sẵn sàng"
    return FOR_STAFF.get(state, f"máy in báo «{state}»")
