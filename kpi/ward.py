"""The ward page's own questions: its late and overdue dossiers, those due soon, its history
before July 2025.

Everything else on the ward page comes from :func:`kpi.metrics.kpis` (and
:mod:`kpi.overview`, :mod:`kpi.index766`). The lists here classify dossiers with the very
expressions of the metrics query (:data:`kpi.metrics.CLASS_SQL`, :data:`kpi.metrics.AS_OF_SQL`,
:data:`kpi.metrics.DUE_SOON_SQL`) over the same per-dossier facts (:mod:`kpi.facts`), so the
late list of a period has exactly the ``late`` and ``overdue`` counts of its KPIs, the due-soon
list its ``due_soon`` count, and a history year has the figures ``kpis`` would give for that
year. No applicant data: the dossier tables hold none, and no comment is ever selected.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from kpi import facts
from kpi.db import NoWarehouse, alongside
from kpi.facts import FACTS_SQL
from kpi.index766 import estimate
from kpi.metrics import (
    AS_OF_SQL,
    CLASS_SQL,
    DATA_AS_OF_SQL,
    DUE_SOON_BEFORE_SQL,
    DUE_SOON_SQL,
    Filters,
    cached_kpis,
    due_soon_setting,
)
from kpi.overview import headline
from kpi.periods import REFORM_DAY, Period, local_now
from kpi.sql_files import sql_file

LATE_CLASSES = ("late", "overdue")
DUE_SOON_COLUMNS = (
    "dossier_id", "field", "procedure_code", "procedure_name", "due", "working_days_left",
)  # fmt: skip
LATE_COLUMNS = (
    "dossier_id", "field", "procedure_code", "procedure_name", "due", "ended_at", "klass",
    "days_over",
)  # fmt: skip
COMMENT_COLUMNS = ("rated_at", "rating", "comment")
HISTORY_COLUMNS = (
    "old_ward_name", "old_district_name", "year", "date_from", "date_to", "received",
    "completed", "to_process", "early", "on_time", "late", "in_time", "overdue", "on_time_rate",
)  # fmt: skip
PREDECESSOR_COLUMNS = ("old_ward_name", "old_district_name", "old_province_name", "is_default")

# The population of one period (metrics.md §2, as in kpi.metrics): received in the period, or
# received before it and not ended before it starts; received by as_of.
_POPULATION = sql_file("ward_population")

# One ward's dossiers of one period, each with its on-time class at as_of: the CTEs every
# dossier list of the page starts from (the late list, the due-soon list).
_CLASSIFIED_SQL = sql_file("ward_classified")

_LATE_SQL = sql_file("ward_late")

# Working days left = working days after as_of's day up to and including the due day (0: due
# on as_of's day, or on the days off that follow it).
_DUE_SOON_SQL = sql_file("ward_due_soon")

_HISTORY_SQL = sql_file("ward_history")

_PREDECESSORS_SQL = sql_file("ward_predecessors")


def _facts(cur: duckdb.DuckDBPyConnection) -> str:
    """The loader's facts table when current, else their definition (as kpi.metrics does)."""
    return "SELECT * FROM dossier_facts" if facts.is_current(cur) else FACTS_SQL


def _run(cur: duckdb.DuckDBPyConnection, sql: str, params: dict) -> pd.DataFrame:
    try:
        return cur.execute(sql, params).df()
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc


