"""What a person sees on the overview page, in headless Chromium against ``python app.py``.

The warehouse is built by the real loader. Figures for October 2026, counted by hand:

- city: received 6 + 1.200 (Hoàn Kiếm's batch, all early) = 1.206, online 2 → 0,17%;
  completed 4 + 1.200 = 1.204; early 1.202, on time 1 (P03), late 1 (P02), in time 1 (P05),
  overdue 1 (P04) → on-time rate 1.204/1.206 = 99,83%, resolved on time 1.203/1.204 = 99,92%;
  in process 2; 3 of Hà Nội's 126 wards have data; newest data 10:00 02/11/2026 (P07).
- Ba Đình (00004): received 4 (2 online → 50,00%), completed 3, on-time 2/4 = 50,00%,
  resolved 2/3 = 66,67%.
- since 1/7/2025 (everything loaded: S01–S04 of September, P01–P07, the 1.200): received
  1.211, completed 4 + 4 + 1.200 + 1 (P07) = 1.209; early 3 + 3 (P01, P06, P07) + 1.200 =
  1.206, on time 1, late 2 (S04, P02), in time 1 (P05), overdue 1 (P04) → on-time
  (1.206 + 1 + 1)/1.211 = 99,75%; online S01, S04, P01, P04 → 4/1.211 = 0,33%.
- league, October: Hoàn Kiếm 100% (1.200/1.200) and Ngọc Hà 100% share rank 1, Ba Đình 3rd.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from etl.loader import load_files
from tests.browser.grids import aria_sort, grid_order, grid_rows, sort_by
from tests.browser.waiting import click, wait
from tests.overview_fixture import OVERVIEW_DOSSIERS

pytestmark = pytest.mark.browser

DOSSIERS = OVERVIEW_DOSSIERS + "".join(
    f"HK{i:04d},00070,Hộ tịch,Trực tiếp,02/10/2026 08:00,09/10/2026,06/10/2026 10:00,"
    "Đã trả kết quả,0\n"
    for i in range(1200)
)
OCTOBER = "/?from=2026-10-01&to=2026-10-31"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("browser-warehouse")
    (directory / "ho_so.csv").write_text(DOSSIERS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv"], db=db)
    assert result.ok, result
    return start_app(db)


def open_page(driver: WebDriver, url: str, ready_id: str = "overview-content") -> None:
    """Load ``url`` and wait until the page content has rendered."""
    driver.get(url)
    wait(driver).until(ec.presence_of_element_located((By.ID, ready_id)))


def tile_values(driver: WebDriver) -> dict[str, str]:
    """The headline value shown in each KPI tile."""
    return {
        tile_id: driver.find_element(By.CSS_SELECTOR, f"#{tile_id} .mc-tile-value").text
        for tile_id in (
            "overview-received",
            "overview-completed",
            "overview-on-time",
            "overview-online",
        )
    }


def severe_console_entries(driver: WebDriver) -> list[dict]:
    """Errors the page wrote to the browser console (read once: the log is drained)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_city_figures_are_on_screen_in_vietnamese_format(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="overview-received")
    assert tile_values(driver) == {
        "overview-received": "1.206",
        "overview-completed": "1.204",
        "overview-on-time": "99,83%",
        "overview-online": "0,17%",
    }
    on_time = driver.find_element(By.ID, "overview-on-time").text
    assert "Giải quyết đúng/trước hạn: 99,92%" in on_time
    assert "Đang giải quyết: 2" in driver.find_element(By.ID, "overview-completed").text
    assert driver.find_element(By.ID, "overview-coverage").text == (
        "Dữ liệu đến 10:00 02/11/2026 · 3/126 phường, xã có dữ liệu · Kỳ: 01/10/2026 – 31/10/2026"
    )
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    assert driver.title == "Tổng quan – Một Cửa"
    driver.save_screenshot(str(artifacts / "overview.png"))
    assert severe_console_entries(driver) == []


def test_page_requests_nothing_from_another_origin(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="overview-received")
    requested = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert requested, "the page loaded its scripts and styles"
    assert [url for url in requested if not url.startswith(app_url + "/")] == []
    stylesheets = driver.execute_script(
        "return [...document.styleSheets].map(s => s.href).filter(Boolean)"
    )
    assert any(
        href.startswith(app_url + "/assets/vendor/bootstrap.min.css") for href in stylesheets
    )


