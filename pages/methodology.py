"""Phương pháp (``/phuong-phap``): every definition of metrics.md in plain words.

Vietnamese first; in English the texts come from :mod:`ui.locale.methodology` and
:mod:`ui.locale.metrics` (the export keeps Vietnamese headers and texts).

Each metric has an anchor (``/phuong-phap#methodology-on-time-rate``, see
:func:`ui.definitions.definition_href`) so other pages can link to its definition. The 766
methodology and the targets are read from their config files on every load, so the page shows
what the code scores and colours with; the warehouse is never opened.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, ctx, dcc, html
from dash.development.base_component import Component

from kpi import public
from kpi.index766 import load_methodology
from kpi.periods import local_today
from kpi.targets import load_targets
from ui import methodology as m
from ui.definitions import (
    CHANNEL_METRICS,
    FLOW_METRICS,
    ON_TIME_CLASSES,
    ON_TIME_RATES,
    PETITION_METRICS,
    RATING_METRICS,
    SIPAS_DIMENSIONS,
)
from ui.export import download, export_buttons, export_ids
from ui.i18n import _, page_title

PREFIX = "methodology"
EXPORT = export_ids(PREFIX)

dash.register_page(
    __name__, path="/phuong-phap", name="Phương pháp", title=page_title("Phương pháp")
)

# (section id, title, metrics listed under it in the table of contents). Section ids carry
# "section-" so they never collide with a metric's anchor (on_time → methodology-on-time).
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("methodology-section-conventions", "Quy ước chung", ()),
    ("methodology-section-flow", "1. Luồng hồ sơ", FLOW_METRICS),
    ("methodology-section-on-time", "2. Tiến độ giải quyết", ON_TIME_CLASSES + ON_TIME_RATES),
    ("methodology-section-channels", "3. Kênh nộp, dịch vụ trực tuyến, số hóa", CHANNEL_METRICS),
    (
        "methodology-section-satisfaction",
        "4. Mức độ hài lòng: ba số liệu khác nhau",
        (*RATING_METRICS, "satisfaction_766", *PETITION_METRICS),
    ),
    ("methodology-section-index766", "5. Chỉ số 766 ước tính", ()),
    ("methodology-section-targets", "6. Mục tiêu và màu sắc", ()),
    ("methodology-section-public", "7. Số liệu công khai", ()),
    (
        "methodology-section-decisions",
        "8. Cách hiểu của dự án ở những điểm quy định chưa nói rõ",
        (),
    ),
)


def layout(**_query: str) -> Component:
    """The page (it takes no URL parameter; the config files are read on each load)."""
    method = load_methodology()
    indicators = {i.metric: i for i in method.indicators}
    body: dict[str, list[Component]] = {
        "methodology-section-conventions": [
            m.bullet_list(m.CONVENTIONS, "methodology-conventions-list"),
            m.aggregation_example(),
        ],
        "methodology-section-flow": m.metric_entries(FLOW_METRICS, indicators),
        "methodology-section-on-time": [
            html.P(
                _(
                    "Mỗi hồ sơ trong Tổng số phải giải quyết thuộc đúng một trong năm loại dưới "
                    "đây (hoặc là hồ sơ thiếu ngày hẹn trả, không được tính vào tỷ lệ)."
                )
            ),
            m.classes_table(),
            *m.metric_entries(ON_TIME_RATES, indicators),
            m.worked_example(),
            *m.clock_rules(),
        ],
        "methodology-section-channels": [
            html.P(_("Các tỷ lệ tính trên hồ sơ tiếp nhận mới trong kỳ, trừ khi ghi khác.")),
            *m.metric_entries(CHANNEL_METRICS, indicators),
        ],
        "methodology-section-satisfaction": [
            html.H3(_("4.1. Đánh giá của người dân"), className="h5 mt-4"),
            *m.metric_entries(RATING_METRICS, indicators, level=4),
            html.P(
                _(
                    "Khi có, các khía cạnh SIPAS (mỗi khía cạnh trên thang 1–5): {dimensions}.",
                    dimensions="; ".join(_(d) for d in SIPAS_DIMENSIONS.values()),
                )
            ),
            html.H3(_("4.2. Mức độ hài lòng theo Bộ chỉ số 766"), className="h5 mt-4"),
            *m.metric_entries(["satisfaction_766"], indicators, level=4),
            html.H3(_("4.3. Phản ánh, kiến nghị"), className="h5 mt-4"),
            *m.metric_entries(PETITION_METRICS, indicators, level=4),
        ],
        "methodology-section-index766": [
            dbc.Alert(
                [html.Strong(_("Ước tính. ")), _(method.note)],
                color="info",
                id="methodology-estimate",
            ),
            html.P(_(method.title)),
            html.P(
                _(
                    "Điểm của một chỉ số = điểm tối đa × min(1, tỷ lệ / ngưỡng đạt tối đa), làm "
                    "tròn 2 chữ số. Điểm của phường, xã = tổng điểm các chỉ số có dữ liệu trong "
                    "kỳ; điểm trên thang 100 = tổng điểm / tổng điểm tối đa của các chỉ số đó × "
                    "100."
                )
            ),
            html.H3(_("Phương pháp tính"), className="h5 mt-4", id="methodology-index766-method"),
            m.index766_table(method),
            m.bands_table(method),
            html.H4(_("Tệp phương pháp (data/index766.toml), nguyên văn"), className="h6"),
            m.methodology_file(method),
        ],
        "methodology-section-targets": [
            html.P(
                _(
                    "Xanh: đạt hoặc vượt mục tiêu; vàng: chưa đạt nhưng trong ngưỡng cảnh báo; "
                    "đỏ: ngoài ngưỡng. Mục tiêu đọc từ tệp data/targets.toml."
                )
            ),
            m.targets_table(load_targets()),
        ],
        "methodology-section-public": [
            m.public_rules(
                min_count=public.MIN_COUNT,
                min_denominator=public.MIN_DENOMINATOR,
                small_count=public.SMALL_COUNT,
                hidden=public.HIDDEN,
                not_enough=public.NOT_ENOUGH,
            )
        ],
        "methodology-section-decisions": [m.bullet_list(m.DECISIONS, "methodology-decisions-list")],
    }
    return dbc.Container(
        [
            dcc.Store(id="methodology-scrolled"),
            html.Div(
                [
                    html.H1(_("Phương pháp tính các số liệu"), className="h3 mb-0"),
                    export_buttons(PREFIX),
                ],
                className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3",
            ),
            html.P(
                _(
                    "Mỗi số liệu trên bảng điều khiển được định nghĩa dưới đây bằng lời và bằng "
                    "công thức, đúng như cách phần mềm tính."
                )
            ),
            m.toc(SECTIONS),
            *(m.section(sid, title, body[sid]) for sid, title, _metrics in SECTIONS),
        ],
        id="methodology-page",
        className="mc-methodology",
        fluid="lg",
    )


# A link like /phuong-phap#methodology-on-time-rate: scroll to the definition once it is drawn.
clientside_callback(
    ClientsideFunction(namespace="motcua", function_name="scrollToHash"),
    Output("methodology-scrolled", "data"),
    Input("methodology-toc", "id"),
)


@callback(
    Output(EXPORT.download, "data"),
    Input(EXPORT.xlsx, "n_clicks"),
    Input(EXPORT.csv, "n_clicks"),
    prevent_initial_call=True,
)
def export(_xlsx: int | None, _csv: int | None) -> dict[str, object]:
    """The page's tables (definitions, 766 indicators and bands, targets) as Excel or CSV."""
    fmt = EXPORT.format_of(ctx.triggered_id)
    if fmt is None:
        return dash.no_update
    today = local_today()
    tables = m.export_tables(load_methodology(), load_targets())
    return download(
        fmt, tables, page="Phương pháp", period_from=today, period_to=today,
        title="Phương pháp tính các số liệu",
    )  # fmt: skip
