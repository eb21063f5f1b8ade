"""The ward league table: one row per ward, sortable by any column, cells coloured by target.

Rows are the records of :func:`kpi.overview.league` (raw numbers); :func:`sort_rows` orders them
(a ward without data always sorts last, whichever the direction) and :func:`league_table`
renders them with sort buttons in the headers (``aria-sort`` says the order), each ward's name a
link to its page keeping the current period. Colours always come with a symbol and words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from kpi.targets import Target, colour
from ui.format import NO_DATA, fmt_int, fmt_pct
from ui.i18n import _
from ui.theme import STATUSES
from web.inputs import BadInput


@dataclass(frozen=True)
class Column:
    """A league column: its key in the rows, header, kind and the first sort direction."""

    key: str
    label: str
    kind: str  # "name", "count", "rate", "rank", "move"
    first_descending: bool


COLUMNS: tuple[Column, ...] = (
    Column("rank", "Hạng", "rank", False),
    Column("ward_name", "Phường, xã", "name", False),
    Column("received", "Tiếp nhận mới", "count", True),
    Column("completed", "Đã giải quyết", "count", True),
    # Rates sort worst first on the first click: the question is "who is slipping".
    Column("on_time_rate", "Tỷ lệ đúng hạn", "rate", False),
    Column("resolved_on_time_rate", "Giải quyết đúng/trước hạn", "rate", False),
    Column("online_share", "Tỷ lệ trực tuyến", "rate", False),
    Column("overdue", "Đang quá hạn", "count", True),
    # Most due soon first: where the next late dossiers will come from.
    Column("due_soon", "Sắp đến hạn", "count", True),
    Column("rank_change", "Thay đổi hạng", "move", True),
)
BY_KEY = {c.key: c for c in COLUMNS}
DEFAULT_SORT: dict[str, Any] = {"column": "rank", "descending": False}

# Columns whose cells are coloured against data/targets.toml.
COLOURED = ("on_time_rate", "resolved_on_time_rate", "online_share", "overdue")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def sort_rows(
    rows: Sequence[Mapping[str, Any]], column: str, *, descending: bool
) -> list[Mapping[str, Any]]:
    """Rows ordered by ``column``; rows without a value last, ties in Vietnamese name order."""
    key = "name_order" if column == "ward_name" else column
    present = [r for r in rows if not _missing(r.get(key))]
    absent = [r for r in rows if _missing(r.get(key))]
    present.sort(key=lambda r: r["name_order"])
    present.sort(key=lambda r: r[key], reverse=descending)  # stable: ties stay in name order
    absent.sort(key=lambda r: r["name_order"])
    return present + absent


def next_sort(current: Mapping[str, Any], clicked: str) -> dict[str, Any]:
    """Clicking the sorted column reverses it; another column starts in its first direction."""
    if clicked not in BY_KEY:
        raise BadInput("không có cột này")
    if current.get("column") == clicked:
        return {"column": clicked, "descending": not current.get("descending")}
    return {"column": clicked, "descending": BY_KEY[clicked].first_descending}


def rank_move(change: Any) -> tuple[str, str]:
    """The movement cell (``▲2``, ``▼1``, ``=``, ``—``) and its words for screen readers."""
    if _missing(change):
        return NO_DATA, _("không có hạng kỳ trước")
    change = int(change)
    if change > 0:
        return f"▲{change}", _("lên {n} bậc", n=change)
    if change < 0:
        return f"▼{-change}", _("xuống {n} bậc", n=-change)
    return "=", _("giữ nguyên hạng")


def _cell(row: Mapping[str, Any], column: Column, targets: Mapping[str, Target]) -> Component:
    value = row.get(column.key)
    if column.kind == "rate":
        text = fmt_pct(None if _missing(value) else value)
    elif column.kind in ("count", "rank"):
        text = fmt_int(None if _missing(value) else value)
    else:
        text = str(value)
    status = None
    if column.key in COLOURED and not _missing(value):
        status = colour(column.key, float(value), dict(targets))
    if status is None:
        return html.Td(text, className="text-end")
    shown = STATUSES[status]
    # The symbol is the text twin of the colour; the caption says what each symbol means.
    return html.Td(
        f"{text} {shown.symbol}", className=f"text-end {shown.cell}", title=_(shown.label)
    )


def row_href(code: str, link_search: str, unit: str) -> str:
    """Where a row's name leads: the ward's page, or (``unit`` ``"province"``) the province's
    overview, keeping the query string ``link_search``."""
    if unit == "province":
        return f"/{link_search}{'&' if link_search else '?'}province={code}"
    return f"/phuong/{code}{link_search}"


def _header(
    prefix: str, column: Column, sort: Mapping[str, Any], compared: str | None, unit: str
) -> Component:
    if column.kind == "name" and unit == "province":
        column = Column(column.key, "Tỉnh, thành phố", column.kind, column.first_descending)
    active = sort.get("column") == column.key
    order = "descending" if sort.get("descending") else "ascending"
    arrow = ("▼" if sort.get("descending") else "▲") if active else "↕"
    button = html.Button(
        [_(column.label), html.Span(" " + arrow, **{"aria-hidden": "true"})],
        id={"type": f"{prefix}-league-sort", "column": column.key},
        type="button",
        className="btn btn-link p-0 mc-sort text-start",
        title=_("Sắp xếp theo {column}", column=_(column.label)),
    )
    # The movement is against the comparison period: its dates sit under the header (§6).
    under = (
        [html.Div(compared, id=f"{prefix}-league-compared", className="small fw-normal")]
        if column.kind == "move" and compared
        else []
    )
    return html.Th(
        [button, *under],
        scope="col",
        **({"aria-sort": order} if active else {}),
    )


def league_table(
    prefix: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    sort: Mapping[str, Any],
    targets: Mapping[str, Target],
    link_search: str,
    selected_ward: str | None = None,
    compared: str | None = None,
    unit: str = "ward",
) -> Component:
    """The table of every ward, sorted as ``sort`` says (``{"column", "descending"}``).

    ``link_search`` is the query string each ward link keeps (the period and filters);
    ``compared`` says what the rank change is against (``so với 1/9–30/9/2026``), shown under
    its header. ``unit`` ``"province"``: the rows are provinces (the national view), each
    linking to its province's overview.
    """
    ordered = sort_rows(rows, sort["column"], descending=bool(sort["descending"]))
    body = []
    for row in ordered:
        cells = []
        for column in COLUMNS:
            if column.kind == "name":
                cells.append(
                    html.Th(
                        dcc.Link(
                            row["ward_name"], href=row_href(row["ward_code"], link_search, unit)
                        ),
                        scope="row",
                    )
                )
            elif column.kind == "move":
                text, words = rank_move(row.get("rank_change"))
                cells.append(html.Td(text, className="text-end", title=words))
            else:
                cells.append(_cell(row, column, targets))
        selected = row["ward_code"] == selected_ward
        body.append(html.Tr(cells, className="table-active" if selected else None))
    legend = " · ".join(f"{s.symbol} {_(s.label).lower()}" for s in STATUSES.values())
    note = _(
        "Xếp hạng theo tỷ lệ đúng hạn; màu ô so với mục tiêu: {legend}. Bấm tiêu "
        "đề cột để sắp xếp; phường, xã chưa có dữ liệu luôn ở cuối.",
        legend=legend,
    )
    head = html.Thead(html.Tr([_header(prefix, c, sort, compared, unit) for c in COLUMNS]))
    name = (
        _("Bảng xếp hạng tỉnh, thành phố") if unit == "province" else _("Bảng xếp hạng phường, xã")
    )
    return boxed_table(f"{prefix}-league-note", note, name, head, html.Tbody(body))


def boxed_table(note_id: str, note: str, name: str, head: Component, body: Component) -> Component:
    """A sortable table of wards in its scrolling box (sticky header), its note above the box.

    Not in the caption: a caption is as wide as its table, which on a phone scrolls sideways
    inside the box, so the note's end was cut off. The caption keeps the table's ``name`` for
    screen readers."""
    return html.Div(
        [
            html.P(note, id=note_id, className="small text-body-secondary mb-2"),
            html.Div(
                dbc.Table(
                    [html.Caption(name, className="visually-hidden"), head, body],
                    size="sm",
                    hover=True,
                    class_name="mc-league mb-0",
                ),
                className="table-responsive mc-league-wrap",
            ),
        ]
    )
