"""The sections of the 766 page (``/chi-so-766``), built from :func:`kpi.index766.estimate`.

Pure builders (frames in, Dash components out, no I/O): the ranking of every ward of the
province (or the country) by the estimate out of 100, with its grade band, rank and change since
the comparison period (metrics.md §6, its dates beside it); for a chosen ward, each indicator's
rate, points, maximum and points missed, the biggest losses first; the what-if control and its
answer; the methodology in full (the one of ``/phuong-phap``, read from ``data/index766.toml``);
and the tables of the page's one workbook. Visible text goes through :func:`ui.i18n._`
(English in ``ui/locale/index766.py``); numbers through :mod:`ui.format`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from dash.development.base_component import Component

from kpi.index766 import Methodology, WhatIf, ward_points
from kpi.metrics import records
from kpi.periods import Period
from marks import N_
from ui.components import compared_with, empty_state
from ui.export import Column, Table
from ui.filters import Selection
from ui.format import NO_DATA, fmt_int, fmt_moment, fmt_number, fmt_pct, fmt_span
from ui.grid import GridColumn, grid, grid_rows
from ui.i18n import _
from ui.methodology import index766_export_tables, index766_method
from ui.ward import section

PATH = "/chi-so-766"
ESTIMATE_NOTE = N_(
    "Đây là ước tính từ hồ sơ của chính phường, xã, theo phương pháp trong data/index766.toml; "
    "điểm chính thức là điểm công bố trên Cổng Dịch vụ công quốc gia."
)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _v(value: Any) -> Any:
    return None if _missing(value) else value


def _change(value: Any) -> str:
    """A change in points, signed: ``+2,50``, ``-1,00``, ``0,00``; ``—`` without one."""
    value = _v(value)
    if value is None:
        return NO_DATA
    return ("+" if value > 0 else "") + fmt_number(value, 2)


def ward_href(selection: Selection, ward_code: str) -> str:
    """The 766 page of the same period and province with ``ward_code`` chosen."""
    return PATH + dataclasses.replace(selection, ward=ward_code).search()


def scored(wards: pd.DataFrame) -> int:
    """How many wards have an estimate (and so a rank)."""
    return int(wards["rank"].notna().sum())


# The ranking, declared once: best first; a ward's name opens its points (same page).
RANKING_COLUMNS: tuple[GridColumn, ...] = (
    GridColumn("rank", N_("Hạng"), "rank"),
    GridColumn("ward_name", N_("Phường, xã"), "name", pinned=True),
    GridColumn("ward_code", N_("Mã"), "word"),
    GridColumn("province", N_("Tỉnh, thành phố"), "word"),
    GridColumn("score", N_("Điểm"), "mean", first_descending=True),
    GridColumn("applicable_max", N_("Điểm tối đa"), "count", first_descending=True),
    GridColumn("score_100", N_("Điểm /100"), "mean", first_descending=True),
    GridColumn("band", N_("Xếp loại"), "word"),
    GridColumn("score_100_previous", N_("Điểm /100 kỳ so sánh"), "mean", first_descending=True),
    GridColumn("change", N_("Thay đổi (điểm)"), "delta", first_descending=True),
    GridColumn("rank_change", N_("Thay đổi hạng"), "move", first_descending=True),
)
# One province's ranking has no province column.
RANKING_COLUMNS_PROVINCE = tuple(c for c in RANKING_COLUMNS if c.key != "province")


def ranking_section(
    prefix: str,
    wards: pd.DataFrame,
    selection: Selection,
    *,
    provinces: Mapping[str, str],
    compared: Period,
) -> Component:
    """Every ward, best first: rank, name (opens its points), estimate, band, change, movement.

    Wards without a dossier in the period have no estimate: counted (and named, when there are
    few) under the table, not ranked."""
    title = _("Xếp hạng phường, xã theo chỉ số 766 (ước tính)")
    if wards.empty or scored(wards) == 0:
        return section(f"{prefix}-ranking-section", title, [empty_state()])
    columns = RANKING_COLUMNS if selection.national else RANKING_COLUMNS_PROVINCE
    ranked = [
        {
            **r,
            "ward_name": _v(r["ward_name"]) or r["ward_code"],
            "province": provinces.get(r.get("province_code") or "", r.get("province_code") or ""),
            "band": _(r["band"]) if _v(r["band"]) else None,
            "applicable_max": _v(r["applicable_max"]),
            "rank_change": None
            if _missing(r["rank"]) or _missing(r["rank_previous"])
            else int(r["rank_previous"]) - int(r["rank"]),
            "name_order": i,
        }
        for i, r in enumerate(records(wards[wards["rank"].notna()]))
    ]
    rows = grid_rows(
        ranked, columns, targets={}, href=lambda r: ward_href(selection, r["ward_code"])
    )
    caption = _(
        "{n} phường, xã có ước tính, kỳ {period}; thay đổi {compared}. Bấm tên để xem điểm "
        "từng chỉ tiêu.",
        n=fmt_int(scored(wards)),
        period=fmt_span(selection.period.date_from, selection.period.date_to),
        compared=compared_with(compared.date_from, compared.date_to),
    )
    return section(
        f"{prefix}-ranking-section",
        title,
        [
            html.P(caption, className="small text-body-secondary mb-2"),
            grid(f"{prefix}-ranking", columns, rows, name=caption, sort=("rank", "asc")),
            unscored_line(f"{prefix}-unscored", wards),
        ],
    )


UNSCORED_NAMED = 30  # up to this many wards without an estimate are named, beyond only counted


def unscored_line(line_id: str, wards: pd.DataFrame) -> Component | None:
    """The wards without an estimate (no dossier in the period), under the ranking."""
    missing = wards[wards["rank"].isna()]
    if missing.empty:
        return None
    names = [_v(n) or c for c, n in zip(missing["ward_code"], missing["ward_name"], strict=True)]
    text = _(
        "Chưa có ước tính (không có hồ sơ trong kỳ): {n} phường, xã",
        n=fmt_int(len(names)),
    )
    if len(names) <= UNSCORED_NAMED:
        text += ": " + ", ".join(names) + "."
    return html.P(text, id=line_id, className="small text-body-secondary")


# The chosen ward's points, declared once: the biggest losses first.
POINTS_COLUMNS: tuple[GridColumn, ...] = (
    GridColumn("code", N_("Mã"), "word"),
    GridColumn("label", N_("Chỉ tiêu"), "text"),
    GridColumn("rate", N_("Tỷ lệ"), "rate"),
    GridColumn("full_at", N_("Đạt điểm tối đa từ"), "rate", digits=0),
    GridColumn("points", N_("Điểm"), "mean", first_descending=True),
    GridColumn("max", N_("Tối đa"), "count", first_descending=True),
    GridColumn("missed", N_("Điểm bị mất"), "mean", first_descending=True),
)


def ward_section(
    prefix: str,
    wards: pd.DataFrame,
    points: pd.DataFrame,
    *,
    ward_code: str | None,
    compared: Period,
    method: Methodology,
) -> Component:
    """The chosen ward: its estimate, band, rank and change; each indicator's points and what
    it missed, the biggest losses first; the what-if control. Without a ward: how to choose one."""
    title = _("Điểm từng chỉ tiêu")
    if ward_code is None:
        hint = _("Chọn một phường, xã (trong bộ lọc hoặc bấm tên trong bảng xếp hạng) để xem điểm.")
        return section(f"{prefix}-ward-section", title, [html.P(hint, id=f"{prefix}-ward-hint")])
    mine = wards[wards["ward_code"] == ward_code]
    row = records(mine)[0] if not mine.empty else None
    if row is None or _missing(row["score_100"]):
        return section(f"{prefix}-ward-section", title, [empty_state()])
    name = _v(row["ward_name"]) or ward_code
    summary = html.P(
        [
            html.Strong(name, className="me-2"),
            html.Span(
                _("{score}/100", score=fmt_number(row["score_100"], 2)),
                id=f"{prefix}-ward-score",
                className="fs-4 fw-semibold me-2",
            ),
            html.Span(_(row["band"]), className="badge text-bg-secondary me-2"),
            html.Span(
                _(
                    "{score}/{max} điểm · hạng {rank}/{ranked} · {compared}: {change} điểm",
                    score=fmt_number(row["score"], 2),
                    max=fmt_number(row["applicable_max"], 0),
                    rank=fmt_int(_v(row["rank"])),
                    ranked=fmt_int(scored(wards)),
                    compared=compared_with(compared.date_from, compared.date_to),
                    change=_change(row["change"]),
                ),
                id=f"{prefix}-ward-rank",
            ),
        ]
    )
    losses = ward_points(points, ward_code)
    listed = [
        {
            **r,
            "label": _(r["label"]),
            # an indicator without data this period: no rate, no points (not zero)
            **({} if r["applies"] else {"rate": None, "points": None, "missed": None}),
            "name_order": i,
        }
        for i, r in enumerate(records(losses))
    ]
    rows = grid_rows(
        listed,
        POINTS_COLUMNS,
        targets={},
        extra=lambda r: {} if r["applies"] else {"rate__text": _("không có dữ liệu")},
    )
    caption = _(
        "Điểm của {ward}, chỉ tiêu mất nhiều điểm nhất trước; chỉ tiêu không có dữ liệu trong "
        "kỳ không tính vào điểm tối đa.",
        ward=name,
    )
    return section(
        f"{prefix}-ward-section",
        title,
        [
            summary,
            html.P(caption, className="small text-body-secondary mb-2"),
            grid(f"{prefix}-points", POINTS_COLUMNS, rows, name=caption, sort=("missed", "desc")),
            what_if_controls(prefix, losses, method),
        ],
    )


def what_if_controls(prefix: str, losses: pd.DataFrame, method: Methodology) -> Component:
    """Choose an indicator and a rate: the answer (:func:`what_if_text`) shows the new score and
    rank. Starts on the indicator that lost the most points, at its full-points rate."""
    options = [
        {"label": f"{i.code} – {_(i.label)}", "value": i.metric}
        for i in method.indicators
        if i.max > 0
    ]
    first = records(losses)[0] if not losses.empty else None
    metric = first["metric"] if first else options[0]["value"]
    full_at = next(i.full_at for i in method.indicators if i.metric == metric)
    return html.Div(
        [
            html.H3(_("Nếu một chỉ tiêu thay đổi"), className="h6 mt-3"),
            html.P(
                _(
                    "Đặt tỷ lệ của một chỉ tiêu để xem điểm và hạng mới; các chỉ tiêu khác và các "
                    "phường, xã khác giữ nguyên. Không có gì được lưu lại."
                ),
                className="small text-body-secondary",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(_("Chỉ tiêu"), html_for=f"{prefix}-whatif-indicator"),
                            dbc.Select(
                                id=f"{prefix}-whatif-indicator", options=options, value=metric
                            ),
                        ],
                        md=6,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(_("Tỷ lệ (%)"), html_for=f"{prefix}-whatif-rate"),
                            dbc.Input(
                                id=f"{prefix}-whatif-rate",
                                type="number",
                                min=0,
                                max=100,
                                step=0.01,
                                value=round(full_at * 100, 2),
                                debounce=True,
                            ),
                        ],
                        md=3,
                    ),
                ],
                class_name="g-2 align-items-end",
            ),
            html.P(id=f"{prefix}-whatif-result", className="mt-2", **{"aria-live": "polite"}),
        ],
        id=f"{prefix}-whatif",
        className="mc-whatif d-print-none",
    )


def what_if_text(result: WhatIf | None, *, label: str, rate: float | None, ranked: int) -> str:
    """The what-if answer in one sentence, or why there is none."""
    if rate is None or not 0 <= rate <= 1:
        return _("Nhập một tỷ lệ từ 0 đến 100.")
    if result is None:
        return _("Phường, xã chưa có ước tính trong kỳ này.")
    return _(
        "Nếu “{label}” đạt {rate}: {score}/100 ({points}/{max} điểm), {band}, hạng {rank}/{ranked} "
        "(hiện nay {before}/100, hạng {rank_before}).",
        label=label,
        rate=fmt_pct(rate),
        score=fmt_number(result.score_100, 2),
        points=fmt_number(result.score, 2),
        max=fmt_number(result.applicable_max, 0),
        band=_(result.band),
        rank=fmt_int(result.rank),
        ranked=fmt_int(ranked),
        before=fmt_number(result.score_100_before, 2),
        rank_before=fmt_int(result.rank_before),
    )


def data_line(line_id: str, period: Period, data_as_of: datetime | None) -> Component:
    """ "Dữ liệu đến …" and the period, under the page's tables."""
    return html.P(
        _(
            "Dữ liệu đến {moment} · Kỳ: {period}",
            moment=fmt_moment(data_as_of),
            period=fmt_span(period.date_from, period.date_to),
        ),
        id=line_id,
        className="text-body-secondary small mt-3",
    )


