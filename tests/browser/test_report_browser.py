"""What a person sees on the report page (``/bao-cao``), in headless Chromium against
``python app.py`` on the warehouse of ``tests/report_fixture.py`` (real loader).

The driver is sent to the sign-in form (the page is for signed-in users) and signs in through
it. Figures counted by hand in ``tests/test_report.py``: Hà Nội in October 2026, Đất đai 5 to
process, Hộ tịch 9, total 14 (12 received, 4 online, 8 in person or by post, 2 carried over; 9
resolved: 2 early, 3 on time, 3 late; 5 in process: 3 within time, 2 overdue); November 2026,
total 7.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from tests.browser.axe import audit, report
from tests.browser.conftest import SIGN_IN
from tests.browser.test_overview_browser import severe_console_entries
from tests.browser.waiting import wait
from tests.report_fixture import build

pytestmark = pytest.mark.browser

OCTOBER = "/bao-cao?from=2026-10-01&to=2026-10-31"
OCTOBER_TOTAL = "Tổng cộng 14 12 4 8 2 9 2 3 3 5 3 2"
NOVEMBER_TOTAL = "Tổng cộng 7 2 0 2 5 4 3 0 1 3 1 2"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    return start_app(build(tmp_path_factory.mktemp("report-browser")), MOTCUA_PROVINCE="01")


def total_row(driver: WebDriver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "#report-table tfoot tr").text.replace("\n", " ")


def body_rows(driver: WebDriver) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#report-table tbody tr")
    return [r.text.replace("\n", " ") for r in rows]


def type_day(driver: WebDriver, control: str, day: str) -> None:
    """Type a day in the filter bar's date field and press Enter, as a person would."""
    field = driver.find_element(By.ID, control)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(day, Keys.ENTER)


def test_signing_in_opens_the_report_with_its_total(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    driver.get(app_url + OCTOBER)  # the sign-in form first, then the page asked for
    wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#report-table tfoot")))
    assert SIGN_IN not in driver.current_url
    assert driver.title == "Báo cáo – Một Cửa"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Báo cáo"
    assert body_rows(driver) == [
        "Đất đai 5 4 1 3 1 3 0 1 1 2 0 2",
        "Hộ tịch 9 8 3 5 1 6 2 2 2 3 3 0",
    ]
    assert total_row(driver) == OCTOBER_TOTAL
    caption = driver.find_element(By.ID, "report-caption").text.splitlines()
    assert caption == [
        "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính",
        "Kỳ báo cáo: 01/10/2026 – 31/10/2026",
        "Đơn vị: Thành phố Hà Nội",
        "Dữ liệu đến 10:00 02/12/2026",
    ]
    groups = driver.find_elements(By.CSS_SELECTOR, "#report-table thead th[scope=colgroup]")
    assert [(g.text, g.get_attribute("colspan")) for g in groups] == [
        ("Số hồ sơ nhận giải quyết", "5"),
        ("Số hồ sơ đã giải quyết", "4"),
        ("Số hồ sơ đang giải quyết", "3"),
        ("Tiếp nhận trong kỳ", "3"),
    ]
    nav = driver.find_element(By.ID, "shell-nav-bao-cao")
    assert "active" in nav.get_attribute("class")
    driver.save_screenshot(str(artifacts / "report.png"))
    assert severe_console_entries(driver) == []


def test_changing_the_period_redraws_the_report_and_keeps_it_in_the_url(
    driver: WebDriver, app_url: str
) -> None:
    driver.get(app_url + OCTOBER)
    wait(driver).until(lambda d: total_row(d) == OCTOBER_TOTAL)
    type_day(driver, "report-to", "30/11/2026")  # 1/10–30/11 first: never a reversed range
    wait(driver).until(ec.url_contains("to=2026-11-30"))
    type_day(driver, "report-from", "01/11/2026")
    wait(driver).until(ec.url_contains("from=2026-11-01"))
    wait(driver).until(lambda d: total_row(d) == NOVEMBER_TOTAL)
    assert parse_qs(urlsplit(driver.current_url).query) == {
        "from": ["2026-11-01"],
        "to": ["2026-11-30"],
    }
    caption = driver.find_element(By.ID, "report-caption").text
    assert "Kỳ báo cáo: 01/11/2026 – 30/11/2026" in caption
    assert severe_console_entries(driver) == []


def test_choosing_a_ward_shows_its_report(driver: WebDriver, app_url: str) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(app_url + OCTOBER)
    wait(driver).until(lambda d: total_row(d) == OCTOBER_TOTAL)
    Select(driver.find_element(By.ID, "report-ward")).select_by_visible_text("Phường Ngọc Hà")
    wait(driver).until(ec.url_contains("ward=00008"))
    wait(driver).until(lambda d: total_row(d) == "Tổng cộng 3 3 1 2 0 1 0 1 0 2 1 1")
    assert (
        "Đơn vị: Phường Ngọc Hà, Thành phố Hà Nội"
        in driver.find_element(By.ID, "report-caption").text
    )
    assert severe_console_entries(driver) == []


def test_printing_gives_one_a4_landscape_page_without_the_navbar_and_filters(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    driver.get(app_url + OCTOBER)
    wait(driver).until(lambda d: total_row(d) == OCTOBER_TOTAL)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = driver.execute_script(
            "return ['.mc-navbar', '#report-filters', '#report-export', '#report-table']"
            ".map(s => getComputedStyle(document.querySelector(s)).display)"
        )
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown[:3] == ["none", "none", "none"] and shown[3] != "none"
    pdf = driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False}
    )
    data = base64.b64decode(pdf["data"])
    (artifacts / "report.pdf").write_bytes(data)
    assert re.findall(rb"/Count (\d+)", data) == [b"1"]  # one page
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert [(round(float(w)), round(float(h))) for w, h in boxes] == [(842, 595)]  # A4 across


def test_the_report_page_has_no_serious_accessibility_violation(
    driver: WebDriver, app_url: str
) -> None:
    driver.get(app_url + OCTOBER)
    wait(driver).until(lambda d: total_row(d) == OCTOBER_TOTAL)
    violations = audit(driver)
    assert violations == [], report(violations)


def test_other_pages_still_print_in_portrait(driver: WebDriver, app_url: str) -> None:
    """The landscape page is the report's alone (a named page, assets/report-print.css)."""
    driver.get(app_url + "/phuong-phap")
    wait(driver).until(ec.presence_of_element_located((By.TAG_NAME, "h1")))
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", base64.b64decode(pdf["data"]))
    assert boxes and {float(w) < float(h) for w, h in boxes} == {True}
