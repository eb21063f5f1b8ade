"""The sections of the satisfaction page, built from :mod:`kpi.satisfaction` frames (pure, no I/O).

metrics.md §4: three different things, shown apart. **Ratings** (tiles, the 1–5 distribution,
the SIPAS dimensions, the trend), the **766 satisfaction** (5.4, explained: it is mostly
lateness) and **petitions** (5.2, 5.3); then the ward table with all three, and the note that
comments are for signed-in leaders only. Each chart has its table; every table exports
(:func:`export_tables`). Every visible word goes through :func:`ui.i18n._`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from kpi.metrics import records
from kpi.overview import compare
from kpi.periods import Period
from kpi.satisfaction import (
    BUCKET,
    CURRENT,
    LAST_YEAR,
    MIN_RATINGS,
    PREVIOUS,
    RATING_LEVELS,
    SIPAS,
    lateness_parts,
    trend_grain,
)
from kpi.targets import Target, colour
from marks import N_
from ui.components import (
    COMPARISONS,
    METRICS,
    TileChange,
    compared_with,
    coverage_line,
    empty_state,
    kpi_tile,
    status_badge,
    table_view,
    tile_change,
    tile_row,
    value_text,
)
from ui.definitions import SIPAS_DIMENSIONS, definition_href
from ui.export import Column, Table
from ui.figures import GRAPH_CONFIG, bucket_label
from ui.format import NO_DATA, fmt_date, fmt_int, fmt_number, fmt_pct
from ui.grid import GridColumn, grid, grid_rows
from ui.i18n import _, ngettext
from ui.overview import scope_title
from ui.satisfaction_figures import ratings_figure, satisfaction_trend_figure, sipas_figure
from ui.theme import RATING_LABELS

NO_SIPAS = N_("chưa có dữ liệu")
FEW = N_("ít đánh giá")
GRAIN_WORDS = {"week": N_("theo tuần"), "month": N_("theo tháng")}


def _rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The current, previous and last-year rows of a headline frame, by role."""
    return {r["role"]: r for r in records(frame[frame["role"] != BUCKET])}


def _has_data(row: Mapping[str, Any] | None) -> bool:
    return bool(row) and (row["ratings"] > 0 or row["to_process"] > 0 or row["completed"] > 0)


def has_data(frame: pd.DataFrame) -> bool:
    """True when the period has a dossier, a rating or a petition."""
    now = _rows(frame)[CURRENT]
    return _has_data(now) or now["petitions"] > 0


def _mean_change(
    label: str, current: float | None, base: float | None, *, title: str
) -> TileChange:
    """A mean rating's change, in points of the 1–5 scale (``▲ +0,25 điểm``)."""
    change = compare(current, base, rate=False)
    if change is None:
        return tile_change(label, None, rate=False, title=title)
    delta = change.delta
    sign = "+" if delta > 0 else ""
    text = _("{sign}{delta} điểm", sign=sign, delta=fmt_number(delta, 2))
    if round(delta, 6) == 0:
        return TileChange(label, "= " + text.lstrip("+"), _("không đổi"), None, title)
    up = delta > 0
    return TileChange(label, ("▲ " if up else "▼ ") + text, _("tăng") if up else _("giảm"),
                      "good" if up else "bad", title)  # fmt: skip


def _changes(metric: str, rows: Mapping[str, Mapping[str, Any]], *, kind: str) -> list:
    out = []
    for role, title in COMPARISONS:
        base_row = rows[role]
        base = base_row[metric] if _has_data(base_row) else None
        current = rows[CURRENT][metric]
        label = compared_with(
            base_row["date_from"], base_row["date_to"]
        )  # the comparison's own dates (metrics.md §6)
        if kind == "mean":
            out.append(_mean_change(label, current, base, title=_(title)))
        else:
            rate = kind == "rate"
            change = compare(current, base, rate=rate)
            out.append(tile_change(label, change, rate=rate, higher_is_better=True, title=_(title)))
    return out


