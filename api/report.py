"""``/api/v1/report``'s parameters and answer (data-contract §5): the periodic report.

Public like ``/kpis``: counts only (metrics.md §7 keeps every count exact, small ones included,
and the report has no rate), by field, the finest public breakdown. ``format=json`` (the
default) answers the rows; ``format=xlsx`` the evaluators' Excel file, the very bytes of the
page's Excel button (:func:`ui.report_xlsx.report_workbook`). Besides ``ward=`` and
``province=`` (as ``/kpis`` reads them), ``province=all`` asks for the whole country, as the
pages' URLs do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.params import ApiError
from api.payload import iso
from kpi.report import COUNTS, Report, Scope
from ui.report_xlsx import COUNTRY, TITLE

PARAMS = ("from", "to", "period", "ward", "province", "format")
FORMATS = ("json", "xlsx")
NATIONAL = "all"  # province=all: the whole country (ui.filters.NATIONAL)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def output_format(args: Mapping[str, str]) -> str:
    """``json`` (the default) or ``xlsx``; anything else is a 400 naming ``format``."""
    value = args.get("format", "json")
    if value not in FORMATS:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ApiError(
            400,
            f"Định dạng không hỗ trợ: format={shown!r} (chỉ json hoặc xlsx).",
            "format",
            allowed=list(FORMATS),
        )
    return value


def national(args: Mapping[str, str]) -> bool:
    """Whether the request asks for the whole country (``province=all``, without a ward: a
    ward is answered in its own province, so both at once is a 400 naming ``province``)."""
    if args.get("province") != NATIONAL:
        return False
    if "ward" in args:
        raise ApiError(
            400, "Dùng ward hoặc province=all (toàn quốc), không dùng cả hai.", "province"
        )
    return True


def scope(province: Mapping[str, Any], wards: Mapping[str, str], ward: str | None) -> Scope:
    """The report's scope from what the route checked: the province (``code``, ``name``), its
    wards (code → name) and the ward asked for, if any."""
    if ward is None:
        return Scope("province", province_code=province["code"], province_name=province["name"])
    return Scope(
        "ward",
        province_code=province["code"],
        province_name=province["name"],
        ward_code=ward,
        ward_name=wards.get(ward, ward),
    )


def scope_body(chosen: Scope) -> dict[str, Any]:
    """The ``ward`` object, as ``/kpis`` gives it: the ward (with its province), the province,
    or the country (``level`` ``country``, no code)."""
    province = {"code": chosen.province_code, "name": chosen.province_name}
    if chosen.level == "ward":
        return {"level": "ward", "code": chosen.ward_code, "name": chosen.ward_name,
                "province": province}  # fmt: skip
    if chosen.level == "province":
        return {"level": "province", **province}
    return {"level": "country", "code": None, "name": COUNTRY}


def _counts(row: Mapping[str, Any]) -> dict[str, int]:
    return {key: int(row[key]) for key in COUNTS}


def report_body(report: Report) -> dict[str, Any]:
    """The JSON answer: the period (with ``as_of``, when the dossiers in process were judged),
    the unit, ``data_as_of``, the columns, one row per field and the total row."""
    period = report.period
    return {
        "report": TITLE,
        "period": {
            "from": iso(period.date_from),
            "to": iso(period.date_to),
            "as_of": iso(report.as_of),
            "kind": str(period.kind),
        },
        "ward": scope_body(report.scope),
        "data_as_of": iso(report.data_as_of),
        "columns": list(COUNTS),
        "rows": [{"field": row["field"], **_counts(row)} for row in report.fields],
        "total": _counts(report.total),
    }
