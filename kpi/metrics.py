"""Every metric of metrics.md §1–§4, for any periods, filters and one grouping dimension.

One query answers one question: :func:`kpis` computes, for each period given and each group
(nothing, ward, field, procedure or channel), the flow counts, the on-time classes and rates,
channel and digitisation rates, ratings and SIPAS dimensions, the 766 satisfaction and petition
rates. Numerators and denominators are summed within the query, so a city figure is never a mean
of ward rates; a rate with a zero denominator is ``None`` (no data). A flag a source did not
provide (digitised, reused data, no-wait, …) is counted only where it is known, so a missing
column gives "no data", never 0 (the loader makes a blank cell of a column a file has "no":
metrics §3); :data:`FLAG_RATES` names each flag rate's known count and full population.

Several periods in one call share a single scan: the overview's current period, the previous
period and the same period last year, or the months of a trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from kpi import facts
from kpi.cache import cached, newest_record
from kpi.config import settings
from kpi.db import NoWarehouse
from kpi.facts import FACTS_SQL
from kpi.periods import Period, local_now
from kpi.sql_files import fill, sql_file

# Grouping dimension → (key expression over dossiers `x`, label expression).
GROUPS: dict[str | None, tuple[str, str]] = {
    None: ("'all'", "NULL"),
    "ward": ("x.ward_code", "NULL"),
    "province": ("x.province_code", "NULL"),
    "field": ("x.field", "NULL"),
    "procedure": ("coalesce(x.procedure_code, '')", "any_value(x.procedure_name)"),
    "channel": ("x.channel", "NULL"),
}

CHANNELS = ("direct", "online", "postal")

# The on-time class of metrics.md §2 of one dossier of a period's population (the macro
# ``on_time_class`` of kpi/sql/macros.sql), over the columns ``is_ended`` (ended by ``as_of``),
# ``supplements``, ``due`` (effective due time), ``ended_at``, ``status`` and ``as_of``: the
# metrics query and every dossier list (kpi/ward.py) classify with it, so a list's counts per
# class are the metrics' counts.
CLASS_SQL = "on_time_class(is_ended, supplements, due, ended_at, status, as_of)"

# The newest loaded timestamp (a one-row query with column ``data_as_of``).
DATA_AS_OF_SQL = (
    "SELECT max(greatest(received_at, ended_at, returned_at)) AS data_as_of FROM dossiers"
)

# The same instant bound as ``$data_as_of`` (:func:`data_as_of_param`): what the metrics queries
# read, so that no question rescans every dossier for it.
DATA_AS_OF_BOUND_SQL = "SELECT CAST($data_as_of AS TIMESTAMP) AS data_as_of"

# A period's ``as_of`` (metrics.md conventions, the macro ``period_as_of``): the earliest of the
# end of the period ``p.date_to``, ``$now`` and the newest loaded timestamp ``f.data_as_of``.
AS_OF_SQL = "period_as_of(p.date_to, $now, f.data_as_of)"


@dataclass(frozen=True)
class Filters:
    """Which dossiers count: a province (``None``: every province), and optionally wards, a
    field, a procedure, a channel."""

    province_code: str | None
    ward_codes: tuple[str, ...] | None = None
    field: str | None = None
    procedure_code: str | None = None
    channel: str | None = None

    @property
    def links_dossiers(self) -> bool:
        """True when ratings and petitions must be filtered through their dossier."""
        return any(v is not None for v in (self.field, self.procedure_code, self.channel))


# The rates over dossier counts (metrics.md §1–§3) and the 766 satisfaction (5.4), by the macros
# of kpi/sql/macros.sql, for every query that has the period's counts in ``d`` and the period
# in ``b`` (this module's query and the day-grain path of kpi/trend.py).
DOSSIER_RATES_SQL = """rate(coalesce(d.completed, 0), b.working_days) AS per_working_day,
    on_time_rate(d.early, d.on_time, d.late, d.in_time, d.overdue) AS on_time_rate,
    resolved_on_time_rate(d.early, d.on_time, d.late) AS resolved_on_time_rate,
    rate(d.online, d.received) AS online_share,
    rate(d.full_online, d.received) AS full_online_share,
    rate(d.postal, d.received) AS postal_share,
    rate(d.direct, d.received) AS direct_share,
    rate(d.paid_online, d.paid_online_known) AS paid_online_rate,
    rate(d.e_result, d.e_result_known) AS e_result_rate,
    rate(d.digitized, d.digitized_known) AS digitized_rate,
    rate(d.reused, d.reused_known) AS reuse_rate,
    rate(d.no_wait, d.no_wait_known) AS no_wait_share,
    rate(d.interagency, d.interagency_known) AS interagency_share"""
SATISFACTION_766_SQL = """satisfaction_766(
        d.early, d.on_time, d.late, d.in_time, d.overdue, d.complained_not_late
    ) AS satisfaction_766"""

# "Sắp đến hạn" (metrics.md §2, README "Due soon"): a dossier in time at as_of is due soon when
# at most N = $due_soon_days working days lie after as_of's day up to its due day, i.e. when its
# effective due time comes before the start of the (N+1)th working day after as_of's day (the
# calendar's wd_seq counts working days, so that day is the working day N + 1 further on).
# DUE_SOON_BEFORE_SQL is that instant for a row ``c`` with a column ``as_of`` (null outside the
# calendar: nothing is due soon there); DUE_SOON_SQL the predicate over a classified dossier
# (``klass`` of CLASS_SQL, ``status``, ``supplements``, ``due``, ``due_soon_before``). One
# waiting for its single supplement is in time with its clock stopped: never due soon.
DUE_SOON_BEFORE_SQL = sql_file("due_soon_before")
DUE_SOON_SQL = "is_due_soon(klass, status, supplements, due, due_soon_before)"

# The periods asked ($froms, $tos) with their bounds, clock (as_of), working days and the instant
# before which a dossier in time is due soon: the first CTEs of every metrics query (here and
# kpi/trend.py); {data_as_of} and {as_of} are filled in with the query.
PERIOD_BOUNDS_SQL = fill(sql_file("bounds"), due_soon_before=DUE_SOON_BEFORE_SQL)

# The wards counted: of the province (any with NULL), or the wards asked.
SCOPE_SQL = sql_file("scope")

# Per-dossier counts of each period and key (CTE ``dossier_agg``), at the dossier level.
DOSSIER_AGG_SQL = sql_file("dossier_agg")

# Ratings of each period and key (CTE ``rating_agg``), from the ratings themselves.
RATING_AGG_SQL = sql_file("rating_agg")

# Petitions, the keys and the final rows, given ``bounds``, ``scope``, ``dossier_agg`` and
# ``rating_agg``: shared by the dossier-level path and the rollups (kpi/rollup.py).
RESULT_SQL = sql_file("result")


def compose(dossier_agg: str, rating_agg: str) -> str:
    """One metrics query: the periods, the scope, the given ``dossier_agg`` and ``rating_agg``
    CTEs (the dossier-level ones or the rollups'), then petitions and the result rows."""
    parts = (PERIOD_BOUNDS_SQL, SCOPE_SQL, dossier_agg, rating_agg, RESULT_SQL)
    return "\nWITH\n" + ",\n".join(parts) + "\n"


_SQL = compose(DOSSIER_AGG_SQL, RATING_AGG_SQL)

# Flag rates (metrics §3) → (the dossiers whose flag is known, the population the rate would be
# over if every file had the column). Known below population: the period mixes files with and
# without the column, and the rate is over the known ones only.
FLAG_RATES: dict[str, tuple[str, str]] = {
    "paid_online_rate": ("paid_online_known", "fee_received"),
    "e_result_rate": ("e_result_known", "completed"),
    "digitized_rate": ("digitized_known", "received"),
    "reuse_rate": ("reused_known", "received"),
    "no_wait_share": ("no_wait_known", "received"),
    "interagency_share": ("interagency_known", "received"),
}

COUNT_COLUMNS = (
    "received", "carried_over", "to_process", "completed", "in_process", "awaiting_citizen",
    "withdrawn", "stopped", "early", "on_time", "late", "in_time", "overdue", "due_soon",
    "no_due", "late_interagency", "complained_not_late", "online", "full_online", "postal",
    "direct", "fee_received", "paid_online_known", "paid_online", "e_result_known", "e_result",
    "digitized_known", "digitized", "reused_known", "reused", "no_wait_known", "no_wait",
    "interagency_known", "interagency", "wards_with_data",
)  # fmt: skip
RATING_COUNT_COLUMNS = (
    "ratings", "satisfied", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5",
    "rated_dossiers",
)  # fmt: skip


def _sql(by: str | None, filters: Filters, *, stored_facts: bool) -> str:
    return _format(_SQL, by, filters, stored_facts=stored_facts)


def _format(sql: str, by: str | None, filters: Filters, *, stored_facts: bool) -> str:
    """``sql`` (a query of :func:`compose`) with its fragments for grouping ``by``."""
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}")
    key, label = GROUPS[by]
    linked = filters.links_dossiers or by in ("field", "procedure", "channel")
    join_r = "LEFT JOIN dossiers AS x ON x.dossier_id = r.dossier_id" if linked else ""
    join_t = "LEFT JOIN dossiers AS x ON x.dossier_id = t.dossier_id" if linked else ""
    dossier_filter = (
        " AND ($field IS NULL OR x.field = $field)"
        " AND ($procedure_code IS NULL OR x.procedure_code = $procedure_code)"
        " AND ($channel IS NULL OR x.channel = $channel)"
    )
    if by is None:
        r_key = t_key = "'all'"
        keys = "SELECT period, 'all' AS key FROM bounds"
        wards_total = "(SELECT count(*) FROM scope)"
    elif by == "ward":
        r_key, t_key = "r.ward_code", "t.ward_code"
        keys = "SELECT period, ward_code AS key FROM bounds, scope"
        wards_total = "1"
    elif by == "province":
        r_key, t_key = (
            f"(SELECT s.province_code FROM scope AS s WHERE s.ward_code = {alias}.ward_code)"
            for alias in ("r", "t")
        )
        keys = "SELECT DISTINCT period, province_code AS key FROM bounds, scope"
        wards_total = "(SELECT count(*) FROM scope AS s WHERE s.province_code = k.key)"
    else:
        # A rating or petition linked to no dossier has no field, procedure or channel (without
        # this, coalesce() would put it in the procedure group '' of dossiers without a code).
        r_key = t_key = f"CASE WHEN x.dossier_id IS NOT NULL THEN {key} END"
        keys = (
            "SELECT period, key FROM dossier_agg UNION SELECT period, key FROM rating_agg"
            " WHERE key IS NOT NULL UNION SELECT period, key FROM petition_agg"
            " WHERE key IS NOT NULL"
        )
        wards_total = "(SELECT count(*) FROM scope)"
    linked_filter = dossier_filter if linked else ""
    counts = ",\n    ".join(f"coalesce(d.{c}, 0) AS {c}" for c in COUNT_COLUMNS)
    rating_counts = ",\n    ".join(f"coalesce(r.{c}, 0) AS {c}" for c in RATING_COUNT_COLUMNS)
    return sql.format(
        key=key, label=label, rating_key=r_key, petition_key=t_key, rating_join=join_r,
        petition_join=join_t, linked_filter=linked_filter, keys=keys, counts=counts,
        rating_counts=rating_counts,
        wards_total=wards_total, klass=CLASS_SQL, as_of=AS_OF_SQL, data_as_of=DATA_AS_OF_BOUND_SQL,
        dossier_rates=DOSSIER_RATES_SQL, satisfaction_766=SATISFACTION_766_SQL,
        due_soon=DUE_SOON_SQL, facts="SELECT * FROM dossier_facts" if stored_facts else FACTS_SQL,
    )  # fmt: skip


