"""The sections of the ward page (``/phuong/<ward_code>``), built from :class:`kpi.ward.WardView`.

Pure builders (frames in, Dash components out, no I/O): the field breakdown, the dossiers due
soon (the early warning), the late and overdue dossier list, the satisfaction summary beside the
city, the 766 estimate (labelled an estimate), the history before July 2025 under the old ward
names, and the tables every export of the page holds. Visible text goes through
:func:`ui.i18n._` (English in ``ui/locale/ward.py``); numbers through :mod:`ui.format`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from dash.development.base_component import Component

from kpi.fields import name_key
from kpi.metrics import records
from kpi.overview import BUCKET, CURRENT, default_grain
from kpi.periods import Period
from kpi.targets import Target
from kpi.ward import WardView
from marks import N_
from ui.components import METRICS, compared_with, coverage_line, empty_state, not_found
from ui.definitions import definition_href, known_note
from ui.export import Column, Table
from ui.filters import Selection
from ui.format import NO_DATA, fmt_date, fmt_int, fmt_moment, fmt_number, fmt_pct
from ui.grid import GridColumn, definitions_note, grid, grid_rows
from ui.i18n import _
from ui.overview import due_soon_line, period_is_over, tiles, trend_section
from ui.theme import CLASS_LABELS

FIELD_METRICS = (
    "received", "completed", "on_time_rate", "late", "overdue", "late_interagency",
)  # fmt: skip
SATISFACTION_METRICS = ("ratings", "satisfied_rate", "mean_rating", "response_rate")
RATING_LEVELS = ("rating_5", "rating_4", "rating_3", "rating_2", "rating_1")
CITY = N_("Toàn thành phố")


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _v(value: Any) -> Any:
    return None if _missing(value) else value


def _label(metric: str) -> Component:
    """A metric's label linking to its definition, the definition as the tooltip."""
    if metric in METRICS:
        text = METRICS[metric]
        return html.A(_(text.label), href=definition_href(metric), title=_(text.tooltip))
    return html.Span(_(LABELS.get(metric, metric)))


# Labels of columns that are not metrics of ui.definitions.
LABELS: dict[str, str] = {
    "field": N_("Lĩnh vực"),
    "ratings": N_("Số lượt đánh giá"),
    "late_interagency": N_("Quá hạn liên thông"),
    "rating_5": N_("Rất hài lòng (5)"),
    "rating_4": N_("Hài lòng (4)"),
    "rating_3": N_("Bình thường (3)"),
    "rating_2": N_("Không hài lòng (2)"),
    "rating_1": N_("Rất không hài lòng (1)"),
}


def _fmt(metric: str, value: Any) -> str:
    value = _v(value)
    if metric.endswith(("_rate", "_share")) or metric == "satisfaction_766":
        return fmt_pct(value)
    if metric == "mean_rating":
        return fmt_number(value, 2)
    return fmt_int(value)


def section(section_id: str, title: str, children: Sequence[Component]) -> Component:
    """A titled page section (``h2``), labelled for screen readers."""
    return html.Section(
        [html.H2(title, id=f"{section_id}-title", className="h5 mb-2"), *children],
        id=section_id,
        className="mc-section mt-4",
        **{"aria-labelledby": f"{section_id}-title"},
    )


def plain_table(
    table_id: str,
    caption: str,
    head: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    scroll: bool = False,
) -> Component:
    """A plain captioned table that scrolls sideways (and, with ``scroll``, down) in its box."""
    return html.Div(
        dbc.Table(
            [
                html.Caption(caption),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
            ],
            id=table_id,
            size="sm",
            striped=True,
            class_name="mc-num-table",
        ),
        className="table-responsive" + (" mc-scroll-list" if scroll else ""),
        tabIndex=0,
        role="region",
        **{"aria-label": caption},
    )


def unknown_ward(prefix: str, ward_code: str | None) -> Component:
    """The not-found page of a ward code that is not one of the province's wards (HTTP 404)."""
    return not_found(
        _("Không tìm thấy phường, xã"),
        _(
            "Mã {code} không có trong danh sách phường, xã của tỉnh/thành phố.",
            code=repr(ward_code or ""),
        ),
        prefix=f"{prefix}-not-found",
    )


