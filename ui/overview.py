"""The sections of the overview page, built from :mod:`kpi.overview` frames (pure, no I/O).

Tiles (value, target status, change vs the previous period and the same period last year,
sparkline), the trend and on-time split charts with their tables, the ward league table and the
ward map. The page module only fetches the frames and wires the callbacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from kpi.config import settings
from kpi.metrics import records
from kpi.overview import BUCKET, CURRENT, GRAINS, LAST_YEAR, PREVIOUS, allowed_grains, compare
from kpi.periods import Period
from kpi.targets import Target, colour
from marks import N_
from ui.components import (
    COMPARISONS,
    METRICS,
    compared_with,
    coverage_line,
    empty_state,
    kpi_tile,
    sparkline,
    status_badge,
    table_view,
    tile_change,
    tile_row,
)
from ui.definitions import definition_href
from ui.export import Column, Table
from ui.figures import (
    GRAPH_CONFIG,
    bucket_label,
    sparkline_svg,
    split_figure,
    trend_figure,
    ward_map_figure,
)
from ui.filters import Selection
from ui.format import as_date, fmt_date, fmt_int, fmt_pct
from ui.i18n import _, ngettext
from ui.league import league_table
from ui.sealed import seal
from ui.theme import CLASS_LABELS

GRAIN_WORDS = {"day": N_("theo ngày"), "week": N_("theo tuần"), "month": N_("theo tháng")}


def _rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The current, previous and last-year rows of a headline frame, by role."""
    return {r["role"]: r for r in records(frame[frame["role"] != BUCKET])}


def _has_data(row: Mapping[str, Any] | None) -> bool:
    return bool(row) and (row["to_process"] > 0 or row["completed"] > 0)


def _changes(
    metric: str, rows: Mapping[str, Mapping[str, Any]], *, rate: bool, target: Target | None
) -> list:
    current = rows[CURRENT][metric]
    better = target.higher_is_better if target is not None else None
    out = []
    for role, title in COMPARISONS:
        base_row = rows[role]
        base = base_row[metric] if _has_data(base_row) else None
        label = compared_with(base_row["date_from"], base_row["date_to"])
        change = compare(current, base, rate=rate)
        out.append(tile_change(label, change, rate=rate, higher_is_better=better, title=_(title)))
    return out


def _spark(buckets: pd.DataFrame, metric: str, *, rate: bool, grain: str) -> Component | None:
    values = [None if pd.isna(v) else float(v) for v in buckets[metric]]
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return None
    shown = fmt_pct if rate else fmt_int
    words = _(
        "Xu hướng {grain} trong kỳ: từ {first} đến {last}",
        grain=_(GRAIN_WORDS[grain]),
        first=shown(known[0]),
        last=shown(known[-1]),
    )
    return sparkline(sparkline_svg(values), words)


def tiles(
    prefix: str,
    frame: pd.DataFrame,
    *,
    grain: str,
    targets: Mapping[str, Target],
    beside: Mapping[str, Any] | None = None,
    beside_label: str = N_("Toàn thành phố"),
) -> Component:
    """The four headline tiles of a :func:`kpi.overview.headline` frame.

    ``beside`` (a :func:`kpi.metrics.records` row, e.g. the city's) adds its value of each
    tile's metric under the tile's own: ``Toàn thành phố: 97,12%``.
    """
    rows = _rows(frame)
    now = rows[CURRENT]
    buckets = frame[frame["role"] == BUCKET]
    in_process = now["in_time"] + now["overdue"]

    def tile(
        tile_id: str, metric: str, value: str, sub: str, *, rate: bool, spark_metric: str
    ) -> Component:
        target = targets.get(metric)
        status = colour(metric, now[metric], dict(targets)) if target is not None else None
        shown = fmt_pct if rate else fmt_int
        other = f"{beside_label}: {shown(beside[metric])}" if beside is not None else None
        return kpi_tile(
            f"{prefix}-{tile_id}",
            metric,
            value,
            sub=sub,
            changes=_changes(metric, rows, rate=rate, target=target),
            status=status_badge(status, target),
            spark=_spark(buckets, spark_metric, rate=rate, grain=grain),
            beside=other,
        )

    return tile_row(
        [
            tile(
                "received",
                "received",
                fmt_int(now["received"]),
                _("Kỳ trước chuyển sang: {n}", n=fmt_int(now["carried_over"])),
                rate=False,
                spark_metric="received",
            ),
            tile(
                "completed",
                "completed",
                fmt_int(now["completed"]),
                _(
                    "Đang giải quyết: {n} (quá hạn: {overdue})",
                    n=fmt_int(in_process),
                    overdue=fmt_int(now["overdue"]),
                ),
                rate=False,
                spark_metric="completed",
            ),
            tile(
                "on-time",
                "on_time_rate",
                fmt_pct(now["on_time_rate"]),
                _("Giải quyết đúng/trước hạn: {rate}", rate=fmt_pct(now["resolved_on_time_rate"])),
                rate=True,
                spark_metric="on_time_rate",
            ),
            tile(
                "online",
                "online_share",
                fmt_pct(now["online_share"]),
                ngettext(
                    "{n} hồ sơ nộp trực tuyến",
                    "{n} hồ sơ nộp trực tuyến",
                    int(now["online"] or 0),
                    n=fmt_int(now["online"]),
                ),
                rate=True,
                spark_metric="online_share",
            ),
        ]
    )


