"""Tổng quan (``/``): the province or one ward at a glance for a period.

URL parameters (ui/filters.py): ``period`` (a preset of :data:`kpi.periods.PRESETS`) or
``from``/``to`` (YYYY-MM-DD), ``ward``, ``field``, ``channel``. Tiles, trend and on-time split,
the ward league table and map, the coverage and freshness line. Glue only: kpi/overview.py
answers, ui/overview.py draws.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, callback, ctx, html
from dash.development.base_component import Component

from kpi.db import NoWarehouse, cursor
from kpi.metrics import due_soon_setting
from kpi.overview import CURRENT, board, default_grain
from kpi.targets import load_targets
from marks import N_, NP_
from pages._shared import (
    Lists,
    View,
    frame,
    from_search,
    on_controls,
    province_navigation,
    trend_of,
    view,
)
from ui import overview as sections
from ui.components import no_warehouse
from ui.export import download, export_ids
from ui.filters import Selection, control_inputs, url_id, view_outputs
from ui.i18n import _, page_title
from ui.league import row_href
from ui.sealed import unseal
from web.inputs import BadInput

dash.register_page(__name__, path="/", name="Tổng quan", title=page_title(NP_("page", "Tổng quan")))

PREFIX = "overview"
EXPORT = export_ids(PREFIX)
province_navigation(PREFIX, "/")


def _frames(selection: Selection) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Headline with trend, league and the trend's grain of a selection (one query)."""
    filters, grain = selection.filters(), default_grain(selection.period)
    with cursor() as cur:
        head, table = board(cur, period=selection.period, filters=filters, grain=grain)
    return head, table, grain


def _content(selection: Selection, lists: Lists) -> Component:
    """Every section for a valid selection."""
    wards = lists[0]
    try:
        head, table, grain = _frames(selection)
    except NoWarehouse as exc:
        return no_warehouse(exc)
    if pd.isna(head[head["role"] == CURRENT]["data_as_of"].iloc[0]):
        return no_warehouse()
    return sections.page_content(
        PREFIX,
        head,
        table,
        selection=selection,
        wards=wards,
        grain=grain,
        targets=load_targets(),
        due_soon_days=due_soon_setting(),
        province_name=lists.provinces.get(selection.province or ""),
    )


def _view(query: dict[str, Any]) -> View:
    """The selection, allow-lists and content (or the alert saying what is wrong) of a URL."""
    return view(query, _content)


def layout(**query: Any) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    heading = html.H1(_("Tổng quan"), className="h3 mb-0")
    return frame(PREFIX, heading, _view(query))


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX),
    State(f"{PREFIX}-province", "value"),
    prevent_initial_call=True,
)
def update(
    preset: str,
    date_from: str | None,
    date_to: str | None,
    ward: str,
    field: str,
    channel: str,
    province: str | None = None,
) -> tuple[Any, ...]:
    """A filter changed: new URL (shareable link), the period controls in step, new content."""
    return on_controls(PREFIX, ctx.triggered_id, _view, preset=preset, date_from=date_from,
                       date_to=date_to, ward=ward, field=field, channel=channel,
                       province=province)  # fmt: skip


@callback(
    Output(f"{PREFIX}-trend", "children"),
    Input(f"{PREFIX}-grain", "value"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def update_grain(grain: str, search: str | None) -> list[Component]:
    """Day, week or month chosen: redraw the trend and the split only."""
    return trend_of(PREFIX, from_search(search), grain)


@callback(
    Output(f"{PREFIX}-nav", "href"),
    Input(f"{PREFIX}-map", "clickData"),
    State(f"{PREFIX}-league-data", "data"),
    prevent_initial_call=True,
)
def open_ward(click: dict[str, Any] | None, data: dict[str, Any]) -> str:
    """A ward (national view: a province) on the map was clicked: open its page, keeping the
    period and filters."""
    drawn = unseal(data)
    points = click.get("points") if isinstance(click, dict) else None
    first = points[0] if isinstance(points, list) and points else None
    code = first.get("customdata") if isinstance(first, dict) else None
    if not code:
        return dash.no_update
    if not isinstance(code, str) or code not in {r["ward_code"] for r in drawn["rows"]}:
        raise BadInput("bản đồ: không có đơn vị này")
    return row_href(code, drawn["link"], drawn.get("unit", "ward"))


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> dict[str, Any]:
    """Excel or CSV of every table of the view in the URL (headline, trend, league)."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), from_search(search)
    if fmt is None or selection is None:
        return dash.no_update  # the page already shows what is wrong with its URL
    head, table, grain = _frames(selection)
    names = dict(zip(table["ward_code"], table["ward_name"], strict=True))
    scope = names.get(selection.ward, "") if selection.ward else N_("Toàn bộ phường, xã")
    return download(
        fmt,
        sections.export_tables(head, table, scope=scope, grain=grain),
        page=N_("Tổng quan"),
        period_from=selection.period.date_from,
        period_to=selection.period.date_to,
        title=f"Tổng quan – {scope}",
    )
