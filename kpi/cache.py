"""Per-process caches of query results, keyed by the data version (``meta.data_version``).

Many leaders open the same default view; its figures change only when a load lands (a new data
version) or, for a period that reaches the present, as the clock moves. :class:`SharedCache` is a
small thread-safe LRU map that computes each key once (a crowd asking right after a load waits
for one computation). :func:`cached` keys a query by its name, its parameters, the data version
and the one instant its answer can depend on (``min(now, newest record)``, only when that falls
before the end of the periods asked); a new load gives a new version, so nothing stale is served.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import duckdb

T = TypeVar("T")


class SharedCache:
    """A small thread-safe LRU map whose values are computed once per key."""

    def __init__(self, max_entries: int = 128) -> None:
        """Keep at most ``max_entries`` results (the oldest go first)."""
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value of ``key``, computing it with ``compute()`` if no thread has yet."""
        with self._lock:
            if key in self._values:
                self.hits += 1
                self._values.move_to_end(key)
                return self._values[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:  # another thread computed it while this one waited
                    self.hits += 1
                    return self._values[key]
            value = compute()  # an exception leaves nothing cached: the next request retries
            with self._lock:
                self.misses += 1
                self._values[key] = value
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
                self._computing.pop(key, None)
        return value

    def clear(self) -> None:
        """Forget every value (tests)."""
        with self._lock:
            self._values.clear()
            self.hits = self.misses = 0


# The overview's frames: (query, parameters, version, clock) → DataFrame. A headline is ~100 rows.
RESULTS = SharedCache(max_entries=256)
# version → the newest loaded timestamp (a scan of the dossiers, once per version).
_NEWEST = SharedCache(max_entries=8)

_VERSION_SQL = "SELECT value FROM meta WHERE key = 'data_version'"
_NEWEST_SQL = "SELECT max(greatest(received_at, ended_at, returned_at)) FROM dossiers"


def data_version(cur: duckdb.DuckDBPyConnection) -> str | None:
    """The warehouse's data version, ``None`` when it has none (nothing loaded, or no tables)."""
    try:
        row = cur.execute(_VERSION_SQL).fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


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
    about. Without a data version the answer is computed every time.
    """
    version = data_version(cur)
    if version is None:
        return compute()
    newest = _NEWEST.get(version, lambda: cur.execute(_NEWEST_SQL).fetchone()[0])
    clock = now if newest is None else min(now, newest)
    # Periods that all end before the clock are judged at their ends: the clock does not matter.
    end = datetime.combine(last_day + timedelta(days=1), datetime.min.time())
    moment = clock if clock < end else None
    return cache.get((name, params, version, moment), compute)
