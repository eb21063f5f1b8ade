"""The public form of the 766 estimate (metrics.md §5 under the public rules of §7).

Points reveal the rate they were scored from, so on a public surface an indicator whose rate
:func:`kpi.public.publish` suppresses (denominator below 10) carries no points: it counts as
"chưa đủ dữ liệu", like an indicator without data, and drops out of ``score`` and
``applicable_max``; petitions too (only zero petitions earns the national portal's full points).
A ward with fewer than 10 dossiers in the 2.1 rate (dossiers to process that have a due date)
gets no public score at all: the rest of the index would say little about it.
The scoring itself is :mod:`kpi.index766`'s; this module only decides what enters it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from api.payload import SUPPRESSION, iso, period_body
from kpi.index766 import Methodology, load_methodology, score_points, score_wards
from kpi.metrics import Filters, cached_kpis, records
from kpi.periods import Period
from kpi.public import MIN_DENOMINATOR, NOT_ENOUGH, denominators, publish

SCORE_FIELDS = ("score", "applicable_max", "score_100")


def _clean(value: Any) -> Any:
    """``None`` for pandas' missing values, plain Python numbers otherwise."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def _public_rates(row: Mapping[str, Any], method: Methodology) -> tuple[dict, frozenset[str]]:
    """The ward's indicator rates as published, and the metrics suppressed for a small base."""
    metrics = [i.metric for i in method.indicators]
    shown = publish(row, counts=(), rates=metrics)
    small = frozenset(m for m in metrics if shown[m] == NOT_ENOUGH and row.get(m) is not None)
    return shown, small


def score(rows: list[dict[str, Any]], method: Methodology) -> tuple[pd.DataFrame, dict]:
    """Public scores of the wards of one period (rows of ``kpis(by='ward')``).

    Returns ``(totals, indicators)``: ``totals`` has ``ward_code, score, applicable_max,
    score_100, band, rank`` for every ward with a public score; ``indicators`` maps a ward code
    to its list of per-indicator dicts.
    """
    groups: dict[frozenset[str], list[dict]] = defaultdict(list)
    shown: dict[str, dict] = {}
    for row in rows:
        if denominators(row)["on_time_rate"] < MIN_DENOMINATOR:
            continue
        shown[row["key"]], small = _public_rates(row, method)
        rates = {i.metric: None if i.metric in small else row[i.metric] for i in method.indicators}
        groups[small].append({"ward_code": row["key"], **rates})
    totals, points = [], []
    for small, group in groups.items():
        kept = tuple(i for i in method.indicators if i.metric not in small)
        reduced = replace(method, indicators=kept)
        frame = pd.DataFrame(group)
        totals.append(score_wards(frame, reduced))
        points.append(score_points(frame, reduced))
    if not totals:
        return pd.DataFrame(columns=["ward_code", *SCORE_FIELDS, "band", "rank"]), {}
    table = pd.concat(totals, ignore_index=True)
    # One ranking over every group, by the rule of kpi.index766.score_wards (ties share a rank).
    table["rank"] = table["score_100"].rank(method="min", ascending=False).astype("Int64")
    scored = pd.concat(points, ignore_index=True).set_index(["ward_code", "code"])
    return table, {code: _indicators(code, shown[code], scored, method) for code in shown}


def _indicators(
    code: str, shown: Mapping[str, Any], scored: pd.DataFrame, method: Methodology
) -> list[dict[str, Any]]:
    """Per indicator of one ward: rate (published), maximum, threshold, points and points missed."""
    out = []
    for ind in method.indicators:
        hit = scored.loc[(code, ind.code)] if (code, ind.code) in scored.index else None
        out.append(
            {
                "code": ind.code,
                "group": ind.group,
                "label": ind.label,
                "metric": ind.metric,
                "rate": shown[ind.metric],
                "max": ind.max,
                "full_at": ind.full_at,
                "points": None if hit is None else _clean(hit["points"]),
                "missed": None if hit is None else _clean(hit["missed"]),
                "applies": bool(hit is not None and hit["applies"]),
            }
        )
    return out


def ward_entry(
    code: str,
    name: str,
    now: Mapping[str, Any] | None,
    before: Mapping[str, Any] | None,
    indicators: list[dict[str, Any]],
) -> dict[str, Any]:
    """One ward of the answer; without a public score its score fields say so."""
    if now is None:
        return {
            "ward_code": code,
            "ward_name": name,
            **dict.fromkeys(SCORE_FIELDS, NOT_ENOUGH),
            "band": None,
            "rank": None,
            "score_100_previous": None,
            "change": None,
            "rank_previous": None,
            "indicators": [],
            "suppressed": list(SCORE_FIELDS),
        }
    previous = None if before is None else before["score_100"]
    change = None if previous is None else round(now["score_100"] - previous, 2)
    return {
        "ward_code": code,
        "ward_name": name,
        **{f: now[f] for f in SCORE_FIELDS},
        "band": now["band"],
        "rank": now["rank"],
        "score_100_previous": previous,
        "change": change,
        "rank_previous": None if before is None else before["rank"],
        "indicators": indicators,
        "suppressed": [],
    }


def methodology_body(method: Methodology) -> dict[str, Any]:
    """The scoring rules as data: indicators, grade bands and the "không tính" group."""
    return {
        "indicators": [
            {
                "code": i.code,
                "group": i.group,
                "label": i.label,
                "metric": i.metric,
                "max": i.max,
                "full_at": i.full_at,
                "no_data_full": i.no_data_full,
            }
            for i in method.indicators
        ],
        "bands": [{"label": b.label, "min": b.min} for b in method.bands],
        "not_computed": list(method.not_computed),
    }


def estimate_body(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    province: dict[str, Any],
    wards: Mapping[str, str],
    ward: str | None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The ``/index766`` answer: the public estimate of every ward (or of ``ward``)."""
    method = load_methodology()
    previous = period.previous()
    frame = cached_kpis(
        cur, periods=[period, previous], filters=Filters(province["code"]), by="ward", now=now
    )
    rows = records(frame)
    current, points = score([r for r in rows if r["period"] == 1], method)
    before, _ = score([r for r in rows if r["period"] == 2], method)
    now_by = {r["ward_code"]: {k: _clean(v) for k, v in r.items()} for r in records(current)}
    before_by = {r["ward_code"]: {k: _clean(v) for k, v in r.items()} for r in records(before)}
    entries = [
        ward_entry(code, name, now_by.get(code), before_by.get(code), points.get(code, []))
        for code, name in wards.items()
        if ward is None or code == ward
    ]
    entries.sort(key=lambda e: (e["rank"] is None, e["rank"] or 0, e["ward_code"]))
    first = rows[0] if rows else {}
    return {
        "estimate": True,
        "title": method.title,
        "note": method.note,
        "period": period_body(period, first),
        "previous_period": {"from": iso(previous.date_from), "to": iso(previous.date_to)},
        "province": province,
        "ward": None if ward is None else {"code": ward, "name": wards[ward]},
        "data_as_of": iso(first.get("data_as_of")),
        "methodology": methodology_body(method),
        "not_computed": list(method.not_computed),
        "public_rule": (
            f"Chỉ tiêu có mẫu số dưới {MIN_DENOMINATOR} không được tính điểm công khai "
            f"('{NOT_ENOUGH}'); phường, xã có dưới {MIN_DENOMINATOR} hồ sơ phải giải quyết "
            "không được xếp hạng."
        ),
        "suppression": SUPPRESSION,
        "wards": entries,
    }
