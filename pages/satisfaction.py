"""Hài lòng (``/hai-long``): citizens' ratings, the 766 satisfaction and petitions, apart.

URL parameters (ui/filters.py): ``period`` or ``from``/``to``, ``ward``, ``field``, ``channel``.
Glue only: kpi/satisfaction.py answers (two queries: headline with trend, ward table),
ui/satisfaction.py draws. Comments are never read: signed-in leaders only, once sign-in exists.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, callback, ctx, html
from dash.development.base_component import Component

from kpi.db import NoWarehouse, alongside, cursor
from kpi.metrics import records
from kpi.satisfaction import CURRENT, headline, index_points, trend_grain, ward_table
from kpi.targets import load_targets
from marks import NP_
from pages._shared import (
    Lists,
    View,
    frame,
    from_search,
    on_controls,
    province_navigation,
    view,
)
from ui import satisfaction as sections
from ui.components import no_warehouse
from ui.export import download, export_ids
from ui.filters import Selection, control_inputs, url_id, view_outputs
from ui.i18n import _, page_title

dash.register_page(
    __name__, path="/hai-long", name="Hài lòng", title=page_title(NP_("page", "Hài lòng"))
)

PREFIX = "satisfaction"
EXPORT = export_ids(PREFIX)
province_navigation(PREFIX, "/hai-long")


def _current(head: pd.DataFrame) -> dict[str, Any]:
    """The current period's row of a headline frame (no data as ``None``, never NaN)."""
    return records(head[head["role"] == CURRENT])[0]


def _frames(selection: Selection) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Headline (with trend), ward table and the 5.x points of the selection (two queries)."""
    filters = selection.filters()
    with (
        cursor() as cur,
        alongside(cur, lambda c: ward_table(c, period=selection.period, filters=filters)) as rows,
    ):
        head = headline(cur, period=selection.period, filters=filters)
        wards = rows()  # the two queries run alongside each other (kpi.db.alongside)
    return head, wards, index_points(_current(head))


def _content(selection: Selection, lists: Lists) -> Component:
    """Every section for a valid selection."""
    try:
        head, table, points = _frames(selection)
    except NoWarehouse as exc:
        return no_warehouse(exc)
    if _current(head)["data_as_of"] is None:
        return no_warehouse()
    return sections.page_content(
        PREFIX, head, table, points, period=selection.period, ward=selection.ward,
        wards=lists[0], link_search=selection.search(with_ward=False), targets=load_targets(),
    )  # fmt: skip


def _view(query: dict[str, Any]) -> View:
    """The selection, allow-lists and content (or the alert saying what is wrong) of a URL."""
    return view(query, _content)


def layout(**query: Any) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    return frame(PREFIX, html.H1(_("Hài lòng"), className="h3 mb-0"), _view(query))


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
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> Any:
    """Every table of the page for the URL's selection, as one workbook or CSV files."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), from_search(search)
    if fmt is None or selection is None:
        return dash.no_update
    try:
        head, wards, points = _frames(selection)
    except NoWarehouse:
        return dash.no_update
    grain = trend_grain(selection.period)
    tables = sections.export_tables(head, wards, points, grain=grain, period=selection.period)
    period = selection.period
    return download(fmt, tables, page=_("Hài lòng"), period_from=period.date_from,
                    period_to=period.date_to, title=_("Hài lòng – Một Cửa"))  # fmt: skip
