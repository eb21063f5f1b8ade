"""The export buttons in headless Chromium: a click saves the workbook or the CSV a person gets.

``export_app.py`` wires :func:`ui.export.export_buttons` to :func:`ui.export.download` as a page
does, over a fixed table of two wards (Ba Đình 12.439 received, 12.432 on time → 99,94%;
Ngọc Hà 1 received, no rate).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from tests.browser.waiting import WAIT_SECONDS, wait

pytestmark = pytest.mark.browser

EXPORT_APP = Path(__file__).with_name("export_app.py")


@pytest.fixture(scope="module")
def app_url(start_app: Callable[..., str], empty_warehouse: Path) -> str:
    return start_app(empty_warehouse, script=EXPORT_APP)


def saved_file(directory: Path, name: str) -> bytes:
    """The bytes of ``name`` once Chromium has finished writing it to ``directory``."""
    deadline = time.monotonic() + WAIT_SECONDS
    path = directory / name
    while time.monotonic() < deadline:
        partial = list(directory.glob("*.crdownload"))
        if path.exists() and not partial:
            return path.read_bytes()
        time.sleep(0.1)
    found = sorted(p.name for p in directory.iterdir())
    pytest.fail(f"{name} was not downloaded within {WAIT_SECONDS} s; found {found}")


def click_and_save(driver: WebDriver, url: str, button_id: str, directory: Path) -> None:
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(directory)}
    )
    driver.get(url)
    button = wait(driver).until(ec.element_to_be_clickable((By.ID, button_id)))
    button.click()


def severe(driver: WebDriver) -> list[dict[str, object]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_excel_button_saves_the_workbook(driver: WebDriver, app_url: str, tmp_path: Path) -> None:
    click_and_save(driver, app_url, "demo-export-xlsx", tmp_path)

    content = saved_file(tmp_path, "motcua-xuat-thu-2026-10-01-2026-10-31.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Thông tin", "Phường, xã"]
    assert wb["Thông tin"]["B3"].value == datetime(2026, 11, 21, 14, 30)  # no subtitle
    assert [list(r) for r in wb["Phường, xã"].iter_rows(values_only=True)] == [
        ["Kết quả theo phường, xã", None, None, None],
        ["Kỳ: 10/2026", None, None, None],
        ["Mã xã", "Phường, xã", "Tiếp nhận mới", "Tỷ lệ đúng hạn"],
        ["00004", "Phường Ba Đình", 12439, 12432 / 12439],
        ["00008", "Phường Ngọc Hà", 1, None],
    ]
    assert severe(driver) == []


def test_csv_button_saves_the_csv(driver: WebDriver, app_url: str, tmp_path: Path) -> None:
    click_and_save(driver, app_url, "demo-export-csv", tmp_path)

    content = saved_file(tmp_path, "motcua-xuat-thu-2026-10-01-2026-10-31.csv")
    assert content.decode("utf-8") == (
        '\ufeffMã xã,"Phường, xã",Tiếp nhận mới,Tỷ lệ đúng hạn\r\n'
        f"00004,Phường Ba Đình,12439,{12432 / 12439!r}\r\n"
        "00008,Phường Ngọc Hà,1,\r\n"
    )
    assert severe(driver) == []


def test_export_buttons_are_reachable_by_keyboard(driver: WebDriver, app_url: str) -> None:
    """Both buttons are real buttons with their visible Vietnamese names, in a named group."""
    driver.get(app_url)
    group = wait(driver).until(ec.presence_of_element_located((By.ID, "demo-export")))
    buttons = group.find_elements(By.TAG_NAME, "button")
    assert [(b.text, b.get_attribute("type")) for b in buttons] == [
        ("Tải Excel", "button"),
        ("Tải CSV", "button"),
    ]
    assert group.get_attribute("role") == "group"
    assert group.get_attribute("aria-label") == "Tải dữ liệu"
