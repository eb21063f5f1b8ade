"""Signing in and out in headless Chromium, against ``python app.py`` on the ward page's
warehouse (tests/ward_fixture.py, real loader), with users made by the real CLI
(tests/browser/conftest.py): the form, a wrong password, sign-out, a ward user's scope, and no
Content-Security-Policy violation on any page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from etl.loader import load_files
from tests.browser.conftest import ADMIN, PASSWORD, SIGN_IN, WARD_USER, sign_in
from tests.browser.test_overview_browser import severe_console_entries
from tests.browser.waiting import wait
from tests.ward_fixture import WARD_DOSSIERS, WARD_RATINGS

pytestmark = pytest.mark.browser

OCTOBER = "?from=2026-10-01&to=2026-10-31"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("sign-in-browser")
    (directory / "ho_so.csv").write_text(WARD_DOSSIERS, encoding="utf-8")
    (directory / "danh_gia.csv").write_text(WARD_RATINGS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db)
    assert result.ok, result
    return start_app(db)


def _open_form(driver: WebDriver, url: str) -> None:
    """Open ``url`` without signing in (the plain browser's get, not the signing-in one)."""
    WebDriver.get(driver, url)
    wait(driver).until(ec.presence_of_element_located((By.ID, "sign-in-form")))


def _csp_violations(driver: WebDriver) -> list[dict]:
    return [e for e in severe_console_entries(driver) if "Content Security Policy" in e["message"]]


def test_sign_in_opens_the_page_asked_for_and_sign_out_ends_it(
    driver: WebDriver, app_url: str
) -> None:
    _open_form(driver, f"{app_url}/linh-vuc{OCTOBER}")
    assert urlsplit(driver.current_url).path == SIGN_IN
    assert driver.find_element(By.TAG_NAME, "h1").text == "Đăng nhập"
    sign_in(driver, ADMIN, PASSWORD)
    wait(driver).until(ec.presence_of_element_located((By.ID, "fields-filters")))
    assert urlsplit(driver.current_url).path == "/linh-vuc"
    assert driver.find_element(By.ID, "shell-user").text == ADMIN
    driver.find_element(By.ID, "shell-sign-out").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "sign-in-notice")))
    assert driver.find_element(By.ID, "sign-in-notice").text == "Đã đăng xuất."
    WebDriver.get(driver, f"{app_url}/linh-vuc")
    wait(driver).until(ec.presence_of_element_located((By.ID, "sign-in-form")))
    assert urlsplit(driver.current_url).path == SIGN_IN
    assert _csp_violations(driver) == []


def test_a_wrong_password_says_so_and_keeps_the_login(driver: WebDriver, app_url: str) -> None:
    _open_form(driver, f"{app_url}/")
    driver.find_element(By.ID, "username").send_keys(ADMIN)
    driver.find_element(By.ID, "password").send_keys("khong-phai-mat-khau")
    driver.find_element(By.ID, "sign-in-submit").click()
    error = wait(driver).until(ec.presence_of_element_located((By.ID, "sign-in-error")))
    assert error.text == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert driver.find_element(By.ID, "username").get_attribute("value") == ADMIN
    assert urlsplit(driver.current_url).path == SIGN_IN


def test_a_ward_user_sees_its_ward_in_full_and_others_in_aggregate(
    driver: WebDriver, app_url: str
) -> None:
    _open_form(driver, f"{app_url}/phuong/00004{OCTOBER}")
    sign_in(driver, WARD_USER, PASSWORD)
    # Ba Đình is not the user's ward: the counts, not the list
    note = wait(driver).until(ec.presence_of_element_located((By.ID, "ward-details-note")))
    assert "chỉ hiển thị cho lãnh đạo" in note.text
    assert driver.find_elements(By.ID, "ward-late") == []
    assert "W02" not in driver.page_source and "W04" not in driver.page_source
    # Ngọc Hà is: its lists (none late) and its comments section
    driver.get(f"{app_url}/phuong/00008{OCTOBER}")
    wait(driver).until(ec.presence_of_element_located((By.ID, "ward-comments-section")))
    assert driver.find_elements(By.ID, "ward-details-note") == []
    assert driver.find_elements(By.ID, "ward-late-section") != []


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/" + OCTOBER, "overview-received"),
        ("/linh-vuc" + OCTOBER, "fields-filters"),
        ("/hai-long" + OCTOBER, "satisfaction-filters"),
        ("/phuong/00004" + OCTOBER, "ward-late"),
        ("/phuong-phap", "methodology-page"),
        ("/man-hinh/00004", "screen-clock"),
    ],
)
def test_no_page_breaks_the_content_security_policy(
    driver: WebDriver, app_url: str, path: str, ready: str
) -> None:
    driver.get(app_url + path)
    wait(driver).until(ec.presence_of_element_located((By.ID, ready)))
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")  # draw every chart
    assert _csp_violations(driver) == []
    assert severe_console_entries(driver) == []


def test_the_hall_screen_needs_no_sign_in(driver: WebDriver, app_url: str) -> None:
    WebDriver.get(driver, app_url + "/man-hinh/00004")
    assert urlsplit(driver.current_url).path == "/man-hinh/00004"
    assert driver.find_elements(By.ID, "sign-in-form") == []


def test_the_form_page_itself_is_clean(driver: WebDriver, app_url: str, artifacts: Path) -> None:
    _open_form(driver, f"{app_url}/")
    driver.save_screenshot(str(artifacts / "sign-in.png"))
    assert _csp_violations(driver) == []
    assert severe_console_entries(driver) == []
