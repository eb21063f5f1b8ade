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
from kpi.flow import summary
from kpi.periods import DEFAULT_PRESET, PRESETS, PeriodError, resolve_period
from kpi.reference import ward_options
from ui.components import (
    alert,
    coverage_line,
    empty_state,
    filter_bar,
    kpi_tile,
    labelled_select,
    no_warehouse,
    tile_row,
)
from ui.format import fmt_int, fmt_pct

dash.register_page(__name__, path="/", name="Tổng quan", title="Tổng quan – Một Cửa")

CUSTOM = "custom"  # the period menu's value while the URL gives an explicit from/to range
ALL = "all"  # the ward menu's value for the whole province (ward codes are digits)


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
    line = coverage_line("overview-coverage", s, period)
    scope = html.H2(wards[ward] if ward else "Toàn bộ phường, xã", className="h5 mb-3")
    if s["to_process"] == 0:
        return html.Div([scope, empty_state(), line])
    in_process = s["in_time"] + s["overdue"]
    tiles = [
        kpi_tile(
            "overview-received",
            "received",
            fmt_int(s["received"]),
            sub=f"Kỳ trước chuyển sang: {fmt_int(s['carried_over'])}",
        ),
        kpi_tile(
            "overview-completed",
            "completed",
            fmt_int(s["completed"]),
            sub=f"Đang giải quyết: {fmt_int(in_process)}",
        ),
        kpi_tile(
            "overview-on-time",
            "on_time_rate",
            fmt_pct(s["on_time_rate"]),
            sub=f"Giải quyết đúng/trước hạn: {fmt_pct(s['resolved_on_time_rate'])}",
        ),
        kpi_tile(
            "overview-online",
            "online_share",
            fmt_pct(s["online_share"]),
            sub=f"{fmt_int(s['online'])} hồ sơ nộp trực tuyến",
        ),
    ]
    return html.Div([scope, tile_row(tiles), line])


def layout(**query: str) -> Component:
    """The page for the URL parameters (a repeated parameter counts by its last value)."""
    query = {k: v[-1] if isinstance(v, list) else v for k, v in query.items()}
    wards = _wards()
    explicit = bool(query.get("from") or query.get("to"))
    preset = CUSTOM if explicit else query.get("period") or DEFAULT_PRESET
    periods = [{"label": label, "value": key} for key, label in PRESETS.items()]
    periods.append({"label": "Khoảng ngày tùy chọn", "value": CUSTOM, "disabled": not explicit})
    ward_menu = [{"label": "Tất cả phường, xã", "value": ALL}]
    ward_menu += [{"label": name, "value": code} for code, name in wards.items()]
    filters = filter_bar(
        "overview-filters",
        [
            labelled_select(
                "overview-period",
                "Kỳ báo cáo",
                periods,
                preset if preset in PRESETS or explicit else DEFAULT_PRESET,
            ),
            labelled_select(
                "overview-ward",
                "Phường, xã",
                ward_menu,
                query["ward"] if query.get("ward") in wards else ALL,
                disabled=not wards,
                width=5,
            ),
        ],
    )
    return dbc.Container(
        [
            dcc.Location(id="overview-url", refresh=False),
            dcc.Store(id="overview-range", data={"from": query.get("from"), "to": query.get("to")}),
            html.H1("Tổng quan", className="h3 mb-3"),
            filters,
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
    if ward and ward != ALL:
        query["ward"] = ward
    return "?" + urlencode(query), _content(query, _wards())
