"""Read-only access to the warehouse for the app and the API.

Each process keeps one in-memory DuckDB that ATTACHes the warehouse file read-only. The loader
replaces the file atomically (``etl.warehouse``); when the file's identity changes, the next query
attaches the new file in a fresh instance, while queries already running finish on the old one.
External file access is disabled on the reading instance.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from kpi.config import settings


class NoWarehouse(RuntimeError):
    """The warehouse file does not exist (nothing loaded yet)."""


@dataclass
class _Attached:
    ident: tuple[int, int, int]
    con: duckdb.DuckDBPyConnection


_lock = threading.Lock()
_current: dict[str, _Attached] = {}


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS wh (READ_ONLY)", [str(path)])
    con.execute("USE wh")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def cursor(db: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Return a cursor on the newest published warehouse (thread-safe; one per request)."""
    path = Path(db) if db is not None else settings().db
    key = str(path.resolve())
    try:
        ident = _identity(path)
    except FileNotFoundError as exc:
        raise NoWarehouse(str(path)) from exc
    with _lock:
        att = _current.get(key)
        if att is None or att.ident != ident:
            att = _Attached(ident, _attach(path))
            _current[key] = att
        cur = att.con.cursor()
    cur.execute("USE wh")
    return cur


def query(sql: str, params: list | dict | None = None, *, db: Path | None = None) -> pd.DataFrame:
    """Run one read query with bound parameters and return a DataFrame."""
    cur = cursor(db)
    try:
        return cur.execute(sql, params or []).df()
    finally:
        cur.close()