# --- fields ----------------------------------------------------------------------------------


def field_rows(fields: pd.DataFrame) -> pd.DataFrame:
    """Fields with any dossier, most late + overdue first (then most received, then by name)."""
    frame = fields[(fields["to_process"] > 0) | (fields["completed"] > 0)].copy()
    frame["field"] = frame["key"]
    frame["late_and_overdue"] = frame["late"] + frame["overdue"]
    frame = frame.sort_values(
        ["late_and_overdue", "received", "field"], ascending=[False, False, True]
    )
    return frame.reset_index(drop=True)


def _metric_column(metric: str, kind: str) -> GridColumn:
    """A ward-table column of a metric, its label and definition from ui.definitions."""
    label = METRICS[metric].label if metric in METRICS else LABELS[metric]
    return GridColumn(metric, label, kind, first_descending=kind == "count", term=metric)


# The field breakdown, declared once: most late and overdue first (the server's order).
FIELD_COLUMNS: tuple[GridColumn, ...] = (
    GridColumn("field", LABELS["field"], "name", pinned=True),
    *(_metric_column(m, "rate" if m.endswith("_rate") else "count") for m in FIELD_METRICS),
)


def fields_section(prefix: str, fields: pd.DataFrame, *, link_query: Mapping[str, str]) -> Any:
    """The field breakdown grid; a field's name opens the fields page for it."""
    frame = field_rows(fields)
    title = _("Theo lĩnh vực")
    if frame.empty:
        return section(f"{prefix}-fields-section", title, [empty_state()])
    listed = records(frame)
    order = {n: i for i, n in enumerate(sorted(frame["field"], key=lambda n: (name_key(n), n)))}
    rows = grid_rows(
        [{**r, "name_order": order[r["field"]]} for r in listed],
        FIELD_COLUMNS,
        targets={},
        href=lambda r: "/linh-vuc?" + urlencode({"field": r["field"], **link_query}),
    )
    note = html.P(
        _("Xếp theo số hồ sơ quá hạn và đang giải quyết quá hạn, nhiều nhất trước."),
        className="small text-body-secondary",
    )
    caption = _("Kết quả giải quyết theo lĩnh vực")
    table = grid(f"{prefix}-fields", FIELD_COLUMNS, rows, name=caption)
    return section(
        f"{prefix}-fields-section", title, [note, table, definitions_note(FIELD_COLUMNS)]
    )


# --- dossiers due soon -----------------------------------------------------------------------


# The list of dossiers due soon, soonest first (its rows' order breaks ties). The id, the due
# time and the working days left come first, so a phone (390 px) shows them without scrolling.
DUE_SOON_COLUMNS = (
    GridColumn("dossier_id", N_("Mã hồ sơ"), "code"),
    GridColumn("due", N_("Hạn giải quyết"), "moment"),
    GridColumn("working_days_left", N_("Số ngày làm việc còn lại"), "count"),
    GridColumn("procedure", N_("Thủ tục"), "text"),
    GridColumn("field", N_("Lĩnh vực"), "word"),
)


