"""JSON API under /api/v1: parse the request, call one service, shape the answer."""
from . import (admin, announcements, auth, calendar, counters, dossier_book, dossiers, events, notice_forms, ops,
               public, rating, reports, tickets)

BLUEPRINTS = (public.bp, auth.bp, tickets.bp, counters.bp, events.bp, announcements.bp, rating.bp, admin.bp, reports.bp,
              calendar.bp, dossiers.bp, dossier_book.bp, notice_forms.bp, ops.bp)
