"""What a person sees on the satisfaction page (``/hai-long``), in headless Chromium.

The warehouse is the one of tests/test_satisfaction_page.py (tests/satisfaction_fixture.py),
built by the real loader; its docstring counts October 2026 by hand: 14 ratings, satisfied
78,57%, mean 4,00, response rate 90,00%, 766 satisfaction 66,67% (4,44 of 6 points).

Since 1/7/2025 (everything loaded, as of 10:00 03/11/2026): ratings R01–R12, R21, R22 and R30
(4) → 15; satisfied 11 + 1 = 12 → 80,00%; mean (56 + 4)/15 = 4,00; completed D01–D09, E01,
N01 = 11, rated dossiers 9 → 81,82%.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from etl.loader import load_files
from tests.browser.grids import aria_sort, grid_order, grid_rows, sort_by
from tests.browser.waiting import wait
from tests.satisfaction_fixture import COMMENTS, FILES

pytestmark = pytest.mark.browser

OCTOBER = "/hai-long?from=2026-10-01&to=2026-10-31"
TILES = ("satisfaction-ratings", "satisfaction-satisfied", "satisfaction-mean",
         "satisfaction-response")  # fmt: skip


@pytest.fixture(scope="module")
def app_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("satisfaction-warehouse")
    paths = []
    for name, content in FILES.items():
        (directory / name).write_text(content, encoding="utf-8")
        paths.append(directory / name)
    db = directory / "motcua.duckdb"
    result = load_files(paths, db=db)
    assert result.ok, result
    return start_app(db)


def open_page(driver: WebDriver, url: str, ready_id: str = "satisfaction-ratings") -> None:
    driver.get(url)
    wait(driver).until(ec.presence_of_element_located((By.ID, ready_id)))


def tile_values(driver: WebDriver) -> dict[str, str]:
    return {
        tile_id: driver.find_element(By.CSS_SELECTOR, f"#{tile_id} .mc-tile-value").text
        for tile_id in TILES
    }


def severe_console_entries(driver: WebDriver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_figures_are_on_screen_in_vietnamese_format(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER)
    assert tile_values(driver) == {
        "satisfaction-ratings": "14",
        "satisfaction-satisfied": "78,57%",
        "satisfaction-mean": "4,00",
        "satisfaction-response": "90,00%",
    }
    assert driver.find_element(By.ID, "satisfaction-index-value").text == "66,67%"
    assert driver.find_element(By.ID, "satisfaction-index-points").text == (
        "4,44/6 điểm (đủ điểm khi đạt 90%)"
    )
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#satisfaction-wards-grid a"))
    assert grid_rows(driver, WARDS, 1)[0].startswith("Phường Ba Đình 1 12 75,00% ✗ 3,92")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Hài lòng"
    assert driver.title == "Hài lòng – Một Cửa"
    assert severe_console_entries(driver) == []


def test_no_comment_text_on_screen(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER)
    shown = driver.find_element(By.TAG_NAME, "body").get_attribute("textContent")
    assert "chỉ cho lãnh đạo của phường, xã đó và của tỉnh, thành phố" in shown
    pieces = (*COMMENTS, "Trần Thị Bích", "thái độ kém", "nhanh gọn", "số điện thoại]")
    assert [p for p in pieces if p in shown] == []
    assert [p for p in pieces if p in driver.page_source] == []


SINCE_REFORM = {
    "satisfaction-ratings": "15",
    "satisfaction-satisfied": "80,00%",
    "satisfaction-mean": "4,00",
    "satisfaction-response": "81,82%",
}


def test_changing_the_period_updates_the_url_and_the_numbers(
    driver: WebDriver, app_url: str
) -> None:
    open_page(driver, app_url + OCTOBER)
    Select(driver.find_element(By.ID, "satisfaction-period")).select_by_visible_text(
        "Kể từ 1/7/2025"
    )
    wait(driver).until(ec.url_contains("period=since_2025_07"))
    wait(driver).until(
        ec.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "#satisfaction-ratings .mc-tile-value"), "15"
        )
    )
    assert driver.current_url == app_url + "/hai-long?period=since_2025_07"
    assert tile_values(driver) == SINCE_REFORM
    assert severe_console_entries(driver) == []


WARDS = "satisfaction-wards-grid"


def ward_order(driver: WebDriver) -> list[str]:
    return grid_order(driver, WARDS, "ward_name")


def test_sorting_the_ward_table_keeps_few_ratings_flagged(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="satisfaction-wards")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#satisfaction-wards-grid a"))
    assert grid_rows(driver, WARDS, 2) == [
        "Phường Ba Đình 1 12 75,00% ✗ 3,92 88,89% 60,00% 3 66,67%",
        "Phường Ngọc Hà ít đánh giá — 2 100,00% 4,50 100,00% 100,00% 0 —",
    ]
    # Ratings, a count: most first, every ward alike.
    sort_by(driver, WARDS, "ratings")
    wait(driver).until(lambda d: aria_sort(d, WARDS, "ratings") == "descending")
    assert ward_order(driver)[:2] == ["Phường Ba Đình", "Phường Ngọc Hà"]
    # The satisfied rate rests on ratings: Ngọc Hà's 100% of 2 ratings comes after Ba Đình's
    # 75% whichever the direction (lowest first, then highest first).
    sort_by(driver, WARDS, "satisfied_rate")
    wait(driver).until(lambda d: aria_sort(d, WARDS, "satisfied_rate") == "ascending")
    assert ward_order(driver)[:2] == ["Phường Ba Đình", "Phường Ngọc Hà"]
    sort_by(driver, WARDS, "satisfied_rate")
    wait(driver).until(lambda d: aria_sort(d, WARDS, "satisfied_rate") == "descending")
    assert ward_order(driver)[:2] == ["Phường Ba Đình", "Phường Ngọc Hà"]
    # The response rate does not rest on ratings alone: highest first is Ngọc Hà's 100%.
    sort_by(driver, WARDS, "response_rate")
    sort_by(driver, WARDS, "response_rate")
    wait(driver).until(lambda d: aria_sort(d, WARDS, "response_rate") == "descending")
    assert ward_order(driver)[:2] == ["Phường Ngọc Hà", "Phường Ba Đình"]
    assert severe_console_entries(driver) == []


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1920, 1080)])
def test_screenshots_and_no_horizontal_overflow(
    driver: WebDriver, app_url: str, artifacts: Path, width: int, height: int
) -> None:
    driver.set_window_size(width, height)
    open_page(driver, app_url + OCTOBER, ready_id="satisfaction-trend-graph")
    wait(driver).until(
        lambda d: d.execute_script("return document.querySelectorAll('.main-svg').length") >= 3
    )
    inner = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner, f"page is {scroll} px wide in a {inner} px window"
    driver.save_screenshot(str(artifacts / f"satisfaction-{width}x{height}.png"))
    assert severe_console_entries(driver) == []


def test_the_trend_lines_are_drawn_over_the_bars(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="satisfaction-trend-graph")
    graph = "#satisfaction-trend-graph"
    wait(driver).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, f"{graph} .scatterlayer .trace"))
    )
    # SVG paints in document order: every line (the rate, the 90% target) after every bar.
    order = driver.execute_script(
        """
        const graph = document.querySelector(arguments[0]);
        const bars = [...graph.querySelectorAll('.barlayer .trace')];
        const lines = [...graph.querySelectorAll('.scatterlayer .trace')];
        return [bars.length, lines.length, lines.every(line => bars.every(bar =>
            bar.compareDocumentPosition(line) & Node.DOCUMENT_POSITION_FOLLOWING))];
        """,
        graph,
    )
    assert order == [1, 2, True]
    assert severe_console_entries(driver) == []