def test_ward_in_the_url_shows_that_ward(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER + "&ward=00004", ready_id="overview-received")
    assert tile_values(driver) == {
        "overview-received": "4",
        "overview-completed": "3",
        "overview-on-time": "50,00%",
        "overview-online": "50,00%",
    }
    assert (
        "Giải quyết đúng/trước hạn: 66,67%" in driver.find_element(By.ID, "overview-on-time").text
    )
    assert "1/1 phường, xã có dữ liệu" in driver.find_element(By.ID, "overview-coverage").text
    assert Select(driver.find_element(By.ID, "overview-ward")).first_selected_option.text == (
        "Phường Ba Đình"
    )
    assert severe_console_entries(driver) == []


def test_choosing_a_ward_updates_the_tiles_and_the_url(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="overview-received")
    Select(driver.find_element(By.ID, "overview-ward")).select_by_visible_text("Phường Ba Đình")
    wait(driver).until(ec.url_contains("ward=00004"))
    wait(driver).until(
        ec.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "#overview-received .mc-tile-value"), "4"
        )
    )
    assert driver.current_url == app_url + OCTOBER + "&ward=00004"
    assert tile_values(driver)["overview-on-time"] == "50,00%"
    assert severe_console_entries(driver) == []


def test_invalid_date_in_the_url_shows_an_alert(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + "/?from=2026-02-31&to=2026-03-31")
    content = driver.find_element(By.ID, "overview-content").text
    assert "Tham số trên địa chỉ trang không hợp lệ" in content
    assert "from='2026-02-31'" in content
    assert severe_console_entries(driver) == []


def test_missing_warehouse_shows_a_friendly_message(
    driver: WebDriver, start_app: Callable[[Path], str], tmp_path: Path, artifacts: Path
) -> None:
    url = start_app(tmp_path / "not-loaded-yet.duckdb")
    open_page(driver, url + "/")
    content = driver.find_element(By.ID, "overview-content").text
    assert "Chưa có dữ liệu." in content
    assert "python -m etl demo" in content
    driver.save_screenshot(str(artifacts / "overview-no-warehouse.png"))
    assert severe_console_entries(driver) == []


SINCE_REFORM = {
    "overview-received": "1.211",
    "overview-completed": "1.209",
    "overview-on-time": "99,75%",
    "overview-online": "0,33%",
}


def test_changing_the_period_updates_the_url_and_a_new_session_reproduces_it(
    driver: WebDriver, driver_factory: Callable[[], Chrome], app_url: str
) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="overview-received")
    Select(driver.find_element(By.ID, "overview-period")).select_by_visible_text("Kể từ 1/7/2025")
    wait(driver).until(ec.url_contains("period=since_2025_07"))
    wait(driver).until(
        ec.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "#overview-received .mc-tile-value"), "1.211"
        )
    )
    assert driver.current_url == app_url + "/?period=since_2025_07"
    assert tile_values(driver) == SINCE_REFORM
    # The date fields follow the preset, day first.
    assert driver.find_element(By.ID, "overview-from").get_attribute("value") == "01/07/2025"
    assert severe_console_entries(driver) == []
    fresh = driver_factory()
    open_page(fresh, driver.current_url, ready_id="overview-received")
    assert tile_values(fresh) == SINCE_REFORM
    assert Select(fresh.find_element(By.ID, "overview-period")).first_selected_option.text == (
        "Kể từ 1/7/2025"
    )
    assert severe_console_entries(fresh) == []


def test_tiles_show_changes_and_target_status(driver: WebDriver, app_url: str) -> None:
    # October vs September (S01–S04: received 4, on-time 3/4 = 75%): received 1.206 vs 4 →
    # +30.050,0%; on-time 99,83 − 75 = +24,83 points; Oct 2025 has nothing: "—". Each change
    # names the dates it is against (metrics §6).
    open_page(driver, app_url + OCTOBER, ready_id="overview-received")
    assert change_lines(driver, "overview-on-time") == [
        "▲ +24,83 điểm % so với 1/9–30/9/2026",
        "— so với 1/10–31/10/2025",
    ]
    assert change_lines(driver, "overview-received")[0] == "▲ +30.050,0% so với 1/9–30/9/2026"
    assert "Đạt mục tiêu" in driver.find_element(By.ID, "overview-on-time").text
    assert "Chưa đạt mục tiêu" in driver.find_element(By.ID, "overview-online").text
    assert severe_console_entries(driver) == []


