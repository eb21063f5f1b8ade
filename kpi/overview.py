"""The overview page's questions: headline with comparisons and trend, ward league table.

The figures are the flow metrics of :func:`kpi.metrics.kpis` (counts, on-time classes and rates,
channel shares: :data:`kpi.trend.COLUMNS`), computed by :func:`kpi.trend.flow` from day-grain
events, which gives exactly the same numbers without joining every dossier to every period. One
call answers the headline: the current period, its comparison period (metrics.md §6, by
:meth:`kpi.periods.Period.previous`: September for October, 1–4/11 for 1–4/12), the same
period last year and the trend buckets (column ``role`` tells them apart). A second call,
grouped by ward, gives the league table with the previous period's rank; the overview page asks
:func:`board` for both at once (the wards' flow and their total from one query). Each answer
is kept per process (:func:`kpi.cache.cached`) until the data version or the clock it depends
on changes.

``naive=True`` computes the same frames through :func:`kpi.metrics.kpis` (the reference the
tests and ``bench/overview_callbacks.py`` compare with), uncached.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from kpi import trend as events
from kpi.cache import cached
from kpi.metrics import Filters, due_soon_setting, kpis
from kpi.periods import Period, local_now
from kpi.reference import loaded_provinces, province_places, ward_places
from marks import N_

GRAINS: dict[str, str] = {"day": N_("Ngày"), "week": N_("Tuần"), "month": N_("Tháng")}

# The finest grain that keeps a trend readable (and its query cheap): at most ~3 months of
# days, ~1 year of weeks; months beyond that.
MAX_DAYS_BY_DAY = 92
MAX_DAYS_BY_WEEK = 371

CURRENT, PREVIOUS, LAST_YEAR, BUCKET = "current", "previous", "last_year", "bucket"

# The league table's ranking metric: the 766 headline (indicator 2.1), best first.
RANK_METRIC = "on_time_rate"

LEAGUE_COLUMNS = (
    "ward_code", "ward_name", "name_order", "lat", "lon", "received", "completed", "to_process",
    "on_time_rate", "resolved_on_time_rate", "online_share", "overdue", "due_soon", "rank",
    "rank_previous", "rank_change",
)  # fmt: skip


def allowed_grains(period: Period) -> list[str]:
    """The trend grains that suit the period's length (months always do)."""
    grains = []
    if period.days <= MAX_DAYS_BY_DAY:
        grains.append("day")
    if period.days <= MAX_DAYS_BY_WEEK:
        grains.append("week")
    return [*grains, "month"]


def default_grain(period: Period) -> str:
    """Days for a period up to a month, weeks up to a quarter, months beyond."""
    if period.days <= 31:
        return "day"
    if period.days <= MAX_DAYS_BY_DAY:
        return "week"
    return "month"


def _next_start(day: date, grain: str) -> date:
    if grain == "day":
        return day + timedelta(days=1)
    if grain == "week":  # weeks start on Monday
        return day + timedelta(days=7 - day.weekday())
    if grain == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    raise ValueError(f"unknown grain {grain!r}")


def buckets(period: Period, grain: str) -> list[Period]:
    """The calendar days, weeks (Monday to Sunday) or months of ``period``, clipped to it."""
    out = []
    start = period.date_from
    while start <= period.date_to:
        end = min(_next_start(start, grain) - timedelta(days=1), period.date_to)
        out.append(Period(start, end))
        start = end + timedelta(days=1)
    return out


def _flow(
    cur: duckdb.DuckDBPyConnection,
    name: str,
    *,
    periods: list[Period],
    filters: Filters,
    by: str | None,
    now: datetime | None,
    naive: bool,
) -> pd.DataFrame:
    """The flow metrics of ``periods`` (:data:`kpi.trend.COLUMNS`), cached unless naive.

    "Due soon" counts the working days of ``MOTCUA_DUE_SOON_DAYS``, part of the cache key."""
    now = now or local_now()
    days = due_soon_setting()
    if naive:
        frame = kpis(cur, periods=periods, filters=filters, by=by, now=now, due_soon_days=days)
        return frame[list(events.COLUMNS)]
    frame = cached(
        cur,
        name,
        (tuple(periods), filters, by, days),
        now=now,
        last_day=max(p.date_to for p in periods),
        compute=lambda: events.flow(
            cur, periods=periods, filters=filters, by=by, now=now, due_soon_days=days
        ),
    )
    return frame.copy()  # callers may change their frame; the cached one stays as computed


