"""Tổng quan (``/``): the headline KPIs of the province or one ward for a period.

URL parameters: ``period`` (a preset of :data:`kpi.periods.PRESETS`) or ``from``/``to``
(YYYY-MM-DD), and ``ward`` (a ward code of the configured province).
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from dash.development.base_component import Component

from kpi.config import settings
from kpi.db import NoWarehouse, cursor
from kpi.flow import summary, ward_options
from kpi.periods import DEFAULT_PRESET, PRESETS, PeriodError, resolve_period
from ui.components import alert, coverage_line, empty_state, kpi_tile, no_warehouse
from ui.format import fmt_int, fmt_pct

dash.register_page(__name__, path="/", name="Tổng quan", title="Tổng quan – Một Cửa")

CUSTOM = "custom"  # the period menu's value while the URL gives an explicit from/to range


def _wards() -> dict[str, str]:
    """Ward code → name for the configured province; empty when nothing is loaded."""
    try:
        with cursor() as cur:
            frame = ward_options(cur, province_code=settings().province)
    except NoWarehouse:
        return {}
    return dict(zip(frame["ward_code"], frame["ward_name"], strict=True))


def _content(query: dict[str, str], wards: dict[str, str]) -> Component:
    """The tiles and the coverage line for the URL parameters ``query``, or an alert."""
    try:
        period = resolve_period(query.get("period"), query.get("from"), query.get("to"))
    except PeriodError as exc:
        return alert("Tham số kỳ báo cáo không hợp lệ", detail=str(exc))
    ward = query.get("ward") or None
    if not wards:
        return no_warehouse()
    if ward is not None and ward not in wards:
        return alert("Không tìm thấy phường, xã", detail=f"Mã {ward!r} không có trong danh sách.")
    try:
        with cursor() as cur:
            s = summary(
                cur,
                date_from=period.date_from,
                date_to=period.date_to,
                province_code=settings().province,
                ward_code=ward,
            )
    except NoWarehouse:
        return no_warehouse()
    if s["data_as_of"] is None:
        return no_warehouse()
    line = html.P(
        coverage_line(
            data_as_of=s["data_as_of"],
            wards_with_data=s["wards_with_data"],
            wards_total=s["wards_total"],
            date_from=period.date_from,
            date_to=period.date_to,
        ),
        id="overview-coverage",
        className="text-body-secondary small mt-3",
    )
    scope = html.H2(wards[ward] if ward else "Toàn bộ phường, xã", className="h5 mb-3")
    if s["to_process"] == 0:
        return html.Div([scope, empty_state(), line])
    in_process = s["in_time"] + s["overdue"]
    tiles = [
        kpi_tile("overview-received", "received", fmt_int(s["received"]),
                 sub=f"Kỳ trước chuyển sang: {fmt_int(s['carried_over'])}"),
        kpi_tile("overview-completed", "completed", fmt_int(s["completed"]),
                 sub=f"Đang giải quyết: {fmt_int(in_process)}"),
        kpi_tile("overview-on-time", "on_time_rate", fmt_pct(s["on_time_rate"]),
                 sub=f"Giải quyết đúng/trước hạn: {fmt_pct(s['resolved_on_time_rate'])}"),
        kpi_tile("overview-online", "online_share", fmt_pct(s["online_share"]),
                 sub=f"{fmt_int(s['online'])} hồ sơ nộp trực tuyến"),
    ]
    row = dbc.Row([dbc.Col(t, xs=12, sm=6, xl=3) for t in tiles], class_name="g-3")
    return html.Div([scope, row, line])


def layout(**query: str) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    query = {k: v[-1] if isinstance(v, list) else v for k, v in query.items()}
    wards = _wards()
    explicit = bool(query.get("from") or query.get("to"))
    preset = CUSTOM if explicit else query.get("period") or DEFAULT_PRESET
    periods = [{"label": label, "value": key} for key, label in PRESETS.items()]
    periods.append({"label": "Khoảng ngày tùy chọn", "value": CUSTOM, "disabled": not explicit})
    filters = dbc.Row(
        [
            dbc.Col([
                dbc.Label("Kỳ báo cáo", html_for="overview-period"),
                dbc.Select(id="overview-period", options=periods,
                           value=preset if preset in PRESETS or explicit else DEFAULT_PRESET),
            ], xs=12, md=4),
            dbc.Col([
                dbc.Label("Phường, xã", html_for="overview-ward"),
                dbc.Select(id="overview-ward", disabled=not wards,
                           options=[{"label": "Tất cả phường, xã", "value": ""}]
                           + [{"label": name, "value": code} for code, name in wards.items()],
                           value=query.get("ward") if query.get("ward") in wards else ""),
            ], xs=12, md=5),
        ],
        class_name="g-3 mb-4",
    )
    return dbc.Container(
        [
            dcc.Location(id="overview-url", refresh=False),
            dcc.Store(id="overview-range", data={"from": query.get("from"), "to": query.get("to")}),
            html.H1("Tổng quan", className="h3 mb-3"),
            html.Form(filters, id="overview-filters", role="search", **{"aria-label": "Bộ lọc"}),
            html.Div(_content(query, wards), id="overview-content", **{"aria-live": "polite"}),
        ],
        fluid="xl",
    )


@callback(
    Output("overview-url", "search"),
    Output("overview-content", "children"),
    Input("overview-period", "value"),
    Input("overview-ward", "value"),
    State("overview-range", "data"),
    prevent_initial_call=True,
)
def update(preset: str, ward: str, custom: dict[str, str | None]) -> tuple[str, Component]:
    """Filters changed: put them in the URL (shareable link) and recompute the tiles."""
    query = {k: v for k, v in custom.items() if v} if preset == CUSTOM else {"period": preset}
    if ward:
        query["ward"] = ward
    return "?" + urlencode(query), _content(query, _wards())
