"""The data page's pieces (``/du-lieu``): coverage, load history, rejected rows, upload, exports.

Pure builders: frames of :mod:`kpi.data_status` in, Dash components (or export tables) out. A
rejected row's value is shown only when ``show_values`` (the page decides from the reader's
role: a value is whatever a ward typed, a dossier id included). The upload's pieces take plain
values (the loader's summary as etl/summary.py words it, the job's file and step): the page
reads them from the ETL, this module never does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from kpi.data_status import Coverage, RejectChoices, Rejects
from marks import N_
from ui.components import alert
from ui.export import Column, Table, export_buttons
from ui.filters import Selection
from ui.format import NO_DATA, fmt_date, fmt_datetime, fmt_int, fmt_number
from ui.i18n import _, pgettext

HISTORY_SHOWN = 50  # runs on the page; the export has them all
REJECTS_SHOWN = 200  # rejected rows on the page; the export has every row the filters match
ALL = "all"
HIDDEN_VALUE = N_("(ẩn)")

STATUS_LABELS = {"ok": N_("Đã nạp"), "refused": N_("Bị từ chối"), "skipped": N_("Bỏ qua")}
KIND_LABELS = {
    "dossiers": N_("Hồ sơ"),
    "ratings": N_("Đánh giá"),
    "petitions": N_("Phản ánh"),
    "procedures": N_("Thủ tục"),
}


def _table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: list[list[Any]],
    *,
    numeric: Sequence[int] = (),
) -> Component:
    """A plain captioned table; ``numeric`` names the right-aligned columns by position."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col", className="text-end" if i in numeric else None)
                for i, h in enumerate(headers)
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(c, className="text-end" if i in numeric else None)
                    for i, c in enumerate(r)
                ]
            )
            for r in rows
        ]
    )
    return html.Div(
        dbc.Table([html.Caption(caption), head, body], size="sm", striped=True, class_name="mb-0"),
        id=table_id,
        className="table-responsive mc-data-table",
        tabIndex=0,  # a wide table scrolls sideways on a phone: reachable by keyboard
        role="region",
        **{"aria-label": caption},
    )


def _ward_link(code: str, name: str, selection: Selection) -> Component:
    query = selection.search(with_ward=False)
    return dcc.Link(name, href=f"/phuong/{code}{query}")


# --- freshness and coverage ------------------------------------------------------------------


def coverage_section(prefix: str, selection: Selection, cov: Coverage) -> Component:
    """The coverage line, the wards that stopped sending, those without data, the table."""
    period = selection.period
    wards = cov.wards
    line = html.P(
        _(
            "Dữ liệu đến {moment} · {wards}/{total} phường, xã có hồ sơ tiếp nhận trong kỳ · "
            "Kỳ: {start} – {end}",
            moment=fmt_datetime(cov.data_as_of),
            wards=fmt_int(cov.with_data),
            total=fmt_int(len(wards)),
            start=fmt_date(period.date_from),
            end=fmt_date(period.date_to),
        ),
        id=f"{prefix}-coverage-line",
        className="text-body-secondary small",
    )
    stopped = cov.stopped
    stopped_items = [
        html.Li(
            [
                _ward_link(r.ward_code, r.ward_name, selection),
                _(
                    ": hồ sơ mới nhất lúc {moment}, {days} ngày làm việc không có hồ sơ mới",
                    moment=fmt_datetime(r.last_received),
                    days=fmt_int(r.working_days_silent),
                ),
            ]
        )
        for r in stopped.itertuples()
    ]
    no_data = cov.no_data
    no_data_items = [
        html.Li(_ward_link(r.ward_code, r.ward_name, selection)) for r in no_data.itertuples()
    ]
    as_of_day = fmt_date(cov.data_as_of.date()) if cov.data_as_of is not None else NO_DATA
    return html.Section(
        [
            html.H2(_("Độ mới và độ phủ dữ liệu"), className="h5"),
            line,
            html.H3(
                _("Phường, xã ngừng gửi dữ liệu ({n})", n=fmt_int(len(stopped))),
                className="h6 mt-3",
            ),
            html.P(
                _(
                    "Có hồ sơ trước đây nhưng không có hồ sơ tiếp nhận mới trong {days} ngày làm "
                    "việc gần nhất, tính đến ngày của dữ liệu mới nhất ({day}).",
                    days=fmt_int(cov.stopped_days),
                    day=as_of_day,
                ),
                className="small text-body-secondary mb-1",
            ),
            html.Ul(stopped_items, id=f"{prefix}-stopped")
            if stopped_items
            else html.P(_("Không có phường, xã nào."), id=f"{prefix}-stopped"),
            html.H3(
                _("Phường, xã không có hồ sơ trong kỳ ({n})", n=fmt_int(len(no_data))),
                className="h6 mt-3",
            ),
            html.Ul(no_data_items, id=f"{prefix}-no-data", className="mc-data-wards small")
            if no_data_items
            else html.P(_("Không có phường, xã nào."), id=f"{prefix}-no-data"),
            html.Details(
                [
                    html.Summary(_("Bảng độ phủ theo phường, xã"), className="small"),
                    _coverage_table(prefix, selection, wards),
                ],
                className="mt-2",
            ),
        ],
        id=f"{prefix}-coverage",
        className="mb-4",
    )