def content(
    prefix: str,
    selection: Selection,
    wards: pd.DataFrame,
    points: pd.DataFrame,
    *,
    method: Methodology,
    provinces: Mapping[str, str],
    data_as_of: datetime | None,
) -> list[Component]:
    """The page below its filters: the estimate's statement, the ward's points (when one is
    chosen), the ranking, the methodology in full."""
    compared = selection.period.previous()
    return [
        dbc.Alert(
            [html.Strong(_("Ước tính. ")), _(ESTIMATE_NOTE)],
            color="info",
            id=f"{prefix}-estimate-note",
            class_name="mc-alert",
        ),
        ward_section(
            prefix, wards, points, ward_code=selection.ward, compared=compared, method=method
        ),
        ranking_section(prefix, wards, selection, provinces=provinces, compared=compared),
        data_line(f"{prefix}-data-line", selection.period, data_as_of),
        section(
            f"{prefix}-method-section",
            _("Phương pháp tính chỉ số 766 (ước tính)"),
            index766_method(method, page="/phuong-phap"),
        ),
    ]


def export_tables(
    wards: pd.DataFrame,
    points: pd.DataFrame,
    *,
    method: Methodology,
    selection: Selection,
    data_as_of: datetime | None,
) -> list[Table]:
    """The page's one workbook: the ranking, every ward's points per indicator, the method."""
    compared = selection.period.previous()
    note = _(
        "Kỳ {period}, thay đổi {compared}. Dữ liệu đến {moment}. {estimate}",
        period=fmt_span(selection.period.date_from, selection.period.date_to),
        compared=compared_with(compared.date_from, compared.date_to),
        moment=fmt_moment(data_as_of),
        estimate=_(ESTIMATE_NOTE),
    )
    ranking = wards.assign(
        band=[_(b) if isinstance(b, str) else None for b in wards["band"]],
        rank_change=[
            None if _missing(a) or _missing(b) else int(b) - int(a)
            for a, b in zip(wards["rank"], wards["rank_previous"], strict=True)
        ],
    )
    names = wards[["ward_code", "ward_name"]]
    scored_points = points[points["max"] > 0] if not points.empty else points
    detail = (
        scored_points.merge(names, on="ward_code", how="left")
        if not points.empty
        else (pd.DataFrame(columns=[*points.columns, "ward_name"]))
    )
    detail = detail.assign(label=[_(x) for x in detail["label"]])
    return [
        Table(
            "Xếp hạng",
            _("Xếp hạng phường, xã theo chỉ số 766 (ước tính)"),
            [
                Column("rank", _("Hạng"), "int"),
                Column("ward_code", _("Mã"), "text"),
                Column("ward_name", _("Phường, xã"), "text"),
                Column("province_code", _("Mã tỉnh"), "text"),
                Column("score", _("Điểm"), "number"),
                Column("applicable_max", _("Điểm tối đa"), "number"),
                Column("score_100", _("Điểm /100"), "number"),
                Column("band", _("Xếp loại"), "text"),
                Column("score_100_previous", _("Điểm /100 kỳ so sánh"), "number"),
                Column("change", _("Thay đổi (điểm)"), "number"),
                Column("rank_previous", _("Hạng kỳ so sánh"), "int"),
                Column("rank_change", _("Thay đổi hạng (+ lên)"), "int"),
            ],
            ranking,
            note=note,
        ),
        Table(
            N_("Điểm từng chỉ tiêu"),
            _("Điểm từng chỉ tiêu của mỗi phường, xã"),
            [
                Column("ward_code", _("Mã"), "text"),
                Column("ward_name", _("Phường, xã"), "text"),
                Column("code", _("Mã chỉ tiêu"), "text"),
                Column("label", _("Chỉ tiêu"), "text"),
                Column("rate", _("Tỷ lệ"), "pct"),
                Column("full_at", _("Đạt điểm tối đa từ"), "pct"),
                Column("points", _("Điểm"), "number"),
                Column("max", _("Tối đa"), "number"),
                Column("missed", _("Điểm bị mất"), "number"),
            ],
            detail,
            note=note,
        ),
        *index766_export_tables(method),
    ]
