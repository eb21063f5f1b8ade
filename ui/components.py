"""Shared page components: KPI tiles, table views, the coverage line, alerts, empty states.

Builders are pure: values in (already formatted by :mod:`ui.format`), Dash components out; no I/O.
Every number carries its definition (product.md): a tooltip for the eye and the same text,
visually hidden, linked with ``aria-describedby`` for screen readers and touch screens. The words
come from :mod:`ui.definitions`, the same entries the methodology page shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from kpi.db import TIMEOUT, NoWarehouse, QueryTimeout
from kpi.flow import Summary
from kpi.freshness import Freshness
from kpi.overview import LAST_YEAR, PREVIOUS, Change
from kpi.periods import Period
from kpi.targets import Target
from marks import N_
from ui.definitions import METRICS
from ui.definitions import MetricText as MetricText  # re-exported: defined in ui.definitions
from ui.format import (
    NO_DATA,
    NO_DATA_LABEL,
    as_date,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_moment,
    fmt_number,
    fmt_pct,
    fmt_span,
)
from ui.i18n import _
from ui.theme import STATUSES

NO_DATA_FOR_PERIOD = N_("Chưa có dữ liệu cho kỳ này")
NO_WAREHOUSE = N_("Chưa có dữ liệu.")
TIMEOUT_HINT = N_("Hãy chọn kỳ ngắn hơn hoặc thu hẹp bộ lọc rồi thử lại.")
NO_WAREHOUSE_HINT: list[Component | str] = [
    N_("Chạy "),
    html.Code("python -m etl demo"),
    N_(" để tạo dữ liệu mẫu, hoặc "),
    html.Code(N_("python -m etl load TỆP…")),
    N_(" để nạp dữ liệu của phường, xã; sau đó tải lại trang."),
]


def value_text(value: str) -> Component | str:
    """Render a formatted value; the no-data dash is announced as "không có dữ liệu"."""
    if value != NO_DATA:
        return value
    return html.Span(
        [
            html.Span(NO_DATA, **{"aria-hidden": "true"}),
            html.Span(_(NO_DATA_LABEL), className="visually-hidden"),
        ],
        title=_(NO_DATA_LABEL),
    )


@dataclass(frozen=True)
class TileChange:
    """One comparison line of a tile: ``▲ 1,12 điểm %`` ``so với 1/9–30/9/2026``."""

    label: str
    text: str  # formatted change, or NO_DATA
    words: str  # what the arrow says, for screen readers ("tăng", "giảm", "không đổi")
    tone: str | None  # "good", "bad" or None (no direction of good, or no change)
    title: str | None = None  # which comparison it is ("Kỳ trước"), as the line's tooltip


# The two comparisons of a headline KPI (metrics.md §6), by the role of their row in a headline
# frame (kpi.overview.headline), with the words their tooltip gives.
COMPARISONS: tuple[tuple[str, str], ...] = (
    (PREVIOUS, N_("Kỳ trước")),
    (LAST_YEAR, N_("Cùng kỳ năm trước")),
)


def compared_with(date_from: date | datetime, date_to: date | datetime) -> str:
    """What a change is against, by the comparison period's dates: ``so với 1/9–30/9/2026``.

    metrics.md §6: a change never stands without the dates it is measured against."""
    return _("so với {period}", period=fmt_span(as_date(date_from), as_date(date_to)))


def tile_change(
    label: str,
    change: Change | None,
    *,
    rate: bool,
    higher_is_better: bool | None = None,
    title: str | None = None,
) -> TileChange:
    """Format a change for a tile: percentage points for a rate; % (or the difference when the
    base is 0) for a count; ``—`` when either side has no data. ``label`` says what it is
    against (:func:`compared_with`), ``title`` which comparison that is."""
    if change is None:
        return TileChange(label, NO_DATA, NO_DATA_LABEL, None, title)
    delta = change.delta
    sign = "+" if delta > 0 else ""
    if rate:
        text = _("{sign}{delta} điểm %", sign=sign, delta=fmt_number(delta, 2))
    elif change.ratio is not None:
        text = f"{sign}{fmt_number(change.ratio * 100, 1)}%"
    else:
        text = f"{sign}{fmt_int(delta)}"
    if round(delta, 6) == 0:
        return TileChange(label, "= " + text.lstrip("+"), _("không đổi"), None, title)
    up = delta > 0
    tone = None if higher_is_better is None else ("good" if up == higher_is_better else "bad")
    words = _("tăng") if up else _("giảm")
    return TileChange(label, ("▲ " if up else "▼ ") + text, words, tone, title)


def target_text(target: Target) -> str:
    """``Mục tiêu ≥ 98%`` (a rate) or ``Mục tiêu ≤ 0`` (a count)."""
    sign = "≥" if target.higher_is_better else "≤"
    shown = (
        fmt_pct(target.target, 0)
        if target.target <= 1 and target.metric.endswith(("rate", "share"))
        else fmt_int(target.target)
    )
    return _("Mục tiêu {sign} {shown}", sign=sign, shown=shown)


def status_badge(status: str | None, target: Target | None) -> Component | None:
    """The target status as a badge with its words (never colour alone), or ``None``."""
    if status is None or target is None:
        return None
    shown = STATUSES[status]
    return html.Span(
        [html.Span(shown.symbol + " ", **{"aria-hidden": "true"}), _(shown.label)],
        className=f"badge {shown.badge} mc-status",
        title=target_text(target),
    )


def sparkline(svg: str, description: str) -> Component | None:
    """A sparkline SVG as an image (no script, no interactivity) with its description."""
    if not svg:
        return None
    return html.Img(
        src="data:image/svg+xml;charset=utf-8," + quote(svg),
        alt=description,
        className="mc-spark",
        width=120,
        height=28,
    )


def _change_line(change: TileChange) -> Component:
    tone = {"good": "text-success-emphasis", "bad": "text-danger-emphasis"}.get(change.tone or "")
    return html.Li(
        [
            html.Span(
                [
                    html.Span(change.text, **{"aria-hidden": "true"}),
                    html.Span(
                        f"{change.words} {change.text[2:]}".strip(), className="visually-hidden"
                    )
                    if change.text != NO_DATA
                    else html.Span(_(NO_DATA_LABEL), className="visually-hidden"),
                ],
                className=f"fw-semibold {tone or ''}".strip(),
            ),
            " ",
            _(change.label),
        ],
        className="mc-change",
        title=change.title,
    )


def kpi_tile(
    tile_id: str,
    metric: str,
    value: str,
    *,
    sub: str | None = None,
    changes: Sequence[TileChange] = (),
    status: Component | None = None,
    spark: Component | None = None,
    beside: str | None = None,
) -> Component:
    """A KPI card: label with an info tooltip giving the definition, the value, its target
    status, a sub-line, the value to compare with (``beside``, e.g. the city's), the comparison
    lines and a sparkline.

    ``tile_id`` is the card's id (page-prefixed kebab-case); ``metric`` a key of :data:`METRICS`;
    ``value`` and ``sub`` are already formatted; ``changes`` come from :func:`tile_change`,
    ``status`` from :func:`status_badge`, ``spark`` from :func:`sparkline`.
    """
    text = METRICS[metric]
    info_id = f"{tile_id}-info"
    definition_id = f"{tile_id}-definition"
    body: list[Component] = [
        html.Div(
            [
                html.H2(_(text.label), className="h6 text-body-secondary mb-0"),
                html.Button(
                    "i",
                    id=info_id,
                    type="button",
                    className="mc-info btn btn-sm btn-outline-secondary rounded-circle",
                    **{
                        "aria-label": _("Định nghĩa: {label}", label=_(text.label)),
                        "aria-describedby": definition_id,
                    },
                ),
            ],
            className="d-flex justify-content-between align-items-start gap-2",
        ),
        html.Div(
            [html.P(value_text(value), className="mc-tile-value display-6 fw-semibold my-2")]
            + ([status] if status is not None else []),
            className="d-flex flex-wrap align-items-center column-gap-2",
        ),
        html.P(sub or "", className="small text-body-secondary mb-1"),
    ]
    if beside:
        body.append(html.P(beside, id=f"{tile_id}-beside", className="small fw-semibold mb-1"))
    if changes:
        body.append(html.Ul([_change_line(c) for c in changes], className="mc-changes small"))
    if spark is not None:
        body.append(spark)
    body += [
        html.Span(text.tooltip, id=definition_id, className="visually-hidden"),
        dbc.Tooltip(text.tooltip, target=info_id, placement="bottom", class_name="mc-tooltip"),
    ]
    return dbc.Card(dbc.CardBody(body), id=tile_id, class_name="mc-tile h-100 shadow-sm")


def table_view(
    table_id: str, columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, str]], caption: str
) -> Component:
    """A chart's table alternative: a collapsed "Bảng số liệu" with a plain, captioned table.

    ``columns`` are (key, header) pairs; ``rows`` hold already formatted cells.
    """
    head = html.Thead(html.Tr([html.Th(_(label), scope="col") for _key, label in columns]))
    body = html.Tbody([html.Tr([html.Td(row.get(key, "")) for key, _ in columns]) for row in rows])
    return html.Details(
        [
            html.Summary(_("Bảng số liệu"), className="small"),
            html.Div(
                dbc.Table(
                    [html.Caption(caption), head, body],
                    size="sm",
                    striped=True,
                    class_name="mc-num-table mt-2",
                ),
                className="table-responsive",
            ),
        ],
        id=table_id,
        className="mt-2",
    )


def tile_row(tiles: list[Component]) -> Component:
    """KPI tiles side by side: four across on a wide screen, two on a tablet, one on a phone."""
    return dbc.Row([dbc.Col(tile, xs=12, sm=6, xl=3) for tile in tiles], class_name="g-3")


def coverage_line(line_id: str, figures: Summary, period: Period) -> Component:
    """The freshness, coverage and period line that goes under every city or ward figure."""
    return html.P(
        _(
            "Dữ liệu đến {moment} · {wards}/{total} phường, xã có dữ liệu · Kỳ: {start} – {end}",
            moment=fmt_datetime(figures["data_as_of"]),
            wards=fmt_int(figures["wards_with_data"]),
            total=fmt_int(figures["wards_total"]),
            start=fmt_date(period.date_from),
            end=fmt_date(period.date_to),
        ),
        id=line_id,
        className="text-body-secondary small mt-3",
    )


def alert(
    message: str, *, detail: str | list[Component | str] | None = None, color: str = "warning"
) -> Component:
    """A visible message instead of a figure (an error in the URL, no data, …)."""
    children: list[Component | str] = [html.Strong(_(message))]
    if detail:
        children.append(
            html.Div(_(detail) if isinstance(detail, str) else detail, className="mt-1")
        )
    return dbc.Alert(children, color=color, class_name="mc-alert my-3")


def empty_state(detail: str | list[Component | str] | None = None) -> Component:
    """The empty state of a period with no dossiers: "Chưa có dữ liệu cho kỳ này"."""
    return alert(NO_DATA_FOR_PERIOD, detail=detail, color="info")  # alert() translates


def no_warehouse(problem: NoWarehouse | None = None) -> Component:
    """The message shown while nothing has been loaded at all, with the command that fixes it;
    for a warehouse file that cannot be read (``problem.corrupt``), that it must be loaded
    again."""
    if problem is not None and problem.corrupt:
        return alert(problem.message, color="danger")  # alert() translates
    # the commands' placeholder (TỆP, "FILE") is a word too: each part is translated
    hint = [
        _(part) if isinstance(part, str) else html.Code(_(part.children))
        for part in NO_WAREHOUSE_HINT
    ]
    return alert(NO_WAREHOUSE, detail=hint, color="info")


def stale_banner(banner_id: str, fresh: Freshness | None) -> Component | None:
    """The warning every leaders' page shows while the newest loaded record is older than the
    configured number of working days (:mod:`kpi.freshness`); ``None`` while the data is fresh
    or nothing is loaded (the page then says that instead)."""
    if fresh is None or not fresh.stale:
        return None
    text = _(
        "Dữ liệu có thể chưa được cập nhật: hồ sơ mới nhất được ghi nhận lúc {moment}, "
        "{days} ngày làm việc trước hôm nay (quá {limit} ngày làm việc). Các số liệu dưới "
        "đây chỉ tính đến thời điểm đó.",
        moment=fmt_moment(fresh.data_as_of),
        days=fmt_int(fresh.working_days_old),
        limit=fmt_int(fresh.limit),
    )
    return dbc.Alert(text, id=banner_id, color="warning", class_name="mc-alert mc-stale my-2")


def query_timeout(exc: QueryTimeout) -> Component:
    """The message shown when the page's queries ran past the time limit (MOTCUA_QUERY_TIMEOUT)."""
    seconds = fmt_number(exc.seconds, 0 if float(exc.seconds).is_integer() else 1)
    return alert(_(TIMEOUT, seconds=seconds), detail=TIMEOUT_HINT)  # alert() keeps it as is


def not_found(title: str, detail: str, *, prefix: str = "not-found") -> Component:
    """The page of an address the app has no page for, with the way back to the overview.

    ``title`` and ``detail`` arrive translated. The HTTP status (404) is set by the app for
    the same addresses (app.py, pages._shared.page_missing)."""
    return dbc.Container(
        html.Div(
            [
                html.P(_("Lỗi 404"), className="text-body-secondary small mb-1"),
                html.H1(title, id=f"{prefix}-title", className="h3"),
                html.P(detail, id=f"{prefix}-detail"),
                dcc.Link(_("Về trang Tổng quan"), href="/", className="btn btn-primary"),
            ],
            id=prefix,
            className="mc-not-found",
        ),
        fluid="xl",
    )
