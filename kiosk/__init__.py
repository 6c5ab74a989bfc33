"""Touchscreen kiosk for one-stop reception centres (Kivy) and its ticket printing."""
