"""JSON API under /api/v1: parse the request, call one service, shape the answer."""
from . import admin, auth, counters, events, public, tickets

BLUEPRINTS = (public.bp, auth.bp, tickets.bp, counters.bp, events.bp, admin.bp)