def period_is_over(as_of: datetime, period: Period) -> bool:
    """Whether figures judged at ``as_of`` are those of the period's very end (a closed
    period), rather than of a moment inside it (now, or the newest loaded record)."""
    return as_of >= datetime.combine(period.date_to, time.max)


def due_soon_line(
    line_id: str, figures: Mapping[str, Any], *, period: Period, days: int
) -> Component:
    """The line "Sắp đến hạn (trong 2 ngày làm việc tới): 37 hồ sơ", its label a link to the
    definition.

    ``figures`` is a :func:`kpi.metrics.records` row (``due_soon``, ``as_of``); ``days`` the N it
    was counted with. A period already over is judged at its end, and the line says so."""
    metric = METRICS["due_soon"]
    label = html.A(_(metric.label), href=definition_href("due_soon"), title=metric.tooltip)
    due, count = int(figures["due_soon"] or 0), fmt_int(figures["due_soon"])
    if period_is_over(figures["as_of"], period):
        rest = ngettext(
            " tại cuối kỳ (trong {days} ngày làm việc sau ngày {day}): {n} hồ sơ",
            " tại cuối kỳ (trong {days} ngày làm việc sau ngày {day}): {n} hồ sơ",
            due,
            days=days,
            day=fmt_date(period.date_to),
            n=count,
        )
    else:
        rest = ngettext(
            " (trong {days} ngày làm việc tới): {n} hồ sơ",
            " (trong {days} ngày làm việc tới): {n} hồ sơ",
            due,
            days=days,
            n=count,
        )
    return html.P([label, rest], id=line_id, className="mc-due-soon fw-semibold mt-3 mb-0")


def trend_body(
    prefix: str, buckets: pd.DataFrame, *, grain: str, targets: Mapping[str, Target]
) -> list[Component]:
    """The trend chart and the on-time split of the buckets, each with its table."""
    if buckets.empty or not (buckets["to_process"] > 0).any():
        return [empty_state(_("Không có hồ sơ nào trong các mốc thời gian của kỳ."))]
    rows = records(buckets)
    labels = [bucket_label(r["date_from"], r["date_to"], grain) for r in rows]
    trend_rows = [
        {
            "bucket": label,
            "on_time_rate": fmt_pct(r["on_time_rate"]),
            "online_share": fmt_pct(r["online_share"]),
            "received": fmt_int(r["received"]),
            "to_process": fmt_int(r["to_process"]),
        }
        for label, r in zip(labels, rows, strict=True)
    ]
    split_rows = [
        {"bucket": label} | {k: fmt_int(r[k]) for k in CLASS_LABELS}
        for label, r in zip(labels, rows, strict=True)
    ]
    words = _(GRAIN_WORDS[grain])
    return [
        html.H3(_("Tỷ lệ đúng hạn và tỷ lệ trực tuyến {words}", words=words), className="h6 mt-2"),
        dcc.Graph(
            id=f"{prefix}-trend-graph",
            figure=trend_figure(buckets, grain=grain, targets=dict(targets)),
            config=GRAPH_CONFIG,
            className="mc-graph",
        ),
        table_view(
            f"{prefix}-trend-table",
            [
                ("bucket", N_("Thời gian")),
                ("on_time_rate", METRICS["on_time_rate"].label),
                ("online_share", METRICS["online_share"].label),
                ("received", METRICS["received"].label),
                ("to_process", N_("Tổng số phải giải quyết")),
            ],
            trend_rows,
            _("Tỷ lệ đúng hạn và tỷ lệ trực tuyến {words}", words=words),
        ),
        html.H3(_("Tiến độ giải quyết {words}", words=words), className="h6 mt-4"),
        dcc.Graph(
            id=f"{prefix}-split-graph",
            figure=split_figure(buckets, grain=grain),
            config=GRAPH_CONFIG,
            className="mc-graph",
        ),
        table_view(
            f"{prefix}-split-table",
            [("bucket", N_("Thời gian")), *CLASS_LABELS.items()],
            split_rows,
            _("Số hồ sơ theo tiến độ giải quyết {words}", words=words),
        ),
    ]


