"""The data page's questions (``/du-lieu``): what was loaded, what was rejected, which wards send.

- :func:`load_history`: one row per file of each run of the loader (``etl_runs``), newest first.
- :func:`rejects`: the rejected input rows (``etl_rejects``: line, column as headed in the file,
  value as written, reason), filtered by run, reason and column; :func:`reject_choices` what
  the filters offer.
- :func:`coverage`: per ward of a province, the newest dossier received, the dossiers received
  in the period (:func:`kpi.metrics.cached_kpis`, the same count as every other page) and the
  two lists a data officer acts on: wards with no data this period, and wards whose data
  stopped arriving.

"Stopped arriving" (``MOTCUA_STOPPED_WORKING_DAYS``, N, default 5): the ward has dossiers, and
none was received in the last N working days. The days count back from the day of the
warehouse's newest record (``data_as_of``, :func:`kpi.cache.newest_record`), not from the wall
clock: a warehouse loaded last week, the demo data and the tests judge every ward against the
same day, and a late export of the whole city does not make every ward look stopped (the stale
banner says that the whole warehouse is old). Working days are the warehouse's calendar (the
``calendar`` table etl.refdata builds: weekends, Vietnamese public holidays and make-up working
Saturdays): the working days after the newest receipt's day up to the as-of day is the
difference of their ``wd_seq``, and a ward has stopped when it is N or more. Friday's last
dossier with data as of the next Friday is 5 working days silent: stopped at N = 5.

Values of rejected rows come from the mapped (non-personal) columns only: the loader drops the
personal-data columns at read time (``etl.columns.is_personal``), before any row is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pandas as pd

from kpi.cache import newest_record
from kpi.config import settings
from kpi.metrics import Filters, cached_kpis
from kpi.periods import Period
from kpi.sql_files import sql_file

RUNS_SQL = sql_file("data_runs")
REJECTS_SQL = sql_file("data_rejects")
REJECT_CHOICES_SQL = sql_file("data_reject_choices")
ARRIVALS_SQL = sql_file("data_arrivals")

HISTORY_COLUMNS = (
    "run_id", "batch_id", "started_at", "finished_at", "file", "sha256", "sha256_short", "kind",
    "rows_read", "rows_inserted", "rows_updated", "rows_unchanged", "rows_rejected", "status",
    "message", "duration_seconds",
)  # fmt: skip
REJECT_COLUMNS = ("run_id", "file", "line", "column", "value", "reason")
COVERAGE_COLUMNS = (
    "ward_code", "ward_name", "last_received", "received", "working_days_silent", "no_data",
    "stopped",
)  # fmt: skip


def load_history(cur: duckdb.DuckDBPyConnection, *, limit: int | None = None) -> pd.DataFrame:
    """The runs of the loader, newest first (:data:`HISTORY_COLUMNS`); ``limit`` rows at most
    (``None``: all of them)."""
    return cur.execute(RUNS_SQL, {"limit": limit}).df()


@dataclass(frozen=True)
class Rejects:
    """Rejected rows matching the filters: the first ``rows`` and how many match in all."""

    rows: pd.DataFrame
    matching: int


def rejects(
    cur: duckdb.DuckDBPyConnection,
    *,
    run_id: int | None = None,
    reason: str | None = None,
    column: str | None = None,
    limit: int | None = None,
) -> Rejects:
    """The rejected rows of run ``run_id`` (``None``: every run) with ``reason`` and in
    ``column`` (``None``: any), the newest run first and then in the file's order: at most
    ``limit`` rows (``None``: all, for an export), and the count of all that match."""
    frame = cur.execute(
        REJECTS_SQL, {"run_id": run_id, "reason": reason, "column": column, "limit": limit}
    ).df()
    matching = int(frame["matching"].iloc[0]) if len(frame) else 0
    return Rejects(frame[list(REJECT_COLUMNS)].reset_index(drop=True), matching)


@dataclass(frozen=True)
class RejectChoices:
    """What the rejects filters may offer: run id → its file (newest first), and the reasons
    and columns (most rows first), each with its count of rejected rows."""

    runs: dict[int, tuple[str, int]]
    reasons: dict[str, int]
    columns: dict[str, int]


def reject_choices(cur: duckdb.DuckDBPyConnection) -> RejectChoices:
    """Every run, reason and column some rejected row has."""
    runs: dict[int, tuple[str, int]] = {}
    reasons: dict[str, int] = {}
    columns: dict[str, int] = {}
    for facet, choice, label, n_rows in cur.execute(REJECT_CHOICES_SQL).fetchall():
        if facet == "run":
            runs[int(choice)] = (label, int(n_rows))
        elif facet == "reason":
            reasons[choice] = int(n_rows)
        else:
            columns[choice] = int(n_rows)
    return RejectChoices(runs, reasons, columns)


@dataclass(frozen=True)
class Coverage:
    """Freshness and coverage of a province's wards for a period.

    ``wards`` has :data:`COVERAGE_COLUMNS`, one row per ward (stopped first, then those with no
    data this period, then by name); ``data_as_of`` is the warehouse's newest record (``None``:
    no dossier loaded) and ``stopped_days`` the N of "stopped arriving"."""

    wards: pd.DataFrame
    data_as_of: datetime | None
    stopped_days: int

    @property
    def stopped(self) -> pd.DataFrame:
        """The wards whose data stopped arriving."""
        return self.wards[self.wards["stopped"]].reset_index(drop=True)

    @property
    def no_data(self) -> pd.DataFrame:
        """The wards with no dossier received in the period."""
        return self.wards[self.wards["no_data"]].reset_index(drop=True)

    @property
    def with_data(self) -> int:
        """How many wards received some dossier in the period."""
        return int((~self.wards["no_data"]).sum())


def coverage(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    province_code: str | None,
    stopped_days: int | None = None,
    now: datetime | None = None,
) -> Coverage:
    """Freshness and coverage per ward of ``province_code`` (``None``: every province with
    loaded dossiers) for ``period``; ``stopped_days`` defaults to
    ``MOTCUA_STOPPED_WORKING_DAYS``. See the module docstring for "stopped arriving"."""
    days = settings().stopped_working_days if stopped_days is None else stopped_days
    as_of = newest_record(cur)
    as_of_day: date | None = as_of.date() if as_of is not None else None
    arrivals = cur.execute(ARRIVALS_SQL, {"province_code": province_code, "as_of": as_of_day}).df()
    received = cached_kpis(
        cur, periods=[period], filters=Filters(province_code), by="ward", now=now
    )[["key", "received"]].rename(columns={"key": "ward_code"})
    wards = arrivals.merge(received, on="ward_code", how="left")
    wards["received"] = wards["received"].fillna(0).astype("int64")
    silent = wards["working_days_silent"]
    wards["working_days_silent"] = silent.astype("Int64")
    wards["no_data"] = wards["received"] == 0
    wards["stopped"] = (silent >= days).fillna(False).astype(bool)
    wards["_order"] = range(len(wards))
    wards = wards.sort_values(
        ["stopped", "no_data", "_order"], ascending=[False, False, True], kind="stable"
    )
    return Coverage(wards[list(COVERAGE_COLUMNS)].reset_index(drop=True), as_of, days)
