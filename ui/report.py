"""The sections of the report page (``/bao-cao``), from a :class:`kpi.report.Report` (pure).

The periodic report as a plain, accessible HTML table: the three-level header of
:data:`ui.report_xlsx.HEADER` (``<th colspan scope="colgroup">`` over ``<th scope="col">``), a
row header per field, the "Tổng cộng" row in the table's foot, numbers the Vietnamese way, and
a caption with the report's name, period, unit and "Dữ liệu đến …" (what a printed page needs to
stand alone). The Excel file is :func:`ui.report_xlsx.report_workbook`; the CSV is the same
rows with one header line (:func:`export_table`, written by :mod:`ui.export`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html
from dash.development.base_component import Component

from kpi.report import Report
from marks import N_
from ui.components import empty_state
from ui.export import Column, Table
from ui.format import fmt_int
from ui.i18n import _
from ui.report_xlsx import (
    COLUMNS,
    HEADER,
    HEADER_ROWS,
    TITLE,
    TOTAL,
    data_line,
    notes,
    period_line,
    scope_name,
)

PATH = "/bao-cao"
NO_DUE_HEADER = N_("Không có ngày hẹn trả")


def caption_lines(report: Report) -> list[str]:
    """What the table is: its name, the period, the unit, how fresh the data is."""
    return [
        _(TITLE),
        period_line(report),
        _("Đơn vị: {name}", name=scope_name(report.scope)),
        data_line(report),
    ]


def _caption(report: Report, caption_id: str) -> Component:
    first, *rest = caption_lines(report)
    return html.Caption(
        [html.Strong(first), *[html.Div(line) for line in rest]],
        id=caption_id,
        className="caption-top text-body",
    )


def _head() -> Component:
    rows: list[list[Component]] = [[] for _ in range(HEADER_ROWS)]
    for cell in HEADER:
        extra: dict[str, Any] = {}
        if cell.colspan > 1:
            extra["colSpan"] = cell.colspan
        if cell.rowspan > 1:
            extra["rowSpan"] = cell.rowspan
        scope = "colgroup" if cell.colspan > 1 else "col"
        rows[cell.row].append(html.Th(cell.text, scope=scope, **extra))
    return html.Thead([html.Tr(cells) for cells in rows])


def _row(name: str, row: dict[str, Any], *, total: bool = False) -> Component:
    cells = [html.Th(name, scope="row")]
    cells += [html.Td(fmt_int(row[key]), className="text-end") for key in COLUMNS]
    return html.Tr(cells, className="mc-report-total fw-bold" if total else None)


def table(prefix: str, report: Report) -> Component:
    """The report's table (id ``<prefix>-table``), in a wrapper that scrolls on a phone."""
    groups = [html.Colgroup(span=1), *[html.Colgroup(span=n) for n in (5, 4, 3)]]
    return html.Div(
        html.Table(
            [
                _caption(report, f"{prefix}-caption"),
                *groups,
                _head(),
                html.Tbody([_row(str(r["field"]), r) for r in report.fields]),
                html.Tfoot(_row(_(TOTAL), report.total, total=True)),
            ],
            id=f"{prefix}-table",
            className="table table-sm table-bordered mc-num-table mc-report-table",
        ),
        className="table-responsive mc-report-wrap",
        # the wide table scrolls sideways on a phone: reachable and named for the keyboard
        tabIndex=0,
        role="region",
        **{"aria-labelledby": f"{prefix}-caption"},
    )


def content(prefix: str, report: Report) -> Component:
    """The page's content: the table and its notes, or the empty state (with what the table
    would have been for) when the unit had no dossier to process in the period."""
    if report.empty:
        return html.Div(
            [
                html.P(
                    " · ".join(caption_lines(report)[1:]),
                    id=f"{prefix}-caption",
                    className="text-body-secondary small",
                ),
                empty_state(),
            ],
            id=f"{prefix}-report",
        )
    return html.Div(
        [
            table(prefix, report),
            html.Ul(
                [html.Li(line) for line in notes(report)],
                id=f"{prefix}-notes",
                className="small text-body-secondary mc-report-notes",
            ),
        ],
        id=f"{prefix}-report",
        className="mc-report",
    )


def header_path(col: int) -> str:
    """The header of column ``col`` as one line: its labels from the top level down
    (``Số hồ sơ nhận giải quyết – Tiếp nhận trong kỳ – Trực tuyến``)."""
    covering = sorted((c for c in HEADER if c.col <= col < c.col + c.colspan), key=lambda c: c.row)
    return " – ".join(c.text for c in covering)


def export_table(report: Report) -> Table:
    """The report's rows, the total last, as one table for the CSV export: one header line
    (:func:`header_path`), the dossiers without a due date as a last column."""
    columns = [Column("field", header_path(0), "text")]
    columns += [Column(key, header_path(j), "int") for j, key in enumerate(COLUMNS, start=1)]
    columns.append(Column("no_due", _(NO_DUE_HEADER), "int"))
    rows = [*report.fields, report.total | {"field": _(TOTAL)}]
    frame = pd.DataFrame(rows, columns=[c.key for c in columns])
    return Table(sheet=_("Báo cáo"), title=_(TITLE), columns=columns, rows=frame)
