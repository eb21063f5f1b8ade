"""The sections of the fields page (``/linh-vuc``), from :mod:`kpi.fields` frames (pure, no I/O).

Three levels, one URL each: every field (``/linh-vuc``), the procedures of one field
(``?field=Đất đai``), the wards of one procedure (``?field=Đất đai&procedure=1.001193``), with
a breadcrumb between them. Each level has a sortable table (first sorted by late + overdue, most
first) whose names are the drill-down links, the chart of where late dossiers concentrate (and
its table), and for procedures their online share against the 766 line. :func:`export_tables`
gives the same tables for the Excel/CSV export. The page module only fetches and wires.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from kpi.fields import Worst, name_key, top_by_volume, worst
from kpi.metrics import records
from kpi.periods import Period
from marks import N_
from ui.components import empty_state, table_view
from ui.export import Column as ExportColumn
from ui.export import Table
from ui.fields_figures import late_figure, online_figure
from ui.figures import GRAPH_CONFIG
from ui.filters import Selection
from ui.format import fmt_date, fmt_datetime, fmt_int, fmt_pct
from ui.grid import GridColumn, definitions_note, grid, grid_rows
from ui.i18n import _

PATH = "/linh-vuc"
FIELDS, PROCEDURES, WARDS = "field", "procedure", "ward"
NO_CODE = N_("(không có mã)")
TOP_PROCEDURES = 10  # bars of the online-share chart
TOP_LATE = 15  # bars of the late chart of procedures or wards
DEFAULT_SORT: dict[str, Any] = {"column": "late_total", "descending": True}  # first order


# Definitions of the page's own figures (the others are in ui.definitions.METRICS).
TERMS: dict[str, tuple[str, str]] = {
    "late_total": (
        N_("Tổng trễ hạn"),
        N_("Quá hạn (đã giải quyết sau hạn) + Đang giải quyết quá hạn, trong kỳ."),
    ),
    "late_share": (
        N_("Tỷ trọng trễ hạn"),
        N_("Tổng trễ hạn của dòng / Tổng trễ hạn của mọi dòng trong bảng."),
    ),
    "late_interagency": (
        N_("Quá hạn có liên thông"),
        N_(
            "Hồ sơ quá hạn (đã giải quyết sau hạn) phải liên thông giữa nhiều cơ quan; "
            "hồ sơ đang giải quyết quá hạn không được tách theo liên thông."
        ),
    ),
}

# Counts sort most first on the first click; rates worst first: "where is it slipping".
_COUNTS = tuple(
    GridColumn(key, label, kind, first_descending=first, term=key)
    for key, label, kind, first in (
        ("received", N_("Tiếp nhận mới"), "count", True),
        ("completed", N_("Đã giải quyết"), "count", True),
        ("to_process", N_("Tổng số phải giải quyết"), "count", True),
        ("on_time_rate", N_("Tỷ lệ đúng hạn"), "rate", False),
        ("resolved_on_time_rate", N_("Giải quyết đúng/trước hạn"), "rate", False),
        ("late", N_("Quá hạn"), "count", True),
        ("overdue", N_("Đang giải quyết quá hạn"), "count", True),
        ("late_total", N_("Tổng trễ hạn"), "count", True),
        ("late_share", N_("Tỷ trọng trễ hạn"), "rate", True),
        ("late_interagency", N_("Quá hạn có liên thông"), "interagency", True),
        ("online_share", N_("Tỷ lệ trực tuyến"), "rate", False),
        ("full_online_share", N_("Tỷ lệ trực tuyến toàn trình"), "rate", False),
    )
)
_BY_KEY = {c.key: c for c in _COUNTS}


def _pick(*keys: str) -> tuple[GridColumn, ...]:
    return tuple(_BY_KEY[k] for k in keys)


TABLES: dict[str, tuple[GridColumn, ...]] = {
    FIELDS: (
        GridColumn("name", N_("Lĩnh vực"), "name", pinned=True),
        *_pick(
            "received", "completed", "to_process", "on_time_rate", "resolved_on_time_rate",
            "late", "overdue", "late_total", "late_share", "late_interagency", "online_share",
        ),
    ),
    PROCEDURES: (
        GridColumn("name", N_("Mã thủ tục"), "name", pinned=True),
        GridColumn("procedure_name", N_("Tên thủ tục"), "text"),
        *_pick(
            "received", "to_process", "on_time_rate", "late", "overdue", "late_total",
            "late_interagency", "online_share", "full_online_share",
        ),
    ),
    WARDS: (
        GridColumn("name", N_("Phường, xã"), "name", pinned=True),
        *_pick(
            "received", "to_process", "on_time_rate", "late", "overdue", "late_total",
            "late_interagency", "online_share", "full_online_share",
        ),
    ),
}  # fmt: skip


def level(selection: Selection) -> str:
    """Which table the selection asks for: wards of a procedure, procedures of a field, fields."""
    if selection.procedure:
        return WARDS
    return PROCEDURES if selection.field else FIELDS


def _labels(frame: pd.DataFrame, table: str) -> list[str]:
    """What names each row: the field, the procedure's code and name, the ward."""
    if table == FIELDS:
        return [str(v) for v in frame["field"]]
    if table == WARDS:
        return [str(v) for v in frame["ward_name"]]
    out = []
    for code, name in zip(frame["procedure_code"], frame["procedure_name"], strict=True):
        shown = code if isinstance(code, str) else _(NO_CODE)
        out.append(f"{shown} {name}" if isinstance(name, str) else shown)
    return out


