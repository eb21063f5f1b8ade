"""Tổng quan (``/``): the province or one ward at a glance for a period.

URL parameters (ui/filters.py): ``period`` (a preset of :data:`kpi.periods.PRESETS`) or
``from``/``to`` (YYYY-MM-DD), ``ward``, ``field``, ``channel``. Tiles, trend and on-time split,
the ward league table and map, the coverage and freshness line. Glue only: kpi/overview.py
answers, ui/overview.py draws.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html
from dash.development.base_component import Component

from kpi.config import settings
from kpi.db import NoWarehouse, cursor
from kpi.overview import BUCKET, CURRENT, default_grain, headline, league, trend
from kpi.reference import allow_lists
from kpi.targets import load_targets
from ui import overview as sections
from ui.components import coverage_line, no_warehouse
from ui.export import download, export_buttons, export_ids
from ui.filters import (
    FilterError,
    Selection,
    changed_control,
    control_inputs,
    controls_query,
    filter_bar,
    invalid_alert,
    parse_query,
    search_query,
    view_answer,
    view_outputs,
)
from ui.i18n import _, page_title
from ui.league import league_table, next_sort

dash.register_page(__name__, path="/", name="Tổng quan", title=page_title("Tổng quan"))

PREFIX = "overview"
EXPORT = export_ids(PREFIX)


def _allow_lists() -> tuple[dict[str, str], list[str]]:
    """Ward code → name of the province and the loaded fields; empty when nothing is loaded."""
    wards, known_fields, _procedures = allow_lists(settings().province)
    return wards, known_fields


def _content(selection: Selection, wards: dict[str, str]) -> Component:
    """Every section for a valid selection (two queries: headline+trend, league)."""
    province = settings().province
    grain = default_grain(selection.period)
    try:
        with cursor() as cur:
            head = headline(
                cur, period=selection.period, filters=selection.filters(province), grain=grain
            )
            table = league(cur, period=selection.period, filters=selection.filters(province))
    except NoWarehouse:
        return no_warehouse()
    now = head[head["role"] == CURRENT].iloc[0]
    if now["data_as_of"] is None or now["data_as_of"] != now["data_as_of"]:  # None or NaT
        return no_warehouse()
    targets = load_targets()
    line = coverage_line(f"{PREFIX}-coverage", now.to_dict(), selection.period)
    scope = sections.scope_title(selection.ward, wards)
    if now["to_process"] == 0 and now["completed"] == 0:
        return sections.no_period_data(PREFIX, scope, line)
    store = sections.league_store(
        table, link_search=selection.search(with_ward=False), ward=selection.ward
    )
    return html.Div(
        [
            scope,
            sections.tiles(PREFIX, head, grain=grain, targets=targets),
            line,
            sections.trend_section(
                PREFIX,
                head[head["role"] == BUCKET],
                period=selection.period,
                grain=grain,
                targets=targets,
            ),
            sections.league_section(PREFIX, store, targets=targets),
            sections.map_section(PREFIX, table, target=targets["on_time_rate"]),
        ]
    )


def _view(query: dict[str, Any]) -> tuple[Selection | None, dict[str, str], list[str], Component]:
    """Parse the URL parameters and build the content (or the alert saying what is wrong)."""
    wards, known_fields = _allow_lists()
    if not wards:
        return None, wards, known_fields, no_warehouse()
    try:
        selection = parse_query(query, wards=wards, fields=known_fields)
    except FilterError as exc:
        return None, wards, known_fields, invalid_alert(exc)
    return selection, wards, known_fields, _content(selection, wards)


def layout(**query: Any) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    selection, wards, known_fields, content = _view(query)
    return dbc.Container(
        [
            dcc.Location(id=f"{PREFIX}-url", refresh=False),
            dcc.Location(id=f"{PREFIX}-nav", refresh="callback-nav"),
            html.Div(
                [html.H1(_("Tổng quan"), className="h3 mb-0"), export_buttons(PREFIX)],
                className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3",
            ),
            filter_bar(PREFIX, selection, wards=wards, fields=known_fields),
            html.Div(content, id=f"{PREFIX}-content", **{"aria-live": "polite"}),
        ],
        fluid="xl",
    )


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX),
    prevent_initial_call=True,
)
def update(
    preset: str, date_from: str | None, date_to: str | None, ward: str, field: str, channel: str
) -> tuple[Any, ...]:
    """A filter changed: new URL (shareable link), the period controls in step, new content."""
    changed = changed_control(PREFIX, ctx.triggered_id)
    query = controls_query(
        changed,
        preset=preset,
        date_from=date_from,
        date_to=date_to,
        ward=ward,
        field=field,
        channel=channel,
    )
    selection, _wards, _fields, content = _view(query)
    return view_answer(selection, content)


@callback(
    Output(f"{PREFIX}-trend", "children"),
    Input(f"{PREFIX}-grain", "value"),
    State(f"{PREFIX}-url", "search"),
    prevent_initial_call=True,
)
def update_grain(grain: str, search: str | None) -> list[Component]:
    """Day, week or month chosen: redraw the trend and the split only."""
    wards, known_fields = _allow_lists()
    query = search_query(search)
    try:
        selection = parse_query(query, wards=wards, fields=known_fields)
    except FilterError as exc:
        return [invalid_alert(exc)]
    filters = selection.filters(settings().province)
    with cursor() as cur:
        buckets = trend(cur, period=selection.period, filters=filters, grain=grain)
    return sections.trend_body(PREFIX, buckets, grain=grain, targets=load_targets())


@callback(
    Output(f"{PREFIX}-league", "children"),
    Output(f"{PREFIX}-league-sort", "data"),
    Input({"type": f"{PREFIX}-league-sort", "column": ALL}, "n_clicks"),
    State(f"{PREFIX}-league-sort", "data"),
    State(f"{PREFIX}-league-data", "data"),
    prevent_initial_call=True,
)
def sort_league(
    _clicks: list[int | None], sort: dict[str, Any], data: dict[str, Any]
) -> tuple[Component, dict[str, Any]]:
    """A column header was clicked: re-sort the stored rows (no query)."""
    if not ctx.triggered_id or not any(_clicks):
        return dash.no_update, dash.no_update
    new_sort = next_sort(sort, ctx.triggered_id["column"])
    table = league_table(
        PREFIX,
        data["rows"],
        sort=new_sort,
        targets=load_targets(),
        link_search=data["link"],
        selected_ward=data["ward"],
    )
    return table, new_sort


@callback(
    Output(f"{PREFIX}-nav", "href"),
    Input(f"{PREFIX}-map", "clickData"),
    State(f"{PREFIX}-league-data", "data"),
    prevent_initial_call=True,
)
def open_ward(click: dict[str, Any] | None, data: dict[str, Any]) -> str:
    """A ward on the map was clicked: open its page, keeping the period and filters."""
    points = (click or {}).get("points") or []
    if not points or not points[0].get("customdata"):
        return dash.no_update
    return f"/phuong/{points[0]['customdata']}{data['link']}"


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(f"{PREFIX}-url", "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> dict[str, Any]:
    """Excel or CSV of every table of the view in the URL (headline, trend, league)."""
    fmt = EXPORT.format_of(ctx.triggered_id)
    wards, known_fields = _allow_lists()
    query = search_query(search)
    try:
        selection = parse_query(query, wards=wards, fields=known_fields)
    except FilterError:
        return dash.no_update  # the page already shows what is wrong with the URL
    if fmt is None:
        return dash.no_update
    province = settings().province
    grain = default_grain(selection.period)
    with cursor() as cur:
        head = headline(
            cur, period=selection.period, filters=selection.filters(province), grain=grain
        )
        table = league(cur, period=selection.period, filters=selection.filters(province))
    scope = wards.get(selection.ward, "") if selection.ward else "Toàn bộ phường, xã"
    return download(
        fmt,
        sections.export_tables(head, table, scope=scope, grain=grain),
        page="Tổng quan",
        period_from=selection.period.date_from,
        period_to=selection.period.date_to,
        title=f"Tổng quan – {scope}",
    )
