"""Lĩnh vực (``/linh-vuc``): fields and procedures by volume, on time, late, online share.

URL parameters (ui/filters.py): the period, ``ward``, ``field``, ``channel`` and, on this page,
``procedure`` (a procedure code). No field: every field; a field: its procedures; a procedure:
the wards that handle it. Each level answers "where do late dossiers concentrate" in one line
above a sortable table. Glue only: kpi/fields.py answers, ui/fields.py draws.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, ctx, html
from dash.development.base_component import Component

from kpi.db import NoWarehouse, cursor
from kpi.fields import drill_table
from kpi.index766 import load_methodology
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
from ui import fields as sections
from ui.components import no_warehouse
from ui.export import download, export_buttons, export_ids
from ui.filters import Selection, control_inputs, search_query, url_id, view_outputs
from ui.i18n import _, page_title, pgettext

dash.register_page(
    __name__, path="/linh-vuc", name="Lĩnh vực", title=page_title(NP_("page", "Lĩnh vực"))
)

PREFIX = "fields"
EXPORT = export_ids(PREFIX)
province_navigation(PREFIX, "/linh-vuc")


def _content(selection: Selection, lists: Lists) -> Component:
    """The level the selection asks for (one metrics query)."""
    try:
        with cursor() as cur:
            table = drill_table(cur, period=selection.period, filters=selection.filters())
    except NoWarehouse as exc:
        return no_warehouse(exc)
    threshold = next(i.full_at for i in load_methodology().indicators if i.metric == "online_share")
    return sections.content(
        PREFIX,
        selection,
        table,
        procedure_name=lists[2].get(selection.procedure or ""),
        threshold=threshold,
        export=export_buttons(PREFIX),
    )


def _view(query: dict[str, Any]) -> View:
    """The selection, allow-lists and content (or the alert saying what is wrong) of a URL."""
    return view(query, _content, procedures=True)


def layout(**query: Any) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    heading = html.H1(pgettext("page", "Lĩnh vực"), className="h3 mb-0")
    return frame(PREFIX, heading, _view(query), exports=False)  # the content places them


@callback(
    *view_outputs(PREFIX),
    *control_inputs(PREFIX),
    State(url_id(PREFIX), "search"),
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
    search: str | None,
    province: str | None = None,
) -> tuple[Any, ...]:
    """A filter changed: new URL (shareable link), the period controls in step, new content.

    The procedure drilled into stays while the field does not change."""
    return on_controls(PREFIX, ctx.triggered_id, _view, preset=preset, date_from=date_from,
                       date_to=date_to, ward=ward, field=field, channel=channel, province=province,
                       procedure=search_query(search).get("procedure"))  # fmt: skip


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    State(url_id(PREFIX), "search"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None, search: str | None) -> dict[str, Any]:
    """The page's tables as one workbook, or CSV, for the selection in the URL."""
    fmt, selection = EXPORT.format_of(ctx.triggered_id), from_search(search, procedures=True)
    if fmt is None or selection is None:
        return dash.no_update  # the page already shows what is wrong with its URL
    with cursor() as cur:
        table = drill_table(cur, period=selection.period, filters=selection.filters())
    return download(
        fmt,
        sections.export_tables(selection, table),
        page="linh-vuc",
        period_from=selection.period.date_from,
        period_to=selection.period.date_to,
        title=_("Lĩnh vực – Một Cửa"),
    )