def tiles(prefix: str, frame: pd.DataFrame, *, targets: Mapping[str, Target]) -> Component:
    """Ratings, satisfied rate (with its target status), mean rating and response rate."""
    rows = _rows(frame)
    now = rows[CURRENT]
    target = targets.get("satisfied_rate")
    status = colour("satisfied_rate", now["satisfied_rate"], dict(targets))
    return tile_row(
        [
            kpi_tile(
                f"{prefix}-ratings",
                "ratings",
                fmt_int(now["ratings"]),
                sub=_("Số hồ sơ được đánh giá: {n}", n=fmt_int(now["rated_dossiers"])),
                changes=_changes("ratings", rows, kind="count"),
            ),
            kpi_tile(
                f"{prefix}-satisfied",
                "satisfied_rate",
                fmt_pct(now["satisfied_rate"]),
                sub=ngettext(
                    "{n} lượt đánh giá từ 4 điểm",
                    "{n} lượt đánh giá từ 4 điểm",
                    int(now["satisfied"] or 0),
                    n=fmt_int(now["satisfied"]),
                ),
                changes=_changes("satisfied_rate", rows, kind="rate"),
                status=status_badge(status, target),
            ),
            kpi_tile(
                f"{prefix}-mean",
                "mean_rating",
                fmt_number(now["mean_rating"], 2),
                sub=_("Trên thang 1–5 điểm"),
                changes=_changes("mean_rating", rows, kind="mean"),
            ),
            kpi_tile(
                f"{prefix}-response",
                "response_rate",
                fmt_pct(now["response_rate"]),
                sub=ngettext(
                    "Trên {n} hồ sơ đã giải quyết",
                    "Trên {n} hồ sơ đã giải quyết",
                    int(now["completed"] or 0),
                    n=fmt_int(now["completed"]),
                ),
                changes=_changes("response_rate", rows, kind="rate"),
            ),
        ]
    )


def _section(section_id: str, title: str, children: list[Component]) -> Component:
    return html.Section(
        [html.H2(title, id=f"{section_id}-title", className="h5 mb-2"), *children],
        id=section_id,
        className="mc-section mt-4",
        **{"aria-labelledby": f"{section_id}-title"},
    )


def _graph(graph_id: str, figure: Any, label: str) -> Component:
    return html.Div(
        dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG, className="mc-graph"),
        role="img",
        **{"aria-label": label},
    )


def _definition_link(metric: str) -> Component:
    return html.A(_("Định nghĩa"), href=definition_href(metric), className="small")


# --- ratings: distribution, SIPAS, trend -----------------------------------------------------


def distribution_frame(row: Mapping[str, Any]) -> pd.DataFrame:
    """``level, label, count, share`` of the 1–5 ratings (share of all ratings; None if none)."""
    total = row["ratings"]
    counts = [row[f"rating_{level}"] for level in RATING_LEVELS]
    return pd.DataFrame(
        {
            "level": list(RATING_LEVELS),
            "label": [_(RATING_LABELS[level]) for level in RATING_LEVELS],
            "count": counts,
            "share": [c / total if total else None for c in counts],
        }
    )


def sipas_frame(row: Mapping[str, Any]) -> pd.DataFrame:
    """``dimension, label, mean`` of the five SIPAS dimensions (None where the source has none)."""
    return pd.DataFrame(
        {
            "dimension": list(SIPAS),
            "label": [_(SIPAS_DIMENSIONS[d]) for d in SIPAS],
            "mean": pd.Series([row[f"sipas_{d}"] for d in SIPAS], dtype="object"),
        }
    )


def distribution_section(prefix: str, row: Mapping[str, Any]) -> Component:
    """The 1–5 distribution: bars and their table, or why there is none."""
    title = _("Phân bố mức đánh giá")
    if not row["ratings"]:
        body = [empty_state(_("Chưa có lượt đánh giá nào của người dân trong kỳ này."))]
        return _section(f"{prefix}-distribution-section", title, body)
    frame = distribution_frame(row)
    rows = [
        {"label": r["label"], "count": fmt_int(r["count"]), "share": fmt_pct(r["share"])}
        for r in records(frame)
    ]
    caption = _("Số lượt đánh giá theo mức 1–5 trong kỳ")
    return _section(
        f"{prefix}-distribution-section",
        title,
        [
            _graph(f"{prefix}-distribution-graph", ratings_figure(frame), caption),
            table_view(
                f"{prefix}-distribution-table",
                [
                    ("label", _("Mức đánh giá")),
                    ("count", _("Số lượt")),
                    ("share", _("Tỷ lệ")),
                ],
                rows,
                caption,
            ),
        ],
    )


