"""The fields page's questions: fields, the procedures of a field, the wards of a procedure.

Every figure comes from :func:`kpi.metrics.kpis` (one call per table, one period), so a field's
row is computed exactly like the city's headline. What this module adds is the lateness
arithmetic the page is about: ``late_total`` = late (resolved after the due date) + overdue (still
open past it), where it concentrates (``late_share`` of every late dossier of the selection),
and the late dossiers split by the inter-agency flag (``late_interagency`` and ``late_other``).

Rows are only groups with some dossier in the period (received, to process or completed).
A procedure without a code has ``procedure_code`` ``None``; a field is never null (the loader
requires it).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

import duckdb
import pandas as pd

from kpi.metrics import Filters, cached_kpis
from kpi.periods import Period
from kpi.reference import ward_options

# Columns every table shares, straight from kpis() or derived here.
FIGURES = (
    "received", "completed", "to_process", "on_time_rate", "resolved_on_time_rate", "late",
    "overdue", "late_total", "late_share", "late_interagency", "late_other", "interagency_known",
    "online", "online_share", "full_online_share", "wards_with_data", "data_as_of",
)  # fmt: skip
FIELD_COLUMNS = ("field", *FIGURES)
PROCEDURE_COLUMNS = ("procedure_code", "procedure_name", *FIGURES)
WARD_COLUMNS = ("ward_code", "ward_name", *FIGURES)


def name_key(text: str) -> str:
    """A sort key close to Vietnamese order: accents after the base letter, đ after d."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d~").replace("Đ", "D~"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def _by_name(column: pd.Series) -> pd.Series:
    return column.map(lambda v: name_key(v) if isinstance(v, str) else "")


def _figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Groups with data, with the lateness columns added (counts as plain integers)."""
    frame = frame[(frame["to_process"] > 0) | (frame["completed"] > 0) | (frame["received"] > 0)]
    frame = frame.copy()
    frame["late_total"] = frame["late"] + frame["overdue"]
    total = int(frame["late_total"].sum())
    frame["late_share"] = frame["late_total"] / total if total else None
    frame["late_other"] = frame["late"] - frame["late_interagency"]
    for column in ("late_total", "late_other"):
        frame[column] = frame[column].astype("int64")
    return frame


def _ordered(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> pd.DataFrame:
    """Most late + overdue first, then the largest volume, then by name."""
    frame = frame.sort_values(name, key=_by_name, kind="stable")
    frame = frame.sort_values(["late_total", "to_process"], ascending=[False, False], kind="stable")
    return frame[list(columns)].reset_index(drop=True)


def field_table(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
) -> pd.DataFrame:
    """One row per field with dossiers in the period: :data:`FIELD_COLUMNS`, most late first.

    The field filter of ``filters`` is ignored (the table compares every field); ward, procedure
    and channel apply.
    """
    scope = replace(filters, field=None)
    frame = cached_kpis(cur, periods=[period], filters=scope, by="field", now=now)
    frame = _figures(frame).rename(columns={"key": "field"})
    return _ordered(frame, FIELD_COLUMNS, "field")


def procedure_table(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
) -> pd.DataFrame:
    """One row per procedure with dossiers in the period (within the field of ``filters``, if
    any): :data:`PROCEDURE_COLUMNS`, most late first. The procedure filter is ignored."""
    scope = replace(filters, procedure_code=None)
    frame = cached_kpis(cur, periods=[period], filters=scope, by="procedure", now=now)
    frame = _figures(frame).rename(columns={"key": "procedure_code", "label": "procedure_name"})
    frame["procedure_code"] = frame["procedure_code"].replace("", None)
    frame["_order"] = frame["procedure_code"].fillna("")
    frame = frame.sort_values(
        ["late_total", "to_process", "_order"], ascending=[False, False, True], kind="stable"
    )
    return frame[list(PROCEDURE_COLUMNS)].reset_index(drop=True)


def procedure_wards(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
) -> pd.DataFrame:
    """One row per ward with dossiers of the selection (typically one procedure) in the period:
    :data:`WARD_COLUMNS`, most late first."""
    frame = cached_kpis(cur, periods=[period], filters=filters, by="ward", now=now)
    names = ward_options(cur, province_code=filters.province_code)
    frame = _figures(frame).rename(columns={"key": "ward_code"})
    frame = frame.merge(names, on="ward_code", how="left")
    return _ordered(frame, WARD_COLUMNS, "ward_name")


def top_by_volume(frame: pd.DataFrame, *, limit: int = 10) -> pd.DataFrame:
    """The ``limit`` rows with the most dossiers received (ties by the table's order)."""
    received = frame[frame["received"] > 0]
    return received.sort_values("received", ascending=False, kind="stable").head(limit)


@dataclass(frozen=True)
class Worst:
    """The field(s) holding the most late + overdue dossiers, and their share of all of them."""

    names: tuple[str, ...]
    late_total: int  # each one's count (they tie)
    share: float  # of every late + overdue dossier of the selection
    all_late: int


def worst(frame: pd.DataFrame, *, name: str = "field") -> Worst | None:
    """Where late dossiers concentrate: the group(s) with the largest ``late_total``.

    ``None`` when no dossier of the table is late or overdue.
    """
    all_late = int(frame["late_total"].sum()) if not frame.empty else 0
    if all_late == 0:
        return None
    top = int(frame["late_total"].max())
    names = tuple(str(n) for n in frame.loc[frame["late_total"] == top, name])
    return Worst(names, top, top / all_late, all_late)


def drill_table(
    cur: duckdb.DuckDBPyConnection,
    *,
    period: Period,
    filters: Filters,
    now: datetime | None = None,
) -> pd.DataFrame:
    """The drill-down level ``filters`` asks for, in one query: the wards of a procedure
    (:func:`procedure_wards`), the procedures of a field (:func:`procedure_table`) or every
    field (:func:`field_table`)."""
    if filters.procedure_code is not None:
        return procedure_wards(cur, period=period, filters=filters, now=now)
    if filters.field is not None:
        return procedure_table(cur, period=period, filters=filters, now=now)
    return field_table(cur, period=period, filters=filters, now=now)