def _state(row: Any) -> str:
    if row.stopped:
        return _("Ngừng gửi dữ liệu")
    if row.no_data:
        return _("Không có hồ sơ trong kỳ")
    return _("Có dữ liệu")


def _coverage_table(prefix: str, selection: Selection, wards: pd.DataFrame) -> Component:
    rows = [
        [
            _ward_link(r.ward_code, r.ward_name, selection),
            fmt_datetime(r.last_received if pd.notna(r.last_received) else None),
            fmt_int(r.received),
            fmt_int(None if pd.isna(r.working_days_silent) else r.working_days_silent),
            _state(r),
        ]
        for r in wards.itertuples()
    ]
    headers = [
        _("Phường, xã"),
        _("Hồ sơ mới nhất"),
        _("Tiếp nhận trong kỳ"),
        _("Ngày làm việc không có hồ sơ mới"),
        _("Tình trạng"),
    ]
    caption = _("Độ phủ dữ liệu theo phường, xã: ngừng gửi trước, rồi không có hồ sơ trong kỳ.")
    return _table(f"{prefix}-coverage-table", caption, headers, rows, numeric=(2, 3))


# --- load history ----------------------------------------------------------------------------


def _duration(seconds: float | None) -> str:
    if seconds is None or pd.isna(seconds):
        return NO_DATA
    return _("{seconds} giây", seconds=fmt_number(seconds, 1))


def history_section(prefix: str, history: pd.DataFrame) -> Component:
    """The newest :data:`HISTORY_SHOWN` runs of the loader."""
    shown = history.head(HISTORY_SHOWN)
    rows = [
        [
            str(r.run_id),
            fmt_datetime(r.started_at),
            r.file,
            html.Code(r.sha256_short, title=r.sha256) if r.sha256 else NO_DATA,
            _(KIND_LABELS.get(r.kind, r.kind)) if r.kind else NO_DATA,
            fmt_int(r.rows_read),
            fmt_int(r.rows_inserted),
            fmt_int(r.rows_updated),
            fmt_int(r.rows_unchanged),
            fmt_int(r.rows_rejected),
            html.Span(_(STATUS_LABELS.get(r.status, r.status)), className=f"mc-run-{r.status}"),
            html.Span(r.message or "", lang="vi"),
            _duration(r.duration_seconds),
        ]
        for r in shown.itertuples()
    ]
    headers = [
        _("Lần nạp"), _("Lúc"), _("Tệp"), _("Mã kiểm tra (SHA-256)"), pgettext("data", "Loại"),
        _("Đọc"), _("Thêm mới"), _("Cập nhật"), _("Không đổi"), _("Bị loại"), _("Trạng thái"),
        _("Thông báo"), _("Thời gian nạp"),
    ]  # fmt: skip
    body: list[Component] = [html.H2(_("Lịch sử nạp dữ liệu"), className="h5")]
    if history.empty:
        body.append(html.P(_("Chưa có lần nạp nào."), id=f"{prefix}-history-table"))
    else:
        caption = _(
            "Các lần nạp dữ liệu, mới nhất trước: {shown}/{total}. Mã kiểm tra là 12 ký tự đầu "
            "của SHA-256 của tệp (rê chuột để xem đủ).",
            shown=fmt_int(len(shown)),
            total=fmt_int(len(history)),
        )
        body.append(
            _table(f"{prefix}-history-table", caption, headers, rows, numeric=(0, *range(5, 10)))
        )
    return html.Section(body, id=f"{prefix}-history", className="mb-4")