def sipas_section(prefix: str, row: Mapping[str, Any]) -> Component:
    """The SIPAS dimensions (mean 1–5 each), "chưa có dữ liệu" where the source gives none."""
    title = _("Các tiêu chí SIPAS")
    frame = sipas_frame(row)
    note = html.P(
        _(
            "Điểm trung bình (thang 1–5) của từng tiêu chí của Chỉ số hài lòng về sự phục vụ hành "
            "chính (SIPAS), tính trên các lượt đánh giá có chấm tiêu chí đó."
        ),
        className="small text-body-secondary",
    )
    rows = [
        {"label": r["label"], "mean": fmt_number(r["mean"], 2) if r["mean"] is not None
         else _(NO_SIPAS)}
        for r in records(frame)
    ]  # fmt: skip
    caption = _("Điểm trung bình từng tiêu chí SIPAS trong kỳ")
    table = table_view(
        f"{prefix}-sipas-table", [("label", _("Tiêu chí")), ("mean", _("Điểm TB"))], rows, caption
    )
    if not row["ratings"]:
        body = [empty_state(_("Chưa có lượt đánh giá nào của người dân trong kỳ này."))]
    elif frame["mean"].isna().all():
        body = [note, empty_state(_("Nguồn dữ liệu đánh giá không có điểm theo tiêu chí SIPAS.")),
                table]  # fmt: skip
    else:
        body = [note, _graph(f"{prefix}-sipas-graph", sipas_figure(frame), caption), table]
    return _section(f"{prefix}-sipas-section", title, body)


def trend_section(
    prefix: str, buckets: pd.DataFrame, *, grain: str, targets: Mapping[str, Target]
) -> Component:
    """Satisfied rate and ratings per week or month, with the table."""
    words = _(GRAIN_WORDS[grain])
    title = _("Xu hướng {words}", words=words)
    if buckets.empty or not (buckets["ratings"] > 0).any():
        body = [empty_state(_("Không có lượt đánh giá nào trong các mốc thời gian của kỳ."))]
        return _section(f"{prefix}-trend-section", title, body)
    target = targets.get("satisfied_rate")
    rate_label = _(METRICS["satisfied_rate"].label)
    count_label = _("Số lượt đánh giá")
    figure = satisfaction_trend_figure(
        buckets,
        grain=grain,
        target=target,
        rate_label=rate_label,
        count_label=count_label,
        target_label=_("Mục tiêu {pct}", pct=fmt_pct(target.target, 0)) if target else "",
    )
    rows = [
        {
            "bucket": bucket_label(r["date_from"], r["date_to"], grain),
            "ratings": fmt_int(r["ratings"]),
            "satisfied_rate": fmt_pct(r["satisfied_rate"]),
            "mean_rating": fmt_number(r["mean_rating"], 2),
        }
        for r in records(buckets)
    ]
    caption = _("Tỷ lệ hài lòng và số lượt đánh giá {words}", words=words)
    return _section(
        f"{prefix}-trend-section",
        title,
        [
            _graph(f"{prefix}-trend-graph", figure, caption),
            table_view(
                f"{prefix}-trend-table",
                [
                    ("bucket", _("Thời gian")),
                    ("ratings", count_label),
                    ("satisfied_rate", rate_label),
                    ("mean_rating", _(METRICS["mean_rating"].label)),
                ],
                rows,
                caption,
            ),
        ],
    )


# --- 766 satisfaction (5.4) and petitions (5.2, 5.3) -----------------------------------------