def due_soon_section(
    prefix: str,
    due_soon: pd.DataFrame,
    figures: Mapping[str, Any],
    *,
    period: Period,
    days: int,
) -> Component:
    """The count of dossiers due soon and their list (no applicant data), soonest first.

    ``due_soon`` is :func:`kpi.ward.due_soon_dossiers`' frame, ``figures`` the ward's headline
    row (its ``due_soon`` count and ``as_of``), ``days`` the N both were counted with."""
    title = _("Hồ sơ sắp đến hạn")
    count = due_soon_line(f"{prefix}-due-soon", figures, period=period, days=days)
    if due_soon.empty:
        message = html.P(_("Không có hồ sơ sắp đến hạn."), id=f"{prefix}-due-soon-none")
        return section(f"{prefix}-due-soon-section", title, [count, message])
    listed = [
        {**r, "procedure": r["procedure_name"] or r["procedure_code"] or NO_DATA, "name_order": i}
        for i, r in enumerate(records(due_soon))
    ]
    rows = grid_rows(listed, DUE_SOON_COLUMNS, targets={})
    since = (
        _("cuối kỳ ({day})", day=fmt_date(period.date_to))
        if period_is_over(figures["as_of"], period)
        else _moment(figures["as_of"])
    )
    note = html.P(
        _(
            "{shown}/{total} hồ sơ, hạn sớm nhất trước. Số ngày làm việc còn lại: số ngày làm "
            "việc từ sau ngày tính ({since}) đến hết ngày của hạn giải quyết (đã cộng ngày tạm "
            "dừng); 0 là hạn rơi vào chính ngày đó hoặc các ngày nghỉ liền sau. Hồ sơ đang chờ "
            "bổ sung lần đầu không được tính: thời gian giải quyết đang tạm dừng.",
            shown=fmt_int(len(due_soon)),
            total=fmt_int(figures["due_soon"]),
            since=since,
        ),
        id=f"{prefix}-due-soon-note",
        className="small text-body-secondary",
    )
    caption = _("Danh sách hồ sơ sắp đến hạn")
    table = grid(
        f"{prefix}-due-soon-list", DUE_SOON_COLUMNS, rows, name=caption, sort=("due", "asc")
    )
    return section(f"{prefix}-due-soon-section", title, [count, note, table])


# --- late and overdue dossiers ---------------------------------------------------------------


def _moment(value: Any) -> str:
    """A due time or an end as the export shows it too: the day alone for a date given without
    a time (stored as the end of that day), else time and day (:func:`ui.format.fmt_moment`)."""
    value = _v(value)
    return fmt_moment(pd.Timestamp(value).to_pydatetime()) if value is not None else NO_DATA


# The late list, declared once: the id, the due time and the days over first, so a 390 px phone
# shows them without scrolling sideways; the most days over first (the server's order breaks
# ties).
LATE_COLUMNS: tuple[GridColumn, ...] = (
    GridColumn("dossier_id", N_("Mã hồ sơ"), "code"),
    GridColumn("due", N_("Hạn giải quyết"), "moment"),
    GridColumn("days_over", N_("Số ngày quá hạn"), "count", first_descending=True),
    GridColumn("status", N_("Tình trạng"), "word"),
    GridColumn("procedure", N_("Thủ tục"), "text"),
    GridColumn("field", N_("Lĩnh vực"), "word"),
    GridColumn("ended_at", N_("Ngày có kết quả"), "moment"),
)


def late_section(prefix: str, late: pd.DataFrame, *, total: int) -> Component:
    """The late and overdue dossiers (no applicant data), with how many are shown of ``total``."""
    title = _("Hồ sơ quá hạn và đang giải quyết quá hạn")
    if late.empty:
        message = html.P(
            _("Không có hồ sơ quá hạn hay đang giải quyết quá hạn trong kỳ."),
            id=f"{prefix}-late-none",
        )
        return section(f"{prefix}-late-section", title, [message])
    listed = [
        {
            **r,
            "procedure": r["procedure_name"] or r["procedure_code"] or NO_DATA,
            "status": _(CLASS_LABELS[r["klass"]]),
            "name_order": i,
        }
        for i, r in enumerate(records(late))
    ]
    rows = grid_rows(listed, LATE_COLUMNS, targets={})
    note = html.P(
        _(
            "{shown}/{total} hồ sơ, nhiều ngày quá hạn nhất trước. Số ngày quá hạn: số ngày "
            "(kể cả ngày chưa trọn) tính từ hạn giải quyết (đã cộng ngày tạm dừng) đến ngày có "
            "kết quả, hoặc đến cuối kỳ nếu chưa có kết quả. Hồ sơ yêu cầu bổ sung quá một lần "
            "được tính quá hạn dù chưa tới hạn.",
            shown=fmt_int(len(late)),
            total=fmt_int(total),
        ),
        id=f"{prefix}-late-note",
        className="small text-body-secondary",
    )
    caption = _("Danh sách hồ sơ quá hạn và đang giải quyết quá hạn")
    table = grid(f"{prefix}-late", LATE_COLUMNS, rows, name=caption, sort=("days_over", "desc"))
    return section(f"{prefix}-late-section", title, [note, table])