# --- rejected rows ---------------------------------------------------------------------------


def _options(first: str, choices: dict[Any, Any], label: Any) -> list[dict[str, str]]:
    return [{"label": first, "value": ALL}] + [
        {"label": label(k, v), "value": str(k)} for k, v in choices.items()
    ]


def reject_filters(prefix: str, choices: RejectChoices) -> Component:
    """The run, reason and column menus of the rejected rows."""
    menus = [
        (
            "reject-run",
            _("Lần nạp"),
            _options(
                _("Mọi lần nạp"), choices.runs, lambda k, v: f"#{k} · {v[0]} ({fmt_int(v[1])})"
            ),
        ),
        (
            "reject-reason",
            _("Lý do"),
            _options(_("Mọi lý do"), choices.reasons, lambda k, v: f"{k} ({fmt_int(v)})"),
        ),
        (
            "reject-column",
            _("Cột"),
            _options(_("Mọi cột"), choices.columns, lambda k, v: f"{k} ({fmt_int(v)})"),
        ),
    ]
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(label, html_for=f"{prefix}-{name}"),
                    dbc.Select(id=f"{prefix}-{name}", options=options, value=ALL),
                ],
                xs=12,
                md=4,
            )
            for name, label, options in menus
        ],
        class_name="g-2 mb-2",
    )


def rejects_table(prefix: str, found: Rejects, *, show_values: bool) -> Component:
    """The first :data:`REJECTS_SHOWN` rejected rows the filters match, and how many match."""
    if found.matching == 0:
        return html.P(_("Không có dòng bị loại nào."), id=f"{prefix}-rejects-table")
    rows = [
        [
            str(r.run_id),
            r.file,
            fmt_int(r.line),
            r.column or NO_DATA,
            (html.Code(r.value) if r.value is not None else _("(trống)"))
            if show_values
            else _(HIDDEN_VALUE),
            html.Span(r.reason, lang="vi"),
        ]
        for r in found.rows.head(REJECTS_SHOWN).itertuples()
    ]
    caption = _(
        "Dòng bị loại: {shown}/{total} dòng. Tải Excel hoặc CSV để có đủ các dòng.",
        shown=fmt_int(len(rows)),
        total=fmt_int(found.matching),
    )
    headers = [_("Lần nạp"), _("Tệp"), _("Dòng"), _("Cột"), _("Giá trị"), _("Lý do")]
    return _table(f"{prefix}-rejects-table", caption, headers, rows, numeric=(0, 2))


def rejects_section(
    prefix: str, found: Rejects, choices: RejectChoices, *, show_values: bool
) -> Component:
    """The rejected rows with their filters and their own export buttons."""
    note = (
        []
        if show_values
        else [
            html.P(
                _(
                    "Giá trị của dòng bị loại chỉ hiện với tài khoản quản trị và lãnh đạo thành "
                    "phố: đó là những gì phường, xã đã nhập, có thể có mã hồ sơ."
                ),
                id=f"{prefix}-values-note",
                className="small text-body-secondary",
            )
        ]
    )
    return html.Section(
        [
            html.Div(
                [
                    html.H2(_("Dòng bị loại"), className="h5 mb-0"),
                    export_buttons(f"{prefix}-rejects"),
                ],
                className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2",
            ),
            html.P(
                _(
                    "Mỗi dòng của tệp không nạp được: số dòng trong tệp (dòng tiêu đề là dòng 1), "
                    "cột như tên trong tệp, giá trị như đã nhập và lý do, để nơi lập tệp sửa lại."
                ),
                className="small text-body-secondary",
            ),
            *note,
            reject_filters(prefix, choices),
            html.Div(
                rejects_table(prefix, found, show_values=show_values),
                id=f"{prefix}-rejects-body",
                **{"aria-live": "polite"},
            ),
        ],
        id=f"{prefix}-rejects",
        className="mb-4",
    )