def headline(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    grain: str,
    now: datetime | None = None,
    naive: bool = False,
) -> pd.DataFrame:
    """The flow metrics of the period, its comparisons and its trend buckets, in one query.

    One row per role: ``current``, ``previous`` (the comparison period of metrics.md §6,
    :meth:`kpi.periods.Period.previous`), ``last_year`` (same days a year earlier), then one
    ``bucket`` row per day/week/month of ``grain`` (in order); each row has its own
    ``date_from`` and ``date_to``, which the pages show beside every change. Columns: ``role``
    and :data:`kpi.trend.COLUMNS` (those of :func:`kpi.metrics.kpis` but ratings, petitions and
    mean durations, which a page asks :func:`kpis` for when it needs them).
    """
    periods = _headline_periods(period, grain)
    frame = _flow(cur, "headline", periods=periods, filters=filters, by=None, now=now, naive=naive)
    return _with_roles(frame)


def _headline_periods(period: Period, grain: str) -> list[Period]:
    """The headline's periods: the period, its comparison, the same last year, the buckets."""
    return [period, period.previous(), period.same_last_year(), *buckets(period, grain)]


def _with_roles(frame: pd.DataFrame) -> pd.DataFrame:
    """A headline frame with its ``role`` column (the first three periods, then buckets)."""
    roles = {1: CURRENT, 2: PREVIOUS, 3: LAST_YEAR}
    frame.insert(0, "role", [roles.get(i, BUCKET) for i in frame["period"]])
    return frame


def trend(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    grain: str,
    now: datetime | None = None,
    naive: bool = False,
) -> pd.DataFrame:
    """The flow metrics for each day/week/month of ``period`` (the trend chart alone)."""
    frame = _flow(
        cur,
        "trend",
        periods=buckets(period, grain),
        filters=filters,
        by=None,
        now=now,
        naive=naive,
    )
    frame.insert(0, "role", BUCKET)
    return frame


def league(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
    naive: bool = False,
) -> pd.DataFrame:
    """One row per ward of the province, with its rank now and in the previous period.

    The ward filter of ``filters`` is ignored (the table always lists every ward); field and
    channel apply. ``rank`` orders the wards that have an on-time rate, best first, ties sharing
    the smaller rank (1, 2, 2, 4); a ward without any dossier in the period has null figures;
    ``rank_change`` = previous rank − rank (positive: moved up),
    ``None`` when either rank is missing. ``name_order`` is the Vietnamese name order. Columns:
    :data:`LEAGUE_COLUMNS`, rows in rank order, unranked wards last by name.
    """
    scope = replace(filters, ward_codes=None)
    frame = _flow(
        cur,
        "league",
        periods=[period, period.previous()],
        filters=scope,
        by="ward",
        now=now,
        naive=naive,
    )
    return _league(cur, frame, province_code=filters.province_code)


