"""Báo cáo (``/bao-cao``): the periodic report on dossier handling (Biểu II.06a shape).

URL parameters (ui/filters.py): the period, the province (``province=all``: the country) and
``ward`` (one ward's report; none: the province's or the country's). The report is by field, and
splits the channels itself, so the page offers neither filter. Excel in the evaluators' layout
(the same file as ``/api/v1/report?format=xlsx``), CSV, and a print stylesheet for an A4 page
(assets/report-print.css). Glue only: kpi/report.py answers, ui/report.py draws.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, ctx, dcc, html
from dash.development.base_component import Component

from kpi.db import NoWarehouse, cursor
from kpi.report import Report, periodic_report, scope_of
from marks import NP_
from pages._shared import Lists, View, frame, from_search, on_controls, province_navigation, view
from ui import report as sections
from ui.components import no_warehouse
from ui.export import MIME_TYPES, csv_bytes, export_ids
from ui.filters import Selection, control_inputs, url_id, view_outputs
from ui.i18n import page_title, pgettext
from ui.report_xlsx import file_name, report_workbook

dash.register_page(
    __name__, path=sections.PATH, name="Báo cáo", title=page_title(NP_("page", "Báo cáo"))
)

PREFIX = "report"
EXPORT = export_ids(PREFIX)
CONTROLS = ("period", "from", "to", "ward")  # by field, every channel: no such filters
province_navigation(PREFIX, sections.PATH)


def _report(selection: Selection) -> Report:
    """The report of the selection's period, for its ward, else its province or the country."""
    with cursor() as cur:
        scope = scope_of(cur, province_code=selection.province, ward_code=selection.ward)
        return periodic_report(cur, period=selection.period, scope=scope)


def _content(selection: Selection, _lists: Lists) -> Component:
    try:
        return sections.content(PREFIX, _report(selection))
    except NoWarehouse as exc:
        return no_warehouse(exc)


def _view(query: dict[str, Any]) -> View:
    """The selection, allow-lists and content (or the alert saying what is wrong) of a URL."""
    return view(query, _content)


def layout(**query: Any) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    heading = html.H1(pgettext("page", "Báo cáo"), className="h3 mb-0")
    return html.Div(
        frame(PREFIX, heading, _view(query), omit=("field", "channel")), className="mc-report-page"
    )


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX, CONTROLS),
    State(url_id(PREFIX), "search"),
    State(f"{PREFIX}-province", "value"),
    prevent_initial_call=True,
)
def update(
    preset: str,
    date_from: str | None,
    date_to: str | None,
    ward: str,
    _search: str | None,
    province: str | None = None,
) -> tuple[Any, ...]:
    """A filter changed: new URL (shareable link), the period controls in step, new content."""
    return on_controls(PREFIX, ctx.triggered_id, _view, preset=preset, date_from=date_from,
                       date_to=date_to, ward=ward, field=None, channel=None,
                       province=province)  # fmt: skip


def export_file(fmt: str, report: Report) -> dict[str, Any]:
    """The ``dcc.Download`` data of the report: the evaluators' workbook (``xlsx``) or the CSV
    of its rows."""
    content = report_workbook(report) if fmt == "xlsx" else csv_bytes(sections.export_table(report))
    return dcc.send_bytes(content, file_name(report, fmt), type=MIME_TYPES[fmt])


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> dict[str, Any]:
    """The report of the selection in the URL as its Excel file, or CSV."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), from_search(search)
    if fmt is None or selection is None:
        return dash.no_update  # the page already shows what is wrong with its URL
    return export_file(fmt, _report(selection))
