"""Lĩnh vực (``/linh-vuc``): fields and procedures by volume, on time, late, online share.

URL parameters (ui/filters.py): the period, ``ward``, ``field``, ``channel`` and, on this page,
``procedure`` (a procedure code). No field: every field; a field: its procedures; a procedure:
the wards that handle it. Each level answers "where do late dossiers concentrate" in one line
above a sortable table. Glue only: kpi/fields.py answers, ui/fields.py draws.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, ctx, dcc, html
from dash.development.base_component import Component

from kpi.config import settings
from kpi.db import NoWarehouse, cursor
from kpi.fields import drill_table
from kpi.index766 import load_methodology
from kpi.reference import allow_lists
from ui import fields as sections
from ui.components import no_warehouse
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

dash.register_page(__name__, path="/linh-vuc", name="Lĩnh vực", title=page_title("Lĩnh vực"))

PREFIX = "fields"
EXPORT = export_ids(PREFIX)
Lists = tuple[dict[str, str], list[str], dict[str, str | None]]


def _allow_lists() -> Lists:
    """Ward code → name, the loaded fields, procedure code → name; empty when nothing is loaded."""
    return allow_lists(settings().province)


def _parse(query: dict[str, Any], lists: Lists) -> Selection:
    wards, known_fields, known_procedures = lists
    return parse_query(query, wards=wards, fields=known_fields, procedures=known_procedures)


def _content(selection: Selection, lists: Lists) -> Component:
    """The level the selection asks for (one metrics query)."""
    try:
        with cursor() as cur:
            frame = drill_table(cur, period=selection.period, filters=selection.filters(_prov()))
    except NoWarehouse:
        return no_warehouse()
    threshold = next(i.full_at for i in load_methodology().indicators if i.metric == "online_share")
    return sections.content(
        PREFIX,
        selection,
        frame,
        procedure_name=lists[2].get(selection.procedure or ""),
        threshold=threshold,
        export=export_buttons(PREFIX),
    )


def _prov() -> str:
    return settings().province


def _view(query: dict[str, Any]) -> tuple[Selection | None, Lists, Component]:
    """Parse the URL parameters and build the content (or the alert saying what is wrong)."""
    lists = _allow_lists()
    if not lists[0] or not lists[1]:  # no tables, or no dossier loaded yet
        return None, lists, no_warehouse()
    try:
        selection = _parse(query, lists)
    except FilterError as exc:
        return None, lists, invalid_alert(exc)
    return selection, lists, _content(selection, lists)


def layout(**query: Any) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    selection, lists, content = _view(query)
    return dbc.Container(
        [
            dcc.Location(id=f"{PREFIX}-url", refresh=False),
            html.H1(_("Lĩnh vực", context="page"), className="h3 mb-3"),
            filter_bar(PREFIX, selection, wards=lists[0], fields=lists[1]),
            html.Div(content, id=f"{PREFIX}-content", **{"aria-live": "polite"}),
        ],
        fluid="xl",
    )


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX),
    State(f"{PREFIX}-url", "search"),
    prevent_initial_call=True,
)
def update(
    preset: str,
    date_from: str | None,
    date_to: str | None,
    ward: str,
    field: str,
    channel: str,
    search: str | None,
) -> tuple[Any, ...]:
    """A filter changed: new URL (shareable link), the period controls in step, new content.

    The procedure drilled into stays while the field does not change."""
    changed = changed_control(PREFIX, ctx.triggered_id)
    query = controls_query(
        changed,
        preset=preset,
        date_from=date_from,
        date_to=date_to,
        ward=ward,
        field=field,
        channel=channel,
        procedure=search_query(search).get("procedure"),
    )
    selection, _lists, content = _view(query)
    return view_answer(selection, content)


@callback(
    Output({"type": f"{PREFIX}-table", "table": MATCH}, "children"),
    Output({"type": f"{PREFIX}-sort-state", "table": MATCH}, "data"),
    Input({"type": f"{PREFIX}-sort", "table": MATCH, "column": dash.ALL}, "n_clicks"),
    State({"type": f"{PREFIX}-sort-state", "table": MATCH}, "data"),
    State({"type": f"{PREFIX}-rows", "table": MATCH}, "data"),
    prevent_initial_call=True,
)
def sort_table(
    clicks: list[int | None], sort: dict[str, Any], rows: list[dict[str, Any]]
) -> tuple[Component, dict[str, Any]]:
    """A column header was clicked: re-sort the stored rows (no query)."""
    if not ctx.triggered_id or not any(clicks):
        return dash.no_update, dash.no_update
    table = ctx.triggered_id["table"]
    new_sort = sections.next_sort(sort, ctx.triggered_id["column"], table)
    return sections.sorted_table(PREFIX, table, rows, sort=new_sort), new_sort


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(f"{PREFIX}-url", "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> dict[str, Any]:
    """The page's tables as one workbook, or CSV, for the selection in the URL."""
    fmt = EXPORT.format_of(ctx.triggered_id)
    lists = _allow_lists()
    if fmt is None or not lists[1]:
        raise dash.exceptions.PreventUpdate
    selection = _parse(search_query(search), lists)
    with cursor() as cur:
        frame = drill_table(cur, period=selection.period, filters=selection.filters(_prov()))
    return download(
        fmt,
        sections.export_tables(selection, frame),
        page="linh-vuc",
        period_from=selection.period.date_from,
        period_to=selection.period.date_to,
        title=_("Lĩnh vực – Một Cửa"),
    )
