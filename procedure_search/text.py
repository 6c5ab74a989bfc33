"""Text helpers shared by the server and the kiosk (pure Python, stdlib only)."""
import unicodedata


def fold(text: str) -> str:
    """Lower-case text without Vietnamese diacritics, for accent-insensitive search ('Đ' -> 'd')."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())

