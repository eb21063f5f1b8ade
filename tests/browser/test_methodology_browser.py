"""What a person sees on the methodology page, in headless Chromium against ``python app.py``.

The page needs no data: the app runs against an empty warehouse built by the real loader (a
procedure catalogue alone creates the schema and the wards, and no dossier).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from etl.loader import load_files
from tests.browser.test_overview_browser import open_page, severe_console_entries
from tests.browser.waiting import click, wait

pytestmark = pytest.mark.browser

PAGE = "/phuong-phap"
ON_TIME = "methodology-on-time-rate"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("methodology-warehouse")
    catalogue = directory / "thu_tuc.csv"
    catalogue.write_text("Mã TTHC,Tên TTHC,Thời hạn giải quyết\n1.001193,Chứng thực,3\n", "utf-8")
    db = directory / "motcua.duckdb"
    assert load_files([catalogue], db=db).ok
    return start_app(db)


def viewport(driver: WebDriver, width: int, height: int, *, mobile: bool = False) -> None:
    """Set the page's viewport (not the window's outer size) as a phone or a screen has it."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def in_viewport(driver: WebDriver, element_id: str) -> bool:
    """True when the top of the element is inside the window."""
    return driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight;",
        element_id,
    )


def test_on_time_definition_is_visible(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + PAGE, ready_id=ON_TIME)
    entry = driver.find_element(By.ID, ON_TIME)
    assert entry.is_displayed()
    assert entry.find_element(By.TAG_NAME, "h3").text == "Tỷ lệ đúng hạn on_time_rate"
    assert "(Trước hạn + Đúng hạn + Đang giải quyết trong hạn)" in entry.text
    assert driver.title == "Phương pháp – Một Cửa"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    assert "12.432 / 12.439 = 99,94%" in driver.find_element(By.ID, "methodology-example").text
    assert severe_console_entries(driver) == []


def test_navbar_link_from_the_overview_opens_the_page(driver: WebDriver, app_url: str) -> None:
    open_page(driver, app_url + "/")
    driver.find_element(By.LINK_TEXT, "Phương pháp").click()
    wait(driver).until(ec.visibility_of_element_located((By.ID, ON_TIME)))
    assert driver.current_url == app_url + PAGE
    active = driver.find_elements(By.CSS_SELECTOR, ".navbar .nav-link.active")
    assert [a.text for a in active] == ["Phương pháp"]
    driver.find_element(By.LINK_TEXT, "Tổng quan").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "overview-content")))
    assert severe_console_entries(driver) == []


def test_link_to_a_definition_scrolls_to_it(driver: WebDriver, app_url: str) -> None:
    viewport(driver, 1366, 900)
    open_page(driver, app_url + PAGE + "#methodology-satisfaction-766", ready_id=ON_TIME)
    wait(driver).until(lambda d: in_viewport(d, "methodology-satisfaction-766"))
    assert not in_viewport(driver, "methodology-toc")
    # A table-of-contents link, clicked on the page, scrolls too.
    driver.execute_script("window.scrollTo(0, 0)")  # Bootstrap scrolls smoothly: wait for it
    wait(driver).until(lambda d: in_viewport(d, "methodology-toc"))
    click(driver, By.CSS_SELECTOR, "#methodology-toc a[href='#methodology-reuse-rate']")
    wait(driver).until(lambda d: in_viewport(d, "methodology-reuse-rate"))
    assert driver.find_element(By.ID, ON_TIME).is_displayed()
    assert severe_console_entries(driver) == []


def test_phone_width_has_no_horizontal_overflow(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    viewport(driver, 390, 844, mobile=True)
    open_page(driver, app_url + PAGE, ready_id=ON_TIME)
    assert driver.execute_script("return [window.innerWidth, window.innerHeight]") == [390, 844]
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert driver.find_element(By.ID, ON_TIME).is_displayed()
    assert driver.find_element(By.LINK_TEXT, "Phương pháp").is_displayed()
    driver.save_screenshot(str(artifacts / "methodology-390x844.png"))
    assert severe_console_entries(driver) == []


def test_wall_size_screenshot(driver: WebDriver, app_url: str, artifacts: Path) -> None:
    viewport(driver, 1920, 1080)
    open_page(driver, app_url + PAGE, ready_id=ON_TIME)
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    driver.save_screenshot(str(artifacts / "methodology-1920x1080.png"))
    assert severe_console_entries(driver) == []


def test_print_leaves_out_the_navigation(driver: WebDriver, app_url: str, artifacts: Path) -> None:
    open_page(driver, app_url + PAGE, ready_id=ON_TIME)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not driver.find_element(By.CSS_SELECTOR, ".navbar").is_displayed()
    assert not driver.find_element(By.ID, "methodology-toc").is_displayed()
    assert driver.find_element(By.ID, ON_TIME).is_displayed()
    assert driver.find_element(By.ID, "methodology-index766-table").is_displayed()
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})
    (artifacts / "methodology-a4.pdf").write_bytes(base64.b64decode(pdf["data"]))
    assert severe_console_entries(driver) == []


def test_the_english_switch_shows_the_page_in_english(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    """The language cookie (what the navbar's switch sets) gives the page in English."""
    viewport(driver, 1366, 900)
    open_page(driver, app_url + PAGE, ready_id=ON_TIME)
    driver.add_cookie({"name": "motcua_lang", "value": "en", "path": "/"})
    try:
        open_page(driver, app_url + PAGE, ready_id=ON_TIME)
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        assert driver.title == "Methodology – Một Cửa"
        assert driver.find_element(By.TAG_NAME, "h1").text == "How the figures are calculated"
        entry = driver.find_element(By.ID, ON_TIME)
        assert entry.find_element(By.TAG_NAME, "h3").text == "On-time rate on_time_rate"
        assert entry.text.splitlines()[1].startswith(
            "Of all dossiers to process in the period (received and carried over), the share "
            "not late"
        )
        assert (
            "Formula: (Early + On time + In process, within time) / (Early + On time + Late + "
            "In process, within time + In process, overdue)." in entry.text
        )
        example = driver.find_element(By.ID, "methodology-example").text
        assert "12,432 / 12,439 = 99.94%" in example
        driver.save_screenshot(str(artifacts / "methodology-en-1366x900.png"))
        assert severe_console_entries(driver) == []
    finally:
        driver.delete_cookie("motcua_lang")
