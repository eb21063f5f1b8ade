"""The cache every hall screen shares (screen/cache.py): once per key, stale-while-refresh."""

from __future__ import annotations

import threading
import time

import pytest

from screen.cache import SharedCache


def test_a_crowd_asking_for_a_new_key_computes_it_once() -> None:
    cache = SharedCache()
    calls: list[int] = []
    gate = threading.Event()

    def compute() -> str:
        calls.append(1)
        gate.wait(2)  # hold the first computation until every thread is waiting for it
        return "figures"

    answers: list[str] = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.get("v1", compute))) for _ in range(20)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    gate.set()
    for thread in threads:
        thread.join(5)
    assert (len(calls), answers) == (1, ["figures"] * 20)
    assert (cache.misses, cache.hits) == (1, 19)


def test_a_new_tag_serves_the_old_value_while_the_new_one_is_computed() -> None:
    cache = SharedCache()
    assert cache.get("v1", lambda: "10:00", tag="10:00") == "10:00"
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(2)
        return "10:01"

    assert cache.get("v1", slow, tag="10:01") == "10:00"  # at once, not after the computation
    assert started.wait(2)
    assert cache.get("v1", slow, tag="10:01") == "10:00"  # one refresh at a time
    release.set()
    deadline = time.monotonic() + 2
    while cache.get("v1", slow, tag="10:01") != "10:01" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get("v1", slow, tag="10:01") == "10:01"


def test_a_failed_computation_caches_nothing_and_keeps_the_old_value() -> None:
    cache = SharedCache()

    def broken() -> str:
        raise RuntimeError("warehouse being replaced")

    with pytest.raises(RuntimeError):
        cache.get("v1", broken)
    assert cache.get("v1", lambda: "ok") == "ok"  # the next request retries
    assert cache.get("v1", broken, tag="later") == "ok"  # a failed refresh keeps the old value
    time.sleep(0.1)
    assert cache.get("v1", broken, tag="later") == "ok"


def test_the_oldest_entries_go_first() -> None:
    cache = SharedCache(max_entries=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda k=key: k.upper())
    assert cache.get("a", lambda: "again") == "again"  # "a" was evicted, so computed again
    assert cache.get("c", lambda: "never") == "C"
