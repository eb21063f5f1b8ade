"""What a person sees on the ward page, in headless Chromium against ``python app.py``.

The warehouse holds the files of tests/ward_fixture.py (figures counted there and in
tests/test_ward_page.py). October 2026, Ba Đình (00004): received 8, on-time rate 44,44%
(city 54,55%), online 25,00% (city 20,00%); five late or overdue dossiers, W09 first (36 days);
766 estimate 62,76/100; history under Phường Trúc Bạch and Phường Quán Thánh. Only the land
field (Đất đai): received 3, on-time rate 0,00%.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from etl.loader import load_files
from tests.browser.grids import aria_sort, grid_order, grid_rows, sort_by
from tests.browser.test_overview_browser import click_when_drawn, severe_console_entries
from tests.browser.waiting import wait
from tests.ward_fixture import WARD_DOSSIERS, WARD_RATINGS

pytestmark = pytest.mark.browser

OCTOBER = "from=2026-10-01&to=2026-10-31"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("ward-browser")
    (directory / "ho_so.csv").write_text(WARD_DOSSIERS, encoding="utf-8")
    (directory / "danh_gia.csv").write_text(WARD_RATINGS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db)
    assert result.ok, result
    return start_app(db)


def wait_for(driver: WebDriver, element_id: str) -> None:
    wait(driver).until(ec.presence_of_element_located((By.ID, element_id)))


def tile(driver: WebDriver, tile_id: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f"#{tile_id} .mc-tile-value").text


def test_league_click_opens_the_ward_page_with_its_numbers(driver: WebDriver, app_url: str) -> None:
    driver.get(f"{app_url}/?{OCTOBER}")
    wait_for(driver, "overview-league")
    click_when_drawn(driver, By.LINK_TEXT, "Phường Ba Đình")
    wait(driver).until(ec.url_contains("/phuong/00004"))
    wait_for(driver, "ward-received")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Phường Ba Đình"
    assert tile(driver, "ward-received") == "8"
    assert tile(driver, "ward-on-time") == "44,44%"
    assert driver.find_element(By.ID, "ward-on-time-beside").text == "Toàn thành phố: 54,55%"
    assert driver.find_element(By.ID, "ward-online-beside").text == "Toàn thành phố: 20,00%"
    wait(driver).until(lambda d: grid_rows(d, "ward-late", 1))
    first = grid_rows(driver, "ward-late", 1)[0]
    assert first == "W09 25/09/2026 36 Đang giải quyết quá hạn Cấp giấy chứng nhận Đất đai —"
    assert driver.find_element(By.ID, "ward-index-score").text == "62,76/100"
    history = driver.find_element(By.ID, "ward-history").text
    assert "Phường Trúc Bạch" in history and "Phường Quán Thánh" in history
    assert severe_console_entries(driver) == []


def test_choosing_a_field_updates_the_url_and_the_numbers(driver: WebDriver, app_url: str) -> None:
    driver.get(f"{app_url}/phuong/00004?{OCTOBER}")
    wait_for(driver, "ward-received")
    Select(driver.find_element(By.ID, "ward-field")).select_by_visible_text("Đất đai")
    wait(driver).until(ec.url_contains("field="))
    wait(driver).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, "#ward-received .mc-tile-value"), "3")
    )
    parts = urlsplit(driver.current_url)
    assert parts.path == "/phuong/00004"
    assert parse_qs(parts.query) == {
        "from": ["2026-10-01"],
        "to": ["2026-10-31"],
        "field": ["Đất đai"],
    }
    assert tile(driver, "ward-on-time") == "0,00%"
    assert severe_console_entries(driver) == []


def test_ward_menu_opens_another_ward(driver: WebDriver, app_url: str) -> None:
    driver.get(f"{app_url}/phuong/00004?{OCTOBER}")
    wait_for(driver, "ward-received")
    Select(driver.find_element(By.ID, "ward-ward")).select_by_value("00008")
    wait(driver).until(ec.url_contains("/phuong/00008"))
    wait(driver).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Phường Ngọc Hà"))
    assert urlsplit(driver.current_url).query == OCTOBER
    assert severe_console_entries(driver) == []


def test_unknown_ward_shows_the_not_found_page(driver: WebDriver, app_url: str) -> None:
    # Its HTTP status (404) and console: tests/browser/test_navigation_browser.py.
    driver.get(f"{app_url}/phuong/99999?{OCTOBER}")
    wait_for(driver, "ward-not-found")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Không tìm thấy phường, xã"
    assert driver.find_elements(By.ID, "ward-filters") == []


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1920, 1080)])
def test_screenshots_and_no_horizontal_overflow(
    driver: WebDriver, app_url: str, artifacts: Path, width: int, height: int
) -> None:
    driver.set_window_size(width, height)
    driver.get(f"{app_url}/phuong/00004?{OCTOBER}")
    wait(driver).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#ward-trend-graph .main-svg"))
    )
    inner = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner, f"page is {scroll} px wide in a {inner} px window"
    driver.save_screenshot(str(artifacts / f"ward-{width}x{height}.png"))
    assert severe_console_entries(driver) == []


# What each screen must show of a late dossier without scrolling sideways (ui/ward.py
# LATE_COLUMNS), and what the first row (the most days over) says there.
ALWAYS = {"dossier_id": "W09", "due": "25/09/2026", "days_over": "36"}


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_overdue_list_shows_id_due_date_and_days_over_on_a_laptop_and_a_phone(
    driver: WebDriver, app_url: str, artifacts: Path, width: int, height: int
) -> None:
    driver.set_window_size(width, height)
    driver.get(f"{app_url}/phuong/00004?{OCTOBER}")
    wait_for(driver, "ward-late")
    wait(driver).until(lambda d: grid_rows(d, "ward-late", 1))
    box = driver.find_element(By.ID, "ward-late")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", box)
    inner = driver.execute_script("return window.innerWidth")
    left, right = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right]", box
    )
    shown = {}
    for column in ALWAYS:
        cell = driver.find_element(
            By.CSS_SELECTOR, f"#ward-late .ag-row[row-index='0'] .ag-cell[col-id='{column}']"
        )
        assert cell.is_displayed(), column
        cell_left, cell_right = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right]", cell
        )
        # Inside the window and inside the grid (not scrolled out of it sideways).
        assert 0 <= max(left, 0) <= cell_left < cell_right <= min(right, inner), (
            column, cell_left, cell_right, left, right, inner,
        )  # fmt: skip
        shown[column] = cell.text
    assert shown == ALWAYS
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner, f"page is {scroll} px wide in a {inner} px window"
    driver.save_screenshot(str(artifacts / f"ward-late-{width}x{height}.png"))
    assert severe_console_entries(driver) == []


def test_the_overdue_list_sorts_by_a_header(driver: WebDriver, app_url: str) -> None:
    """Most days over first; a click on a header sorts in the browser, ties in the server's
    order, and the header tells a screen reader which way."""
    driver.get(f"{app_url}/phuong/00004?{OCTOBER}")
    wait_for(driver, "ward-late")
    wait(driver).until(lambda d: grid_rows(d, "ward-late", 1))
    days = grid_order(driver, "ward-late", "days_over")
    assert days == sorted(days, reverse=True) and len(days) == 5
    assert aria_sort(driver, "ward-late", "days_over") == "descending"
    sort_by(driver, "ward-late", "days_over")
    wait(driver).until(lambda d: aria_sort(d, "ward-late", "days_over") == "ascending")
    assert grid_order(driver, "ward-late", "days_over") == sorted(days)
    sort_by(driver, "ward-late", "due")
    wait(driver).until(lambda d: aria_sort(d, "ward-late", "due") == "ascending")
    due = grid_order(driver, "ward-late", "due")
    assert due == sorted(due)
    assert severe_console_entries(driver) == []
