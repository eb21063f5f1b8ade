"""Read-only access to the warehouse for the app and the API: the one gateway every query passes.

Each process keeps one in-memory DuckDB that ATTACHes the warehouse file read-only. The loader
replaces the file atomically (``etl.warehouse``); when the file's identity changes, the next query
attaches the new file in a fresh instance, while queries already running finish on the old one.
The reading instance has the memory limit and thread count of the settings
(``MOTCUA_DUCKDB_MEMORY_LIMIT``, ``MOTCUA_DUCKDB_THREADS``), external file access disabled and its
configuration locked, so no query can change them.

Every cursor has a time budget (``MOTCUA_QUERY_TIMEOUT`` seconds from its opening, one request's
worth of queries): one watchdog thread per process interrupts a cursor's running query when the
budget is spent, and the caller gets :class:`QueryTimeout`. A missing, empty or unreadable
warehouse file is :class:`NoWarehouse`, with a message a page can show.
"""

from __future__ import annotations

import atexit
import contextlib
import heapq
import itertools
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from kpi import macros
from kpi.config import settings
from marks import N_

NOT_LOADED = "Chưa có dữ liệu: kho dữ liệu chưa được nạp."
CORRUPT = N_("Kho dữ liệu bị hỏng hoặc không đọc được; hãy nạp lại dữ liệu (python -m etl load …).")
TIMEOUT = N_("Truy vấn quá thời gian cho phép ({seconds} giây).")


class NoWarehouse(RuntimeError):
    """No warehouse to read: the file is missing or empty (nothing loaded yet), has no tables,
    or is corrupt (``corrupt``). ``str()`` is the reason for the log; :attr:`message` the
    sentence for a page (Vietnamese source text, translated by the UI)."""

    def __init__(self, reason: str, *, corrupt: bool = False) -> None:
        """``reason``: what is wrong, for the log; ``corrupt``: the file is there but unreadable."""
        super().__init__(reason)
        self.corrupt = corrupt

    @property
    def message(self) -> str:
        """What a reader is told: nothing loaded yet, or the warehouse must be loaded again."""
        return CORRUPT if self.corrupt else NOT_LOADED


class QueryTimeout(RuntimeError):
    """A cursor's queries ran longer than ``MOTCUA_QUERY_TIMEOUT`` allows; the running query was
    interrupted. The message is for a page or an API answer."""

    def __init__(self, seconds: float) -> None:
        """``seconds``: the time limit that was passed."""
        self.seconds = seconds
        super().__init__(TIMEOUT.format(seconds=f"{seconds:g}".replace(".", ",")))

    @property
    def message(self) -> str:
        """What a reader is told (the same as ``str()``)."""
        return str(self)


def _is_corruption(exc: duckdb.Error, path: Path, *, attaching: bool = False) -> bool:
    """Whether a DuckDB error says the warehouse file itself cannot be read.

    DuckDB names a damaged block with a plain ``duckdb.Error`` ("Corrupt database file: computed
    checksum …"), a file that is no database, is cut short or is of a storage version it cannot
    read with an ``IOException`` or a ``SerializationException``; while attaching, those can only
    be the file's, while reading, only one naming the file is (not, say, a full temporary
    directory)."""
    text = str(exc)
    if type(exc) is duckdb.Error:
        return text.startswith("Corrupt database file")
    if isinstance(exc, duckdb.IOException | duckdb.SerializationException):
        return attaching or path.name in text
    return False


# --- the watchdog: one thread per process interrupts the cursors whose time is up -------------

# How often the watchdog repeats an interrupt while the query still runs (an interrupt that lands
# just before DuckDB registers the query would otherwise be lost).
_REPEAT = 0.2