def store_rows(frame: pd.DataFrame, table: str, selection: Selection) -> list[dict[str, Any]]:
    """The rows a table shows and its sort callback re-sorts: figures, the name and its link."""
    rows = records(frame.drop(columns=["data_as_of"]))
    if table == FIELDS:
        names = [r["field"] for r in rows]
        hrefs = [link(replace(selection, field=n, procedure=None)) for n in names]
    elif table == PROCEDURES:
        names = [r["procedure_code"] or _(NO_CODE) for r in rows]
        hrefs = [
            link(replace(selection, procedure=r["procedure_code"])) if r["procedure_code"] else None
            for r in rows
        ]
    else:
        names = [r["ward_name"] or r["ward_code"] for r in rows]
        ward_search = replace(selection, procedure=None).search(with_ward=False)
        hrefs = [f"/phuong/{r['ward_code']}{ward_search}" for r in rows]
    order = {n: i for i, n in enumerate(sorted(set(names), key=lambda n: (name_key(n), n)))}
    for row, name, href in zip(rows, names, hrefs, strict=True):
        row.update(name=name, href=href, name_order=order[name])
        if row["interagency_known"] == 0:
            row["late_interagency"] = None  # the data says nothing about inter-agency
    return rows


def link(selection: Selection) -> str:
    """The fields page's address for a selection."""
    return PATH + selection.search()


CAPTIONS = {
    FIELDS: N_(
        "Hồ sơ theo lĩnh vực, xếp theo tổng trễ hạn (nhiều nhất trước). Bấm tên lĩnh vực "
        "để xem các thủ tục; bấm tiêu đề cột để sắp xếp."
    ),
    PROCEDURES: N_(
        "Hồ sơ theo thủ tục, xếp theo tổng trễ hạn (nhiều nhất trước). Bấm mã thủ tục "
        "để xem các phường, xã; bấm tiêu đề cột để sắp xếp."
    ),
    WARDS: N_(
        "Hồ sơ của thủ tục theo phường, xã, xếp theo tổng trễ hạn (nhiều nhất trước). Bấm "
        "tên phường, xã để mở trang của phường, xã; bấm tiêu đề cột để sắp xếp."
    ),
}


def sorted_table(prefix: str, table: str, rows: Sequence[Mapping[str, Any]]) -> Component:
    """The table ``table`` (:data:`TABLES`) of ``rows`` as a grid (:mod:`ui.grid`), first by
    late + overdue, most first; its caption above it."""
    columns = TABLES[table]
    drawn = grid_rows(rows, columns, targets={}, href=lambda r: r.get("href"))
    return html.Div(
        [
            html.P(_(CAPTIONS[table]), className="small text-body-secondary mb-2"),
            grid(
                f"{prefix}-{table}-grid",
                columns,
                drawn,
                name=_(CAPTIONS[table]),
                sort=(DEFAULT_SORT["column"], "desc"),
            ),
        ]
    )


