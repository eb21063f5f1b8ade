"""Phường/xã (``/phuong/<ward_code>``): one ward's KPIs beside the city, for a period.

URL: the ward is the path; ``period`` or ``from``/``to``, ``field``, ``channel`` as on every
leaders' page (ui/filters.py); the ward menu opens another ward's page (or the overview). Tiles
with the city's value and the changes, trend and on-time split, fields, the late and overdue
list, satisfaction, the 766 estimate, the history before July 2025 under the old ward names,
Excel/CSV of every table. Glue only: kpi/ward.py answers, ui/ward.py and ui/overview.py draw.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, callback, ctx, html
from dash.development.base_component import Component

from kpi.db import NoWarehouse, QueryTimeout, cursor
from kpi.overview import default_grain
from kpi.targets import load_targets
from kpi.ward import WardView, ward_view
from marks import N_
from pages._shared import (
    Lists,
    View,
    drawn,
    frame,
    lists,
    on_controls,
    province_navigation,
    selection,
    trend_of,
    unknown_ward,
    ward_lists,
)
from ui import ward as sections
from ui.components import no_warehouse, query_timeout
from ui.export import download, export_ids
from ui.filters import (
    ALL,
    FilterError,
    Selection,
    control_inputs,
    invalid_alert,
    search_query,
    url_id,
    view_outputs,
)
from ui.i18n import _, page_title
from web.scope import sees_details

dash.register_page(
    __name__,
    path_template="/phuong/<ward_code>",
    name=N_("Phường/xã"),
    title=page_title(N_("Phường/xã")),
)

PREFIX = "ward"
EXPORT = export_ids(PREFIX)
province_navigation(PREFIX, "/")


def _fetch(code: str, selection: Selection) -> WardView:
    """The page's frames for a valid ward and selection (raises NoWarehouse), with the
    dossier lists and comments only for a reader who may see this ward's (web.scope)."""
    filters = selection.filters(with_ward=False)
    grain = default_grain(selection.period)
    details = sees_details(code, selection.province)
    with cursor() as cur:
        return ward_view(
            cur,
            ward_code=code,
            period=selection.period,
            filters=filters,
            grain=grain,
            details=details,
        )


def _content(code: str, name: str, selection: Selection) -> Component:
    """Every section of the ward for a valid selection."""
    try:
        view = _fetch(code, selection)
    except NoWarehouse as exc:
        return no_warehouse(exc)
    if pd.isna(view.head["data_as_of"].iloc[0]):
        return no_warehouse()
    return sections.page(PREFIX, view, name=name, selection=selection, targets=load_targets())


def _parse(
    code: str | None, query: dict[str, Any]
) -> tuple[Lists, Selection | None, Component | None]:
    """The allow-lists and the selection of a ward and URL, or the alert saying what is wrong."""
    known = ward_lists(code)  # ward codes are national: the ward's own province
    if not known.wards:
        return known, None, no_warehouse(known.problem)
    if unknown_ward(code, known.wards):
        return known, None, sections.unknown_ward(PREFIX, code)
    # The path names the ward, and so its province.
    query = {k: v for k, v in query.items() if k not in ("ward", "province")}
    try:
        chosen = selection(query, known)
    except FilterError as exc:
        return known, None, invalid_alert(exc)
    return known, replace(chosen, ward=code), None


def _view(code: str | None, query: dict[str, Any]) -> View:
    """The selection, allow-lists and content (or the alert) of a ward page."""
    known, chosen, problem = _parse(code, query)
    if chosen is None:
        return View(None, known, problem)
    name = known.wards[chosen.ward]
    try:
        content = drawn(PREFIX, chosen, lambda: _content(chosen.ward, name, chosen))
    except QueryTimeout as exc:  # not drawn, not kept: the next request tries again
        content = query_timeout(exc)
    return View(chosen, known, content)


def _code(pathname: str | None) -> str | None:
    return (pathname or "").rstrip("/").rsplit("/", 1)[-1] or None


def _from_url(pathname: str | None, search: str | None) -> Selection | None:
    """The selection of the page's current URL (``None`` when it is not a valid one)."""
    return _parse(_code(pathname), search_query(search))[1]


def layout(ward_code: str | None = None, **query: Any) -> Component:
    """The page of the ward ``ward_code`` for the URL parameters; the not-found page (HTTP
    404, app.py) when the province has no such ward."""
    answer = _view(ward_code, query)
    if unknown_ward(ward_code, answer.lists.wards):
        return answer.content
    title = answer.lists.wards.get(ward_code or "", _("Phường, xã"))
    heading = html.H1(title, id=f"{PREFIX}-title", className="h3 mb-0")
    return frame(PREFIX, heading, answer)


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX, ("period", "from", "to", "field", "channel")),
    State(url_id(PREFIX), "pathname"),
    prevent_initial_call=True,
)
def update(
    preset: str,
    date_from: str | None,
    date_to: str | None,
    field: str,
    channel: str,
    pathname: str | None,
) -> tuple[Any, ...]:
    """A filter changed: new URL (shareable link), the period controls in step, new content."""
    return on_controls(
        PREFIX, ctx.triggered_id, partial(_view, _code(pathname)), with_ward=False,
        preset=preset, date_from=date_from, date_to=date_to, ward=None, field=field,
        channel=channel,
    )  # fmt: skip


@callback(
    Output(f"{PREFIX}-nav", "href"),
    Input(f"{PREFIX}-ward", "value"),
    State(url_id(PREFIX), "pathname"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def open_ward(ward: str | None, pathname: str | None, search: str | None) -> str:
    """Another ward chosen: open its page (all wards: the overview), keeping the filters."""
    if not ward or ward == _code(pathname):
        return dash.no_update
    return ("/" if ward == ALL else f"/phuong/{ward}") + (search or "")


@callback(
    Output(f"{PREFIX}-trend", "children"),
    Input(f"{PREFIX}-grain", "value"),
    State(url_id(PREFIX), "pathname"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def update_grain(grain: str, pathname: str | None, search: str | None) -> list[Component]:
    """Day, week or month chosen: redraw the trend and the split only."""
    return trend_of(PREFIX, _from_url(pathname, search), grain)


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "pathname"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, pathname: str | None, search: str | None) -> Any:
    """The page's tables (fields, late list, history, 766) as one workbook, or CSV files."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), _from_url(pathname, search)
    if fmt is None or selection is None:
        return dash.no_update
    code = selection.ward
    name = lists(selection.province).wards[code]
    tables = sections.export_tables(
        _fetch(code, selection), ward_code=code, ward_name=name, period=selection.period
    )
    return download(
        fmt,
        tables,
        page=f"phuong-{code}",
        period_from=selection.period.date_from,
        period_to=selection.period.date_to,
        title=name,
    )