# --- satisfaction ----------------------------------------------------------------------------


def satisfaction_section(
    prefix: str, ward: Mapping[str, Any], city: Mapping[str, Any], *, ward_name: str
) -> Component:
    """Ratings, satisfied rate, mean, response rate, the 766 satisfaction; ward beside city."""
    title = _("Mức độ hài lòng")
    metrics = [*SATISFACTION_METRICS, *RATING_LEVELS, "satisfaction_766"]
    rows = [[_label(m), _fmt(m, ward.get(m)), _fmt(m, city.get(m))] for m in metrics]
    head = [_("Chỉ tiêu"), ward_name, _(CITY)]
    note = html.P(
        _(
            "Đánh giá của người dân trong kỳ (thang 1–5). Mức độ hài lòng trong giải quyết hồ "
            "sơ (chỉ số 766, 5.4) chủ yếu phụ thuộc số hồ sơ quá hạn."
        ),
        className="small text-body-secondary",
    )
    caption = _("Mức độ hài lòng của phường, xã và toàn thành phố")
    return section(
        f"{prefix}-satisfaction-section",
        title,
        [note, plain_table(f"{prefix}-satisfaction", caption, head, rows)],
    )


def details_note(
    prefix: str, figures: Mapping[str, Any], *, period: Period, days: int
) -> Component:
    """In place of the dossier lists, for a reader who may not see them (web.scope): the
    counts, and who may see the lists."""
    count = due_soon_line(f"{prefix}-due-soon", figures, period=period, days=days)
    late = html.P(
        _(
            "Hồ sơ quá hạn và đang giải quyết quá hạn: {n}.",
            n=fmt_int(figures["late"] + figures["overdue"]),
        ),
        id=f"{prefix}-late-count",
    )
    why = html.P(
        _(
            "Danh sách hồ sơ và ý kiến của người dân chỉ hiển thị cho lãnh đạo của phường, xã "
            "này và của tỉnh, thành phố."
        ),
        className="small text-body-secondary",
        id=f"{prefix}-details-note",
    )
    return section(f"{prefix}-details-section", _("Hồ sơ quá hạn"), [count, late, why])


# The newest comments, declared once: newest first (the server's order).
COMMENT_COLUMNS: tuple[GridColumn, ...] = (
    GridColumn("rated_at", N_("Thời điểm đánh giá"), "moment", first_descending=True),
    GridColumn("rating", N_("Điểm (1–5)"), "count"),
    GridColumn("comment", N_("Ý kiến"), "text"),
)


def comments_section(prefix: str, comments: pd.DataFrame) -> Component:
    """The newest comments of the period (masked at load), for the ward's and city's leaders."""
    title = _("Ý kiến của người dân")
    if comments.empty:
        message = html.P(_("Không có ý kiến nào trong kỳ."), id=f"{prefix}-comments-none")
        return section(f"{prefix}-comments-section", title, [message])
    listed = [
        {**r, "comment": str(r["comment"]), "name_order": i}
        for i, r in enumerate(records(comments))
    ]
    rows = grid_rows(listed, COMMENT_COLUMNS, targets={})
    note = html.P(
        _(
            "{n} ý kiến mới nhất của kỳ; số điện thoại, số giấy tờ và email đã được che khi nạp.",
            n=fmt_int(len(comments)),
        ),
        className="small text-body-secondary",
    )
    caption = _("Ý kiến của người dân, mới nhất trước")
    table = grid(
        f"{prefix}-comments", COMMENT_COLUMNS, rows, name=caption, sort=("rated_at", "desc")
    )
    return section(f"{prefix}-comments-section", title, [note, table])


# --- 766 estimate ----------------------------------------------------------------------------


def index_summary(wards: pd.DataFrame, ward_code: str) -> dict[str, Any] | None:
    """The ward's 766 row with ``ranked`` (how many wards have a score); ``None`` if absent."""
    mine = wards[wards["ward_code"] == ward_code]
    if mine.empty:
        return None
    row = records(mine)[0]
    row["ranked"] = int(wards["rank"].notna().sum())
    return row


