"""Table exports: one Excel workbook per page (a sheet per table) and CSV, plus the two buttons.

Evaluators compare our files with their own spreadsheets, so every cell holds the real value and
the display is left to Excel number formats: counts are numbers shown ``#,##0``, rates the
full-precision fraction shown ``0.00%``, days Excel dates shown ``dd/mm/yyyy`` (Excel draws the
separators of the user's locale; ``12439`` appears as 12.439 on a Vietnamese machine), moments
in whole seconds shown ``dd/mm/yyyy hh:mm``, except the end of a day (a due date given without a
time) shown ``dd/mm/yyyy``, as the page shows it. A missing value (``None``, NaN, NaT: no data, a
zero denominator) is an empty cell, never 0.

Text is always written as text: codes keep their leading zeros (``00004``) and a value that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is stored as a string cell with Excel's quote prefix in the workbook, and behind a
``'`` in CSV (OWASP's advice on CSV injection).

The CSV of a table is for programs as much as for people: UTF-8 with a BOM (Excel then reads
Vietnamese right), ``,`` separated, CRLF lines, the Vietnamese headers in the first line and no
title rows; ``.`` decimals; counts as plain digits; rates as full-precision fractions, the same
numbers as the workbook's cells and the JSON API; days ``YYYY-MM-DD`` and moments
``YYYY-MM-DD HH:MM:SS`` (ISO 8601, read alike in every locale); missing values empty.

Writers are pure (tables in, bytes out). :func:`export_buttons` is the Dash piece a page adds;
its callback calls :func:`download` with the page's tables.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kpi.periods import TIMEZONE, local_now
from marks import N_
from ui.format import fmt_date, fmt_int, fmt_number, fmt_pct, is_day_end
from ui.i18n import _

SOURCE = "Một Cửa"
INFO_SHEET = "Thông tin"
FILE_PREFIX = "motcua"

KINDS = ("text", "int", "pct", "number", "date", "datetime")

# Excel number format of each column kind (metrics and product conventions).
NUMBER_FORMATS: dict[str, str] = {
    "text": "@",
    "int": "#,##0",
    "pct": "0.00%",
    "number": "#,##0.0",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
}

MIME_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "zip": "application/zip",
}

# First characters that make a spreadsheet evaluate a text cell (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDTH_MIN, _WIDTH_MAX, _HEADER_WRAP = 6, 60, 24

_TITLE_FONT = Font(bold=True, size=14)
_NOTE_FONT = Font(italic=True, color="555555")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    """One exported column: the DataFrame column ``key``, its Vietnamese header and its kind.

    ``kind`` is one of :data:`KINDS`: ``text``, ``int`` (a count), ``pct`` (a rate given as a
    fraction), ``number`` (a decimal such as average days), ``date`` or ``datetime``.
    """

    key: str
    header: str
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r} (one of {KINDS})")


@dataclass(frozen=True)
class Table:
    """One table of a page: its sheet name, its title, the columns shown and the rows.

    ``sheet`` is cleaned for Excel (forbidden characters, 31 characters, unique in the workbook);
    ``note`` says what the figures cover (period, "Dữ liệu đến …", coverage, a definition).
    """

    sheet: str
    title: str
    columns: Sequence[Column]
    rows: pd.DataFrame
    note: str | None = None

    def __post_init__(self) -> None:
        missing = [c.key for c in self.columns if c.key not in self.rows.columns]
        if missing:
            raise ValueError(f"table {self.sheet!r}: no column {', '.join(missing)} in the rows")


# --- values ----------------------------------------------------------------------------------


def _is_missing(value: Any) -> bool:
    """True for ``None``, NaN, NaT and ``pd.NA``: no data, written as an empty cell."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers are not "missing"
        return False


