"""Procedure search shared by the counter server and the kiosk: accent folding and the ranked,
typo-tolerant index. Its own package so the kiosk installs without the server; stdlib plus
RapidFuzz only."""
from .index import SearchIndex
from .text import fold

__all__ = ["SearchIndex", "fold"]