def due_soon_setting(days: int | None = None) -> int:
    """N of "due soon" (metrics.md §2): ``days`` if given, else ``MOTCUA_DUE_SOON_DAYS``.

    Raises ``ValueError`` for a negative number."""
    if days is None:
        return settings().due_soon_days
    if days < 0:
        raise ValueError(f"due soon needs 0 or more working days, not {days}")
    return int(days)


def data_as_of_param(cur: duckdb.DuckDBPyConnection) -> datetime | None:
    """The newest loaded timestamp (``None``: no dossier), for ``$data_as_of``: scanned once per
    data version (:func:`kpi.cache.newest_record`). Raises ``duckdb.CatalogException`` when the
    warehouse has no tables."""
    return newest_record(cur)


def query_params(
    *,
    periods: Sequence[Period],
    filters: Filters,
    now: datetime | None,
    source: str,
    due_soon_days: int | None = None,
) -> dict[str, Any]:
    """The bound parameters every metrics query takes (periods, clock, filters, the working days
    of "due soon": ``due_soon_days``, default :func:`due_soon_setting`), checked.

    Shared by :func:`kpis` and the day-grain path (:mod:`kpi.trend`); raises ``ValueError`` for
    an unknown ``source`` or no period."""
    if source not in ("auto", "facts", "dossiers", "rollups"):
        raise ValueError(f"unknown source {source!r}")
    if not periods:
        raise ValueError("at least one period is needed")
    return {
        "due_soon_days": due_soon_setting(due_soon_days),
        "froms": [p.date_from for p in periods],
        "tos": [p.date_to for p in periods],
        "now": now or local_now(),
        "province_code": filters.province_code,
        "ward_codes": list(filters.ward_codes) if filters.ward_codes is not None else None,
        "field": filters.field,
        "procedure_code": filters.procedure_code,
        "channel": filters.channel,
    }