def content(
    prefix: str,
    selection: Selection,
    cov: Coverage,
    history: pd.DataFrame,
    found: Rejects,
    choices: RejectChoices,
    *,
    show_values: bool,
) -> Component:
    """The page's three sections."""
    return html.Div(
        [
            coverage_section(prefix, selection, cov),
            history_section(prefix, history),
            rejects_section(prefix, found, choices, show_values=show_values),
        ]
    )


# --- exports ---------------------------------------------------------------------------------


def history_export(history: pd.DataFrame) -> Table:
    """Every run of the loader, as exported."""
    rows = history.copy()
    rows["status_label"] = [_(STATUS_LABELS.get(s, s)) for s in rows["status"]]
    return Table(
        _("Lịch sử nạp"),
        _("Lịch sử nạp dữ liệu"),
        [
            Column("run_id", _("Lần nạp"), "int"),
            Column("started_at", _("Bắt đầu"), "datetime"),
            Column("finished_at", _("Kết thúc"), "datetime"),
            Column("file", _("Tệp"), "text"),
            Column("sha256", _("Mã kiểm tra (SHA-256)"), "text"),
            Column("kind", pgettext("data", "Loại"), "text"),
            Column("rows_read", _("Đọc"), "int"),
            Column("rows_inserted", _("Thêm mới"), "int"),
            Column("rows_updated", _("Cập nhật"), "int"),
            Column("rows_unchanged", _("Không đổi"), "int"),
            Column("rows_rejected", _("Bị loại"), "int"),
            Column("status_label", _("Trạng thái"), "text"),
            Column("message", _("Thông báo"), "text"),
            Column("duration_seconds", _("Thời gian nạp (giây)"), "number"),
        ],
        rows,
    )


def rejects_export(found: Rejects, *, show_values: bool) -> Table:
    """Every rejected row the filters match, as exported."""
    rows = found.rows.copy()
    if not show_values:
        rows["value"] = _(HIDDEN_VALUE)
    return Table(
        _("Dòng bị loại"),
        _("Dòng bị loại"),
        [
            Column("run_id", _("Lần nạp"), "int"),
            Column("file", _("Tệp"), "text"),
            Column("line", _("Dòng"), "int"),
            Column("column", _("Cột"), "text"),
            Column("value", _("Giá trị"), "text"),
            Column("reason", _("Lý do"), "text"),
        ],
        rows,
        note=_("Dòng tiêu đề của tệp là dòng 1."),
    )


def coverage_export(selection: Selection, cov: Coverage) -> Table:
    """The coverage per ward, as exported."""
    rows = cov.wards.copy()
    rows["state"] = [_state(r) for r in rows.itertuples()]
    period = selection.period
    return Table(
        _("Độ phủ"),
        _("Độ mới và độ phủ dữ liệu theo phường, xã"),
        [
            Column("ward_code", _("Mã phường, xã"), "text"),
            Column("ward_name", _("Phường, xã"), "text"),
            Column("last_received", _("Hồ sơ mới nhất"), "datetime"),
            Column("received", _("Tiếp nhận trong kỳ"), "int"),
            Column("working_days_silent", _("Ngày làm việc không có hồ sơ mới"), "int"),
            Column("state", _("Tình trạng"), "text"),
        ],
        rows,
        note=_(
            "Kỳ: {start} – {end} · Dữ liệu đến {moment} · Ngừng gửi dữ liệu: không có hồ sơ "
            "tiếp nhận mới trong {days} ngày làm việc gần nhất.",
            start=fmt_date(period.date_from),
            end=fmt_date(period.date_to),
            moment=fmt_datetime(cov.data_as_of),
            days=fmt_int(cov.stopped_days),
        ),
    )


# --- upload (administrators) -----------------------------------------------------------------


@dataclass(frozen=True)
class LoadSummary:
    """What a finished upload shows: the CLI's summary table and lines (etl/summary.py)."""

    file: str
    ok: bool
    message: str
    headers: Sequence[str]
    numeric: tuple[int, ...]
    rows: list[list[str]]
    notes: list[str]
    has_rejects: bool  # some file that landed had rejected rows (the CLI points to etl_rejects)


