"""Per-process caches of query results, keyed by the data version (``meta.data_version``).

Many leaders open the same default view; its figures change only when a load lands (a new data
version) or, for a period that reaches the present, as the clock moves. :class:`SharedCache` is a
small thread-safe LRU map that computes each key once (a crowd asking right after a load waits
for one computation); given a ``tag`` (the hall screens' clock minute), it serves the previous
tag's value at once while the new one is computed in the background. :func:`cached` keys a
query by its name, its parameters, the data version and the one instant its answer can depend on
(``min(now, newest record)``, only when that falls before the end of the periods asked); a new
load gives a new version, so nothing stale is served.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import duckdb

from kpi.db import remembered

T = TypeVar("T")
log = logging.getLogger(__name__)


class SharedCache:
    """A small thread-safe LRU map whose values are computed once per key."""

    def __init__(self, max_entries: int = 128) -> None:
        """Keep at most ``max_entries`` results (the oldest go first)."""
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._refreshing: set[Hashable] = set()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any], *, tag: Hashable = None) -> Any:
        """The value of ``key`` (for ``tag``), computing it with ``compute()`` once.

        If ``key`` holds a value for another ``tag``, that value is returned at once and the
        value for ``tag`` is computed in a background thread (one at a time per key).
        """
        with self._lock:
            if key in self._values:
                held_tag, value = self._values[key]
                self._values.move_to_end(key)
                self.hits += 1
                if held_tag != tag and key not in self._refreshing:
                    self._refreshing.add(key)
                    threading.Thread(
                        target=self._refresh, args=(key, compute, tag), daemon=True
                    ).start()
                return value
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:  # another thread computed it while this one waited
                    self.hits += 1
                    return self._values[key][1]
            value = compute()  # an exception leaves nothing cached: the next request retries
            self._store(key, tag, value)
        return value

    def _store(self, key: Hashable, tag: Hashable, value: Any) -> None:
        with self._lock:
            self.misses += 1
            self._values[key] = (tag, value)
            self._values.move_to_end(key)
            while len(self._values) > self.max_entries:
                self._values.popitem(last=False)
            self._computing.pop(key, None)

    def _refresh(self, key: Hashable, compute: Callable[[], Any], tag: Hashable) -> None:
        try:
            self._store(key, tag, compute())
        except Exception:  # a background thread: log, keep the old value, retry next request
            log.exception("refreshing %r for %r failed; the previous figures stay", key, tag)
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def clear(self) -> None:
        """Forget every value (tests)."""
        with self._lock:
            self._values.clear()
            self.hits = self.misses = 0


RESULTS = SharedCache(max_entries=256)
# version → the newest loaded timestamp (a scan of the dossiers, once per version).
_NEWEST = SharedCache(max_entries=8)
# (name, params, versions) → a reference list (kpi/reference.py), read once per warehouse version.
REFERENCE = SharedCache(max_entries=128)
# (page, selection, reader, …, versions, clock) → a page's drawn content (pages/_shared.drawn):
# a few dozen component trees of a few hundred kB each.
PAGES = SharedCache(max_entries=32)

# The data and the reference data (wards, provinces, calendar) each change only with a new version.
_VERSIONS_SQL = """
SELECT
    (SELECT value FROM meta WHERE key = 'data_version'),
    (SELECT value FROM meta WHERE key = 'refdata_version')
"""
_NEWEST_SQL = "SELECT max(greatest(received_at, ended_at, returned_at)) FROM dossiers"


def versions(cur: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None]:
    """The warehouse's data and reference data versions (``None`` for one it has none of).

    Read once per attached file on a :class:`kpi.db.Cursor` (``memo``: a read-only attachment's
    versions cannot change; a new load is a new file, attached anew), every time on a plain
    connection (a test's, the loader's)."""

    def read() -> tuple[str | None, str | None]:
        try:
            return tuple(cur.execute(_VERSIONS_SQL).fetchone())
        except duckdb.CatalogException:
            return (None, None)  # no meta table (nothing loaded yet)

    return remembered(cur, "versions", read)


def data_version(cur: duckdb.DuckDBPyConnection) -> str | None:
    """The warehouse's data version, ``None`` when it has none (nothing loaded, or no tables)."""
    return versions(cur)[0]


def newest_record(cur: duckdb.DuckDBPyConnection, *, version: str | None = None) -> datetime | None:
    """The newest loaded timestamp (``None``: no dossier), scanned once per data version.

    ``version`` is the data version when the caller already read it."""
    version = version or data_version(cur)
    if version is None:
        return cur.execute(_NEWEST_SQL).fetchone()[0]
    return _NEWEST.get(version, lambda: cur.execute(_NEWEST_SQL).fetchone()[0])


def per_version(
    cur: duckdb.DuckDBPyConnection,
    name: str,
    params: Hashable,
    compute: Callable[[], T],
    *,
    cache: SharedCache = REFERENCE,
) -> T:
    """``compute()``, computed once per data and reference data version of the warehouse (and
    ``name`` and ``params``): for what changes only with a load, such as the menus' lists.

    The caller gets the stored value itself: it must not change it (hand out a copy). Without a
    data version (nothing loaded, no tables) it is computed every time."""
    held = versions(cur)
    if held[0] is None:
        return compute()  # nothing loaded yet: compute() says so in its own terms
    return cache.get((name, params, held), compute)


def answer_key(cur: duckdb.DuckDBPyConnection, *, now: datetime, last_day: date) -> Hashable | None:
    """What an answer judged at ``now`` about periods ending by ``last_day`` depends on beyond
    its question: the data and reference data versions and, when the periods reach the clock,
    the clock (``min(now, newest record)``); ``None`` without a data version (nothing loaded,
    no tables), when nothing may be cached."""
    held = versions(cur)
    if held[0] is None:
        return None
    newest = newest_record(cur, version=held[0])
    clock = now if newest is None else min(now, newest)
    # Periods that all end before the clock are judged at their ends: the clock does not matter.
    end = datetime.combine(last_day + timedelta(days=1), datetime.min.time())
    return held, (clock if clock < end else None)


def cached(
    cur: duckdb.DuckDBPyConnection,
    name: str,
    params: Hashable,
    *,
    now: datetime,
    last_day: date,
    compute: Callable[[], T],
    cache: SharedCache = RESULTS,
) -> T:
    """``compute()``, or the answer it gave for the same question on the same data and clock.

    ``params`` must hold everything the answer depends on but the data and the clock; ``now``
    is the instant ``compute`` judges at and ``last_day`` the last day of the periods it asks
    about (:func:`answer_key`). Without a data version the answer is computed every time.
    """
    key = answer_key(cur, now=now, last_day=last_day)
    if key is None:
        return compute()
    return cache.get((name, params, key), compute)