def _section(section_id: str, title: str, children: list[Component]) -> Component:
    return html.Section(
        [html.H2(title, id=f"{section_id}-title", className="h5 mb-2"), *children],
        id=section_id,
        className="mc-section mt-4",
        **{"aria-labelledby": f"{section_id}-title"},
    )


def trend_section(
    prefix: str, buckets: pd.DataFrame, *, period: Period, grain: str, targets: Mapping[str, Target]
) -> Component:
    """The trend section: the day/week/month control and :func:`trend_body`."""
    control = html.Div(
        [
            dbc.Label(_("Chia theo"), html_for=f"{prefix}-grain", class_name="me-2 mb-0"),
            dbc.RadioItems(
                id=f"{prefix}-grain",
                options=[{"label": _(GRAINS[g]), "value": g} for g in allowed_grains(period)],
                value=grain,
                inline=True,
            ),
        ],
        className="d-flex flex-wrap align-items-center",
        role="group",
        **{"aria-label": _("Chia theo ngày, tuần hoặc tháng")},
    )
    body = html.Div(
        trend_body(prefix, buckets, grain=grain, targets=targets),
        id=f"{prefix}-trend",
        **{"aria-live": "polite"},
    )
    return _section(f"{prefix}-trend-section", _("Xu hướng"), [control, body])


def league_store(
    league: pd.DataFrame,
    *,
    link_search: str,
    ward: str | None,
    compared: Period,
    unit: str = "ward",
) -> dict[str, Any]:
    """The rows of the league table and what its links keep; the map's clicks are checked
    against its codes.

    ``compared`` is the period the ranks moved from (the headline's ``previous`` row); ``unit``
    is ``"ward"`` (each row a ward: its link opens the ward page) or ``"province"`` (the national
    view: each row a province, its link opens the province's overview)."""
    columns = ["ward_code", "ward_name", "name_order", *[c for c in league.columns if c in (
        "received", "completed", "on_time_rate", "resolved_on_time_rate", "online_share",
        "overdue", "due_soon", "rank", "rank_change",
    )]]  # fmt: skip
    return {
        "rows": records(league[columns]),
        "link": link_search,
        "ward": ward,
        "compared": [compared.date_from.isoformat(), compared.date_to.isoformat()],
        "unit": unit,
    }


def stored_league(
    prefix: str, store: Mapping[str, Any], *, targets: Mapping[str, Target]
) -> Component:
    """The league table of a :func:`league_store`."""
    start, end = (date.fromisoformat(day) for day in store["compared"])
    return league_table(
        prefix,
        store["rows"],
        targets=targets,
        link_search=store["link"],
        selected_ward=store["ward"],
        compared=compared_with(start, end),
        unit=store.get("unit", "ward"),
    )


def league_section(
    prefix: str, store: Mapping[str, Any], *, targets: Mapping[str, Target]
) -> Component:
    """The league table section, with the store the map's clicks read."""
    unit = store.get("unit", "ward")
    table = stored_league(prefix, store, targets=targets)
    title = (
        _("Bảng xếp hạng tỉnh, thành phố") if unit == "province" else _("Bảng xếp hạng phường, xã")
    )
    return _section(
        f"{prefix}-league-section",
        title,
        [
            dcc.Store(id=f"{prefix}-league-data", data=seal(dict(store))),
            html.Div(table, id=f"{prefix}-league"),
        ],
    )


