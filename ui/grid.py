"""Tables as Dash AG Grid (``dash-ag-grid``, served from the package): columns declared once.

A table is a tuple of :class:`GridColumn` (the key of its value in the rows, the Vietnamese
label, the kind of value, the direction of its first sort, whether its cells are coloured
against a target, whether it stays pinned on the left when a phone scrolls the table sideways)
and rows of raw values. :func:`grid_rows` adds to each row what the browser shows: the text of
each cell written the reader's way (``<key>__text``), the words a screen reader says for a
symbol (``<key>__words``) and the cell's status against its target (``<key>__status``);
:func:`grid` draws the AG Grid. Sorting happens in the browser on the raw values
(``assets/dashAgGridFunctions.js``: a row without a value sorts last whichever the direction,
ties in Vietnamese name order), so a click on a header asks the server nothing.

No string here is JavaScript to evaluate: a cell's class and renderer are named functions of
the assets (``motcuaClass``, ``MotcuaCell``, ``MotcuaLink``), so the CSP needs no
``unsafe-eval``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import dash_ag_grid as dag
import pandas as pd
from dash import html
from dash.development.base_component import Component

from kpi.targets import Target, colour
from ui.definitions import METRICS, definition_href
from ui.format import NO_DATA, NO_DATA_LABEL, fmt_int, fmt_moment, fmt_number, fmt_pct
from ui.i18n import _, ngettext
from ui.theme import STATUSES

# The narrowest a column of each kind may be (px): its widest value and the sort arrow fit.
MIN_WIDTHS = {
    "name": 190, "count": 88, "rate": 104, "mean": 84, "rank": 84, "move": 92, "text": 220,
    "interagency": 120, "code": 124, "word": 120, "moment": 128, "delta": 92,
}  # fmt: skip
MAX_WIDTHS = {"code": 230, "moment": 170}
NUMERIC = ("count", "rate", "mean", "rank", "move", "interagency", "delta")
KINDS = tuple(MIN_WIDTHS)
FULL_HEIGHT_ROWS = 15  # a grid of this many rows or fewer shows them all without a scroll box


@dataclass(frozen=True)
class GridColumn:
    """One column of a table, declared once.

    ``key``: the row's value; ``label``: the header (Vietnamese source text, translated when
    drawn); ``kind``: ``name`` (the row's link), ``count``, ``rate``, ``mean`` (two decimals),
    ``rank``, ``move`` (a rank change), ``delta`` (a signed change in points, two decimals),
    ``interagency`` (a count flagged "liên thông"), ``text`` (long words that wrap, not
    sorted), ``code`` (a dossier's id), ``word`` (a short text that sorts, a field's name),
    ``moment`` (a due time or an end: sorted by its ISO value, shown as
    :func:`ui.format.fmt_moment` writes it, ``16:30 24/04/2026``, the day alone for a date given
    without a time); ``first_descending``: the first click sorts largest first; ``coloured``:
    the cell is coloured against the target of ``key``; ``pinned``: stays on the left while the
    table scrolls sideways (on a phone); ``tiered``: rows of the second tier (a row's ``tier``
    1, e.g. a ward with few ratings) sort after the
    first whichever the direction."""

    key: str
    label: str
    kind: str
    first_descending: bool = False
    coloured: bool = False
    pinned: bool = False
    tiered: bool = False
    term: str | None = None  # the key of its definition (ui.definitions.METRICS or a page's)
    digits: int = 2  # decimals of a rate (a threshold such as "90%" has none)

    def __post_init__(self) -> None:
        """Reject a kind no cell can be written as."""
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


def missing(value: Any) -> bool:
    """No value: ``None``, NaN or NaT (pandas' no data)."""
    return value is None or value is pd.NaT or (isinstance(value, float) and value != value)


def rank_move(change: Any) -> tuple[str, str]:
    """The movement cell (``▲2``, ``▼1``, ``=``, ``—``) and its words for screen readers."""
    if missing(change):
        return NO_DATA, _("không có hạng kỳ trước")
    change = int(change)
    if change > 0:
        return f"▲{change}", ngettext("lên {n} bậc", "lên {n} bậc", change)
    if change < 0:
        return f"▼{-change}", ngettext("xuống {n} bậc", "xuống {n} bậc", -change)
    return "=", _("giữ nguyên hạng")


@dataclass(frozen=True)
class Cell:
    """What one cell shows: its ``text``; the ``words`` a screen reader adds for its symbol (a
    rank change's); its ``status`` against the target (``green``, ``amber``, ``red``, or
    ``""``); a ``badge`` after the number (an inter-agency count's "liên thông")."""

    text: str
    words: str = ""
    status: str = ""
    badge: str = ""


def cell(column: GridColumn, value: Any, targets: Mapping[str, Target]) -> Cell:
    """The cell of ``column`` for ``value`` (raw), written the reader's way."""
    if column.kind == "move":
        text, words = rank_move(value)
        return Cell(text, words)
    if missing(value):
        return Cell("" if column.kind == "text" else NO_DATA)  # a missing name is no number
    if column.kind == "rate":
        text = fmt_pct(value, column.digits)
    elif column.kind == "mean":
        text = fmt_number(value, 2)
    elif column.kind == "delta":
        text = ("+" if value > 0 else "") + fmt_number(value, 2)
    elif column.kind in ("count", "rank", "interagency"):
        text = fmt_int(value)
    elif column.kind == "moment":
        return Cell(fmt_moment(pd.Timestamp(value).to_pydatetime()))
    else:
        return Cell(str(value))
    if column.kind == "interagency" and value:
        return Cell(text, badge=_("liên thông"))
    status = colour(column.key, float(value), dict(targets)) if column.coloured else None
    if status is None:
        return Cell(text)
    # The symbol is the text twin of the colour; the table's note says what each one means.
    return Cell(f"{text} {STATUSES[status].symbol}", status=status)


def grid_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[GridColumn],
    *,
    targets: Mapping[str, Target],
    href: Callable[[Mapping[str, Any]], str] | None = None,
    selected: Callable[[Mapping[str, Any]], bool] | None = None,
    plain: Callable[[Mapping[str, Any]], bool] | None = None,
    extra: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
    keep: Sequence[str] = ("name_order",),
) -> list[dict[str, Any]]:
    """The grid's rows: each column's raw value (what sorts) and, where they are not the value
    itself, its text (``<key>__text``), words (``<key>__words``) and status
    (``<key>__status``); the row's link (``href``), whether it is the chosen one
    (``selected``), the ``keep`` columns (``name_order``: the Vietnamese name order that breaks
    ties) and the ``extra`` fields of a row (its ``tier``, its name's ``badge`` and
    ``badge_title``); a row for which ``plain`` is true has no colour."""
    out = []
    for row in rows:
        drawn: dict[str, Any] = {k: row.get(k) for k in keep}
        for column in columns:
            value = row.get(column.key)
            drawn[column.key] = None if missing(value) else value
            if column.kind == "moment" and drawn[column.key] is not None:
                drawn[column.key] = pd.Timestamp(value).isoformat()  # sorts as it reads
            uncoloured = plain is not None and column.coloured and plain(row)
            shown = cell(replace(column, coloured=False) if uncoloured else column, value, targets)
            if shown.text != str(drawn[column.key]):
                drawn[f"{column.key}__text"] = shown.text
            for part in ("words", "status", "badge"):
                if getattr(shown, part):
                    drawn[f"{column.key}__{part}"] = getattr(shown, part)
        if href is not None:
            drawn["href"] = href(row)
        if selected is not None and selected(row):
            drawn["selected"] = True
        if extra is not None:
            drawn.update(extra(row))
        out.append(drawn)
    return out


def column_defs(
    columns: Sequence[GridColumn],
    *,
    sort: tuple[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """AG Grid's column definitions; ``sort``: the column the rows are first sorted by and the
    direction (``("rank", "asc")``), which its header says; ``labels``: a header other than
    the column's own (a province table's name column)."""
    defs = []
    for column in columns:
        order = ["desc", "asc"] if column.first_descending else ["asc", "desc"]
        spec: dict[str, Any] = {
            "field": column.key,
            "headerName": _((labels or {}).get(column.key, column.label)),
            "sortingOrder": order,
            "comparator": {"function": _comparator(column)},
            "cellClass": {"function": "motcuaClass(params)"},
            "cellRenderer": "MotcuaLink" if column.kind == "name" else "MotcuaCell",
        }
        if column.pinned:
            spec["pinned"] = "left"
        spec["minWidth"] = MIN_WIDTHS[column.kind]
        if column.kind in NUMERIC:
            spec["type"] = "rightAligned"  # the header over its numbers too
        if column.kind == "text":
            spec.update(sortable=False, wrapText=True, autoHeight=True, flex=2)
        if column.kind in ("code", "moment"):
            # A long id breaks after its hyphens, a due time after its day, rather than be cut
            # on a phone; on a wide screen the room goes to the words.
            spec.update(wrapText=True, autoHeight=True, maxWidth=MAX_WIDTHS[column.kind])
        if sort is not None and column.key == sort[0]:
            spec["sort"] = sort[1]
        defs.append(spec)
    return defs


def _comparator(column: GridColumn) -> str:
    """The sort of ``column`` (assets/dashAgGridFunctions.js)."""
    if column.kind == "name":
        return "motcuaByName"
    return "motcuaTiered" if column.tiered else "motcuaMissingLast"


def grid(
    grid_id: str,
    columns: Sequence[GridColumn],
    rows: list[dict[str, Any]],
    *,
    name: str,
    sort: tuple[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Component:
    """A sortable grid of :func:`grid_rows` rows; ``name`` is what a screen reader calls it.

    A grid of up to :data:`FULL_HEIGHT_ROWS` rows is as tall as its rows; a longer one scrolls
    in a box of 36rem (its rows drawn as they come into view)."""
    short = len(rows) <= FULL_HEIGHT_ROWS
    options = {"domLayout": "autoHeight"} if short else {}
    table = dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=column_defs(columns, sort=sort, labels=labels),
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
            "suppressMovable": True,
        },
        dashGridOptions={
            "rowClassRules": {"table-active": "params.data.selected === true"},
            "suppressCellFocus": False,
            "enableCellTextSelection": True,
            "ensureDomOrder": True,
            "animateRows": False,
            "rowHeight": 34,
            "localeText": _locale_text(),
            **options,
            # What a screen reader says for a coloured cell's symbol (MotcuaCell).
            "context": {
                "status_words": {k: _(v.label) for k, v in STATUSES.items()},
                "no_data": [NO_DATA, _(NO_DATA_LABEL)],  # "—" is read as "no data"
            },
        },
        columnSize="responsiveSizeToFit",
        className="mc-grid",
        style={} if short else {"height": "36rem"},
    )
    # A named region, so a screen reader announces which table the grid is.
    return html.Div(table, role="region", **{"aria-label": name})


def _locale_text() -> dict[str, str]:
    """The grid's own words a reader meets (sorting, empty table), in the reader's language."""
    return {
        "noRowsToShow": _("Không có dữ liệu"),
        "ariaSortableColumn": _("Nhấn Enter để sắp xếp"),
        "ariaColumn": _("Cột"),
    }


def definitions_note(
    columns: Sequence[GridColumn], terms: Mapping[str, tuple[str, str]] | None = None
) -> Component:
    """What each figure of a grid means, under it (a grid's header holds a plain label): the
    metrics of :data:`ui.definitions.METRICS` as links to /phuong-phap with their tooltip, a
    page's own ``terms`` (key → label, definition) in full."""
    links: list[Component | str] = [_("Định nghĩa: ")]
    own: list[str] = []
    for column in columns:
        if column.term in METRICS:
            text = METRICS[column.term]
            if len(links) > 1:
                links.append(" · ")
            links.append(
                html.A(_(text.label), href=definition_href(column.term), title=text.tooltip)
            )
        elif terms and column.term in terms:
            label, definition = terms[column.term]
            own.append(f"{_(label)}: {_(definition)}")
    return html.Div(
        [html.P(links, className="mb-1"), *[html.P(t, className="mb-1") for t in own]],
        className="small text-body-secondary mt-2",
    )