def _points_text(points: pd.DataFrame, code: str) -> str:
    row = points[points["code"] == code].iloc[0]
    shown = NO_DATA if pd.isna(row["points"]) else fmt_number(row["points"], 2)
    return _(
        "{points}/{max} điểm (đủ điểm khi đạt {full})",
        points=shown,
        max=fmt_number(row["max"], 0),
        full=fmt_pct(row["full_at"], 0),
    )


def index_section(prefix: str, row: Mapping[str, Any], points: pd.DataFrame) -> Component:
    """The 766 satisfaction (5.4): value, points, formula in words, why it is mostly lateness."""
    parts = lateness_parts(row)
    value = html.P(
        [
            html.Span(value_text(fmt_pct(row["satisfaction_766"])),
                      id=f"{prefix}-index-value", className="display-6 fw-semibold me-3"),
            html.Span(_points_text(points, "5.4"), id=f"{prefix}-index-points"),
        ],
        className="d-flex flex-wrap align-items-baseline mb-2",
    )  # fmt: skip
    formula = html.P(
        _(
            "Cách tính: 1 − (hồ sơ quá hạn + hồ sơ đang giải quyết quá hạn + hồ sơ không trễ hạn "
            "nhưng bị phản ánh, kiến nghị hoặc được đánh giá từ 2 điểm trở xuống) / số hồ sơ phải "
            "giải quyết có xác định được hạn."
        )
    )
    figures = html.P(
        _(
            "Trong kỳ: {late} hồ sơ trễ hạn ({late_share}) và {complained} hồ sơ không trễ hạn "
            "nhưng bị phản ánh hoặc đánh giá kém ({complained_share}), trên {classified} hồ sơ.",
            late=fmt_int(parts["late_or_overdue"]),
            late_share=fmt_pct(parts["late_share"]),
            complained=fmt_int(parts["complained_not_late"]),
            complained_share=fmt_pct(parts["complained_share"]),
            classified=fmt_int(parts["classified"]),
        ),
        id=f"{prefix}-index-parts",
    )
    why = html.P(
        _(
            "Chỉ số này chủ yếu phụ thuộc vào số hồ sơ trễ hạn, không phải vào ý kiến đánh giá "
            "của người dân: một phường, xã giải quyết đúng hạn gần như luôn đạt điểm cao, dù tỷ "
            "lệ hài lòng ở trên thấp. Vì vậy chỉ số được trình bày riêng với đánh giá của người "
            "dân."
        ),
        className="mb-1",
    )
    source = html.P(
        [
            _("Số điểm theo tệp phương pháp data/index766.toml; là số ước tính từ dữ liệu của "
              "chính phường, xã. "),
            _definition_link("satisfaction_766"),
        ],
        className="small text-body-secondary",
    )  # fmt: skip
    return _section(
        f"{prefix}-index-section",
        _("Chỉ số hài lòng 766 (5.4)"),
        [value, formula, figures, why, source],
    )


