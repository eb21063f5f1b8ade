"""The warehouse file: schema migrations, the writer lock and the atomic switch.

A load never writes the live file. It copies the warehouse aside (``<db>.next-<pid>``), loads
into the copy, checks it, checkpoints it and renames it over the live file (``os.replace`` is
atomic on POSIX). Readers attach the file read-only and notice the new inode on their next query
(see ``kpi.db``), so a dashboard never blocks a load and never sees half of one. A loader killed
at any point leaves only a stray ``.next-*`` file, which the next loader removes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb

from kpi import macros

SCHEMA_DIR = Path(__file__).parent / "sql" / "schema"


class WarehouseBusy(RuntimeError):
    """Another loader holds the writer lock."""


def apply_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered SQL files of ``etl/sql/schema`` not yet recorded; return those applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        if version in done:
            continue
        con.execute(path.read_text(encoding="utf-8"))
        con.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, path.name, datetime.now()]
        )
        applied.append(path.name)
    return applied


@contextlib.contextmanager
def writer_lock(db: Path, *, wait: bool = True) -> Iterator[None]:
    """Hold the single-writer lock of ``db`` (a ``.lock`` file beside it).

    With ``wait=False`` a second loader fails at once with :class:`WarehouseBusy`.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db.with_name(db.name + ".lock")
    with lock_path.open("a+") as fh:
        flags = fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB)
        try:
            fcntl.flock(fh.fileno(), flags)
        except BlockingIOError as exc:
            raise WarehouseBusy(f"{db}: một tiến trình nạp dữ liệu khác đang chạy") from exc
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _remove_stale_copies(db: Path) -> None:
    for stale in db.parent.glob(db.name + ".next-*"):
        stale.unlink(missing_ok=True)


@contextlib.contextmanager
def next_version(
    db: Path, *, memory_limit: str | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection to a copy of ``db``; publish it atomically on success.

    The caller must hold :func:`writer_lock`. If the body raises (or the process dies), the live
    warehouse is untouched. ``memory_limit`` (a DuckDB size) bounds the connection's memory:
    beyond it DuckDB spills to a temporary directory next to the copy, so a load's memory does
    not grow with the file (DuckDB's default is 80% of the machine's memory).
    """
    _remove_stale_copies(db)
    tmp = db.with_name(f"{db.name}.next-{os.getpid()}")
    if db.exists():
        shutil.copyfile(db, tmp)
    config = {"memory_limit": memory_limit} if memory_limit else {}
    con = duckdb.connect(str(tmp), config=config)
    try:
        apply_schema(con)
        macros.install(con)  # the metrics' formulas: the facts and rollups a load rebuilds
        yield con
        con.execute("CHECKPOINT")
        con.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db)
        dir_fd = os.open(db.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.close()
        tmp.unlink(missing_ok=True)
        for side in tmp.parent.glob(tmp.name + ".wal"):
            side.unlink(missing_ok=True)
        raise