def map_section(
    prefix: str, league: pd.DataFrame, *, target: Target, unit: str = "ward"
) -> Component:
    """The ward map (centroids, no tiles) and where its table alternative is; ``unit``
    ``"province"``: the national map, a point per province (its wards' mean centroid)."""
    if unit == "province":
        words = _(
            "Mỗi điểm là một tỉnh, thành phố (trung tâm các phường, xã của tỉnh); màu và hình "
            "cho biết tỷ lệ đúng hạn so với mục tiêu, kích thước theo số hồ sơ phải giải quyết. "
            "Bấm vào điểm để mở trang tổng quan của tỉnh. Số liệu dạng bảng: "
        )
        table_name, title = _("Bảng xếp hạng tỉnh, thành phố"), _("Bản đồ tỉnh, thành phố")
    else:
        words = _(
            "Mỗi điểm là một phường, xã (vị trí trung tâm); màu và hình cho biết tỷ lệ đúng "
            "hạn so với mục tiêu, kích thước theo số hồ sơ phải giải quyết. Bấm vào điểm để "
            "mở trang phường, xã. Số liệu dạng bảng: "
        )
        table_name, title = _("Bảng xếp hạng phường, xã"), _("Bản đồ phường, xã")
    note = html.P(
        [words, html.A(table_name, href=f"#{prefix}-league-section"), "."],
        className="small text-body-secondary",
    )
    graph = dcc.Graph(
        id=f"{prefix}-map",
        figure=ward_map_figure(league, target=target),
        config=GRAPH_CONFIG,
        className="mc-graph mc-map",
    )
    return _section(f"{prefix}-map-section", title, [note, graph])


def scope_title(
    ward: str | None, wards: Mapping[str, str], *, province: str | None = None
) -> Component:
    """Whose figures these are: a ward, the whole province (named when ``province`` is given),
    or (``province`` ``""``) the whole country."""
    if ward:
        return html.H2(wards[ward], className="h5 mb-3")
    if province == "":
        return html.H2(_("Toàn quốc"), className="h5 mb-3")
    words = _("Toàn bộ phường, xã")
    return html.H2(f"{words} – {province}" if province else words, className="h5 mb-3")


def no_period_data(prefix: str, scope: Component, line: Component) -> Component:
    """A period without any dossier: its empty state between the title and the coverage line."""
    return html.Div([scope, empty_state(), line], id=f"{prefix}-empty")


def page_content(
    prefix: str,
    head: pd.DataFrame,
    league: pd.DataFrame,
    *,
    selection: Selection,
    wards: Mapping[str, str],
    grain: str,
    targets: dict[str, Target],
    due_soon_days: int,
    province_name: str | None = None,
) -> Component:
    """The overview under its filters: scope, tiles, the due-soon count, coverage line, trend,
    league and map.

    ``head`` is :func:`kpi.overview.headline`'s frame, ``league`` :func:`kpi.overview.league`'s
    (the national view: :func:`kpi.overview.province_league`'s), both counting "due soon" over
    ``due_soon_days`` working days; ``province_name`` names the province in the title; a period
    without any dossier gets its empty state instead."""
    now = head[head["role"] == CURRENT].iloc[0]
    line = coverage_line(f"{prefix}-coverage", now.to_dict(), selection.period)
    unit = "province" if selection.national else "ward"
    scope = scope_title(selection.ward, wards, province="" if selection.national else province_name)
    if now["to_process"] == 0 and now["completed"] == 0:
        return no_period_data(prefix, scope, line)
    link = selection.search(with_ward=False)
    if unit == "province":  # a province's link names its province instead of the country
        link = replace(selection, province=settings().province).search(with_ward=False)
    previous = _rows(head)[PREVIOUS]
    store = league_store(
        league,
        link_search=link,
        ward=selection.ward,
        compared=Period(as_date(previous["date_from"]), as_date(previous["date_to"])),
        unit=unit,
    )
    trend = head[head["role"] == BUCKET]
    return html.Div(
        [
            scope,
            tiles(prefix, head, grain=grain, targets=targets),
            due_soon_line(
                f"{prefix}-due-soon",
                records(head[head["role"] == CURRENT])[0],
                period=selection.period,
                days=due_soon_days,
            ),
            line,
            trend_section(prefix, trend, period=selection.period, grain=grain, targets=targets),
            league_section(prefix, store, targets=targets),
            map_section(prefix, league, target=targets["on_time_rate"], unit=unit),
        ]
    )


