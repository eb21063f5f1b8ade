"""What a person sees on the fields page (``/linh-vuc``), in headless Chromium against
``python app.py`` on the warehouse of ``tests/fields_fixture.py`` (real loader).

Figures for October 2026, counted by hand in ``tests/test_fields_page.py``: Đất đai holds 4 of
the 5 late or overdue dossiers (80%); its procedure 1.001193 has 3 dossiers, on time 33,33%, 2
late (both inter-agency); the wards of 1.001193 are Ba Đình (2, both late) and Ngọc Hà (1).
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
from tests.browser.test_overview_browser import severe_console_entries
from tests.browser.waiting import click, wait
from tests.fields_fixture import FIELDS_DOSSIERS

pytestmark = pytest.mark.browser

OCTOBER = "/linh-vuc?from=2026-10-01&to=2026-10-31"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("fields-browser")
    (directory / "ho_so.csv").write_text(FIELDS_DOSSIERS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv"], db=db)
    assert result.ok, result
    return start_app(db)


def open_page(driver: WebDriver, url: str) -> None:
    driver.get(url)
    wait(driver).until(ec.presence_of_element_located((By.ID, "fields-answer")))


def rows(driver: WebDriver, table: str) -> list[str]:
    """The rows of the table ``table`` as drawn (none while it is not on the page)."""
    if not driver.find_elements(By.ID, f"fields-{table}-grid"):
        return []
    return grid_rows(driver, f"fields-{table}-grid")


def query(driver: WebDriver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


def test_fields_and_the_answer_are_on_screen(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    open_page(driver, app_url + OCTOBER)
    assert driver.find_element(By.ID, "fields-answer").text == (
        "Lĩnh vực nhiều hồ sơ trễ nhất: Đất đai (4 hồ sơ quá hạn/trễ hạn, 80% của toàn bộ 5 hồ sơ)."
    )
    assert rows(driver, "field") == [
        "Đất đai 5 4 5 20,00% 25,00% 3 1 4 80,00% 2 liên thông 40,00%",
        "Hộ tịch 3 3 3 66,67% 66,67% 1 0 1 20,00% 1 liên thông 66,67%",
        "Chứng thực 2 1 2 100,00% 100,00% 0 0 0 0,00% 0 0,00%",
    ]
    assert driver.title == "Lĩnh vực – Một Cửa"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Lĩnh vực"
    wait(driver).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#fields-late-graph .main-svg"))
    )
    driver.save_screenshot(str(artifacts / "fields.png"))
    assert severe_console_entries(driver) == []


def test_clicking_a_field_then_a_procedure_drills_down(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER)
    click(driver, By.LINK_TEXT, "Đất đai")
    wait(driver).until(lambda d: rows(d, "procedure"))
    assert query(driver) == {
        "from": ["2026-10-01"],
        "to": ["2026-10-31"],
        "field": ["Đất đai"],
    }
    assert rows(driver, "procedure")[0] == (
        "1.001193 Đăng ký đất đai lần đầu 3 3 33,33% 2 0 2 2 liên thông 66,67% 33,33%"
    )
    assert Select(driver.find_element(By.ID, "fields-field")).first_selected_option.text == (
        "Đất đai"
    )
    click(driver, By.LINK_TEXT, "1.001193")
    wait(driver).until(lambda d: rows(d, "ward"))
    assert query(driver)["procedure"] == ["1.001193"]
    assert rows(driver, "ward") == [
        "Phường Ba Đình 2 2 0,00% 2 0 2 2 liên thông 50,00% 50,00%",
        "Phường Ngọc Hà 1 1 100,00% 0 0 0 0 100,00% 0,00%",
    ]
    items = driver.find_elements(By.CSS_SELECTOR, "#fields-breadcrumb li")
    assert [li.text for li in items] == ["Tất cả lĩnh vực", "Đất đai", "1.001193"]
    dividers = driver.execute_script(
        "return [...arguments[0]].slice(1).map(li => getComputedStyle(li, '::before').content)",
        items,
    )
    assert dividers == ['"›"', '"›"']
    assert (
        driver.find_element(By.LINK_TEXT, "Phường Ba Đình")
        .get_attribute("href")
        .startswith(app_url + "/phuong/00004?from=2026-10-01&to=2026-10-31&field=")
    )
    click(driver, By.LINK_TEXT, "Tất cả lĩnh vực")
    wait(driver).until(lambda d: rows(d, "field"))
    assert "field" not in query(driver)
    assert severe_console_entries(driver) == []


def test_sorting_a_table_by_a_header(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER)
    grid = "fields-field-grid"
    wait(driver).until(lambda d: rows(d, "field"))
    assert aria_sort(driver, grid, "late_total") == "descending"
    # The on-time rate, first click: worst first; second click: best first.
    sort_by(driver, grid, "on_time_rate")
    wait(driver).until(lambda d: aria_sort(d, grid, "on_time_rate") == "ascending")
    assert grid_order(driver, grid, "name") == ["Đất đai", "Hộ tịch", "Chứng thực"]
    assert [r.split(" ")[0] for r in rows(driver, "field")] == ["Đất", "Hộ", "Chứng"]
    sort_by(driver, grid, "on_time_rate")
    wait(driver).until(lambda d: aria_sort(d, grid, "on_time_rate") == "descending")
    assert grid_order(driver, grid, "name") == ["Chứng thực", "Hộ tịch", "Đất đai"]
    assert severe_console_entries(driver) == []


def test_choosing_a_ward_updates_the_url_and_the_numbers(driver: WebDriver, app_url: str) -> None:
    # Ngọc Hà in October: Đất đai F03 (early), F04 (overdue); Hộ tịch F07 (early), F08 (late).
    open_page(driver, app_url + OCTOBER)
    Select(driver.find_element(By.ID, "fields-ward")).select_by_visible_text("Phường Ngọc Hà")
    wait(driver).until(ec.url_contains("ward=00008"))
    wait(driver).until(
        ec.text_to_be_present_in_element((By.ID, "fields-answer"), "Đất đai, Hộ tịch")
    )
    assert driver.find_element(By.ID, "fields-answer").text == (
        "Lĩnh vực nhiều hồ sơ trễ nhất: Đất đai, Hộ tịch (1 hồ sơ quá hạn/trễ hạn mỗi nơi, 50% "
        "của toàn bộ 2 hồ sơ)."
    )
    assert severe_console_entries(driver) == []


@pytest.mark.parametrize(
    ("width", "height", "path"),
    [
        (390, 844, OCTOBER),
        (1920, 1080, OCTOBER),
        (390, 844, OCTOBER + "&field=%C4%90%E1%BA%A5t+%C4%91ai"),
        (1920, 1080, OCTOBER + "&field=%C4%90%E1%BA%A5t+%C4%91ai"),
    ],
    ids=["fields-390", "fields-1920", "field-390", "field-1920"],
)
def test_screenshots_and_no_horizontal_overflow(
    driver: WebDriver, app_url: str, artifacts: Path, width: int, height: int, path: str
) -> None:
    driver.set_window_size(width, height)
    open_page(driver, app_url + path)
    wait(driver).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#fields-late-graph .main-svg"))
    )
    inner = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner, f"page is {scroll} px wide in a {inner} px window"
    level = "field" if "field=" in path else "fields"
    driver.save_screenshot(str(artifacts / f"{level}-{width}x{height}.png"))
    assert severe_console_entries(driver) == []