def table_section(prefix: str, table: str, rows: list[dict[str, Any]], title: str) -> Component:
    """A table and its definitions."""
    return _section(
        f"{prefix}-{table}-section",
        title,
        [
            html.Div(
                sorted_table(prefix, table, rows), id={"type": f"{prefix}-table", "table": table}
            ),
            definitions_note(TABLES[table], TERMS),
        ],
    )


def _section(section_id: str, title: str, children: list[Component]) -> Component:
    return html.Section(
        [html.H2(title, id=f"{section_id}-title", className="h5 mb-2"), *children],
        id=section_id,
        className="mc-section mt-4",
        **{"aria-labelledby": f"{section_id}-title"},
    )


def answer(prefix: str, frame: pd.DataFrame, table: str) -> Component:
    """The one-line answer: which field (procedure, ward) holds most late dossiers."""
    name = {FIELDS: "field", PROCEDURES: "procedure_code", WARDS: "ward_name"}[table]
    found: Worst | None = worst(frame.fillna({name: _(NO_CODE)}), name=name)
    subject = {
        FIELDS: N_("Lĩnh vực nhiều hồ sơ trễ nhất"),
        PROCEDURES: N_("Thủ tục nhiều hồ sơ trễ nhất"),
        WARDS: N_("Phường, xã nhiều hồ sơ trễ nhất"),
    }[table]
    if found is None:
        text = _("Không có hồ sơ quá hạn hoặc đang giải quyết quá hạn trong kỳ.")
    else:
        text = _(
            "{subject}: {names} ({count} hồ sơ quá hạn/trễ hạn{each}, {share} của toàn bộ "
            "{total} hồ sơ).",
            subject=_(subject),
            names=", ".join(found.names),
            count=fmt_int(found.late_total),
            each=_(" mỗi nơi") if len(found.names) > 1 else "",
            share=fmt_pct(found.share, 0),
            total=fmt_int(found.all_late),
        )
    return html.P(text, id=f"{prefix}-answer", className="lead fw-semibold mc-answer mb-1")


def freshness(prefix: str, frame: pd.DataFrame, period: Period) -> Component:
    """ "Dữ liệu đến … · Kỳ: … – …" under the answer."""
    as_of = frame["data_as_of"].max() if not frame.empty else None
    moment = None if as_of is None or pd.isna(as_of) else pd.Timestamp(as_of).to_pydatetime()
    return html.P(
        _(
            "Dữ liệu đến {moment} · Kỳ: {first} – {last}",
            moment=fmt_datetime(moment),
            first=fmt_date(period.date_from),
            last=fmt_date(period.date_to),
        ),
        id=f"{prefix}-freshness",
        className="text-body-secondary small",
    )


def breadcrumb(selection: Selection, procedure_name: str | None) -> Component:
    """Tất cả lĩnh vực › Đất đai › 1.001193: links up, the current level last."""
    items: list[tuple[str, str | None]] = [
        (_("Tất cả lĩnh vực"), link(replace(selection, field=None, procedure=None)))
    ]
    if selection.field:
        items.append((selection.field, link(replace(selection, procedure=None))))
    if selection.procedure:
        items.append((selection.procedure, None))
    last = len(items) - 1
    crumbs = [
        html.Li(
            label if i == last else dcc.Link(label, href=href),
            className="breadcrumb-item" + (" active" if i == last else ""),
            title=procedure_name if i == last and selection.procedure else None,
            **({"aria-current": "page"} if i == last else {}),
        )
        for i, (label, href) in enumerate(items)
    ]
    return html.Nav(
        html.Ol(crumbs, className="breadcrumb mb-2", style={"--bs-breadcrumb-divider": "'›'"}),
        id="fields-breadcrumb",
        **{"aria-label": _("Vị trí trong lĩnh vực, thủ tục")},
    )


