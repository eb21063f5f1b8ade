"""The satisfaction page's questions (metrics.md §4): ratings, the 766 satisfaction, petitions.

Three different things, kept apart: citizens' **ratings** (1–5, their distribution, the SIPAS
dimensions), the **766 satisfaction in handling dossiers** (indicator 5.4, mostly a function of
lateness) and **petitions** (5.2, 5.3). Every figure comes from :func:`kpi.metrics.kpis`:

- :func:`headline`: the period, the previous period, the same period last year and the trend
  buckets (weeks for a short period, months beyond), one query;
- :func:`ward_table`: one row per ward (ratings, satisfied rate, mean, response rate, 766
  satisfaction, petitions), ranked by satisfied rate only where enough ratings exist, one query;
- :func:`index_points`: the points of 5.2, 5.3 and 5.4 scored by ``data/index766.toml``.

The ``comment`` column of ratings is never read here (comments are for signed-in leaders only).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from kpi import overview
from kpi.index766 import Methodology, load_methodology, score_points
from kpi.metrics import Filters, cached_kpis
from kpi.periods import Period
from kpi.public import MIN_DENOMINATOR
from kpi.reference import ward_options

# A ward with fewer ratings than this is flagged "ít đánh giá" and not ranked (metrics §4: under
# 10 ratings a rate is "chưa đủ dữ liệu" on public surfaces; leaders see it, flagged).
MIN_RATINGS = MIN_DENOMINATOR

# Trends by week up to a quarter, by month beyond: ratings are too few for daily points.
MAX_DAYS_BY_WEEK = overview.MAX_DAYS_BY_DAY

RATING_LEVELS = (1, 2, 3, 4, 5)
SIPAS = ("access", "procedure", "staff", "result", "feedback")
INDICATORS = ("5.2", "5.3", "5.4")  # the index's satisfaction group (5.1 is not ward level)

WARD_COLUMNS = (
    "ward_code", "ward_name", "name_order", "ratings", "satisfied", "satisfied_rate",
    "mean_rating", "rated_dossiers", "completed", "response_rate", "satisfaction_766",
    "to_process", "petitions", "petitions_on_time", "petition_on_time_rate",
    "petition_satisfaction", "few_ratings", "rank",
)  # fmt: skip

CURRENT, PREVIOUS, LAST_YEAR, BUCKET = (
    overview.CURRENT,
    overview.PREVIOUS,
    overview.LAST_YEAR,
    overview.BUCKET,
)


def trend_grain(period: Period) -> str:
    """``"week"`` for a period up to ~3 months, ``"month"`` beyond."""
    return "week" if period.days <= MAX_DAYS_BY_WEEK else "month"


def headline(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
) -> pd.DataFrame:
    """Every metric of the period, the previous period, last year and each trend bucket.

    One :func:`kpis` query (ratings need the whole metrics row, which the overview's
    flow-only headline does not carry), over the periods the overview uses, buckets by
    :func:`trend_grain`; column ``role`` is ``current``, ``previous``, ``last_year`` or
    ``bucket`` (in order).
    """
    steps = overview.buckets(period, trend_grain(period))
    periods = [period, period.previous(), period.same_last_year(), *steps]
    frame = cached_kpis(cur, periods=periods, filters=filters, now=now)
    roles = [overview.CURRENT, overview.PREVIOUS, overview.LAST_YEAR]
    roles += [overview.BUCKET] * len(steps)
    frame.insert(0, "role", [roles[i - 1] for i in frame["period"]])
    return frame


def ward_table(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
) -> pd.DataFrame:
    """One row per ward of the province: its satisfaction figures, flag and rank.

    The ward filter of ``filters`` is ignored (every ward is listed); field and channel apply.
    ``few_ratings`` is true for a ward with 1 to ``MIN_RATINGS - 1`` ratings; ``rank`` orders
    the other rated wards by satisfied rate, best first, ties sharing the smaller rank; a ward
    with few or no ratings has no rank. ``name_order`` is the Vietnamese name order. Columns:
    :data:`WARD_COLUMNS`, rows in name order.
    """
    scope = replace(filters, ward_codes=None)
    frame = cached_kpis(cur, periods=[period], filters=scope, by="ward", now=now)
    names = ward_options(cur, province_code=filters.province_code)
    names["name_order"] = range(len(names))
    out = names.merge(frame.rename(columns={"key": "ward_code"}), on="ward_code", how="left")
    out["few_ratings"] = (out["ratings"] > 0) & (out["ratings"] < MIN_RATINGS)
    reliable = out["satisfied_rate"].where(out["ratings"] >= MIN_RATINGS)
    out["rank"] = reliable.rank(method="min", ascending=False).astype("Int64")
    return out[list(WARD_COLUMNS)].reset_index(drop=True)


def index_points(row: dict[str, Any], *, method: Methodology | None = None) -> pd.DataFrame:
    """Points of the satisfaction indicators (5.2, 5.3, 5.4) for one row of :func:`kpis`.

    Columns of :func:`kpi.index766.score_points` (``code, label, metric, rate, full_at, max,
    points, missed, applies``), one row per indicator, in the methodology file's order.
    """
    method = method or load_methodology()
    wanted = [i for i in method.indicators if i.code in INDICATORS]
    rates = pd.DataFrame([{"ward_code": "all", **{i.metric: row.get(i.metric) for i in wanted}}])
    points = score_points(rates, replace(method, indicators=tuple(wanted)))
    return points.drop(columns=["ward_code", "group"]).reset_index(drop=True)


def lateness_parts(row: dict[str, Any]) -> dict[str, Any]:
    """What 5.4 subtracts, split: lateness and complaints about dossiers that were not late.

    ``classified`` (dossiers with a class), ``late_or_overdue``, ``complained_not_late``, and
    their shares of ``classified`` (``None`` without dossiers): 1 − both shares = 5.4.
    """
    classified = sum(row[k] for k in ("early", "on_time", "late", "in_time", "overdue"))
    late = row["late"] + row["overdue"]
    complained = row["complained_not_late"]
    return {
        "classified": classified,
        "late_or_overdue": late,
        "complained_not_late": complained,
        "late_share": late / classified if classified else None,
        "complained_share": complained / classified if classified else None,
    }
