"""Chỉ số 766 (``/chi-so-766``): the 766 estimate of every ward, for evaluators and leaders.

URL parameters (ui/filters.py): the period, the province (``province=all``: the country) and
``ward`` (the ward whose points per indicator are shown; the ranking always holds every ward).
The estimate ignores the field and the channel (metrics.md §5 scores a ward's whole service), so
the page offers neither. Glue only: kpi/index766.py scores, ui/index766.py draws.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, ctx, html
from dash.development.base_component import Component

from kpi.cache import newest_record
from kpi.db import NoWarehouse, cursor
from kpi.index766 import estimate, load_methodology, what_if_rank
from kpi.metrics import Filters
from marks import NP_
from pages._shared import Lists, View, frame, from_search, on_controls, province_navigation, view
from ui import index766 as sections
from ui.components import no_warehouse
from ui.export import download, export_ids
from ui.filters import Selection, control_inputs, url_id, view_outputs
from ui.i18n import _, page_title

dash.register_page(
    __name__, path=sections.PATH, name="Chỉ số 766", title=page_title(NP_("page", "Chỉ số 766"))
)

PREFIX = "index766"
EXPORT = export_ids(PREFIX)
CONTROLS = ("period", "from", "to", "ward")  # the estimate has no field or channel
province_navigation(PREFIX, sections.PATH)


def _estimate(selection: Selection) -> tuple[Any, Any, Any]:
    """(wards, points, data_as_of) of the selection's province and period (every ward: the
    rank needs them all)."""
    with cursor() as cur:
        wards, points = estimate(cur, period=selection.period, filters=Filters(selection.province))
        return wards, points, newest_record(cur)


def _content(selection: Selection, lists: Lists) -> Component:
    try:
        wards, points, data_as_of = _estimate(selection)
    except NoWarehouse as exc:
        return no_warehouse(exc)
    return html.Div(
        sections.content(
            PREFIX,
            selection,
            wards,
            points,
            method=load_methodology(),
            provinces=lists.provinces,
            data_as_of=data_as_of,
        )
    )


def _view(query: dict[str, Any]) -> View:
    """The selection, allow-lists and content (or the alert saying what is wrong) of a URL."""
    return view(query, _content)


def layout(**query: Any) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    heading = html.H1(_("Chỉ số 766 (ước tính)"), className="h3 mb-0")
    return frame(PREFIX, heading, _view(query), omit=("field", "channel"))


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


@callback(
    Output(f"{PREFIX}-whatif-result", "children"),
    Input(f"{PREFIX}-whatif-indicator", "value"),
    Input(f"{PREFIX}-whatif-rate", "value"),
    State(url_id(PREFIX), "search"),
)
def what_if(metric: str | None, percent: float | str | None, search: str | None) -> str:
    """The chosen ward's estimate and rank if the chosen indicator reached the rate typed."""
    selection = from_search(search)
    method = load_methodology()
    indicator = next((i for i in method.indicators if i.metric == metric and i.max > 0), None)
    if selection is None or selection.ward is None or indicator is None:
        return ""
    try:
        rate = None if percent in (None, "") else float(percent) / 100
    except (TypeError, ValueError):
        rate = None
    if rate is None or not 0 <= rate <= 1:
        return sections.what_if_text(None, label=indicator.label, rate=None, ranked=0)
    wards, points, _as_of = _estimate(selection)
    result = what_if_rank(
        wards, points, ward_code=selection.ward, metric=indicator.metric, value=rate, method=method
    )
    return sections.what_if_text(
        result, label=_(indicator.label), rate=rate, ranked=sections.scored(wards)
    )


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> dict[str, Any]:
    """The ranking, every ward's points and the methodology as one workbook (or CSV files)."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), from_search(search)
    if fmt is None or selection is None:
        return dash.no_update  # the page already shows what is wrong with its URL
    wards, points, data_as_of = _estimate(selection)
    return download(
        fmt,
        sections.export_tables(
            wards, points, method=load_methodology(), selection=selection, data_as_of=data_as_of
        ),
        page="chi-so-766",
        period_from=selection.period.date_from,
        period_to=selection.period.date_to,
        title=_("Chỉ số 766 (ước tính) – Một Cửa"),
    )