def late_dossiers(
    cur: duckdb.DuckDBPyConnection,
    *,
    ward_code: str,
    period: Period,
    filters: Filters | None = None,
    now: datetime | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """The ward's late and overdue dossiers of ``period`` (metrics.md §2), most days over first.

    One row per dossier classed ``late`` (ended in the period after its effective due time, or
    after more than one supplement request) or ``overdue`` (still open at ``as_of`` past its due
    time, or with more than one supplement request), with columns :data:`LATE_COLUMNS`: ``due``
    is the effective due time (catalogue limit and paused days included; null when there is
    none), ``ended_at`` the end if it came by ``as_of`` (else null), ``klass`` the class and
    ``days_over`` the calendar days begun past the due time, to the end or, when open, to
    ``as_of`` (0 for a dossier late by its supplements alone, null without a due time). Ties by
    dossier id; at most ``limit`` rows. ``filters`` adds its field and channel.
    """
    params = _list_params(ward_code, period, filters, now, limit)
    frame = _run(cur, _classified(cur) + _LATE_SQL, params)
    frame["days_over"] = frame["days_over"].astype("Int64")
    return frame[list(LATE_COLUMNS)]


def due_soon_dossiers(
    cur: duckdb.DuckDBPyConnection,
    *,
    ward_code: str,
    period: Period,
    filters: Filters | None = None,
    now: datetime | None = None,
    due_soon_days: int | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """The ward's dossiers due soon at ``period``'s ``as_of`` (metrics.md §2), soonest first.

    Dossiers in time at ``as_of`` (not one waiting for its single supplement: its clock is
    stopped) whose effective due time comes before the (N+1)th working day after ``as_of``'s
    day, N = ``due_soon_days`` (default ``MOTCUA_DUE_SOON_DAYS``), as the metrics' ``due_soon``
    counts them (:data:`kpi.metrics.DUE_SOON_SQL` over the late list's classification). For a
    period already over, ``as_of`` is its end: the warning as it stood that evening. Columns
    :data:`DUE_SOON_COLUMNS`: ``due`` is the effective due time (catalogue limit and paused
    days included), ``working_days_left`` the working days after ``as_of``'s day up to and
    including the due day (0 to N). Ordered by due time, then id; at most ``limit`` rows.
    ``filters`` adds its field and channel.
    """
    params = _list_params(ward_code, period, filters, now, limit)
    params["due_soon_days"] = due_soon_setting(due_soon_days)
    sql = _classified(cur) + _DUE_SOON_SQL.format(
        due_soon_before=DUE_SOON_BEFORE_SQL, due_soon=DUE_SOON_SQL
    )
    frame = _run(cur, sql, params)
    frame["working_days_left"] = frame["working_days_left"].astype("Int64")
    return frame[list(DUE_SOON_COLUMNS)]


def _list_params(
    ward_code: str, period: Period, filters: Filters | None, now: datetime | None, limit: int
) -> dict:
    """The bound parameters of a dossier list (:data:`_CLASSIFIED_SQL`)."""
    return {
        "date_from": period.date_from,
        "date_to": period.date_to,
        "now": now or local_now(),
        "ward_code": ward_code,
        "field": filters.field if filters else None,
        "channel": filters.channel if filters else None,
        "limit": int(limit),
    }


def _classified(cur: duckdb.DuckDBPyConnection) -> str:
    """The CTEs of a dossier list: the ward's population of the period, classified."""
    return _CLASSIFIED_SQL.format(
        data_as_of=DATA_AS_OF_SQL,
        as_of=AS_OF_SQL,
        facts=_facts(cur),
        population=_POPULATION,
        klass=CLASS_SQL,
    )


def history(
    cur: duckdb.DuckDBPyConnection,
    *,
    ward_code: str,
    before: date = REFORM_DAY,
    now: datetime | None = None,
) -> pd.DataFrame:
    """The ward's records from before ``before`` (1 July 2025), by old ward name and year.

    Dossiers keep the ward (and district) as their source file named it, so the records that
    the crosswalk mapped onto today's ward stay under their old names. Each calendar year (the
    last one cut at the day before ``before``) is a period of metrics.md, counted as
    :func:`kpi.metrics.kpis` counts a period: ``received`` in the year, ``completed`` in it,
    ``to_process``, the five on-time classes and ``on_time_rate``; a dossier carried over from
    an earlier year counts in the year under its old name. Columns :data:`HISTORY_COLUMNS`;
    ``old_ward_name``/``old_district_name`` are null where the source gave none (a code only).
    Rows by old name (Vietnamese order, unnamed last), district, year.
    """
    params = {"ward_code": ward_code, "before": before, "now": now or local_now()}
    sql = _HISTORY_SQL.format(
        data_as_of=DATA_AS_OF_SQL,
        as_of=AS_OF_SQL,
        facts=_facts(cur),
        population=_POPULATION,
        klass=CLASS_SQL,
    )
    frame = _run(cur, sql, params)
    for column in ("date_from", "date_to"):
        frame[column] = [pd.Timestamp(v).date() for v in frame[column]]
    return frame[list(HISTORY_COLUMNS)]


def predecessors(cur: duckdb.DuckDBPyConnection, *, ward_code: str) -> pd.DataFrame:
    """The pre-July-2025 wards the crosswalk maps onto this ward (:data:`PREDECESSOR_COLUMNS`);
    ``is_default`` is false for an old ward split between several new ones."""
    return _run(cur, _PREDECESSORS_SQL, {"ward_code": ward_code})[list(PREDECESSOR_COLUMNS)]


def year_period(year: int, *, before: date = REFORM_DAY) -> Period:
    """The period a history year stands for: the calendar year, cut before ``before``."""
    return Period(date(year, 1, 1), min(date(year, 12, 31), before - timedelta(days=1)))


@dataclass(frozen=True)
class WardView:
    """Every frame the ward page shows for one ward and period (see :func:`ward_view`)."""

    head: pd.DataFrame  # kpi.overview.headline of the ward: current, previous, last year, buckets
    ward: pd.DataFrame  # every metric of the ward for the period, ratings included (one row)
    city: pd.DataFrame  # kpis of the province for the period (one row)
    fields: pd.DataFrame  # kpis of the ward by field
    late: pd.DataFrame  # late_dossiers
    due_soon: pd.DataFrame  # due_soon_dossiers
    due_soon_days: int  # the N "due soon" was counted with (MOTCUA_DUE_SOON_DAYS)
    index_wards: pd.DataFrame  # kpi.index766.estimate: every ward of the province
    index_points: pd.DataFrame  # its points per ward and indicator
    history: pd.DataFrame  # history (pre-July-2025, by old name and year)
    predecessors: pd.DataFrame  # the old wards the crosswalk maps here
    # the details (product.md Access): dossier ids and comments, read only for a reader who
    # may see them; otherwise ``late``, ``due_soon`` and ``comments`` are empty
    details: bool = True
    comments: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COMMENT_COLUMNS))


