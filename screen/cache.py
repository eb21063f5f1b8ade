"""The figures every hall screen shares, computed once per data version and province.

Thousands of screens poll every minute. Their figures change only when a load lands (a new data
version), when the day changes, or, when loaded records run ahead of the clock (an export taken at
the end of the day), as the clock catches up with them; the key holds exactly those, so one query
per province answers every screen of it. A lock per key makes a crowd of screens that all ask
right after a load wait for one computation instead of each running its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


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