def board(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    grain: str,
    now: datetime | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The overview's :func:`headline` and :func:`league` together, from one query.

    Equal to the two (``tests/test_trend.py``) with one scan of the dossiers instead of two: the
    wards' flow over the headline's periods, and their total (the filter's wards, or all) from
    the same query (:func:`kpi.trend.wards_and_total`).
    """
    now = now or local_now()
    if filters.province_code is None:
        return _national_board(cur, period=period, filters=filters, grain=grain, now=now)
    periods = _headline_periods(period, grain)
    scope = replace(filters, ward_codes=None)
    days = due_soon_setting()
    wards, total = cached(
        cur,
        "board",
        (tuple(periods), scope, filters.ward_codes, days),
        now=now,
        last_day=max(p.date_to for p in periods),
        compute=lambda: events.wards_and_total(
            cur,
            periods=periods,
            filters=scope,
            total_of=filters.ward_codes,
            now=now,
            due_soon_days=days,
        ),
    )
    head = _with_roles(total.copy())
    table = _league(cur, wards[wards["period"] <= 2], province_code=filters.province_code)
    return head, table


def _national_board(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    grain: str,
    now: datetime,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole country: the headline (of the filter's wards, or all), and the provinces
    ranked like wards (:func:`province_league`)."""
    head = headline(cur, period=period, filters=filters, grain=grain, now=now)
    return head, province_league(cur, period=period, filters=filters, now=now)


def province_league(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
    naive: bool = False,
) -> pd.DataFrame:
    """One row per province with loaded dossiers, ranked like :func:`league` ranks wards: each
    province's figures are its dossiers' sums (never a mean of its wards' rates).

    The province and ward filters of ``filters`` are ignored (the country's provinces are
    ranked); field and channel apply. Columns: :data:`LEAGUE_COLUMNS`, a province's code and
    short name in ``ward_code`` and ``ward_name``, its wards' mean centroid in ``lat``/``lon``.
    """
    scope = replace(filters, province_code=None, ward_codes=None)
    frame = _flow(
        cur,
        "provinces",
        periods=[period, period.previous()],
        filters=scope,
        by="province",
        now=now,
        naive=naive,
    )
    loaded = loaded_provinces(cur)
    places = province_places(cur)
    places = places[places["province_code"].isin(list(loaded))].rename(
        columns={"province_code": "ward_code", "province_name": "ward_name"}
    )
    return _league_of(places.reset_index(drop=True), frame)


def _league(
    cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, province_code: str | None
) -> pd.DataFrame:
    """The league table from the wards' flow of the period (1) and the one before (2)."""
    return _league_of(ward_places(cur, province_code=province_code), frame)


def _league_of(places: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """The league of ``places`` (``ward_code, ward_name, lat, lon`` in name order) from their
    flow of the period (1) and the one before (2), keyed by ``ward_code``."""
    places = places.copy()
    places["name_order"] = range(len(places))
    now_ = frame[frame["period"] == 1].set_index("key")
    before = frame[frame["period"] == 2].set_index("key")
    out = places.set_index("ward_code").join(
        now_[
            [
                "received",
                "completed",
                "to_process",
                "on_time_rate",
                "resolved_on_time_rate",
                "online_share",
                "overdue",
                "due_soon",
            ]
        ]
    )
    # A ward without any dossier in the period has no figures (shown "—"), not zeros.
    empty = (out["to_process"] == 0) & (out["completed"] == 0)
    for column in ("received", "completed", "to_process", "overdue", "due_soon"):
        out[column] = out[column].astype("Int64").mask(empty)
    out["rank"] = _rank(out[RANK_METRIC])
    out["rank_previous"] = _rank(before[RANK_METRIC]).reindex(out.index)
    out["rank_change"] = out["rank_previous"] - out["rank"]
    out = out.reset_index().sort_values(["rank", "name_order"], na_position="last")
    return out[list(LEAGUE_COLUMNS)].reset_index(drop=True)


def _rank(rates: pd.Series) -> pd.Series:
    """Competition ranks of rates, best first; no rate, no rank (nullable integers)."""
    return rates.rank(method="min", ascending=False).astype("Int64")


@dataclass(frozen=True)
class Change:
    """A value against a comparison: ``delta`` (percentage points for a rate, else the count
    difference) and ``ratio`` (relative change of a count, ``None`` when the base is 0)."""

    delta: float
    ratio: float | None


def compare(current: float | None, base: float | None, *, rate: bool) -> Change | None:
    """The change from ``base`` to ``current``; ``None`` when either side has no data.

    A rate's change is in percentage points (0.9812 vs 0.9700 → delta 1.12); a count's is the
    difference and, when ``base`` is not 0, the relative change (150 vs 120 → ratio 0.25).
    """
    if current is None or base is None:
        return None
    if rate:
        return Change(delta=(current - base) * 100, ratio=None)
    return Change(delta=current - base, ratio=(current - base) / base if base else None)