def petitions_section(prefix: str, row: Mapping[str, Any], points: pd.DataFrame) -> Component:
    """Petitions (5.2 on time, 5.3 satisfaction), apart from ratings and from 5.4."""
    title = _("Phản ánh, kiến nghị (5.2, 5.3)")
    intro = html.P(
        _(
            "Phản ánh, kiến nghị của người dân về thủ tục và cán bộ: một nguồn số liệu riêng, "
            "không gộp với lượt đánh giá."
        ),
        className="small text-body-secondary",
    )
    rows = [
        {
            "code": code,
            "label": _(METRICS[metric].label),
            "value": fmt_pct(row[metric]),
            "points": _points_text(points, code),
        }
        for code, metric in (("5.2", "petition_on_time_rate"), ("5.3", "petition_satisfaction"))
    ]
    columns = [("code", _("Chỉ số")), ("label", _("Tên")), ("value", _("Giá trị")),
               ("points", _("Điểm 766"))]  # fmt: skip
    head = html.Thead(html.Tr([html.Th(label, scope="col") for _key, label in columns]))
    body = html.Tbody([html.Tr([html.Td(r[k]) for k, _label in columns]) for r in rows])
    counts = html.P(
        _(
            "{n} phản ánh, kiến nghị nhận trong kỳ; {on_time} xử lý đúng hạn hoặc còn trong hạn; "
            "{unsatisfied} bị đánh giá không hài lòng.",
            n=fmt_int(row["petitions"]),
            on_time=fmt_int(row["petitions_on_time"]),
            unsatisfied=fmt_int(row["petitions_unsatisfied"]),
        ),
        id=f"{prefix}-petitions-counts",
    )
    children: list[Component] = [intro, counts]
    if not row["petitions"]:
        children.append(
            html.P(
                _("Không có phản ánh, kiến nghị trong kỳ: 5.2 và 5.3 được tính đủ điểm, như Cổng "
                  "Dịch vụ công quốc gia."),
                className="small",
            )
        )  # fmt: skip
    children.append(
        html.Div(
            dbc.Table(
                [html.Caption(title), head, body],
                size="sm",
                class_name="mc-num-table mb-0",
                id=f"{prefix}-petitions-table",
            ),
            className="table-responsive",
            # Scrolls sideways on a phone: reachable by keyboard, and named (axe, WCAG 2.1.1).
            tabIndex="0",
            role="region",
            **{"aria-label": title},
        )
    )
    return _section(f"{prefix}-petitions-section", title, children)


def comments_note(prefix: str) -> Component:
    """Where the comments are: on each ward's page, for the leaders of that ward and city."""
    return _section(
        f"{prefix}-comments-section",
        _("Ý kiến góp ý của người dân"),
        [
            html.P(
                _(
                    "Ý kiến góp ý (đã che số điện thoại, số giấy tờ, thư điện tử) có trên trang "
                    "của từng phường, xã, chỉ cho lãnh đạo của phường, xã đó và của tỉnh, thành "
                    "phố."
                ),
                id=f"{prefix}-comments-note",
            )
        ],
    )


# --- the ward table --------------------------------------------------------------------------

# Rates sort worst first; the columns that rest on ratings (rank, satisfied rate, mean) list a
# ward with few ratings after the reliable ones, whichever the direction: flagged, not ranked
# as if reliable.
WARD_COLUMNS: tuple[GridColumn, ...] = (
    GridColumn("rank", N_("Hạng"), "rank", tiered=True),
    GridColumn("ward_name", N_("Phường, xã"), "name", pinned=True),
    GridColumn("ratings", N_("Lượt đánh giá"), "count", first_descending=True),
    GridColumn("satisfied_rate", N_("Tỷ lệ hài lòng"), "rate", coloured=True, tiered=True),
    GridColumn("mean_rating", N_("Điểm TB"), "mean", tiered=True),
    GridColumn("response_rate", N_("Tỷ lệ hồ sơ được đánh giá"), "rate"),
    GridColumn("satisfaction_766", N_("Hài lòng 766 (5.4)"), "rate"),
    GridColumn("petitions", N_("Phản ánh, kiến nghị"), "count", first_descending=True),
    GridColumn("petition_on_time_rate", N_("PAKN đúng hạn (5.2)"), "rate"),
)