def upload_section(prefix: str, *, max_mb: int, extensions: Sequence[str]) -> Component:
    """The upload form: the drop zone, its limits, the progress and the summary areas, the
    poll that follows the load, and the store the page's tables refresh on."""
    return html.Section(
        [
            html.H2(_("Tải tệp lên"), className="h5"),
            html.P(
                _(
                    "Tệp xuất từ hệ thống một cửa ({types}), tối đa {mb} MB, được nạp bằng đúng "
                    "trình nạp của dòng lệnh (python -m etl load). Trong lúc nạp, các trang vẫn "
                    "trả lời với dữ liệu cũ; chỉ một lần nạp chạy một lúc.",
                    types=", ".join(extensions),
                    mb=fmt_int(max_mb),
                ),
                id=f"{prefix}-hint",
                className="small text-body-secondary",
            ),
            # The label wraps the drop zone and so its file input (which dcc.Upload gives no
            # id): it names the input for screen readers and opens the file dialog when
            # clicked, the zone's own click being off so the dialog opens once.
            html.Label(
                dcc.Upload(
                    html.Div(
                        [
                            html.Span(_("Kéo tệp vào đây hoặc ")),
                            html.Span(_("chọn tệp"), className="text-decoration-underline"),
                        ]
                    ),
                    id=f"{prefix}-file",
                    accept=",".join(extensions),
                    max_size=max_mb * 1_000_000,
                    multiple=False,
                    disable_click=True,
                    className="mc-upload",
                    className_active="mc-upload-active",
                ),
                className="d-block",
            ),
            html.Div(id=f"{prefix}-status", role="status", className="mt-2"),
            dcc.Interval(id=f"{prefix}-poll", interval=500, disabled=True),
            dcc.Store(id=f"{prefix}-done"),
        ],
        id=f"{prefix}-form",
        className="mb-4 d-print-none",
        **{"aria-label": _("Tải tệp lên")},
    )


def upload_refused(message: str) -> Component:
    """An upload that was not started (too big, wrong type, another running)."""
    return alert(_("Không nạp tệp"), detail=[html.Span(message, lang="vi")], color="danger")


def upload_progress(file: str, step: str) -> Component:
    """A running load: its file and the loader's step."""
    return html.Div(
        [
            html.P(
                [_("Đang nạp {file}: ", file=file), html.Span(step, lang="vi")],
                className="mb-1",
            ),
            dbc.Progress(
                value=100,
                striped=True,
                animated=True,
                label=_("Đang nạp…"),
                class_name="mc-upload-progress",
            ),
        ],
        id="upload-running",
    )


def upload_failed(file: str, error: str) -> Component:
    """A load that could not run at all (another load held the warehouse, the file unreadable)."""
    return alert(
        _("Không nạp được tệp {file}", file=file),
        detail=[html.Span(error, lang="vi")],
        color="danger",
    )


def upload_summary(done: LoadSummary) -> Component:
    """A finished load: the table and the lines ``python -m etl load`` prints."""
    heading = (
        _("Đã nạp {file}.", file=done.file)
        if done.ok
        else _("Tệp {file} bị từ chối: dữ liệu trong kho không thay đổi.", file=done.file)
    )
    parts: list[Component] = [
        html.P(html.Strong(heading), id="upload-outcome"),
        _table(
            "upload-summary-table",
            _("Kết quả nạp (như dòng lệnh in ra)"),
            [pgettext("data", h) for h in done.headers],
            [[*row[:-1], _(row[-1])] for row in done.rows],  # the status word, translated
            numeric=done.numeric,
        ),
    ]
    if not done.ok:
        parts.append(html.P(done.message, lang="vi", className="text-danger mt-2"))
    if done.notes:
        lines = [html.Li(text, lang="vi") for text in done.notes]
        parts.append(html.Ul(lines, id="upload-notes", className="small mt-2"))
    if done.has_rejects:
        parts.append(
            html.P(_("Các dòng bị loại có trong bảng Dòng bị loại phía trên."), className="small")
        )
    return html.Div(parts, id="upload-summary")