def index_points(points: pd.DataFrame, ward_code: str) -> pd.DataFrame:
    """The ward's indicator rows (those carrying points), in the methodology's order."""
    if points.empty:
        return points
    mine = points[(points["ward_code"] == ward_code) & (points["max"] > 0)]
    return mine.reset_index(drop=True)


def _rate_cell(row: Mapping[str, Any]) -> Any:
    """An indicator's rate, with "trên N hồ sơ có dữ liệu" under a flag rate that only some of
    the period's files could give (:func:`ui.definitions.known_note`)."""
    rate = fmt_pct(_v(row["rate"]))
    note = known_note(row.get("known"), row.get("population"))
    if note is None:
        return rate
    return [rate, html.Br(), html.Small(note, className="text-body-secondary")]


def index_section(
    prefix: str, wards: pd.DataFrame, points: pd.DataFrame, *, ward_code: str, compared: Period
) -> Component:
    """Score /100, band, rank among the province's wards, change, points per indicator.

    ``compared`` is the period the change is measured from (the estimate's previous period)."""
    title = _("Chỉ số 766 (ước tính)")
    row = index_summary(wards, ward_code)
    if row is None or _missing(row.get("score_100")):
        return section(f"{prefix}-index-section", title, [empty_state()])
    change = _v(row.get("change"))
    change_text = NO_DATA if change is None else f"{'+' if change > 0 else ''}"
    if change is not None:
        change_text += fmt_number(change, 2)
    summary = html.P(
        [
            html.Span(
                _("{score}/100", score=fmt_number(row["score_100"], 2)),
                id=f"{prefix}-index-score",
                className="fs-4 fw-semibold me-2",
            ),
            html.Span(_(row["band"] or NO_DATA), className="badge text-bg-secondary me-2"),
            html.Span(
                _(
                    "Xếp hạng {rank}/{ranked} phường, xã · {compared}: {change} điểm",
                    rank=fmt_int(_v(row["rank"])),
                    ranked=fmt_int(row["ranked"]),
                    compared=compared_with(compared.date_from, compared.date_to),
                    change=change_text,
                ),
                id=f"{prefix}-index-rank",
            ),
        ]
    )
    note = html.P(
        [
            _(
                "Ước tính từ hồ sơ của chính phường, xã, theo phương pháp trong "
                "data/index766.toml; điểm chính thức là điểm công bố trên Cổng Dịch vụ công "
                "quốc gia. Điểm /100 = tổng điểm / tổng điểm tối đa của các chỉ tiêu có dữ "
                "liệu. "
            ),
            html.A(_("Phương pháp tính"), href="/phuong-phap#methodology-section-index766"),
        ],
        className="small text-body-secondary",
    )
    mine = index_points(points, ward_code)
    rows = [
        [
            r["code"],
            _(r["label"]),
            _rate_cell(r),
            fmt_pct(r["full_at"], 0),
            fmt_number(_v(r["points"]), 2),
            fmt_number(r["max"], 0),
            fmt_number(_v(r["missed"]), 2),
        ]
        for r in records(mine)
    ]
    head = [
        _("Mã"),
        _("Chỉ tiêu"),
        _("Tỷ lệ"),
        _("Đạt điểm tối đa từ"),
        _("Điểm"),
        _("Tối đa"),
        _("Điểm bị mất"),
    ]
    caption = _("Điểm từng chỉ tiêu của chỉ số 766 (ước tính)")
    return section(
        f"{prefix}-index-section",
        title,
        [summary, note, plain_table(f"{prefix}-index", caption, head, rows)],
    )


# --- history before July 2025 ----------------------------------------------------------------


def _old_name(value: Any) -> str:
    return _v(value) or _("(không ghi tên)")