def _local(moment: datetime) -> datetime:
    """A naive local (Vietnam) datetime: Excel has no time zones; stored times are local."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(TIMEZONE).replace(tzinfo=None)
    return moment


def _text(value: Any) -> str:
    """A text value as Excel accepts it: NFC, without the control characters XML forbids."""
    return ILLEGAL_CHARACTERS_RE.sub("", unicodedata.normalize("NFC", str(value)))


def _cell_value(column: Column, value: Any, row: int) -> Any:
    """The value to store for one cell (``None`` = empty), checked against the column's kind.

    A number in a text column becomes its text; a text in a numeric or date column is an error
    (it would otherwise reach the evaluator's sum as a string).
    """
    if _is_missing(value):
        return None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):
        value = value.item()  # numpy scalar → Python
    kind = column.kind
    if kind == "text":
        return _text(value)
    if kind in ("date", "datetime"):
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if isinstance(value, datetime):
            # Whole seconds: Excel rounds a fraction of a second it does not show, so the end of
            # a day (23:59:59.999999, a date given without a time) would read as the next day.
            return value.date() if kind == "date" else _local(value).replace(microsecond=0)
        if isinstance(value, date):
            return value if kind == "date" else datetime(value.year, value.month, value.day)
    elif isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value):
        if kind != "int":
            return float(value)
        if isinstance(value, Integral) or float(value).is_integer():
            return int(value)
    raise TypeError(f"column {column.key!r}, row {row}: {value!r} is not a {kind} value")


def _looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _display(column: Column, value: Any) -> str:
    """Roughly what Excel shows for a stored value, to size the column."""
    if value is None:
        return ""
    return {
        "text": lambda v: v,
        "int": fmt_int,
        "pct": fmt_pct,
        "number": fmt_number,
        "date": fmt_date,
        "datetime": lambda v: fmt_date(v.date()) if is_day_end(v) else f"{v:%d/%m/%Y %H:%M}",
    }[column.kind](value)


def _number_format(column: Column, value: Any) -> str:
    """The Excel format of one cell: its column kind's, except that a moment at the end of a
    day (a date given without a time) shows its day alone, as the page does
    (:func:`ui.format.fmt_moment`)."""
    if column.kind == "datetime" and isinstance(value, datetime) and is_day_end(value):
        return NUMBER_FORMATS["date"]
    return NUMBER_FORMATS[column.kind]


def _column_values(table: Table) -> list[list[Any]]:
    """The checked cell values of a table, one list per row."""
    frame = table.rows
    columns = [frame[c.key].tolist() for c in table.columns]
    return [
        [_cell_value(col, columns[j][i], i + 1) for j, col in enumerate(table.columns)]
        for i in range(len(frame))
    ]


# --- sheet names -----------------------------------------------------------------------------


def sheet_names(wanted: Sequence[str], *, reserved: Sequence[str] = (INFO_SHEET,)) -> list[str]:
    """Excel-safe, unique sheet names for ``wanted``, in order.

    Forbidden characters (``[ ] : * ? / \\``) become ``-``, leading and trailing apostrophes and
    spaces go, an empty name becomes "Bảng", names are cut to 31 characters and a name already
    taken (Excel compares without case) gets `` (2)``, `` (3)``, … within the 31 characters.
    """
    taken = {_sheet_key(name) for name in reserved}
    names: list[str] = []
    for raw in wanted:
        base = _SHEET_FORBIDDEN.sub("-", unicodedata.normalize("NFC", raw)).strip(" '") or "Bảng"
        base = base[:SHEET_NAME_MAX].rstrip(" '")
        name, n = base, 1
        while _sheet_key(name) in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip(" '") + suffix
        taken.add(_sheet_key(name))
        names.append(name)
    return names


def _sheet_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


# --- workbook --------------------------------------------------------------------------------


def _write(ws: Worksheet, row: int, column: int, value: Any, number_format: str) -> Cell:
    """Write one cell; text is always a string cell, formula-looking text quote-prefixed."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        if _looks_like_formula(value):
            cell.quotePrefix = True
    if value is not None:
        cell.number_format = number_format
    return cell


def _width(texts: Sequence[str], header: str) -> float:
    """A column width (characters) fitting the values and the header wrapped at ~24 characters."""
    longest_word = max((len(w) for w in header.split()), default=0)
    wanted = max([min(len(header), _HEADER_WRAP), longest_word, *(len(t) for t in texts)])
    return float(min(max(wanted + 2, _WIDTH_MIN), _WIDTH_MAX))


def _table_sheet(ws: Worksheet, table: Table) -> None:
    """Title row, optional note row, bold header row (frozen, filtered), then the data rows."""
    _write(ws, 1, 1, _text(table.title), "General").font = _TITLE_FONT
    header_row = 2
    if table.note:
        _write(ws, 2, 1, _text(table.note), "General").font = _NOTE_FONT
        header_row = 3
    for j, column in enumerate(table.columns, start=1):
        cell = _write(ws, header_row, j, _text(column.header), "General")
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
    values = _column_values(table)
    for i, row in enumerate(values, start=header_row + 1):
        for j, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            _write(ws, i, j, value, _number_format(column, value))
    for j, column in enumerate(table.columns, start=1):
        texts = [_display(column, row[j - 1]) for row in values]
        ws.column_dimensions[get_column_letter(j)].width = _width(texts, column.header)
    last = get_column_letter(max(len(table.columns), 1))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + len(values)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _info_sheet(
    ws: Worksheet,
    tables: Sequence[Table],
    names: Sequence[str],
    *,
    title: str,
    subtitle: str | None,
    generated_at: datetime,
) -> None:
    """The first sheet: title, subtitle, when and where from, and what each sheet holds."""
    _write(ws, 1, 1, _text(title), "General").font = _TITLE_FONT
    row = 2
    if subtitle:
        _write(ws, 2, 1, _text(subtitle), "General").font = _NOTE_FONT
        row = 3
    row += 1
    ws.cell(row=row, column=1, value="Thời điểm tạo").font = _HEADER_FONT
    _write(ws, row, 2, generated_at.replace(microsecond=0), NUMBER_FORMATS["datetime"])
    ws.cell(row=row + 1, column=1, value="Nguồn").font = _HEADER_FONT
    _write(ws, row + 1, 2, SOURCE, "@")
    row += 3
    for j, header in enumerate(("Trang tính", "Bảng", N_("Ghi chú")), start=1):
        cell = ws.cell(row=row, column=j, value=header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for i, (table, name) in enumerate(zip(tables, names, strict=True), start=row + 1):
        _write(ws, i, 1, name, "@")
        _write(ws, i, 2, _text(table.title), "@")
        _write(ws, i, 3, _text(table.note) if table.note else None, "@")
    ws.column_dimensions["A"].width = max(16.0, *(len(n) + 2.0 for n in names))
    ws.column_dimensions["B"].width = min(max(20.0, *(len(t.title) + 2.0 for t in tables)), 60.0)
    ws.column_dimensions["C"].width = 80.0


def workbook_bytes(
    tables: Sequence[Table],
    *,
    title: str,
    subtitle: str | None = None,
    generated_at: datetime | None = None,
) -> bytes:
    """One .xlsx workbook: the "Thông tin" sheet, then one sheet per table, in order.

    ``generated_at`` (default: now in Vietnam) is written on the first sheet and in the file's
    properties.
    """
    if not tables:
        raise ValueError("a workbook needs at least one table")
    moment = _local(generated_at) if generated_at is not None else local_now()
    moment = moment.replace(microsecond=0)
    names = sheet_names([t.sheet for t in tables])
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    _info_sheet(info, tables, names, title=title, subtitle=subtitle, generated_at=moment)
    for table, name in zip(tables, names, strict=True):
        _table_sheet(wb.create_sheet(name), table)
    wb.properties.creator = SOURCE
    wb.properties.title = _text(title)
    wb.properties.created = wb.properties.modified = moment
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- CSV -------------------------------------------------------------------------------------


def _csv_text(column: Column, value: Any) -> str:
    """One CSV field (see the module docstring for the formats)."""
    if value is None:
        return ""
    if column.kind == "text":
        return "'" + value if _looks_like_formula(value) else value
    if column.kind == "int":
        return str(value)
    if column.kind in ("pct", "number"):
        return repr(value)
    if column.kind == "date":
        return value.isoformat()
    return f"{value:%Y-%m-%d %H:%M:%S}"


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a BOM, ``,``, CRLF, Vietnamese headers, then the rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_text(c.header) for c in table.columns])
    for row in _column_values(table):
        writer.writerow([_csv_text(c, v) for c, v in zip(table.columns, row, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- file names and the download -------------------------------------------------------------


def slug(text: str) -> str:
    """ASCII, lower case, words joined by ``-``: ``"Tổng quan"`` → ``"tong-quan"``."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def export_filename(page: str, period_from: date, period_to: date, ext: str) -> str:
    """``motcua-<page>-<from>-<to>.<ext>``, ASCII only (``page`` may be Vietnamese)."""
    ext = ext.lstrip(".").lower()
    if ext not in MIME_TYPES:
        raise ValueError(f"unknown export extension {ext!r} (one of {tuple(MIME_TYPES)})")
    parts = [FILE_PREFIX, slug(page), period_from.isoformat(), period_to.isoformat()]
    return "-".join(p for p in parts if p) + f".{ext}"


def csv_zip_bytes(tables: Sequence[Table]) -> bytes:
    """A .zip of one CSV per table, named after its (cleaned, unique) sheet name."""
    out = io.BytesIO()
    names = sheet_names([t.sheet for t in tables], reserved=())
    files = [slug(name) or "bang" for name in names]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, (table, file) in enumerate(zip(tables, files, strict=True), start=1):
            archive.writestr(f"{n:02d}-{file}.csv", csv_bytes(table))
    return out.getvalue()


def download(
    fmt: str,
    tables: Sequence[Table],
    *,
    page: str,
    period_from: date,
    period_to: date,
    title: str,
    subtitle: str | None = None,
    generated_at: datetime | None = None,
) -> dict[str, Any]:
    """The ``data`` of a ``dcc.Download`` for the page's tables.

    ``fmt`` is ``"xlsx"`` (one workbook, a sheet per table) or ``"csv"`` (the CSV of the table
    when there is one, else a .zip of one CSV per table).
    """
    if fmt == "xlsx":
        content = workbook_bytes(tables, title=title, subtitle=subtitle, generated_at=generated_at)
    elif fmt == "csv" and len(tables) == 1:
        content = csv_bytes(tables[0])
    elif fmt == "csv":
        content, fmt = csv_zip_bytes(tables), "zip"
    else:
        raise ValueError(f"unknown export format {fmt!r} (xlsx or csv)")
    name = export_filename(page, period_from, period_to, fmt)
    return dcc.send_bytes(content, name, type=MIME_TYPES[fmt])


@dataclass(frozen=True)
class ExportIds:
    """The component ids :func:`export_buttons` gives for one ``prefix``."""

    xlsx: str
    csv: str
    download: str

    def format_of(self, triggered_id: object) -> str | None:
        """``"xlsx"`` or ``"csv"`` for the button that fired (``dash.ctx.triggered_id``)."""
        if triggered_id == self.xlsx:
            return "xlsx"
        if triggered_id == self.csv:
            return "csv"
        return None


def export_ids(prefix: str) -> ExportIds:
    """The ids of the export buttons and download of ``prefix`` (e.g. ``overview``)."""
    return ExportIds(
        xlsx=f"{prefix}-export-xlsx", csv=f"{prefix}-export-csv", download=f"{prefix}-download"
    )


def export_buttons(prefix: str) -> Component:
    """The "Tải Excel" and "Tải CSV" buttons and the ``dcc.Download`` they fill (hidden in print).

    Ids: ``{prefix}-export-xlsx``, ``{prefix}-export-csv``, ``{prefix}-download``. The page's
    callback takes both buttons' ``n_clicks`` as inputs and returns
    ``download(ids.format_of(ctx.triggered_id), tables, …)`` to the download's ``data``.
    """
    ids = export_ids(prefix)
    hint_id = f"{prefix}-export-hint"
    buttons = [
        html.Button(
            _(label),
            id=button_id,
            type="button",
            className="btn btn-sm btn-outline-primary",
            title=_(title),
            **{"aria-describedby": hint_id},
        )
        for button_id, label, title in (
            (
                ids.xlsx,
                N_("Tải Excel"),
                N_("Tải các bảng của trang về một tệp Excel (.xlsx), mỗi bảng một trang tính"),
            ),
            (
                ids.csv,
                N_("Tải CSV"),
                N_("Tải về CSV (UTF-8, dấu phẩy); nhiều bảng: tệp .zip, mỗi bảng một CSV"),
            ),
        )
    ]
    return html.Div(
        [
            *buttons,
            html.Span(
                _("Tải dữ liệu của các bảng trên trang, theo kỳ và bộ lọc đang chọn."),
                id=hint_id,
                className="visually-hidden",
            ),
            dcc.Download(id=ids.download),
        ],
        id=f"{prefix}-export",
        role="group",
        className="mc-export d-flex gap-2 d-print-none",
        **{"aria-label": _("Tải dữ liệu")},
    )
