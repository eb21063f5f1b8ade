"""Phường/xã (``/phuong/<ward_code>``): one ward's KPIs beside the city, for a period.

URL: the ward is the path; ``period`` or ``from``/``to``, ``field``, ``channel`` as on every
leaders' page (ui/filters.py); the ward menu opens another ward's page (or the overview). Tiles
with the city's value and the changes, trend and on-time split, fields, the late and overdue
list, satisfaction, the 766 estimate, the history before July 2025 under the old ward names,
Excel/CSV of every table. Glue only: kpi/ward.py answers, ui/ward.py and ui/overview.py draw.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html
from dash.development.base_component import Component

from kpi.config import settings
from kpi.db import NoWarehouse, cursor
from kpi.overview import default_grain, trend
from kpi.reference import allow_lists
from kpi.targets import load_targets
from kpi.ward import WardView, ward_view
from ui import overview as ov
from ui import ward as sections
from ui.components import no_warehouse
from ui.export import download, export_buttons, export_ids
from ui.filters import (
    ALL,
    FilterError,
    Selection,
    changed_control,
    control_inputs,
    controls_query,
    filter_bar,
    parse_query,
    search_query,
    view_answer,
    view_outputs,
)
from ui.i18n import _, page_title

dash.register_page(
    __name__, path_template="/phuong/<ward_code>", name="Phường/xã", title=page_title("Phường/xã")
)

PREFIX = "ward"
EXPORT = export_ids(PREFIX)


def _allow_lists() -> tuple[dict[str, str], list[str]]:
    """Ward code → name of the province and the loaded fields; empty when nothing is loaded."""
    wards, known_fields, _procedures = allow_lists(settings().province)
    return wards, known_fields


def _fetch(code: str, selection: Selection) -> WardView:
    """The page's frames for a valid ward and selection (raises NoWarehouse)."""
    filters = selection.filters(settings().province, with_ward=False)
    grain = default_grain(selection.period)
    with cursor() as cur:
        return ward_view(cur, ward_code=code, period=selection.period, filters=filters, grain=grain)


def _content(code: str, name: str, selection: Selection) -> Component:
    """Every section of the ward for a valid selection."""
    try:
        view = _fetch(code, selection)
    except NoWarehouse:
        return no_warehouse()
    if pd.isna(view.head["data_as_of"].iloc[0]):
        return no_warehouse()
    return sections.page(PREFIX, view, name=name, selection=selection, targets=load_targets())


def _parse(
    code: str | None, query: dict[str, Any]
) -> tuple[dict[str, str], list[str], Selection | None, Component | None]:
    """The allow-lists and the selection of a ward and URL, or the alert saying what is wrong."""
    wards, known_fields = _allow_lists()
    if not wards:
        return wards, known_fields, None, no_warehouse()
    if code not in wards:
        return wards, known_fields, None, sections.unknown_ward(code)
    query = {k: v for k, v in query.items() if k != "ward"}  # the path names the ward
    try:
        chosen = parse_query(query, wards=wards, fields=known_fields)
    except FilterError as exc:
        return wards, known_fields, None, sections.invalid(exc)
    return wards, known_fields, replace(chosen, ward=code), None


def _view(code: str | None, query: dict[str, Any]) -> tuple[Selection | None, dict, list, Any]:
    """The selection, allow-lists and content (or the alert) of a ward page."""
    wards, known_fields, selection, problem = _parse(code, query)
    if selection is None:
        return None, wards, known_fields, problem
    return (
        selection,
        wards,
        known_fields,
        _content(selection.ward, wards[selection.ward], selection),
    )


def _code(pathname: str | None) -> str | None:
    return (pathname or "").rstrip("/").rsplit("/", 1)[-1] or None


def _from_url(pathname: str | None, search: str | None) -> Selection | None:
    """The selection of the page's current URL (``None`` when it is not a valid one)."""
    query = search_query(search)
    return _parse(_code(pathname), query)[2]


def layout(ward_code: str | None = None, **query: Any) -> Component:
    """The page of the ward ``ward_code`` for the URL parameters."""
    selection, wards, known_fields, content = _view(ward_code, query)
    title = wards.get(ward_code or "", _("Phường, xã"))
    return dbc.Container(
        [
            dcc.Location(id=f"{PREFIX}-url", refresh=False),
            dcc.Location(id=f"{PREFIX}-nav", refresh="callback-nav"),
            html.Div(
                [html.H1(title, id=f"{PREFIX}-title", className="h3 mb-0"), export_buttons(PREFIX)],
                className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3",
            ),
            filter_bar(PREFIX, selection, wards=wards, fields=known_fields),
            html.Div(content, id=f"{PREFIX}-content", **{"aria-live": "polite"}),
        ],
        fluid="xl",
    )


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX, ("period", "from", "to", "field", "channel")),
    State(f"{PREFIX}-url", "pathname"),
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
    changed = changed_control(PREFIX, ctx.triggered_id)
    query = controls_query(
        changed,
        preset=preset,
        date_from=date_from,
        date_to=date_to,
        ward=None,
        field=field,
        channel=channel,
    )
    selection, _w, _f, content = _view(_code(pathname), query)
    return view_answer(selection, content, with_ward=False)


@callback(
    Output(f"{PREFIX}-nav", "href"),
    Input(f"{PREFIX}-ward", "value"),
    State(f"{PREFIX}-url", "pathname"),
    State(f"{PREFIX}-url", "search"),
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
    State(f"{PREFIX}-url", "pathname"),
    State(f"{PREFIX}-url", "search"),
    prevent_initial_call=True,
)
def update_grain(grain: str, pathname: str | None, search: str | None) -> list[Component]:
    """Day, week or month chosen: redraw the trend and the split only."""
    selection = _from_url(pathname, search)
    if selection is None:
        return dash.no_update
    with cursor() as cur:
        buckets = trend(
            cur,
            period=selection.period,
            grain=grain,
            filters=selection.filters(settings().province),
        )
    return ov.trend_body(PREFIX, buckets, grain=grain, targets=load_targets())


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(f"{PREFIX}-url", "pathname"),
    State(f"{PREFIX}-url", "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, pathname: str | None, search: str | None) -> Any:
    """The page's tables (fields, late list, history, 766) as one workbook, or CSV files."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), _from_url(pathname, search)
    if fmt is None or selection is None:
        return dash.no_update
    code = selection.ward
    name = _allow_lists()[0][code]
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
