"""Reference lookups: wards, provinces and fields, for menus and parameter allow-lists.

Ward codes are national (product.md "Scope: any province"): one warehouse may hold several
provinces. A province code of ``None`` means the whole country, that is every province that has
loaded dossiers (the national view never lists the 3,000 wards of provinces nobody loaded).

Each list is read once per warehouse version (:func:`kpi.cache.per_version`: the data and the
reference data change only with a load), not on every callback: the fields and procedures
otherwise scan every dossier.
"""

from __future__ import annotations

from typing import NamedTuple

import duckdb
import pandas as pd

from kpi.cache import per_version
from kpi.db import NoWarehouse, cursor

# Provinces with at least one loaded dossier, in Vietnamese name order.
_LOADED_PROVINCES_SQL = """
SELECT p.province_code, p.province_short
FROM provinces AS p
WHERE p.province_code IN (
    SELECT DISTINCT w.province_code
    FROM (SELECT DISTINCT ward_code FROM dossiers) AS d
    JOIN wards AS w USING (ward_code)
)
ORDER BY p.province_short COLLATE vi, p.province_code
"""
# The wards of a province, or (``$province_code`` NULL) of every province with loaded dossiers.
_WARD_SCOPE = """
FROM wards
WHERE ($province_code IS NOT NULL AND province_code = $province_code)
   OR ($province_code IS NULL AND province_code IN (
        SELECT DISTINCT w.province_code
        FROM (SELECT DISTINCT ward_code FROM dossiers) AS d
        JOIN wards AS w USING (ward_code)))
ORDER BY ward_short COLLATE vi, ward_code
"""
_WARD_OPTIONS_SQL = "SELECT ward_code, ward_name" + _WARD_SCOPE
_WARD_PLACES_SQL = "SELECT ward_code, ward_name, province_code, lat, lon" + _WARD_SCOPE
_PROVINCE_PLACES_SQL = """
SELECT p.province_code, p.province_short AS province_name, avg(w.lat) AS lat, avg(w.lon) AS lon
FROM provinces AS p
JOIN wards AS w USING (province_code)
GROUP BY p.province_code, p.province_short
ORDER BY p.province_short COLLATE vi, p.province_code
"""
_PROVINCE_SQL = "SELECT province_name FROM provinces WHERE province_code = $code"
_WARD_PROVINCE_SQL = "SELECT province_code FROM wards WHERE ward_code = $code"
_FIELDS_SQL = """
SELECT DISTINCT field FROM dossiers WHERE field IS NOT NULL ORDER BY field COLLATE vi, field
"""
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


def _frame(cur: duckdb.DuckDBPyConnection, sql: str, params: dict) -> pd.DataFrame:
    """The answer of ``sql`` as a frame, read once per warehouse version (a copy each call)."""
    key = tuple(sorted(params.items()))
    return per_version(cur, sql, key, lambda: _run(cur, sql, params).df()).copy()


def _rows(cur: duckdb.DuckDBPyConnection, sql: str, params: dict) -> list[tuple]:
    """The rows of ``sql``, read once per warehouse version (a new list each call)."""
    key = tuple(sorted(params.items()))
    return list(per_version(cur, sql, key, lambda: _run(cur, sql, params).fetchall()))


def ward_options(cur: duckdb.DuckDBPyConnection, *, province_code: str | None) -> pd.DataFrame:
    """The wards of a province (``ward_code``, ``ward_name``) in Vietnamese name order;
    ``province_code=None``: the wards of every province with loaded dossiers."""
    return _frame(cur, _WARD_OPTIONS_SQL, {"province_code": province_code})


def ward_places(cur: duckdb.DuckDBPyConnection, *, province_code: str | None) -> pd.DataFrame:
    """The wards of :func:`ward_options` with their province and centroid (``ward_code,
    ward_name, province_code, lat, lon``); ``lat``/``lon`` are null where the reference data
    has no centroid."""
    return _frame(cur, _WARD_PLACES_SQL, {"province_code": province_code})


def province_places(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every province (``province_code, province_name`` (short), ``lat, lon``: the mean of its
    wards' centroids), in Vietnamese name order: the national map's points."""
    return _frame(cur, _PROVINCE_PLACES_SQL, {})


def province_name(cur: duckdb.DuckDBPyConnection, *, province_code: str) -> str | None:
    """The name of a province (``None`` when the code is not one of today's 34)."""
    rows = _rows(cur, _PROVINCE_SQL, {"code": province_code})
    return rows[0][0] if rows else None


def ward_province(cur: duckdb.DuckDBPyConnection, *, ward_code: str) -> str | None:
    """The province of one of today's wards (``None`` when the code is not a ward's)."""
    rows = _rows(cur, _WARD_PROVINCE_SQL, {"code": ward_code})
    return rows[0][0] if rows else None


def loaded_provinces(cur: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Province code → short name of every province with a loaded dossier, in name order."""
    return dict(_rows(cur, _LOADED_PROVINCES_SQL, {}))


def procedures(cur: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Every procedure code that some loaded dossier names → its name (``None`` if none given),
    sorted by code: the allow-list of the ``procedure`` URL parameter."""
    return dict(_rows(cur, _PROCEDURES_SQL, {}))


def fields(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Every field (lĩnh vực) that some loaded dossier names, in Vietnamese order (Đ after D)."""
    return [row[0] for row in _rows(cur, _FIELDS_SQL, {})]


class AllowLists(NamedTuple):
    """What the filter bar may offer for one province (``province`` ``None``: the country)."""

    wards: dict[str, str]  # ward code → name, of the province (or of every loaded province)
    fields: list[str]  # the fields some loaded dossier names
    procedures: dict[str, str | None]  # procedure code → name
    provinces: dict[str, str]  # province code → short name, of every loaded province
    province: str | None  # the province these wards belong to; None: the whole country
    problem: NoWarehouse | None = None  # why everything is empty: nothing loaded, or corrupt


def allow_lists(province_code: str | None) -> AllowLists:
    """What the filter bar may offer, read from the warehouse now, for ``province_code``
    (``None``: every loaded province); all empty while nothing is loaded, ``problem`` saying
    why."""
    try:
        with cursor() as cur:
            frame = ward_options(cur, province_code=province_code)
            wards = dict(zip(frame["ward_code"], frame["ward_name"], strict=True))
            return AllowLists(
                wards, fields(cur), procedures(cur), loaded_provinces(cur), province_code
            )
    except NoWarehouse as exc:
        return AllowLists({}, [], {}, {}, province_code, exc)
