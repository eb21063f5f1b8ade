"""What the API answers: metrics rows turned into their public form, as JSON or CSV.

Public rules (metrics.md §7) come from :mod:`kpi.public` and nowhere else: counts are exact,
small ones included; a rate over fewer than 10 cases (or without data) stays in its own field as
the text ``"chưa đủ dữ liệu"``, so a client never mistakes it for a number, and the row's
``suppressed`` list names those fields; :data:`SUPPRESSION` (sent with every answer) states the
rule. The ward table is a public ranking by the on-time rate (:func:`kpi.public.ranked`): wards
whose rate is not reliable follow the ranked ones with ``rank`` null. Rates are fractions at full
precision; timestamps ISO 8601, local time.
``/kpis`` carries its comparison period (metrics.md §6) in ``compare``, with the same figures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from kpi.metrics import Filters, cached_kpis, records
from kpi.periods import Period
from kpi.public import MIN_DENOMINATOR, NOT_ENOUGH, publish, ranked

# Counts published, in the order of metrics.md (§1 flow, §2 classes, §3 channels, §4).
COUNTS: tuple[str, ...] = (
    "received", "carried_over", "to_process", "completed",
    "early", "on_time", "late", "in_time", "overdue", "no_due", "late_interagency",
    "withdrawn", "stopped", "online", "full_online", "postal", "direct", "ratings", "petitions",
)  # fmt: skip

# Rates published (fractions); each has its denominator in kpi.public.RATE_DENOMINATORS.
RATES: tuple[str, ...] = (
    "on_time_rate", "resolved_on_time_rate", "online_share", "full_online_share",
    "postal_share", "direct_share", "paid_online_rate", "e_result_rate", "digitized_rate",
    "reuse_rate", "no_wait_share", "interagency_share", "satisfied_rate", "response_rate",
    "satisfaction_766", "petition_on_time_rate", "petition_satisfaction",
)  # fmt: skip

# The ward table's ranking rate (as the leaders' league table ranks).
RANK_BY = "on_time_rate"

SUPPRESSION: dict[str, Any] = {
    "rule": "metrics.md §7",
    "not_enough_data": NOT_ENOUGH,
    "min_denominator": MIN_DENOMINATOR,
    "rank_by": RANK_BY,
    "note": (
        "Số đếm là số chính xác, kể cả số nhỏ. Tỷ lệ có mẫu số dưới "
        f"{MIN_DENOMINATOR} hoặc không có dữ liệu hiển thị '{NOT_ENOUGH}' (các trường đó được "
        "liệt kê trong 'suppressed'); phường, xã có tỷ lệ xếp hạng như vậy đứng sau các phường, "
        "xã được xếp hạng, với 'rank' là null."
    ),
}


def iso(value: date | datetime | None) -> str | None:
    """ISO 8601 text of a date or a local (naive) timestamp; ``None`` stays ``None``."""
    return None if value is None else value.isoformat()


def public_figures(row: Mapping[str, Any]) -> dict[str, Any]:
    """The published counts and rates of one metrics row, plus its ``suppressed`` list."""
    figures = publish(row, counts=COUNTS, rates=RATES)
    # publish gives a number, or the text NOT_ENOUGH in place of an unreliable rate.
    figures["suppressed"] = [k for k, v in figures.items() if isinstance(v, str)]
    return figures


def period_body(period: Period, row: Mapping[str, Any]) -> dict[str, Any]:
    """``from``, ``to``, ``as_of`` (when in-process dossiers were judged) and working days."""
    return {
        "from": iso(period.date_from),
        "to": iso(period.date_to),
        "as_of": iso(row.get("as_of")),
        "working_days": row.get("working_days"),
    }


def kpis_rows(
    cur: duckdb.DuckDBPyConnection, *, period: Period, filters: Filters
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The metrics of ``period`` and of its comparison period (metrics.md §6), from one query
    answered once per data version and clock (:func:`kpi.metrics.cached_kpis`)."""
    frame = cached_kpis(cur, periods=[period, period.previous()], filters=filters)
    current, compared = records(frame)
    return current, compared


def _coverage(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"wards_with_data": row.get("wards_with_data"), "wards_total": row.get("wards_total")}


def compare_body(row: Mapping[str, Any]) -> dict[str, Any]:
    """The ``compare`` object: the comparison period's dates (as queried) and its figures."""
    return {
        "from": iso(_day(row["date_from"])),
        "to": iso(_day(row["date_to"])),
        "as_of": iso(row.get("as_of")),
        "working_days": row.get("working_days"),
        **public_figures(row),
        "coverage": _coverage(row),
    }


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def kpis_body(
    period: Period,
    scope: dict[str, Any],
    field: str | None,
    row: Mapping[str, Any],
    compared: Mapping[str, Any],
) -> dict[str, Any]:
    """The ``/kpis`` object: period (with its kind), scope, every published figure, freshness,
    coverage and the comparison period's figures (``compared``, a row of :func:`kpis_rows`)."""
    figures = public_figures(row)
    suppressed = figures.pop("suppressed")
    return {
        "period": period_body(period, row) | {"kind": str(period.kind)},
        "ward": scope,
        "field": field,
        **figures,
        "data_as_of": iso(row.get("data_as_of")),
        "coverage": _coverage(row),
        "compare": compare_body(compared),
        "suppressed": suppressed,
        "suppression": SUPPRESSION,
    }


def ward_rows(rows: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict]:
    """One published row per ward of a ``kpis(by='ward')`` frame, ranked by :data:`RANK_BY`
    (best first, ties sharing the smaller rank and kept in the order of ``names``); wards whose
    rate is not reliable follow, in the order of ``names``, with ``rank`` None."""
    by_code = {row["key"]: row for row in rows}
    published = [
        {"ward_code": code, "ward_name": name, **public_figures(by_code[code])}
        for code, name in names.items()
        if code in by_code
    ]
    # rank beside the ward's name, before its figures
    return [
        {
            "ward_code": r.pop("ward_code"),
            "ward_name": r.pop("ward_name"),
            "rank": r.pop("rank"),
            **r,
        }
        for r in ranked(published, by=RANK_BY)
    ]


CSV_COLUMNS: tuple[str, ...] = ("ward_code", "ward_name", "rank", *COUNTS, *RATES, "suppressed")


def wards_csv(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The ward rows as CSV: UTF-8 with a BOM (Excel then reads Vietnamese right), ``,`` and ``.``.

    Rates are written at full precision (``repr`` of the float); ``suppressed`` is the list of
    suppressed columns joined by ``;``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        cells = [row[c] for c in CSV_COLUMNS[:-1]]
        cells = [repr(c) if isinstance(c, float) else c for c in cells]
        writer.writerow([*cells, ";".join(row["suppressed"])])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