class _Watchdog:
    """Deadlines of the open cursors, in a heap, and the daemon thread that enforces them.

    Started on the first cursor (and again in a forked child, where the thread does not exist).
    A closed cursor leaves the registry at once; its heap entry is dropped when it reaches the
    top, so the thread wakes only for the oldest open cursor."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._open: dict[int, weakref.ref[Cursor]] = {}
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None
        self._wake_at = float("inf")

    def register(self, cur: Cursor) -> int:
        """Watch ``cur`` until its deadline; the key to :meth:`unregister` it with."""
        with self._cond:
            key = next(self._ids)
            self._open[key] = weakref.ref(cur)
            heapq.heappush(self._heap, (cur.deadline, key))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="motcua-query-watchdog", daemon=True
                )
                self._thread.start()
            elif cur.deadline < self._wake_at:
                self._cond.notify()
        return key

    def unregister(self, key: int) -> None:
        """Stop watching a cursor (it was closed)."""
        with self._cond:
            self._open.pop(key, None)

    def watched(self) -> int:
        """How many cursors are open and watched (for tests and monitoring)."""
        with self._cond:
            return len(self._open)

    def _run(self) -> None:
        # Cursors are held only inside the two calls: a waiting thread keeps none alive.
        while True:
            self._enforce(self._due())

    def _due(self) -> list[Cursor]:
        """Wait until some open cursor's deadline has passed; those cursors."""
        with self._cond:
            while True:
                now = time.monotonic()
                due = []
                while self._heap and (
                    self._heap[0][1] not in self._open or self._heap[0][0] <= now
                ):
                    _deadline, key = heapq.heappop(self._heap)
                    ref = self._open.pop(key, None)
                    cur = ref() if ref is not None else None
                    if cur is not None:
                        due.append(cur)
                if due:
                    return due
                self._wake_at = self._heap[0][0] if self._heap else float("inf")
                self._cond.wait(self._wake_at - now if self._heap else None)
                self._wake_at = float("inf")

    def _enforce(self, due: list[Cursor]) -> None:
        """Interrupt each cursor; one still running is interrupted again shortly."""
        for cur in due:  # outside the lock: a cursor may be closing meanwhile
            if cur.time_up() and cur.busy:
                with self._cond:
                    key = next(self._ids)
                    self._open[key] = weakref.ref(cur)
                    cur.watch_key = key
                    heapq.heappush(self._heap, (time.monotonic() + _REPEAT, key))


_watchdog = _Watchdog()