def click_when_drawn(driver: WebDriver, by: str, value: str) -> None:
    """Click once the three charts have drawn: they draw after the page and push the table down."""
    wait(driver).until(
        lambda d: d.execute_script("return document.querySelectorAll('.main-svg').length") >= 3
    )
    click(driver, by, value)


def change_lines(driver: WebDriver, tile_id: str) -> list[str]:
    """A tile's comparison lines as a sighted reader sees them (screen-reader text left out)."""
    return driver.execute_script(
        """
        return [...document.querySelectorAll(arguments[0] + ' .mc-change')].map(li => {
            const copy = li.cloneNode(true);
            copy.querySelectorAll('.visually-hidden').forEach(n => n.remove());
            return copy.textContent.replace(/\\s+/g, ' ').trim();
        });
        """,
        f"#{tile_id}",
    )


LEAGUE = "overview-league-grid"


def league_rows(driver: WebDriver, first: int = 3) -> list[str]:
    return grid_rows(driver, LEAGUE, first)


def league_order(driver: WebDriver) -> list[list[Any]]:
    """Every row of the league in the order the grid shows it: name, on-time rate, received."""
    return grid_order(driver, LEAGUE, "ward_name", "on_time_rate", "received")


def test_clicking_a_ward_in_the_league_opens_its_page(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="overview-league")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#overview-league-grid a"))
    assert len(league_order(driver)) == 126
    assert league_rows(driver) == [
        # … overdue, due soon (none: October is closed and judged at its end), rank change
        "Phường Hoàn Kiếm 1 1.200 1.200 100,00% ✓ 100,00% ✓ 0,00% ✗ 0 ✓ 0 —",
        "Phường Ngọc Hà 1 2 1 100,00% ✓ 100,00% ✓ 0,00% ✗ 0 ✓ 0 ▲1",
        "Phường Ba Đình 3 4 3 50,00% ✗ 66,67% ✗ 50,00% ✓ 1 ✗ 0 ▼2",
    ]
    click_when_drawn(driver, By.LINK_TEXT, "Phường Ba Đình")
    wait(driver).until(ec.url_contains("/phuong/00004"))
    parts = urlsplit(driver.current_url)
    assert (parts.path, parts.query) == ("/phuong/00004", "from=2026-10-01&to=2026-10-31")
    # Followed as a link of the app (no reload): the ward page is drawn in the same document.
    wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Phường Ba Đình")
    assert severe_console_entries(driver) == []


def test_sorting_the_league_by_a_header(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + OCTOBER, ready_id="overview-league")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#overview-league-grid a"))
    assert aria_sort(driver, LEAGUE, "rank") == "ascending"
    # The on-time rate, first click: lowest first (who is slipping), the 123 wards without a
    # rate last; second click: highest first, those without a rate still last.
    sort_by(driver, LEAGUE, "on_time_rate")
    wait(driver).until(lambda d: league_order(d)[0][0] == "Phường Ba Đình")
    order = league_order(driver)
    assert [name for name, _rate, _received in order[:3]] == [
        "Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Ngọc Hà",
    ]  # fmt: skip
    assert {rate for _name, rate, _received in order[3:]} == {None}
    assert aria_sort(driver, LEAGUE, "on_time_rate") == "ascending"
    assert aria_sort(driver, LEAGUE, "rank") != "ascending"
    sort_by(driver, LEAGUE, "on_time_rate")
    wait(driver).until(lambda d: aria_sort(d, LEAGUE, "on_time_rate") == "descending")
    order = league_order(driver)
    # Hoàn Kiếm and Ngọc Hà tie at 100%: in Vietnamese name order, whichever the direction.
    assert [name for name, _rate, _received in order[:3]] == [
        "Phường Hoàn Kiếm", "Phường Ngọc Hà", "Phường Ba Đình",
    ]  # fmt: skip
    assert {rate for _name, rate, _received in order[3:]} == {None}
    # A count, first click: largest first.
    sort_by(driver, LEAGUE, "received")
    wait(driver).until(lambda d: aria_sort(d, LEAGUE, "received") == "descending")
    assert [row[2] for row in league_order(driver)[:3]] == [1200, 4, 2]
    assert league_rows(driver, 1) == ["Phường Hoàn Kiếm 1 1.200 1.200 100,00% ✓ 100,00% ✓ "
                                      "0,00% ✗ 0 ✓ 0 —"]  # fmt: skip
    assert severe_console_entries(driver) == []


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1920, 1080)])
def test_screenshots_and_no_horizontal_overflow(
    driver: WebDriver, app_url: str, artifacts: Path, width: int, height: int
) -> None:
    driver.set_window_size(width, height)
    open_page(driver, app_url + OCTOBER, ready_id="overview-map")
    wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#overview-map .main-svg")))
    inner = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner, f"page is {scroll} px wide in a {inner} px window"
    driver.save_screenshot(str(artifacts / f"overview-{width}x{height}.png"))
    assert severe_console_entries(driver) == []


