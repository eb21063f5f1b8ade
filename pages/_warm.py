"""The usual views drawn ahead: after each load, before the first leader asks.

Most visits open the overview, the fields page or the satisfaction page of the configured
province on one of a few presets. Their answers are cached per data version (kpi.cache,
pages/_shared.drawn), so the first reader after a load pays for the queries. A daemon thread of
each server process (:func:`start`, from app.py) looks at the warehouse every
:data:`CHECK_SECONDS`; when it holds a version the thread has not warmed, it asks each page in
:data:`PAGES` for each preset in :data:`USUAL` itself, as the page would (its own ``_view``, in
the app's context so that the drawn tables are sealed with the server's key).

What it draws is cached for a reader of full scope (no request: kpi.scope's trusted reader, an
admin) in Vietnamese; the query results under it are everyone's, so any reader's first view of
these pages then costs only the drawing. Ward pages (126 wards × presets) and ad-hoc filters are
left to be asked. ``MOTCUA_PREWARM=0`` turns it off (the test suite does).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from kpi.cache import versions
from kpi.config import settings
from kpi.db import NoWarehouse, QueryTimeout, cursor

log = logging.getLogger(__name__)

USUAL = ("this_month", "last_month", "this_quarter", "last_quarter", "this_year")
PAGES = ("overview", "fields", "satisfaction")
CHECK_SECONDS = 30.0

_started = threading.Event()


def current_version() -> tuple[str | None, str | None] | None:
    """The versions of the warehouse the pages read now (``None``: none readable)."""
    try:
        with cursor() as cur:
            return versions(cur)
    except (NoWarehouse, QueryTimeout):
        return None


def warm(server: Any) -> int:
    """Draw every page of :data:`PAGES` for every preset of :data:`USUAL`; how many."""
    import importlib

    drawn = 0
    with server.app_context():
        for preset in USUAL:
            for name in PAGES:
                importlib.import_module(f"pages.{name}")._view({"period": preset})
                drawn += 1
    return drawn


def _run(server: Any) -> None:
    warmed = None
    while True:
        held = current_version()
        if held is not None and held[0] is not None and held != warmed:
            started = time.monotonic()
            try:
                count = warm(server)
            except Exception:  # a background thread: log, try again at the next check
                log.exception("drawing the usual views ahead failed")
            else:
                warmed = held
                log.info("%d usual views drawn in %.1f s", count, time.monotonic() - started)
        time.sleep(CHECK_SECONDS)


def start(server: Any) -> bool:
    """Start the thread once per process unless ``MOTCUA_PREWARM`` is off; whether it runs."""
    if not settings().prewarm or _started.is_set():
        return False
    _started.set()
    threading.Thread(target=_run, args=(server,), name="motcua-warm", daemon=True).start()
    return True
