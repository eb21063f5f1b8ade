"""The periodic report on dossier handling (Biểu II.06a; metrics.md §1–§2, data-contract §5).

One row per field (lĩnh vực) with dossiers to process in the period, and the total row, for
one ward, a province or the whole country: the dossiers to process (received in the period,
online or in person/by post, and carried over), those resolved (early, on time, late) and those
still in process (within time, overdue).

Nothing is counted here. The field rows are :func:`kpi.metrics.cached_kpis` ``by="field"`` and
the total row is the same call without a grouping: the question ``/api/v1/kpis`` answers for
the same filters, so the report's total reconciles with it by construction (never a sum of
rounded parts, never a second formula). ``kpi/sql/report.sql`` names the metrics rows'
counts as the report's columns; its header says which identities they keep, and where the
dossiers without a due date (``no_due``) sit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from kpi.metrics import Filters, cached_kpis, records
from kpi.periods import Period
from kpi.reference import province_name, ward_options, ward_province
from kpi.sql_files import sql_file

# The report's counts, in the order of its columns (the JSON rows, the page, the workbook).
COUNTS: tuple[str, ...] = (
    "to_process", "received", "received_online", "received_direct_or_postal", "carried_over",
    "completed", "early", "on_time", "late", "in_process", "in_time", "overdue", "no_due",
)  # fmt: skip

LEVELS = ("ward", "province", "country")

# The name kpi/sql/report.sql reads the metrics rows under (a view of this cursor only, for
# the length of one query).
VIEW = "report_kpis"
REPORT_SQL = sql_file("report")


@dataclass(frozen=True)
class Scope:
    """Whom a report is for: one ward (``level`` ``"ward"``), a province or the whole country
    (``province_code`` ``None``), with the names of the reference data."""

    level: str
    province_code: str | None = None
    province_name: str | None = None
    ward_code: str | None = None
    ward_name: str | None = None

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown report level {self.level!r} (one of {LEVELS})")
        if (self.level == "ward") != (self.ward_code is not None):
            raise ValueError("a ward's report names its ward, and only a ward's report does")
        if (self.level == "country") != (self.province_code is None):
            raise ValueError("a province's or a ward's report names its province")

    @property
    def filters(self) -> Filters:
        """The metrics filters of this scope."""
        wards = (self.ward_code,) if self.ward_code is not None else None
        return Filters(self.province_code, wards)


def scope_of(
    cur: duckdb.DuckDBPyConnection, *, province_code: str | None, ward_code: str | None = None
) -> Scope:
    """The scope of a ward (in its own province: ward codes are national), else of the
    province ``province_code``, else (``None``) of the whole country, named from the reference
    data. Raises ``LookupError`` for a code that is no ward's or no province's."""
    if ward_code is not None:
        home = ward_province(cur, ward_code=ward_code)
        if home is None:
            raise LookupError(f"no ward {ward_code!r} in the reference data")
        names = ward_options(cur, province_code=home)
        name = names.loc[names["ward_code"] == ward_code, "ward_name"]
        return Scope(
            "ward",
            province_code=home,
            province_name=province_name(cur, province_code=home),
            ward_code=ward_code,
            ward_name=str(name.iloc[0]) if len(name) else ward_code,
        )
    if province_code is None:
        return Scope("country")
    name = province_name(cur, province_code=province_code)
    if name is None:
        raise LookupError(f"no province {province_code!r} in the reference data")
    return Scope("province", province_code=province_code, province_name=name)


@dataclass(frozen=True)
class Report:
    """The periodic report of one period and scope.

    ``fields`` holds one row per field with dossiers to process, in Vietnamese name order
    (``field`` and :data:`COUNTS`); ``total`` the total row (``field`` ``None``). ``as_of`` is
    when the dossiers in process were judged (metrics.md conventions), ``data_as_of`` the newest
    loaded record (``None``: nothing loaded)."""

    period: Period
    scope: Scope
    as_of: datetime | None
    data_as_of: datetime | None
    fields: tuple[dict[str, Any], ...]
    total: dict[str, Any]

    @property
    def empty(self) -> bool:
        """True when the scope had no dossier to process in the period."""
        return not self.total["to_process"]


def _report_rows(
    cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, keep_empty: bool
) -> list[dict[str, Any]]:
    """The rows of ``frame`` (a :func:`kpi.metrics.kpis` frame) as report rows
    (``kpi/sql/report.sql``)."""
    # A result left unread on the cursor (a lookup that fetched one row) would make DuckDB
    # refuse the registration: end it first.
    cur.abort()
    cur.register(VIEW, frame)
    try:
        rows = cur.execute(REPORT_SQL, {"keep_empty": keep_empty}).df()
    finally:
        cur.unregister(VIEW)
    return records(rows)


def periodic_report(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    scope: Scope,
    now: datetime | None = None,
) -> Report:
    """The report of ``period`` for ``scope`` (``now``: the clock, default the local time in
    Vietnam). Raises :class:`kpi.db.NoWarehouse` when nothing is loaded."""
    filters = scope.filters
    by_field = cached_kpis(cur, periods=[period], filters=filters, by="field", now=now)
    whole = cached_kpis(cur, periods=[period], filters=filters, now=now)
    first = records(whole)[0]
    total = _report_rows(cur, whole, keep_empty=True)[0] | {"field": None}
    return Report(
        period=period,
        scope=scope,
        as_of=first["as_of"],
        data_as_of=first["data_as_of"],
        fields=tuple(_report_rows(cur, by_field, keep_empty=False)),
        total=total,
    )
