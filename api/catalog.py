"""Allow-lists the API validates parameters against: provinces, wards and fields.

These are questions for the metrics layer (STYLE: SQL lives in ``kpi/``); they live here only
until ``kpi`` grows the same functions (the province's name and the warehouse's fields), and then
this module shrinks to imports. Every value is bound as a parameter.
"""

from __future__ import annotations

import duckdb

from kpi.db import NoWarehouse
from kpi.flow import ward_options

_PROVINCE_SQL = "SELECT province_name FROM provinces WHERE province_code = $code"
_FIELDS_SQL = "SELECT DISTINCT field FROM dossiers WHERE field IS NOT NULL ORDER BY field"


def province_name(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> str | None:
    """The name of a province (``None`` when the code is not one of today's 34)."""
    try:
        row = cur.execute(_PROVINCE_SQL, {"code": province_code}).fetchone()
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc
    return row[0] if row else None


def fields(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Every field (lĩnh vực) that some loaded dossier names, sorted."""
    try:
        return [row[0] for row in cur.execute(_FIELDS_SQL).fetchall()]
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc


def wards(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> dict[str, str]:
    """Ward code → name for the wards of a province, in Vietnamese name order."""
    frame = ward_options(cur, province_code=province_code)
    return dict(zip(frame["ward_code"], frame["ward_name"], strict=True))