def ward_table_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The ward table's rows (raw numbers), in rank order: reliable wards by rank, then those
    with few ratings, then those without ratings, each in Vietnamese name order."""
    columns = ["ward_code", "ward_name", "name_order", "few_ratings"]
    columns += [c.key for c in WARD_COLUMNS if c.key not in columns]
    rows = records(table[columns])

    def order(row: Mapping[str, Any]) -> tuple[int, float, int]:
        rank = row["rank"]
        tier = (3 - row["few_ratings"]) if rank is None else int(row["few_ratings"])
        return tier, rank if rank is not None else 0, row["name_order"]

    return sorted(rows, key=order)


def ward_table(
    prefix: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    targets: Mapping[str, Target],
    link_search: str,
    selected_ward: str | None = None,
) -> Component:
    """Every ward as a grid (:mod:`ui.grid`), first in rank order; a ward with few ratings
    carries "ít đánh giá" and its satisfied rate no colour."""
    few = {"tier": 1, "badge": _(FEW), "badge_title": _("Dưới {n} lượt đánh giá: chưa xếp hạng",
                                                        n=MIN_RATINGS)}  # fmt: skip
    drawn = grid_rows(
        rows,
        WARD_COLUMNS,
        targets=targets,
        href=lambda r: f"/phuong/{r['ward_code']}{link_search}",
        selected=lambda r: r["ward_code"] == selected_ward,
        plain=lambda r: bool(r["few_ratings"]),
        extra=lambda r: few if r["few_ratings"] else {},
    )
    caption = _(
        "Xếp hạng theo tỷ lệ hài lòng, chỉ các phường, xã có từ {n} lượt đánh giá; phường, xã "
        "ít đánh giá được đánh dấu và xếp sau. Bấm tiêu đề cột để sắp xếp.",
        n=MIN_RATINGS,
    )
    return html.Div(
        [
            html.P(caption, id=f"{prefix}-wards-note", className="small text-body-secondary mb-2"),
            grid(f"{prefix}-wards-grid", WARD_COLUMNS, drawn, name=_("Theo phường, xã")),
        ]
    )


def ward_section(
    prefix: str, rows: Sequence[Mapping[str, Any]], *, targets: Mapping[str, Target],
    link_search: str, ward: str | None,
) -> Component:  # fmt: skip
    """The ward table section."""
    table = ward_table(prefix, rows, targets=targets, link_search=link_search, selected_ward=ward)
    return _section(
        f"{prefix}-wards-section", _("Theo phường, xã"), [html.Div(table, id=f"{prefix}-wards")]
    )


def apart_note() -> Component:
    """Why the page has three kinds of satisfaction, shown apart."""
    return html.P(
        _(
            "Ba loại số liệu khác nhau, trình bày riêng: đánh giá của người dân (thang 1–5); "
            "chỉ số hài lòng 766 (5.4), tính từ tiến độ giải quyết hồ sơ; phản ánh, kiến nghị "
            "(5.2, 5.3)."
        ),
        className="small text-body-secondary",
    )


# --- the page ------------------------------------------------------------------------------


def page_content(
    prefix: str,
    head: pd.DataFrame,
    wards_table: pd.DataFrame,
    points: pd.DataFrame,
    *,
    period: Period,
    ward: str | None,
    wards: Mapping[str, str],
    link_search: str,
    targets: Mapping[str, Target],
) -> Component:
    """Every section, in order: ratings (tiles, coverage line, distribution, SIPAS, trend),
    766 satisfaction, petitions, the ward table, the note on comments; or the empty state."""
    now = _rows(head)[CURRENT]
    line = coverage_line(f"{prefix}-coverage", now, period)
    scope = scope_title(ward, wards)
    if not has_data(head):
        return html.Div([scope, empty_state(), line], id=f"{prefix}-empty")
    buckets = head[head["role"] == BUCKET]
    return html.Div(
        [
            scope,
            apart_note(),
            html.H2(_("Đánh giá của người dân"), className="h4 mt-3"),
            tiles(prefix, head, targets=targets),
            line,
            distribution_section(prefix, now),
            sipas_section(prefix, now),
            trend_section(prefix, buckets, grain=trend_grain(period), targets=targets),
            index_section(prefix, now, points),
            petitions_section(prefix, now, points),
            ward_section(
                prefix,
                ward_table_rows(wards_table),
                targets=targets,
                link_search=link_search,
                ward=ward,
            ),
            comments_note(prefix),
        ]
    )


# --- exports ---------------------------------------------------------------------------------


def export_tables(
    frame: pd.DataFrame, wards: pd.DataFrame, points: pd.DataFrame, *, grain: str, period: Period
) -> list[Table]:
    """Every table of the page, raw values, for :func:`ui.export.download`."""
    rows = _rows(frame)
    periods = (
        (CURRENT, N_("Kỳ này")),
        (PREVIOUS, N_("Kỳ trước")),
        (LAST_YEAR, N_("Cùng kỳ năm trước")),
    )
    summary = pd.DataFrame([{**rows[role], "role": _(label)} for role, label in periods])
    note = _("Kỳ: {start} – {end}", start=fmt_date(period.date_from), end=fmt_date(period.date_to))
    label = {m: _(METRICS[m].label) for m in METRICS}
    buckets = frame[frame["role"] == BUCKET].copy()
    buckets["bucket"] = [
        bucket_label(pd.Timestamp(f).date(), pd.Timestamp(t).date(), grain)
        for f, t in zip(buckets["date_from"], buckets["date_to"], strict=True)
    ]
    current = rows[CURRENT]
    wards = wards.assign(few=[_(FEW) if f else "" for f in wards["few_ratings"]])
    return [
        Table(_("Tổng hợp"), _("Đánh giá, chỉ số 766 và phản ánh, kiến nghị"), [
            Column("role", _("Kỳ"), "text"), Column("date_from", _("Từ ngày"), "date"),
            Column("date_to", _("Đến ngày"), "date"), Column("ratings", label["ratings"], "int"),
            Column("satisfied_rate", label["satisfied_rate"], "pct"),
            Column("mean_rating", label["mean_rating"], "number"),
            Column("response_rate", label["response_rate"], "pct"),
            Column("satisfaction_766", label["satisfaction_766"], "pct"),
            Column("petitions", _("Phản ánh, kiến nghị"), "int"),
            Column("petition_on_time_rate", label["petition_on_time_rate"], "pct"),
            Column("petition_satisfaction", label["petition_satisfaction"], "pct"),
        ], summary, note=note),
        Table(_("Phân bố đánh giá"), _("Phân bố mức đánh giá"), [
            Column("level", _("Mức"), "int"), Column("label", _("Mức đánh giá"), "text"),
            Column("count", _("Số lượt"), "int"), Column("share", _("Tỷ lệ"), "pct"),
        ], distribution_frame(current), note=note),
        Table(_("Tiêu chí SIPAS"), _("Các tiêu chí SIPAS"), [
            Column("label", _("Tiêu chí"), "text"), Column("mean", _("Điểm TB"), "number"),
        ], sipas_frame(current), note=note),
        Table(_("Xu hướng"), _("Xu hướng {words}", words=_(GRAIN_WORDS[grain])), [
            Column("bucket", _("Thời gian"), "text"), Column("date_from", _("Từ ngày"), "date"),
            Column("date_to", _("Đến ngày"), "date"), Column("ratings", label["ratings"], "int"),
            Column("satisfied_rate", label["satisfied_rate"], "pct"),
            Column("mean_rating", label["mean_rating"], "number"),
        ], buckets, note=note),
        Table(_("Phường, xã"), _("Theo phường, xã"), [
            Column("ward_code", _("Mã xã"), "text"), Column("ward_name", _("Phường, xã"), "text"),
            Column("rank", _("Hạng"), "int"), Column("few", _("Ít đánh giá"), "text"),
            Column("ratings", label["ratings"], "int"),
            Column("satisfied_rate", label["satisfied_rate"], "pct"),
            Column("mean_rating", label["mean_rating"], "number"),
            Column("response_rate", label["response_rate"], "pct"),
            Column("satisfaction_766", label["satisfaction_766"], "pct"),
            Column("petitions", _("Phản ánh, kiến nghị"), "int"),
            Column("petition_on_time_rate", label["petition_on_time_rate"], "pct"),
            Column("petition_satisfaction", label["petition_satisfaction"], "pct"),
        ], wards, note=note),
        Table(_("Điểm 766"), _("Điểm nhóm Mức độ hài lòng của Chỉ số 766"), [
            Column("code", _("Chỉ số"), "text"), Column("label", _("Tên"), "text"),
            Column("rate", _("Giá trị"), "pct"), Column("full_at", _("Đủ điểm khi đạt"), "pct"),
            Column("max", _("Điểm tối đa"), "number"), Column("points", _("Điểm"), "number"),
        ], points, note=note),
    ]  # fmt: skip
