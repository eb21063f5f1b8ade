"""The 766 estimate per ward (metrics.md §5), scored by the methodology in ``data/index766.toml``.

The rates come from the metrics layer; this module only turns rates into points, so the same
scoring serves the page, the API, the Excel export and the what-if control.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from kpi.config import DATA_DIR
from kpi.metrics import FLAG_RATES, Filters, cached_kpis
from kpi.periods import Period

METHODOLOGY_FILE = DATA_DIR / "index766.toml"


@dataclass(frozen=True)
class Indicator:
    """One indicator of the index: the metric it scores, its maximum and full-points threshold."""

    code: str
    group: str
    metric: str
    label: str
    max: float
    full_at: float
    no_data_full: bool = False


@dataclass(frozen=True)
class Band:
    """A grade band: ``label`` from ``min`` points out of 100."""

    label: str
    min: float


@dataclass(frozen=True)
class Methodology:
    """The scoring rules, and the file's text to show verbatim."""

    title: str
    note: str
    indicators: tuple[Indicator, ...]
    not_computed: tuple[dict, ...]
    bands: tuple[Band, ...]
    text: str


def load_methodology(path: Path = METHODOLOGY_FILE) -> Methodology:
    """Read the methodology file (maxima, thresholds, bands)."""
    text = path.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    indicators = tuple(
        Indicator(
            code=str(i["code"]),
            group=i["group"],
            metric=i["metric"],
            label=i["label"],
            max=float(i["max"]),
            full_at=float(i["full_at"]),
            no_data_full=bool(i.get("no_data_full", False)),
        )
        for i in raw["indicator"]
    )
    bands = tuple(
        sorted((Band(b["label"], float(b["min"])) for b in raw["band"]), key=lambda b: -b.min)
    )
    return Methodology(
        title=raw["title"],
        note=raw["note"],
        indicators=indicators,
        not_computed=tuple(raw.get("not_computed", [])),
        bands=bands,
        text=text,
    )


def _is_missing(rate: float | None) -> bool:
    return rate is None or (isinstance(rate, float) and math.isnan(rate))


def indicator_points(rate: float | None, indicator: Indicator) -> float | None:
    """Points of one indicator: ``max × min(1, rate / full_at)`` rounded to 2 decimals.

    ``None`` when the rate has no data (the indicator then does not apply), except for the
    indicators scored full when there is nothing to score (no petitions in the period).
    """
    if indicator.max <= 0:  # shown with its threshold; its point value is not published
        return None
    if _is_missing(rate):
        return indicator.max if indicator.no_data_full else None
    return round(indicator.max * min(1.0, float(rate) / indicator.full_at), 2)


def band_of(score_100: float | None, bands: tuple[Band, ...]) -> str | None:
    """The grade band of a score out of 100 (``None`` without a score)."""
    if _is_missing(score_100):
        return None
    return next((b.label for b in bands if score_100 >= b.min), bands[-1].label)


def score_points(rates: pd.DataFrame, method: Methodology) -> pd.DataFrame:
    """Per ward and indicator: the rate, points, maximum and points missed.

    ``rates`` has a ``ward_code`` column and one column per indicator metric (fractions, NaN or
    None for no data). Returns columns ``ward_code, code, group, label, metric, rate, full_at,
    max, points, missed, applies``.
    """
    rows = []
    for rec in rates.to_dict("records"):
        for ind in method.indicators:
            rate = rec.get(ind.metric)
            rate = None if _is_missing(rate) else float(rate)
            points = indicator_points(rate, ind)
            applies = points is not None and ind.max > 0
            rows.append(
                {
                    "ward_code": rec["ward_code"],
                    "code": ind.code,
                    "group": ind.group,
                    "label": ind.label,
                    "metric": ind.metric,
                    "rate": rate,
                    "full_at": ind.full_at,
                    "max": ind.max,
                    "points": points,
                    "missed": round(ind.max - points, 2) if applies else None,
                    "applies": applies,
                }
            )
    return pd.DataFrame(rows)


def score_wards(rates: pd.DataFrame, method: Methodology) -> pd.DataFrame:
    """Per ward: ``score``, ``applicable_max``, ``score_100``, ``band`` and ``rank``.

    Rank 1 is the best ``score_100``; ties share a rank (1, 2, 2, 4); wards without any
    applicable indicator get no score and no rank.
    """
    points = score_points(rates, method)
    if points.empty:
        return pd.DataFrame(
            columns=["ward_code", "score", "applicable_max", "score_100", "band", "rank"]
        )
    applied = points[points["applies"]]
    totals = (
        applied.groupby("ward_code", sort=False)
        .agg(score=("points", "sum"), applicable_max=("max", "sum"))
        .reindex(rates["ward_code"].unique())
        .reset_index()
    )
    totals["score"] = totals["score"].round(2)
    totals["score_100"] = (totals["score"] / totals["applicable_max"] * 100).round(2)
    totals["band"] = [band_of(s, method.bands) for s in totals["score_100"]]
    totals["rank"] = totals["score_100"].rank(method="min", ascending=False).astype("Int64")
    return totals


def what_if(rates: dict, metric: str, value: float, method: Methodology) -> dict:
    """The ward's score if ``metric`` reached ``value`` (everything else unchanged)."""
    changed = {**rates, metric: value}
    row = {**changed, "ward_code": rates.get("ward_code", "")}
    frame = score_wards(pd.DataFrame([row]), method)
    return frame.iloc[0].to_dict()


def rank_with(wards: pd.DataFrame, ward_code: str, score_100: float | None) -> int | None:
    """The rank ``ward_code`` would have with ``score_100`` while every other ward of ``wards``
    (:func:`estimate`'s first frame) keeps its own: 1 + the wards scoring more (ties share the
    better rank, as :func:`score_wards` ranks). ``None`` without a score."""
    if _is_missing(score_100):
        return None
    others = wards.loc[wards["ward_code"] != ward_code, "score_100"].dropna()
    return 1 + int((others > score_100).sum())