def heading(selection: Selection, procedure_name: str | None) -> Component:
    """Whose figures these are."""
    if selection.procedure:
        text = (
            f"{selection.procedure} – {procedure_name}" if procedure_name else selection.procedure
        )
    else:
        text = selection.field or _("Toàn bộ lĩnh vực")
    return html.H2(text, className="h5 mb-2")


def late_section(prefix: str, frame: pd.DataFrame, table: str) -> Component:
    """Where late dossiers concentrate: the chart, its table, or why it is empty."""
    title = _("Hồ sơ trễ hạn tập trung ở đâu")
    late = frame[frame["late_total"] > 0]
    if table != FIELDS:
        late = late.head(TOP_LATE)
    if late.empty:
        body = [empty_state(_("Không có hồ sơ quá hạn hoặc đang giải quyết quá hạn trong kỳ."))]
        return _section(f"{prefix}-late-section", title, body)
    split = bool((frame["interagency_known"] > 0).any())
    labels = _labels(late, table)
    note = (
        _("Hồ sơ quá hạn được tách theo có liên thông giữa nhiều cơ quan hay không.")
        if split
        else _("Dữ liệu không có thông tin liên thông: hồ sơ quá hạn không được tách.")
    )
    if table != FIELDS and len(frame[frame["late_total"] > 0]) > TOP_LATE:
        note += " " + _("Chỉ hiện {n} dòng nhiều hồ sơ trễ nhất.", n=TOP_LATE)
    rows = [
        {
            "label": label,
            "late_interagency": fmt_int(r["late_interagency"]) if split else "—",
            "late_other": fmt_int(r["late_other"]) if split else "—",
            "late": fmt_int(r["late"]),
            "overdue": fmt_int(r["overdue"]),
            "late_total": fmt_int(r["late_total"]),
        }
        for label, r in zip(labels, records(late), strict=True)
    ]
    columns = [
        ("label", _(TABLES[table][0].label)),
        ("late_interagency", _("Quá hạn, có liên thông")),
        ("late_other", _("Quá hạn, không liên thông")),
        ("late", _("Quá hạn")),
        ("overdue", _("Đang giải quyết quá hạn")),
        ("late_total", _("Tổng trễ hạn")),
    ]
    return _section(
        f"{prefix}-late-section",
        title,
        [
            html.P(note, className="small text-body-secondary mb-1"),
            dcc.Graph(
                id=f"{prefix}-late-graph",
                figure=late_figure(late, labels, split=split),
                config=GRAPH_CONFIG,
                className="mc-graph",
            ),
            table_view(f"{prefix}-late-table", columns, rows, title),
        ],
    )


def online_section(prefix: str, frame: pd.DataFrame, *, threshold: float) -> Component:
    """The busiest procedures' online share against the 766 line (indicator 3.3)."""
    title = _("Tỷ lệ trực tuyến của các thủ tục nhiều hồ sơ nhất")
    top = top_by_volume(frame, limit=TOP_PROCEDURES)
    if top.empty:
        body = [empty_state(_("Không có hồ sơ tiếp nhận mới nào trong kỳ."))]
        return _section(f"{prefix}-online-section", title, body)
    labels = _labels(top, PROCEDURES)
    rows = [
        {
            "label": label,
            "received": fmt_int(r["received"]),
            "online": fmt_int(r["online"]),
            "online_share": fmt_pct(r["online_share"]),
            "full_online_share": fmt_pct(r["full_online_share"]),
        }
        for label, r in zip(labels, records(top), strict=True)
    ]
    columns = [
        ("label", _("Thủ tục")),
        ("received", _("Tiếp nhận mới")),
        ("online", _("Nộp trực tuyến")),
        ("online_share", _("Tỷ lệ trực tuyến")),
        ("full_online_share", _("Tỷ lệ trực tuyến toàn trình")),
    ]
    note = _(
        "{n} thủ tục có nhiều hồ sơ tiếp nhận mới nhất; đường đứt nét là ngưỡng đạt điểm tối đa "
        "của chỉ số 3.3 (Bộ chỉ số 766): {value} hồ sơ nộp trực tuyến.",
        n=len(top),
        value=fmt_pct(threshold, 0),
    )
    return _section(
        f"{prefix}-online-section",
        title,
        [
            html.P(note, className="small text-body-secondary mb-1"),
            dcc.Graph(
                id=f"{prefix}-online-graph",
                figure=online_figure(top, labels, threshold=threshold),
                config=GRAPH_CONFIG,
                className="mc-graph",
            ),
            table_view(f"{prefix}-online-table", columns, rows, title),
        ],
    )


