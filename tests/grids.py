"""Reading a page's Dash AG Grid (ui/grid.py) the way the browser draws it, for the tests."""

from __future__ import annotations

from typing import Any


def cell_text(row: dict[str, Any], key: str) -> str:
    """A cell as the browser's MotcuaCell shows it: the text the server wrote, else the value."""
    if f"{key}__text" in row:
        return row[f"{key}__text"]
    return str(row[key])


def grid_texts(grid: Any) -> list[list[str]]:
    """Every row of ``grid`` (a ``dag.AgGrid``) in the order drawn, as its cells' text."""
    keys = [spec["field"] for spec in grid.columnDefs]
    return [[cell_text(row, key) for key in keys] for row in grid.rowData]
