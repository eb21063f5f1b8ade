"""Allow-lists the API validates parameters against: provinces, wards and fields."""

from __future__ import annotations

import duckdb

from kpi.reference import fields, province_name, ward_options, ward_province

__all__ = ["fields", "province_name", "ward_province", "wards"]


def wards(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> dict[str, str]:
    """Ward code → name for the wards of a province, in Vietnamese name order."""
    frame = ward_options(cur, province_code=province_code)
    return dict(zip(frame["ward_code"], frame["ward_name"], strict=True))