def kpis(
    cur: duckdb.DuckDBPyConnection,
    *,
    periods: Sequence[Period],
    filters: Filters,
    by: str | None = None,
    now: datetime | None = None,
    source: str = "auto",
    due_soon_days: int | None = None,
) -> pd.DataFrame:
    """Every metric for each period (column ``period``, 1-based in the order given) and group.

    ``by`` is ``None`` (one row per period, ``key`` = ``'all'``), ``'ward'`` (every ward of the
    scope, with or without data), ``'field'``, ``'procedure'`` (``label`` = its name) or
    ``'channel'``. ``now`` defaults to the local time in Vietnam. ``due_soon_days`` is N of
    the ``due_soon`` count (in time at ``as_of``, due within the next N working days; default
    ``MOTCUA_DUE_SOON_DAYS``). Raises :class:`NoWarehouse` when the warehouse has no tables.

    ``source`` chooses where the counts come from: ``"rollups"`` (the loader's counts per ward
    and day, kpi/rollup.py; ``ValueError`` for a question they cannot answer), ``"facts"`` (the
    loader's ``dossier_facts`` table), ``"dossiers"`` (computed in the query) or ``"auto"`` (the
    rollups when they answer and are current, else the table when it is current, else computed).
    The answers are the same.
    """
    params = query_params(
        periods=periods, filters=filters, now=now, source=source, due_soon_days=due_soon_days
    )
    try:
        params["data_as_of"] = data_as_of_param(cur)
        if from_rollups(cur, params, periods=periods, filters=filters, by=by, source=source):
            from kpi import rollup  # kpi.rollup builds on this module's fragments

            detail = rollup.needs_detail(by, filters)
            sql = _format(
                compose(rollup.dossier_agg_sql(by, detail=detail),
                        rollup.rating_agg_sql(by, detail=detail)),
                by, filters, stored_facts=True,
            )  # fmt: skip
            # No procedure here: the parameters the query has.
            bound = {k: v for k, v in params.items() if f"${k}" in sql}
            return cur.execute(sql, bound).df()
        stored = source == "facts" or (source == "auto" and facts.is_current(cur))
        return cur.execute(_sql(by, filters, stored_facts=stored), params).df()
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc


def from_rollups(
    cur: duckdb.DuckDBPyConnection,
    params: dict[str, Any],
    *,
    periods: Sequence[Period],
    filters: Filters,
    by: str | None,
    source: str,
) -> bool:
    """Whether a metrics query with these bound ``params`` (:func:`query_params` and
    ``data_as_of``) reads the loader's rollups (kpi/rollup.py): always for ``source="rollups"``
    (``ValueError`` if they cannot answer), when they can for ``"auto"``."""
    if source not in ("auto", "rollups"):
        return False
    from kpi import rollup

    can = rollup.answers(
        periods=periods, filters=filters, by=by, now=params["now"],
        data_as_of=params["data_as_of"],
    ) and rollup.is_current(cur, due_soon_days=params["due_soon_days"])  # fmt: skip
    if source == "rollups" and not can:
        raise ValueError("the rollups cannot answer this question (see kpi.rollup.answers)")
    return can


def _clean(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None  # NaN / NaT / NA from pandas: no data
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a :func:`kpis` frame as plain Python dicts (NaN, NA, NaT → ``None``).

    The numeric columns (most of a kpis frame: 80 columns a row) are turned into Python numbers
    in one NumPy pass; only the others (dates, text, lists) go through :func:`_clean` one value
    at a time."""
    columns = list(frame.columns)
    if not columns:
        return [{} for _ in range(len(frame))]
    numeric = [c for c in columns if frame[c].dtype.kind in "biuf"]
    values: dict[Any, list[Any]] = {}
    if numeric:
        block = frame[numeric]
        cells = np.where(block.isna().to_numpy(), None, block.to_numpy(dtype=object))
        values.update(zip(numeric, cells.T.tolist(), strict=True))
    for column in columns:
        if column not in values:
            values[column] = [_clean(v) for v in frame[column].tolist()]
    rows = zip(*(values[c] for c in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def summary(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Every metric of one period for the whole scope, as one dict."""
    return records(kpis(cur, periods=[period], filters=filters, now=now))[0]


def cached_kpis(
    cur: duckdb.DuckDBPyConnection,
    *,
    periods: Sequence[Period],
    filters: Filters,
    by: str | None = None,
    now: datetime | None = None,
    due_soon_days: int | None = None,
) -> pd.DataFrame:
    """:func:`kpis`, answered once per data version and clock (:func:`kpi.cache.cached`).

    For the pages: many leaders ask the same question between two loads. The frame is a copy,
    the caller's to change."""
    now = now or local_now()
    days = due_soon_setting(due_soon_days)
    frame = cached(
        cur,
        "kpis",
        (tuple(periods), filters, by, days),
        now=now,
        last_day=max(p.date_to for p in periods),
        compute=lambda: kpis(
            cur, periods=periods, filters=filters, by=by, now=now, due_soon_days=days
        ),
    )
    return frame.copy()