_HEADLINE_EXPORT = (
    ("received", N_("Tiếp nhận mới"), "int"),
    ("carried_over", N_("Kỳ trước chuyển sang"), "int"),
    ("to_process", N_("Tổng số phải giải quyết"), "int"),
    ("completed", N_("Đã giải quyết"), "int"),
    ("early", N_("Trước hạn"), "int"),
    ("on_time", N_("Đúng hạn"), "int"),
    ("late", N_("Quá hạn"), "int"),
    ("in_time", N_("Đang giải quyết trong hạn"), "int"),
    ("overdue", N_("Đang giải quyết quá hạn"), "int"),
    ("due_soon", N_("Sắp đến hạn"), "int"),
    ("on_time_rate", N_("Tỷ lệ đúng hạn"), "pct"),
    ("resolved_on_time_rate", N_("Tỷ lệ giải quyết đúng và trước hạn"), "pct"),
    ("online", N_("Nộp trực tuyến"), "int"),
    ("online_share", N_("Tỷ lệ hồ sơ trực tuyến"), "pct"),
)
_ROLE_LABELS = {CURRENT: N_("Kỳ này"), PREVIOUS: N_("Kỳ trước"), LAST_YEAR: N_("Cùng kỳ năm trước")}


def export_tables(
    head: pd.DataFrame, league: pd.DataFrame, *, scope: str, grain: str
) -> list[Table]:
    """The page's tables as one workbook: headline with comparisons, trend, ward league."""
    cols = [Column(k, label, kind) for k, label, kind in _HEADLINE_EXPORT]
    periods = head[head["role"] != BUCKET].copy()
    periods["role_label"] = periods["role"].map(_ROLE_LABELS)
    period_cols = [
        Column("role_label", N_("Kỳ"), "text"),
        Column("date_from", N_("Từ ngày"), "date"),
        Column("date_to", N_("Đến ngày"), "date"),
    ]
    buckets = head[head["role"] == BUCKET].copy()
    buckets["bucket"] = _labels_of(buckets, grain)
    league_rows = league.copy()
    previous = _rows(head)[PREVIOUS]
    compared = (
        f"{fmt_date(as_date(previous['date_from']))} – {fmt_date(as_date(previous['date_to']))}"
    )
    return [
        Table(N_("Chỉ tiêu"), f"Chỉ tiêu chính – {scope}", period_cols + cols, periods),
        Table(
            N_("Xu hướng"),
            f"Xu hướng {GRAIN_WORDS[grain]} – {scope}",
            [Column("bucket", "Mốc", "text"), *period_cols[1:], *cols],
            buckets,
        ),
        Table(
            "Xếp hạng phường, xã",
            "Bảng xếp hạng phường, xã theo tỷ lệ đúng hạn",
            [
                Column("rank", N_("Hạng"), "int"),
                Column("ward_code", N_("Mã phường, xã"), "text"),
                Column("ward_name", N_("Phường, xã"), "text"),
                Column("received", N_("Tiếp nhận mới"), "int"),
                Column("completed", N_("Đã giải quyết"), "int"),
                Column("on_time_rate", N_("Tỷ lệ đúng hạn"), "pct"),
                Column("resolved_on_time_rate", N_("Tỷ lệ giải quyết đúng và trước hạn"), "pct"),
                Column("online_share", N_("Tỷ lệ hồ sơ trực tuyến"), "pct"),
                Column("overdue", N_("Đang giải quyết quá hạn"), "int"),
                Column("due_soon", N_("Sắp đến hạn"), "int"),
                Column("rank_previous", "Hạng kỳ trước", "int"),
                Column("rank_change", N_("Thay đổi hạng"), "int"),
            ],
            league_rows,
            note=(f"Thay đổi hạng = hạng kỳ trước ({compared}) − hạng kỳ này (dương: tăng hạng)."),
        ),
    ]


def _labels_of(buckets: pd.DataFrame, grain: str) -> list[str]:
    return [
        bucket_label(pd.Timestamp(f).date(), pd.Timestamp(t).date(), grain)
        for f, t in zip(buckets["date_from"], buckets["date_to"], strict=True)
    ]