class Cursor:
    """A DuckDB cursor on the warehouse, under the process's time limit.

    Used as DuckDB's own: ``with cursor() as cur: cur.execute(sql, params).df()``. ``execute``
    returns this cursor (so results chain as on DuckDB's); every method runs under the deadline:
    past it, the query is interrupted and :class:`QueryTimeout` raised. A damaged warehouse found
    while reading is :class:`NoWarehouse`. Methods not defined here are DuckDB's, guarded the same
    way (a relation from :meth:`sql` is evaluated outside the guard, when it is fetched)."""

    def __init__(
        self,
        raw: duckdb.DuckDBPyConnection,
        path: Path,
        timeout: float,
        memo: dict[str, Any] | None = None,
    ) -> None:
        """Wrap ``raw`` (a cursor on the instance of ``path``) with ``timeout`` seconds to run.

        ``memo``: what is known of the attached file for as long as it stays attached, shared
        by its cursors (read-only, so its versions cannot change: kpi.cache reads them once)."""
        self._raw = raw
        self._path = path
        self.memo: dict[str, Any] = {} if memo is None else memo
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.busy = 0  # queries running now (one, unless a caller shares the cursor)
        self._interrupted = False
        self.watch_key: int | None = _watchdog.register(self)

    # the deadline -----------------------------------------------------------------------------

    def time_up(self) -> bool:
        """Interrupt the running query if the deadline has passed (the watchdog calls this);
        whether it had."""
        if time.monotonic() < self.deadline:
            return False
        self._interrupted = True
        with contextlib.suppress(duckdb.ConnectionException):  # closed meanwhile: nothing runs
            self._raw.interrupt()
        return True

    def _expired(self) -> bool:
        return self._interrupted or time.monotonic() >= self.deadline

    def _guard(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one of DuckDB's methods under the deadline; DuckDB's interrupt (ours) is
        :class:`QueryTimeout`, a damaged file :class:`NoWarehouse`."""
        if self._expired():
            raise QueryTimeout(self.timeout)
        self.busy += 1
        try:
            result = method(*args, **kwargs)
        except duckdb.InterruptException as exc:
            if self._expired():
                raise QueryTimeout(self.timeout) from exc
            raise
        except duckdb.Error as exc:
            if _is_corruption(exc, self._path):
                raise NoWarehouse(f"{self._path}: {exc}", corrupt=True) from exc
            raise
        finally:
            self.busy -= 1
        return self if result is self._raw else result

    def sibling(self) -> Cursor:
        """Another cursor on the same instance and warehouse, with this one's deadline: for a
        query that runs alongside this cursor's (:func:`alongside`). Close it when done."""
        other = Cursor(self._raw.cursor(), self._path, self.timeout, self.memo)
        other.deadline = self.deadline
        try:
            other.execute("USE wh")
            macros.use(other)
        except BaseException:
            other.close()
            raise
        return other

    # DuckDB's cursor --------------------------------------------------------------------------

    def execute(self, query: str, parameters: object = None) -> Cursor:
        """Run one statement with bound parameters; fetch from this cursor."""
        if parameters is None:
            return self._guard(self._raw.execute, query)
        return self._guard(self._raw.execute, query, parameters)

    def sql(self, query: str, *args: Any, **kwargs: Any) -> duckdb.DuckDBPyRelation:
        """DuckDB's relation of ``query`` (evaluated when fetched, outside the time limit)."""
        return self._guard(self._raw.sql, query, *args, **kwargs)

    def df(self, **kwargs: Any) -> pd.DataFrame:
        """The result as a DataFrame."""
        return self._guard(self._raw.df, **kwargs)

    fetchdf = fetch_df = df

    def fetchall(self) -> list[tuple]:
        """Every remaining row of the result."""
        return self._guard(self._raw.fetchall)

    def fetchone(self) -> tuple | None:
        """The next row of the result, ``None`` after the last."""
        return self._guard(self._raw.fetchone)

    def fetchmany(self, size: int = 1) -> list[tuple]:
        """The next ``size`` rows of the result."""
        return self._guard(self._raw.fetchmany, size)

    def pl(self, *args: Any, **kwargs: Any) -> Any:
        """The result as a polars DataFrame (needs polars)."""
        return self._guard(self._raw.pl, *args, **kwargs)

    @property
    def description(self) -> list[tuple] | None:
        """The result's columns (DB-API)."""
        return self._raw.description

    def close(self) -> None:
        """Close the cursor and stop its clock (closing twice is harmless)."""
        key, self.watch_key = self.watch_key, None
        if key is not None:
            _watchdog.unregister(key)
        self._raw.close()

    def __enter__(self) -> Cursor:
        """The cursor itself; closed on leaving the block."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the cursor."""
        self.close()

    def __getattr__(self, name: str) -> Any:
        """DuckDB's other attributes; its methods run under the deadline."""
        if name.startswith("_"):  # never DuckDB's (and no recursion before __init__ ran)
            raise AttributeError(name)
        value = getattr(self._raw, name)
        if not callable(value):
            return value
        return lambda *args, **kwargs: self._guard(value, *args, **kwargs)

    def __del__(self) -> None:
        # A cursor dropped unclosed leaves the registry too (its DuckDB cursor closes itself).
        key = self.__dict__.get("watch_key")
        if key is not None:
            _watchdog.unregister(key)


T = TypeVar("T")

# The threads that run a request's second query while its thread runs the first (DuckDB plans
# one query on one core; the two plans, most of a small query's time, then overlap).
_ALONGSIDE = ThreadPoolExecutor(max_workers=4, thread_name_prefix="motcua-alongside")


@contextlib.contextmanager
def alongside(
    cur: Cursor | duckdb.DuckDBPyConnection, task: Callable[[Any], T]
) -> Iterator[Callable[[], T]]:
    """Run ``task(cursor)`` on a sibling cursor of ``cur`` (:meth:`Cursor.sibling`, the same
    deadline) on another thread while the block runs; the block calls what it is given to wait
    for the answer (or the task's exception). Leaving the block waits for the task and closes
    the sibling, whatever happened. A plain DuckDB connection (a test's, the loader's) has no
    siblings: ``task(cur)`` runs first, on this thread."""
    if not isinstance(cur, Cursor):
        result = task(cur)
        yield lambda: result
        return
    sibling = cur.sibling()
    try:
        future = _ALONGSIDE.submit(task, sibling)
    except BaseException:
        sibling.close()
        raise
    try:
        yield future.result
    finally:
        with contextlib.suppress(Exception):
            future.result()  # done before the sibling closes; its error was the block's to see
        sibling.close()


def remembered(cur: Cursor | duckdb.DuckDBPyConnection, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, once per attached warehouse file when ``cur`` is a :class:`Cursor` (what
    a read-only file holds cannot change while it is attached: its versions, whether its
    derived tables are current); every time on a plain connection (the loader's, a test's)."""
    memo = getattr(cur, "memo", None) if isinstance(cur, Cursor) else None
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def watched_cursors() -> int:
    """How many cursors are open under the watchdog now."""
    return _watchdog.watched()


# --- the reading instance ---------------------------------------------------------------------


@dataclass
class _Attached:
    ident: tuple[int, int, int]
    limits: tuple[str, int]
    con: duckdb.DuckDBPyConnection
    memo: dict[str, Any] = field(default_factory=dict)  # Cursor.memo of this attachment


_lock = threading.Lock()
_current: dict[str, _Attached] = {}


@atexit.register
def _release() -> None:
    """Drop the instances at exit: while the watchdog (a daemon thread) lives, Python does not
    clear this module before DuckDB's bindings count what was never freed, and they complain."""
    with _lock:
        _current.clear()


def _identity(path: Path) -> tuple[int, int, int]:
    """The file's identity (device, inode, mtime); :class:`NoWarehouse` if missing or empty."""
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise NoWarehouse(f"{path}: no such file") from exc
    if st.st_size == 0:
        raise NoWarehouse(f"{path}: the file is empty (0 bytes)")
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


def _attach(path: Path, limits: tuple[str, int]) -> duckdb.DuckDBPyConnection:
    """A new in-memory instance with the limits, the file attached read-only, then locked."""
    memory_limit, threads = limits
    # Passed as configuration, not spliced into SQL; validated by kpi.config.
    con = duckdb.connect(":memory:", config={"memory_limit": memory_limit, "threads": threads})
    try:
        con.execute("ATTACH ? AS wh (READ_ONLY)", [str(path)])
    except duckdb.Error as exc:
        con.close()
        if not path.exists():  # removed since it was looked at
            raise NoWarehouse(f"{path}: no such file") from exc
        if _is_corruption(exc, path, attaching=True):
            raise NoWarehouse(f"{path}: {exc}", corrupt=True) from exc
        raise
    macros.install(con)  # in the instance's memory, for every cursor (kpi/sql/macros.sql)
    con.execute("USE wh")
    macros.use(con)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def cursor(db: Path | None = None) -> Cursor:
    """Return a cursor on the newest published warehouse (thread-safe; one per request).

    Raises :class:`NoWarehouse` when the file is missing, empty or unreadable; its queries raise
    :class:`QueryTimeout` once it has been open ``MOTCUA_QUERY_TIMEOUT`` seconds."""
    cfg = settings()
    path = Path(db) if db is not None else cfg.db
    key = str(path.resolve())
    limits = (cfg.duckdb_memory_limit, cfg.duckdb_threads)
    ident = _identity(path)
    with _lock:
        att = _current.get(key)
        if att is None or att.ident != ident or att.limits != limits:
            att = _Attached(ident, limits, _attach(path, limits))
            _current[key] = att
        raw = att.con.cursor()
    cur = Cursor(raw, path, cfg.query_timeout, att.memo)
    try:
        cur.execute("USE wh")
        macros.use(cur)
    except BaseException:
        cur.close()
        raise
    return cur


def query(sql: str, params: list | dict | None = None, *, db: Path | None = None) -> pd.DataFrame:
    """Run one read query with bound parameters and return a DataFrame."""
    with cursor(db) as cur:
        return cur.execute(sql, params or []).df()
