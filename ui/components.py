"""Shared page components: KPI tiles, the coverage and freshness line, alerts and empty states.

Builders are pure: values in (already formatted by :mod:`ui.format`), Dash components out; no I/O.
Every number carries its definition (product.md): a tooltip for the eye and the same text,
visually hidden, linked with ``aria-describedby`` for screen readers and touch screens. The words
come from :mod:`ui.definitions`, the same entries the methodology page shows.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from kpi.flow import Summary
from kpi.periods import Period
from ui.definitions import METRICS
from ui.definitions import MetricText as MetricText  # re-exported: defined in ui.definitions
from ui.format import NO_DATA, NO_DATA_LABEL, fmt_date, fmt_datetime, fmt_int

NO_DATA_FOR_PERIOD = "Chưa có dữ liệu cho kỳ này"
NO_WAREHOUSE = "Chưa có dữ liệu."
NO_WAREHOUSE_HINT: list[Component | str] = [
    "Chạy ",
    html.Code("python -m etl demo"),
    " để tạo dữ liệu mẫu, hoặc ",
    html.Code("python -m etl load TỆP…"),
    " để nạp dữ liệu của phường, xã; sau đó tải lại trang.",
]


def value_text(value: str) -> Component | str:
    """Render a formatted value; the no-data dash is announced as "không có dữ liệu"."""
    if value != NO_DATA:
        return value
    return html.Span(
        [
            html.Span(NO_DATA, **{"aria-hidden": "true"}),
            html.Span(NO_DATA_LABEL, className="visually-hidden"),
        ],
        title=NO_DATA_LABEL,
    )


def kpi_tile(tile_id: str, metric: str, value: str, *, sub: str | None = None) -> Component:
    """A KPI card: label with an info tooltip giving the definition, the value, a sub-line.

    ``tile_id`` is the card's id (page-prefixed kebab-case); ``metric`` a key of :data:`METRICS`;
    ``value`` and ``sub`` are already formatted.
    """
    text = METRICS[metric]
    info_id = f"{tile_id}-info"
    definition_id = f"{tile_id}-definition"
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(text.label, className="h6 text-body-secondary mb-0"),
                        html.Button(
                            "i",
                            id=info_id,
                            type="button",
                            className="mc-info btn btn-sm btn-outline-secondary rounded-circle",
                            **{
                                "aria-label": f"Định nghĩa: {text.label}",
                                "aria-describedby": definition_id,
                            },
                        ),
                    ],
                    className="d-flex justify-content-between align-items-start gap-2",
                ),
                html.P(value_text(value), className="mc-tile-value display-6 fw-semibold my-2"),
                html.P(sub or "", className="small text-body-secondary mb-0"),
                html.Span(text.tooltip, id=definition_id, className="visually-hidden"),
                dbc.Tooltip(
                    text.tooltip, target=info_id, placement="bottom", class_name="mc-tooltip"
                ),
            ]
        ),
        id=tile_id,
        class_name="mc-tile h-100 shadow-sm",
    )


def labelled_select(
    select_id: str,
    label: str,
    options: list[dict[str, object]],
    value: str,
    *,
    disabled: bool = False,
    width: int = 4,
) -> Component:
    """A native select with its visible label (accessible, works on phones), as a grid column."""
    return dbc.Col(
        [
            dbc.Label(label, html_for=select_id),
            dbc.Select(id=select_id, options=options, value=value, disabled=disabled),
        ],
        xs=12,
        md=width,
    )


def tile_row(tiles: list[Component]) -> Component:
    """KPI tiles side by side: four across on a wide screen, two on a tablet, one on a phone."""
    return dbc.Row([dbc.Col(tile, xs=12, sm=6, xl=3) for tile in tiles], class_name="g-3")


def filter_bar(bar_id: str, controls: list[Component]) -> Component:
    """The row of filters at the top of a page, announced as a search landmark."""
    return html.Div(
        dbc.Row(controls, class_name="g-3"),
        id=bar_id,
        role="search",
        className="mb-4",
        **{"aria-label": "Bộ lọc"},
    )


def coverage_line(line_id: str, figures: Summary, period: Period) -> Component:
    """The freshness, coverage and period line that goes under every city or ward figure."""
    return html.P(
        f"Dữ liệu đến {fmt_datetime(figures['data_as_of'])} · "
        f"{fmt_int(figures['wards_with_data'])}/{fmt_int(figures['wards_total'])} "
        f"phường, xã có dữ liệu · "
        f"Kỳ: {fmt_date(period.date_from)} – {fmt_date(period.date_to)}",
        id=line_id,
        className="text-body-secondary small mt-3",
    )


def alert(
    message: str, *, detail: str | list[Component | str] | None = None, color: str = "warning"
) -> Component:
    """A visible message instead of a figure (an error in the URL, no data, …)."""
    children: list[Component | str] = [html.Strong(message)]
    if detail:
        children.append(html.Div(detail, className="mt-1"))
    return dbc.Alert(children, color=color, class_name="mc-alert my-3")


def empty_state(detail: str | list[Component | str] | None = None) -> Component:
    """The empty state of a period with no dossiers: "Chưa có dữ liệu cho kỳ này"."""
    return alert(NO_DATA_FOR_PERIOD, detail=detail, color="info")


def no_warehouse() -> Component:
    """The message shown while nothing has been loaded at all, with the command that fixes it."""
    return alert(NO_WAREHOUSE, detail=NO_WAREHOUSE_HINT, color="info")
