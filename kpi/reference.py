"""Reference lookups: wards, provinces and fields, for menus and parameter allow-lists."""

from __future__ import annotations

import duckdb
import pandas as pd

from kpi.db import NoWarehouse, cursor

_WARD_OPTIONS_SQL = """
SELECT ward_code, ward_name
FROM wards
WHERE province_code = $province_code
ORDER BY ward_short COLLATE vi, ward_code
"""
_WARD_PLACES_SQL = """
SELECT ward_code, ward_name, lat, lon
FROM wards
WHERE province_code = $province_code
ORDER BY ward_short COLLATE vi, ward_code
"""
_PROVINCE_SQL = "SELECT province_name FROM provinces WHERE province_code = $code"
_FIELDS_SQL = "SELECT DISTINCT field FROM dossiers WHERE field IS NOT NULL ORDER BY field"
_PROCEDURES_SQL = """
SELECT procedure_code, min(procedure_name)
FROM dossiers
WHERE procedure_code IS NOT NULL AND procedure_code <> ''
GROUP BY procedure_code
ORDER BY procedure_code
"""


def _run(cur: duckdb.DuckDBPyConnection, sql: str, params: dict) -> duckdb.DuckDBPyConnection:
    try:
        return cur.execute(sql, params)
    except duckdb.CatalogException as exc:
        raise NoWarehouse(f"the warehouse has no tables yet: {exc}") from exc


def ward_options(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> pd.DataFrame:
    """The wards of a province (``ward_code``, ``ward_name``) in Vietnamese name order."""
    return _run(cur, _WARD_OPTIONS_SQL, {"province_code": province_code}).df()


def ward_places(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> pd.DataFrame:
    """The wards of a province with their centroids (``ward_code, ward_name, lat, lon``), in
    Vietnamese name order; ``lat``/``lon`` are null where the reference data has no centroid."""
    return _run(cur, _WARD_PLACES_SQL, {"province_code": province_code}).df()


def province_name(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> str | None:
    """The name of a province (``None`` when the code is not one of today's 34)."""
    row = _run(cur, _PROVINCE_SQL, {"code": province_code}).fetchone()
    return row[0] if row else None


def procedures(cur: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Every procedure code that some loaded dossier names → its name (``None`` if none given),
    sorted by code: the allow-list of the ``procedure`` URL parameter."""
    return dict(_run(cur, _PROCEDURES_SQL, {}).fetchall())


def fields(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Every field (lĩnh vực) that some loaded dossier names, sorted."""
    return [row[0] for row in _run(cur, _FIELDS_SQL, {}).fetchall()]


AllowLists = tuple[dict[str, str], list[str], dict[str, str | None]]


def allow_lists(province_code: str) -> AllowLists:
    """What the filter bar may offer, read from the warehouse now: ward code → name of the
    province, the loaded fields, procedure code → name; all empty while nothing is loaded."""
    try:
        with cursor() as cur:
            frame = ward_options(cur, province_code=province_code)
            wards = dict(zip(frame["ward_code"], frame["ward_name"], strict=True))
            return wards, fields(cur), procedures(cur)
    except NoWarehouse:
        return {}, [], {}