def ward_view(
    cur: duckdb.DuckDBPyConnection,
    *,
    ward_code: str,
    period: Period,
    filters: Filters,
    grain: str,
    now: datetime | None = None,
    limit: int = 500,
    details: bool = True,
) -> WardView:
    """The ward page's frames: six metric queries and four small lists.

    ``details``: whether the reader may see the ward's dossier ids and comments (web.scope);
    without, the late, due-soon and comment lists are not even read.

    ``filters`` is the province with the field and channel chosen (its ward list is replaced by
    ``ward_code``). The city row has the same field and channel; the 766 estimate covers every
    ward of the province (the rank needs them) and, like the 766 index, ignores the field and
    channel; the history ignores the period and filters (it is the ward's whole past).
    """
    now = now or local_now()
    days = due_soon_setting()
    mine = replace(filters, ward_codes=(ward_code,))
    city = replace(filters, ward_codes=None)
    province = Filters(filters.province_code)
    # The three biggest questions run alongside the block's own (kpi.db.alongside: DuckDB plans
    # a query on one core; the plans, most of these small queries' time, overlap).
    with (
        alongside(cur, lambda c: estimate(c, period=period, filters=province, now=now)) as index,
        alongside(
            cur, lambda c: cached_kpis(c, periods=[period], filters=mine, by="field", now=now)
        ) as by_field,
        alongside(cur, lambda c: cached_kpis(c, periods=[period], filters=city, now=now)) as town,
    ):
        head = headline(cur, period=period, filters=mine, grain=grain, now=now)
        # the headline carries the flow metrics only (kpi/trend.py); ratings need the full row
        ward = cached_kpis(cur, periods=[period], filters=mine, now=now)
        index_wards, index_points = index()
        fields, city_row = by_field(), town()
    return WardView(
        head=head,
        ward=ward,
        city=city_row,
        fields=fields,
        late=late_dossiers(
            cur, ward_code=ward_code, period=period, filters=filters, now=now, limit=limit
        )
        if details
        else pd.DataFrame(columns=LATE_COLUMNS),
        due_soon=due_soon_dossiers(
            cur,
            ward_code=ward_code,
            period=period,
            filters=filters,
            now=now,
            due_soon_days=days,
            limit=limit,
        )
        if details
        else pd.DataFrame(columns=DUE_SOON_COLUMNS),
        due_soon_days=days,
        index_wards=index_wards,
        index_points=index_points,
        history=history(cur, ward_code=ward_code, now=now),
        predecessors=predecessors(cur, ward_code=ward_code),
        details=details,
        comments=comments(cur, ward_code=ward_code, period=period, now=now)
        if details
        else pd.DataFrame(columns=COMMENT_COLUMNS),
    )


_COMMENTS_SQL = sql_file("ward_comments")


def comments(
    cur: duckdb.DuckDBPyConnection,
    *,
    ward_code: str,
    period: Period,
    now: datetime,
    limit: int = 50,
) -> pd.DataFrame:
    """The ward's newest citizens' comments of the period, newest first (masked when they were
    loaded: phones, ID numbers and emails never reach the warehouse, etl/sql/macros.sql)."""
    params = {
        "ward_code": ward_code,
        "date_from": period.date_from,
        "date_to": period.date_to,
        "now": now,
        "limit": limit,
    }
    return cur.execute(_COMMENTS_SQL, params).df()