def ward_points(points: pd.DataFrame, ward_code: str) -> pd.DataFrame:
    """The ward's indicators that carry points (:func:`score_points` rows), the biggest loss
    first (ties in the methodology's order), those without data in the period last."""
    if points.empty:
        return points
    mine = points[(points["ward_code"] == ward_code) & (points["max"] > 0)].copy()
    mine["order"] = range(len(mine))
    mine["loss"] = mine["missed"].astype("Float64").fillna(-1.0)
    mine = mine.sort_values(["applies", "loss", "order"], ascending=[False, False, True])
    return mine.drop(columns=["order", "loss"]).reset_index(drop=True)


@dataclass(frozen=True)
class WhatIf:
    """A ward's estimate if one indicator's rate changed, beside the estimate it has."""

    score: float
    applicable_max: float
    score_100: float
    band: str
    rank: int
    score_100_before: float
    rank_before: int


def what_if_rank(
    wards: pd.DataFrame,
    points: pd.DataFrame,
    *,
    ward_code: str,
    metric: str,
    value: float,
    method: Methodology,
) -> WhatIf | None:
    """The ward's score, band and rank among ``wards`` (:func:`estimate`'s frames) if ``metric``
    reached ``value`` (a fraction), every other rate and ward unchanged; ``None`` for a ward
    without an estimate in the period. Nothing stored changes."""
    mine = wards[wards["ward_code"] == ward_code]
    if mine.empty or _is_missing(mine["score_100"].iloc[0]):
        return None
    rows = points[points["ward_code"] == ward_code]
    rates = {r.metric: (None if _is_missing(r.rate) else r.rate) for r in rows.itertuples()}
    changed = what_if({**rates, "ward_code": ward_code}, metric, value, method)
    return WhatIf(
        score=float(changed["score"]),
        applicable_max=float(changed["applicable_max"]),
        score_100=float(changed["score_100"]),
        band=str(changed["band"]),
        rank=int(rank_with(wards, ward_code, changed["score_100"])),
        score_100_before=float(mine["score_100"].iloc[0]),
        rank_before=int(mine["rank"].iloc[0]),
    )


def estimate(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    method: Methodology | None = None,
    now: datetime | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 766 estimate of every ward in scope for ``period``, with the change since its
    comparison period (:meth:`kpi.periods.Period.previous`, metrics.md §6).

    Returns ``(wards, points)``: ``wards`` has ``ward_code, ward_name, score, applicable_max,
    score_100, band, rank, score_100_previous, change, rank_previous``; ``points`` has one row per
    ward and indicator (see :func:`score_points`), with ``known`` and ``population`` for the flag
    rates (:data:`kpi.metrics.FLAG_RATES`; NA for the other indicators), so a page can say when a
    rate is over only the dossiers of the files that had the column.
    """
    method = method or load_methodology()
    periods = [period, period.previous()]
    frame = cached_kpis(cur, periods=periods, filters=filters, by="ward", now=now)
    metrics = [i.metric for i in method.indicators]
    current = frame[frame["period"] == 1][["key", *metrics]].rename(columns={"key": "ward_code"})
    previous = frame[frame["period"] == 2][["key", *metrics]].rename(columns={"key": "ward_code"})
    # A ward with no dossier in the period has nothing to score (petition rules aside).
    active = set(frame[(frame["period"] == 1) & (frame["to_process"] > 0)]["key"])
    was_active = set(frame[(frame["period"] == 2) & (frame["to_process"] > 0)]["key"])
    now_scores = score_wards(current[current["ward_code"].isin(active)], method)
    before = score_wards(previous[previous["ward_code"].isin(was_active)], method)
    names = ward_names(cur, filters.province_code)
    wards = (
        pd.DataFrame({"ward_code": current["ward_code"]})
        .merge(names, on="ward_code", how="left")
        .merge(now_scores, on="ward_code", how="left")
        .merge(
            before[["ward_code", "score_100", "rank"]].rename(
                columns={"score_100": "score_100_previous", "rank": "rank_previous"}
            ),
            on="ward_code",
            how="left",
        )
    )
    wards["change"] = (wards["score_100"] - wards["score_100_previous"]).round(2)
    wards = wards.sort_values(["rank", "ward_code"], na_position="last").reset_index(drop=True)
    points = score_points(current[current["ward_code"].isin(active)], method)
    return wards, _with_bases(points, frame[frame["period"] == 1])


def _with_bases(points: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """``points`` with each flag rate's ``known`` and ``population`` counts from ``rows`` (the
    period's ``kpis(by="ward")`` rows); NA for indicators that are not flag rates."""
    bases = pd.concat(
        [
            rows[["key", known, population]]
            .set_axis(["ward_code", "known", "population"], axis=1)
            .assign(metric=metric)
            for metric, (known, population) in FLAG_RATES.items()
        ],
        ignore_index=True,
    )
    if points.empty:
        return points.assign(known=pd.Series(dtype="Int64"), population=pd.Series(dtype="Int64"))
    out = points.merge(bases, on=["ward_code", "metric"], how="left")
    return out.astype({"known": "Int64", "population": "Int64"})


def ward_names(cur: duckdb.DuckDBPyConnection, province_code: str | None) -> pd.DataFrame:
    """``ward_code, ward_name, province_code`` of a province (``None``: of the country)."""
    return cur.execute(
        "SELECT ward_code, ward_name, province_code FROM wards"
        " WHERE $province IS NULL OR province_code = $province",
        {"province": province_code},
    ).df()
