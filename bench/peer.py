"""The naive peer of the benchmarks: the overview's questions answered the obvious way an analyst
would, over every dossier held in memory (one DataFrame), with pandas and with polars.

Each function answers one question — the flow and on-time counts of metrics.md §1–§2 per ward of
a province for a period — straight from the spec (and, where the spec is silent, the app's
reading of it: a dossier still open with more than one supplement request is overdue). The
benchmark checks these answers equal to the app's before it compares times.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

COUNTS = ("received", "carried_over", "to_process", "completed", "early", "on_time", "late",
          "in_time", "overdue")  # fmt: skip
COLUMNS = ("ward_code", "province_code", "received_at", "ended_at", "due_at", "paused_days",
           "supplement_count", "status")  # fmt: skip
DOSSIERS_SQL = (
    "SELECT d.ward_code, w.province_code, d.received_at, d.ended_at, d.due_at, d.paused_days,"
    " d.supplement_count, d.status FROM dossiers d JOIN wards w USING (ward_code)"
    " WHERE d.status NOT IN ('submitted', 'refused')"
)


def _bounds(start: date, end: date, as_of: datetime) -> tuple[datetime, datetime]:
    return datetime.combine(start, datetime.min.time()), min(
        as_of, datetime.combine(end + timedelta(days=1), datetime.min.time()) - timedelta(
            microseconds=1)
    )  # fmt: skip


def pandas_counts(df: pd.DataFrame, province: str, start: date, end: date, as_of: datetime):
    """Per ward of ``province``: the §1–§2 counts of the period [start, end] at ``as_of``."""
    begin, as_of = _bounds(start, end, as_of)
    d = df[df["province_code"] == province]
    received = (d["received_at"] >= begin) & (d["received_at"] <= as_of)
    carried = (d["received_at"] < begin) & (d["ended_at"].isna() | (d["ended_at"] >= begin))
    d = d[received | carried].assign(received=received, carried_over=carried)
    ended = d["ended_at"].notna() & (d["ended_at"] <= as_of)
    due = d["due_at"] + pd.to_timedelta(d["paused_days"].fillna(0), unit="D")
    sup = d["supplement_count"].fillna(0)
    many = sup > 1
    late = ended & (many | (d["ended_at"] > due))
    early = ended & ~late & (d["ended_at"].dt.normalize() < due.dt.normalize())
    waiting = (d["status"] == "supplement") & (sup == 1)
    in_time = ~ended & ~many & (waiting | (due >= as_of))
    frame = pd.DataFrame({
        "ward_code": d["ward_code"], "received": d["received"], "carried_over": d["carried_over"],
        "to_process": True, "completed": ended, "early": early, "on_time": ended & ~late & ~early,
        "late": late, "in_time": in_time, "overdue": ~ended & ~in_time,
    })  # fmt: skip
    return frame.groupby("ward_code").sum().astype("int64").sort_index()


def polars_counts(df, province: str, start: date, end: date, as_of: datetime):
    """:func:`pandas_counts` with polars (``df`` a polars DataFrame of :data:`COLUMNS`)."""
    import polars as pl

    begin, as_of = _bounds(start, end, as_of)
    received = (pl.col("received_at") >= begin) & (pl.col("received_at") <= as_of)
    carried = (pl.col("received_at") < begin) & (
        pl.col("ended_at").is_null() | (pl.col("ended_at") >= begin)
    )
    ended = pl.col("ended_at").is_not_null() & (pl.col("ended_at") <= as_of)
    due = pl.col("due_at") + pl.duration(days=pl.col("paused_days").fill_null(0))
    sup = pl.col("supplement_count").fill_null(0)
    late = ended & ((sup > 1) | (pl.col("ended_at") > due))
    early = ended & ~late & (pl.col("ended_at").dt.date() < due.dt.date())
    waiting = (pl.col("status") == "supplement") & (sup == 1)
    in_time = ~ended & (sup <= 1) & (waiting | (due >= as_of))
    return (
        df.lazy()
        .filter((pl.col("province_code") == province) & (received | carried))
        .group_by("ward_code")
        .agg(
            received.sum().alias("received"),
            carried.sum().alias("carried_over"),
            pl.len().alias("to_process"),
            ended.sum().alias("completed"),
            early.sum().alias("early"),
            (ended & ~late & ~early).sum().alias("on_time"),
            late.sum().alias("late"),
            in_time.sum().alias("in_time"),
            (~ended & ~in_time).sum().alias("overdue"),
        )
        .sort("ward_code")
        .collect()
    )
