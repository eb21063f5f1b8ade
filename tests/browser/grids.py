"""Reading and sorting a page's Dash AG Grid (ui/grid.py) in the browser, as a reader does."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.waiting import click

_ROWS = """
const grid = document.getElementById(arguments[0]);
const rows = [...grid.querySelectorAll('.ag-center-cols-container .ag-row')];
const count = arguments[1] === null ? rows.length : Math.min(arguments[1], rows.length);
const out = [];
for (let i = 0; i < count; i++) {
    const cells = [...grid.querySelectorAll(`.ag-row[row-index="${i}"] .ag-cell`)];
    out.push(cells.map(cell => {
        const copy = cell.cloneNode(true);
        copy.querySelectorAll('.visually-hidden').forEach(n => n.remove());
        return copy.textContent.replace(/\\s+/g, ' ').trim();
    }).join(' '));
}
return out;
"""


def grid_rows(driver: WebDriver, grid_id: str, first: int | None = None) -> list[str]:
    """The first rows the grid draws (all drawn ones by default) as a sighted reader reads
    them: cells in column order, the pinned ones first, screen-reader-only words left out."""
    return driver.execute_script(_ROWS, grid_id, first)


def grid_order(driver: WebDriver, grid_id: str, *fields: str) -> list[Any]:
    """Every row's ``fields`` (one field: its value) in the order the grid shows them."""
    rows = driver.execute_script(
        "const out = []; dash_ag_grid.getApi(arguments[0]).forEachNodeAfterFilterAndSort("
        "n => out.push(arguments[1].map(f => n.data[f]))); return out;",
        grid_id,
        list(fields),
    )
    return [row[0] if len(fields) == 1 else row for row in rows]


def sort_by(driver: WebDriver, grid_id: str, column: str) -> None:
    """Click ``column``'s header."""
    click(
        driver,
        By.CSS_SELECTOR,
        f"#{grid_id} .ag-header-cell[col-id='{column}'] .ag-header-cell-label",
    )


def aria_sort(driver: WebDriver, grid_id: str, column: str) -> str | None:
    """What ``column``'s header tells a screen reader of its order."""
    return driver.find_element(
        By.CSS_SELECTOR, f"#{grid_id} .ag-header-cell[col-id='{column}']"
    ).get_attribute("aria-sort")