TABLE_TITLES = {
    FIELDS: N_("Hồ sơ theo lĩnh vực"),
    PROCEDURES: N_("Thủ tục của lĩnh vực"),
    WARDS: N_("Phường, xã giải quyết thủ tục"),
}


def content(
    prefix: str,
    selection: Selection,
    frame: pd.DataFrame,
    *,
    procedure_name: str | None,
    threshold: float,
    export: Component,
) -> Component:
    """Every section of one level for a valid selection (``frame`` from :mod:`kpi.fields`)."""
    table = level(selection)
    crumbs = [breadcrumb(selection, procedure_name), heading(selection, procedure_name)]
    if frame.empty:
        return html.Div([*crumbs, empty_state(), freshness(prefix, frame, selection.period)])
    rows = store_rows(frame, table, selection)
    sections = [
        *crumbs,
        answer(prefix, frame, table),
        freshness(prefix, frame, selection.period),
        export,
        table_section(prefix, table, rows, _(TABLE_TITLES[table])),
        late_section(prefix, frame, table),
    ]
    if table == PROCEDURES:
        sections.append(online_section(prefix, frame, threshold=threshold))
    return html.Div(sections)


# --- exports ---------------------------------------------------------------------------------

_EXPORT_KIND = {"count": "int", "interagency": "int", "rate": "pct"}
_NAME_COLUMNS = {
    FIELDS: [ExportColumn("field", N_("Lĩnh vực"), "text")],
    PROCEDURES: [
        ExportColumn("procedure_code", N_("Mã thủ tục"), "text"),
        ExportColumn("procedure_name", N_("Tên thủ tục"), "text"),
    ],
    WARDS: [
        ExportColumn("ward_code", N_("Mã phường, xã"), "text"),
        ExportColumn("ward_name", N_("Phường, xã"), "text"),
    ],
}


def export_tables(selection: Selection, frame: pd.DataFrame) -> list[Table]:
    """The tables of the page's level, as exported (one sheet each): the main table, and the
    busiest procedures' online share on the procedures level."""
    table = level(selection)
    period = selection.period
    scope = " › ".join(x for x in (selection.field, selection.procedure) if x)
    note = _(
        "Kỳ: {first} – {last}{scope}. Tổng trễ hạn = Quá hạn + Đang giải quyết quá hạn.",
        first=fmt_date(period.date_from),
        last=fmt_date(period.date_to),
        scope=f" · {scope}" if scope else "",
    )
    figures = [
        ExportColumn(c.key, _(c.label), _EXPORT_KIND[c.kind])
        for c in TABLES[table]
        if c.kind in _EXPORT_KIND
    ]
    rows = frame.copy()
    rows.loc[rows["interagency_known"] == 0, "late_interagency"] = None
    title = _(TABLE_TITLES[table])
    out = [Table(title, title, [*_NAME_COLUMNS[table], *figures], rows, note=note)]
    if table == PROCEDURES:
        top = top_by_volume(frame, limit=TOP_PROCEDURES)
        online = _("Trực tuyến theo thủ tục")
        out.append(
            Table(
                online,
                _("Tỷ lệ trực tuyến của các thủ tục nhiều hồ sơ nhất"),
                [
                    *_NAME_COLUMNS[PROCEDURES],
                    ExportColumn("received", _("Tiếp nhận mới"), "int"),
                    ExportColumn("online", _("Nộp trực tuyến"), "int"),
                    ExportColumn("online_share", _("Tỷ lệ trực tuyến"), "pct"),
                    ExportColumn("full_online_share", _("Tỷ lệ trực tuyến toàn trình"), "pct"),
                ],
                top,
                note=note,
            )
        )
    return out
