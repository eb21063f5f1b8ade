"""The ward league table: one row per ward, sortable by any column, cells coloured by target.

Rows are the records of :func:`kpi.overview.league` (raw numbers); :func:`league_table` draws
them as a grid (:mod:`ui.grid`) first ordered by rank, sorted in the browser by any header (a
ward without data always last, whichever the direction), each ward's name a link to its page
keeping the current period. Colours always come with a symbol and words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html
from dash.development.base_component import Component

from kpi.targets import Target
from marks import N_
from ui.grid import GridColumn, grid, grid_rows, missing
from ui.i18n import _
from ui.theme import STATUSES

COLUMNS: tuple[GridColumn, ...] = (
    GridColumn("rank", N_("Hạng"), "rank"),
    GridColumn("ward_name", N_("Phường, xã"), "name", pinned=True),
    GridColumn("received", N_("Tiếp nhận mới"), "count", first_descending=True),
    GridColumn("completed", N_("Đã giải quyết"), "count", first_descending=True),
    # Rates sort worst first on the first click: the question is "who is slipping".
    GridColumn("on_time_rate", N_("Tỷ lệ đúng hạn"), "rate", coloured=True),
    GridColumn("resolved_on_time_rate", N_("Giải quyết đúng/trước hạn"), "rate", coloured=True),
    GridColumn("online_share", N_("Tỷ lệ trực tuyến"), "rate", coloured=True),
    GridColumn("overdue", N_("Đang quá hạn"), "count", first_descending=True, coloured=True),
    # Most due soon first: where the next late dossiers will come from.
    GridColumn("due_soon", N_("Sắp đến hạn"), "count", first_descending=True),
    GridColumn("rank_change", N_("Thay đổi hạng"), "move", first_descending=True),
)


def sort_rows(
    rows: Sequence[Mapping[str, Any]], column: str, *, descending: bool
) -> list[Mapping[str, Any]]:
    """Rows ordered by ``column``; rows without a value last, ties in Vietnamese name order."""
    key = "name_order" if column == "ward_name" else column
    present = [r for r in rows if not missing(r.get(key))]
    absent = [r for r in rows if missing(r.get(key))]
    present.sort(key=lambda r: r["name_order"])
    present.sort(key=lambda r: r[key], reverse=descending)  # stable: ties stay in name order
    absent.sort(key=lambda r: r["name_order"])
    return present + absent


def row_href(code: str, link_search: str, unit: str) -> str:
    """Where a row's name leads: the ward's page, or (``unit`` ``"province"``) the province's
    overview, keeping the query string ``link_search``."""
    if unit == "province":
        return f"/{link_search}{'&' if link_search else '?'}province={code}"
    return f"/phuong/{code}{link_search}"


def league_table(
    prefix: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    targets: Mapping[str, Target],
    link_search: str,
    selected_ward: str | None = None,
    compared: str | None = None,
    unit: str = "ward",
) -> Component:
    """The grid of every ward (or province), first in rank order.

    ``link_search`` is the query string each ward link keeps (the period and filters);
    ``compared`` says what the rank change is against (``so với 1/9–30/9/2026``), shown in the
    note. ``unit`` ``"province"``: the rows are provinces (the national view), each linking to
    its province's overview.
    """
    ordered = sort_rows(rows, "rank", descending=False)
    drawn = grid_rows(
        ordered,
        COLUMNS,
        targets=targets,
        href=lambda r: row_href(r["ward_code"], link_search, unit),
        selected=lambda r: r["ward_code"] == selected_ward,
    )
    legend = " · ".join(f"{s.symbol} {_(s.label).lower()}" for s in STATUSES.values())
    note = _(
        "Xếp hạng theo tỷ lệ đúng hạn; màu ô so với mục tiêu: {legend}. Bấm tiêu "
        "đề cột để sắp xếp; phường, xã chưa có dữ liệu luôn ở cuối.",
        legend=legend,
    )
    name = (
        _("Bảng xếp hạng tỉnh, thành phố") if unit == "province" else _("Bảng xếp hạng phường, xã")
    )
    labels = {"ward_name": N_("Tỉnh, thành phố")} if unit == "province" else {}
    # The movement is against the comparison period (§6): its dates follow the note.
    under = (
        [" ", _("Thay đổi hạng"), " ", html.Span(compared, id=f"{prefix}-league-compared"), "."]
        if compared
        else []
    )
    return html.Div(
        [
            html.P(
                [note, *under],
                id=f"{prefix}-league-note",
                className="small text-body-secondary mb-2",
            ),
            grid(
                f"{prefix}-league-grid",
                COLUMNS,
                drawn,
                name=name,
                sort=("rank", "asc"),
                labels=labels,
            ),
        ]
    )
