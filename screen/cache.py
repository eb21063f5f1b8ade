"""The figures every hall screen shares, computed once per data version and province.

Thousands of screens poll every minute. Their figures change only when a load lands (a new data
version), when the day changes, or, when loaded records run ahead of the clock (an export taken at
the end of the day), as the clock catches up with them; the key holds exactly those, so one query
per province answers every screen of it. A lock per key makes a crowd of screens that all ask
right after a load wait for one computation instead of each running its own.

When only the clock moved (records ahead of it), :meth:`SharedCache.get` with a ``tag`` serves
the value of the previous tag at once and recomputes in the background, so no screen waits for
the minute's recomputation; a new key (a new data version, a new day) is computed while the
first asker waits, so a load's figures are on every screen from its next refresh.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

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