def history_section(prefix: str, history: pd.DataFrame, predecessors: pd.DataFrame) -> Component:
    """Records from before 1/7/2025 under the old ward names, by year; the crosswalk's list."""
    title = _("Trước ngày 1/7/2025, theo tên phường, xã cũ")
    olds = records(predecessors)
    by_district: dict[str, list[str]] = {}
    for r in olds:
        by_district.setdefault(r["old_district_name"], []).append(r["old_ward_name"])
    origin = html.P(
        [
            _("Theo bảng chuyển đổi, phường, xã hiện nay gồm (toàn bộ hoặc một phần): "),
            "; ".join(f"{', '.join(names)} ({d})" for d, names in by_district.items()) or NO_DATA,
            ".",
        ],
        id=f"{prefix}-history-origin",
        className="small text-body-secondary",
    )
    if history.empty:
        message = html.P(
            _("Không có hồ sơ nào trước ngày 1/7/2025 của phường, xã này trong dữ liệu đã nạp."),
            id=f"{prefix}-history-none",
        )
        return section(f"{prefix}-history-section", title, [origin, message])
    rows = [
        [
            _old_name(r["old_ward_name"]),
            _v(r["old_district_name"]) or NO_DATA,
            _year_label(r["year"], r["date_to"]),
            fmt_int(r["received"]),
            fmt_int(r["completed"]),
            fmt_pct(_v(r["on_time_rate"])),
        ]
        for r in records(history)
    ]
    head = [
        _("Tên phường, xã cũ"),
        _("Quận, huyện cũ"),
        _("Năm"),
        _label("received"),
        _label("completed"),
        _label("on_time_rate"),
    ]
    note = html.P(
        _(
            "Hồ sơ giữ tên đơn vị như trong tệp nguồn; mỗi năm tính như một kỳ báo cáo (năm "
            "2025 đến hết 30/6/2025)."
        ),
        className="small text-body-secondary",
    )
    caption = _("Hồ sơ trước ngày 1/7/2025 theo tên phường, xã cũ và năm")
    return section(
        f"{prefix}-history-section",
        title,
        [origin, note, plain_table(f"{prefix}-history", caption, head, rows)],
    )


def _year_label(year: int, date_to: date) -> str:
    """``2024``, or ``2025 (đến 30/06)`` for the year cut at the reform."""
    if date_to.month == 12 and date_to.day == 31:
        return str(year)
    return _("{year} (đến {day})", year=year, day=f"{date_to:%d/%m}")


# --- exports ---------------------------------------------------------------------------------