def test_on_a_phone_the_league_note_and_the_map_legend_are_whole(
    driver: WebDriver, app_url: str
) -> None:
    """Both used to run past the right edge of a 390 px phone: the note in the caption of the
    sideways-scrolling table, the legend's last entries past the map's width."""
    driver.set_window_size(390, 844)
    open_page(driver, app_url + OCTOBER, ready_id="overview-league")
    wait(driver).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#overview-map .legend .traces"))
    )
    inner = driver.execute_script("return window.innerWidth")

    def span(selector: str) -> list[list[float]]:
        return driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].map(e => {"
            " const r = e.getBoundingClientRect(); return [r.left, r.right]; })",
            selector,
        )

    [note] = span("#overview-league-note")
    assert 0 <= note[0] < note[1] <= inner
    assert driver.find_element(By.ID, "overview-league-note").text.endswith(
        "phường, xã chưa có dữ liệu luôn ở cuối. Thay đổi hạng so với 1/9–30/9/2026."
    )
    [graph] = span("#overview-map .svg-container")
    entries = span("#overview-map .legend .traces")
    assert len(entries) == 3  # on target (Hoàn Kiếm, Ngọc Hà), below it (Ba Đình), no data
    assert all(graph[0] <= left < right <= min(graph[1], inner) for left, right in entries)
    assert severe_console_entries(driver) == []


def test_dates_are_shown_and_typed_day_first_in_an_english_us_browser(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    """The browser's own date input would show 10/01/2026 here; the URL stays YYYY-MM-DD."""
    open_page(driver, app_url + OCTOBER, ready_id="overview-received")
    assert driver.execute_script("return navigator.language") == "en-US"
    field = driver.find_element(By.ID, "overview-from")
    assert (field.get_attribute("value"), field.get_attribute("placeholder")) == (
        "01/10/2026",
        "dd/mm/yyyy",
    )
    assert driver.find_element(By.ID, "overview-to").get_attribute("value") == "31/10/2026"
    driver.save_screenshot(str(artifacts / "overview-dates-en-US.png"))
    field.clear()
    field.send_keys("5/10/2026" + Keys.ENTER)
    wait(driver).until(ec.url_contains("from=2026-10-05"))
    assert urlsplit(driver.current_url).query == "from=2026-10-05&to=2026-10-31"
    wait(driver).until(
        lambda d: d.find_element(By.ID, "overview-from").get_attribute("value") == "05/10/2026"
    )
    assert Select(driver.find_element(By.ID, "overview-period")).first_selected_option.text == (
        "Khoảng ngày tùy chọn"
    )
    # Month first is not a date here: the alert names the field, the URL stays.
    field = driver.find_element(By.ID, "overview-to")
    field.clear()
    field.send_keys("10/31/2026" + Keys.ENTER)
    wait(driver).until(
        ec.text_to_be_present_in_element(
            (By.ID, "overview-content"), "Đến ngày: '10/31/2026' không phải là một ngày"
        )
    )
    assert urlsplit(driver.current_url).query == "from=2026-10-05&to=2026-10-31"
    assert severe_console_entries(driver) == []
