"""The hall screen's figures (product.md, "The hall screen"): a ward's day and month, public.

One query answers every ward of a province at once (``kpis(by="ward")`` over two periods: today
and the month to date), so a cache keyed by the data version serves thousands of screens with one
query per province. Every figure goes through :func:`kpi.public.publish` (metrics.md §7): counts
are exact, small ones included; a rate (or mean rating) over fewer than 10 cases is "chưa đủ dữ
liệu".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from kpi.db import NoWarehouse
from kpi.metrics import DATA_AS_OF_SQL, Filters, kpis, records
from kpi.periods import Period
from kpi.public import publish

# What each slide shows: counts and rates of the metrics layer.
TODAY_COUNTS = ("received", "completed", "in_process", "awaiting_citizen")
MONTH_COUNTS = ("received",)
MONTH_RATES = ("on_time_rate", "online_share", "no_wait_share")
SATISFACTION_COUNTS = ("ratings",)
SATISFACTION_RATES = ("satisfied_rate", "mean_rating")

# Two small tables: cheap enough for every request of every screen.
_STATE_SQL = """
SELECT
    (SELECT value FROM meta WHERE key = 'data_version') AS version,
    (SELECT max(finished_at) FROM etl_runs WHERE status = 'ok') AS last_load_at
"""

_WARD_SQL = """
SELECT ward_code, ward_name, province_code
FROM wards
WHERE ward_code = $ward_code
"""


@dataclass(frozen=True)
class WarehouseState:
    """What a screen needs to know of the warehouse before asking for figures.

    ``version`` changes with every load that changes data (the cache key); ``data_as_of`` is the
    newest timestamp loaded; ``last_load_at`` the end of the newest successful load, which is
    when the figures were last brought up to date ("Cập nhật lúc"); ``data_days_old`` the working
    days from ``data_as_of`` to today (:func:`kpi.freshness.working_days_after`; ``None``: not
    known).
    """

    version: str | None
    data_as_of: datetime | None
    last_load_at: datetime | None
    data_days_old: int | None = None


@dataclass(frozen=True)
class Ward:
    """A ward a screen can show."""

    code: str
    name: str
    province_code: str


def _run(cur: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[tuple]:
    try:
        return cur.execute(sql, params).fetchall()
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc


def data_version(cur: duckdb.DuckDBPyConnection) -> tuple[str | None, datetime | None]:
    """The data version and the end of the newest successful load (cheap; every request)."""
    version, last_load_at = _run(cur, _STATE_SQL, {})[0]
    return version, last_load_at


def data_as_of(cur: duckdb.DuckDBPyConnection) -> datetime | None:
    """The newest timestamp of the loaded dossiers (a scan: cache it by the data version)."""
    return _run(cur, DATA_AS_OF_SQL, {})[0][0]


def find_ward(cur: duckdb.DuckDBPyConnection, ward_code: str) -> Ward | None:
    """The ward with today's code ``ward_code``, or ``None``."""
    rows = _run(cur, _WARD_SQL, {"ward_code": ward_code})
    return Ward(*rows[0]) if rows else None


def _published(row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    today, month = row["today"], row["month"]
    return {
        "today": publish(today, counts=TODAY_COUNTS, rates=()),
        "month": publish(month, counts=MONTH_COUNTS, rates=MONTH_RATES),
        "satisfaction": publish(month, counts=SATISFACTION_COUNTS, rates=SATISFACTION_RATES),
    }


def province_figures(
    cur: duckdb.DuckDBPyConnection, *, province_code: str, today: date, now: datetime
) -> dict[str, dict[str, dict[str, Any]]]:
    """Every ward's public screen figures: ward code → slide → published figure.

    Slides: ``today`` (received, completed, in process and waiting for the citizen, judged at
    ``now``), ``month`` (received, on-time rate, online share, "không chờ" share of the month to
    date) and ``satisfaction`` (ratings of the month to date, satisfied rate, mean rating).
    Values are ints, floats, or the marker :data:`kpi.public.NOT_ENOUGH` for an unreliable rate.
    """
    periods = [Period(today, today), Period(today.replace(day=1), today)]
    frame = kpis(cur, periods=periods, filters=Filters(province_code), by="ward", now=now)
    rows: dict[str, dict[str, Any]] = {}
    for record in records(frame):
        slot = "today" if record["period"] == 1 else "month"
        rows.setdefault(record["key"], {})[slot] = record
    return {code: _published(row) for code, row in rows.items()}