def export_tables(view: WardView, *, ward_code: str, ward_name: str, period: Period) -> list:
    """The page's tables for Excel/CSV: fields, due-soon list, late list, history, 766
    indicators (the two dossier lists only when ``view.details``)."""
    span = f"{fmt_date(period.date_from)} – {fmt_date(period.date_to)}"
    note = _("{ward} ({code}), kỳ {span}", ward=ward_name, code=ward_code, span=span)
    fields = field_rows(view.fields)
    late = view.late.assign(klass=[_(CLASS_LABELS[k]) for k in view.late["klass"]])
    history = view.history.copy()
    points = index_points(view.index_points, ward_code)
    if points.empty:
        points = pd.DataFrame(columns=["code", "label", "rate", "full_at", "points", "max"])
        points["missed"] = []

    def label(metric: str) -> str:
        return _(METRICS[metric].label) if metric in METRICS else _(LABELS[metric])

    tables = [
        Table(
            _("Lĩnh vực"),
            _("Kết quả giải quyết theo lĩnh vực"),
            [
                Column("field", _("Lĩnh vực"), "text"),
                *(
                    Column(m, label(m), "pct" if m.endswith("rate") else "int")
                    for m in FIELD_METRICS
                ),
            ],
            fields if not fields.empty else pd.DataFrame(columns=["field", *FIELD_METRICS]),
            note=note,
        ),
        Table(
            _("Sắp đến hạn"),
            _("Hồ sơ sắp đến hạn"),
            [
                Column("dossier_id", _("Mã hồ sơ"), "text"),
                Column("field", _("Lĩnh vực"), "text"),
                Column("procedure_code", _("Mã thủ tục"), "text"),
                Column("procedure_name", _("Thủ tục"), "text"),
                Column("due", _("Hạn giải quyết"), "datetime"),
                Column("working_days_left", _("Số ngày làm việc còn lại"), "int"),
            ],
            view.due_soon,
            note=note
            + " · "
            + _(
                "đang giải quyết trong hạn, hạn giải quyết trong {days} ngày làm việc sau thời "
                "điểm tính",
                days=view.due_soon_days,
            ),
        ),
        Table(
            _("Hồ sơ quá hạn"),
            _("Hồ sơ quá hạn và đang giải quyết quá hạn"),
            [
                Column("dossier_id", _("Mã hồ sơ"), "text"),
                Column("field", _("Lĩnh vực"), "text"),
                Column("procedure_code", _("Mã thủ tục"), "text"),
                Column("procedure_name", _("Thủ tục"), "text"),
                Column("due", _("Hạn giải quyết"), "datetime"),
                Column("ended_at", _("Ngày có kết quả"), "datetime"),
                Column("klass", _("Tình trạng"), "text"),
                Column("days_over", _("Số ngày quá hạn"), "int"),
            ],
            late,
            note=note,
        ),
        Table(
            _("Trước 1-7-2025"),
            _("Hồ sơ trước ngày 1/7/2025 theo tên phường, xã cũ và năm"),
            [
                Column("old_ward_name", _("Tên phường, xã cũ"), "text"),
                Column("old_district_name", _("Quận, huyện cũ"), "text"),
                Column("year", _("Năm"), "int"),
                Column("date_from", _("Từ ngày"), "date"),
                Column("date_to", _("Đến ngày"), "date"),
                Column("received", label("received"), "int"),
                Column("completed", label("completed"), "int"),
                Column("on_time_rate", label("on_time_rate"), "pct"),
            ],
            history,
            note=_("{ward} ({code}), hồ sơ trước ngày 1/7/2025", ward=ward_name, code=ward_code),
        ),
        Table(
            _("Chỉ số 766"),
            _("Điểm từng chỉ tiêu của chỉ số 766 (ước tính)"),
            [
                Column("code", _("Mã"), "text"),
                Column("label", _("Chỉ tiêu"), "text"),
                Column("rate", _("Tỷ lệ"), "pct"),
                Column("full_at", _("Đạt điểm tối đa từ"), "pct"),
                Column("points", _("Điểm"), "number"),
                Column("max", _("Tối đa"), "number"),
                Column("missed", _("Điểm bị mất"), "number"),
            ],
            points,
            note=note + " · " + _("ước tính; điểm chính thức trên Cổng Dịch vụ công quốc gia"),
        ),
    ]
    # A reader who may not see the ward's dossier ids gets no dossier list (web.scope).
    return tables if view.details else [t for t in tables if t.columns[0].key != "dossier_id"]


def page(
    prefix: str,
    view: WardView,
    *,
    name: str,
    selection: Selection,
    targets: Mapping[str, Target],
) -> Component:
    """Every section of a ward's page, or its empty state when the period has no dossier."""
    code = selection.ward or ""
    now = records(view.head[view.head["role"] == CURRENT])[0]
    city = records(view.city)[0]
    line = coverage_line(f"{prefix}-coverage", now, selection.period)
    if now["to_process"] == 0 and now["completed"] == 0:
        return html.Div(
            [empty_state(), line, history_section(prefix, view.history, view.predecessors)],
            id=f"{prefix}-empty",
        )
    grain = default_grain(selection.period)
    link = selection.query(with_ward=False) | {"ward": code}
    link.pop("field", None)
    head = view.head
    return html.Div(
        [
            tiles(prefix, head, grain=grain, targets=targets, beside=city, beside_label=_(CITY)),
            line,
            trend_section(
                prefix,
                head[head["role"] == BUCKET],
                period=selection.period,
                grain=grain,
                targets=targets,
            ),
            fields_section(prefix, view.fields, link_query=link),
            *(
                [
                    due_soon_section(
                        prefix, view.due_soon, now, period=selection.period, days=view.due_soon_days
                    ),
                    late_section(prefix, view.late, total=now["late"] + now["overdue"]),
                ]
                if view.details
                else [details_note(prefix, now, period=selection.period, days=view.due_soon_days)]
            ),
            satisfaction_section(prefix, records(view.ward)[0], city, ward_name=name),
            *([comments_section(prefix, view.comments)] if view.details else []),
            index_section(
                prefix,
                view.index_wards,
                view.index_points,
                ward_code=code,
                compared=selection.period.previous(),  # what kpi.index766.estimate compares with
            ),
            history_section(prefix, view.history, view.predecessors),
        ]
    )
