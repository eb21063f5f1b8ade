"""Moving between pages, and addresses without a page, in headless Chromium against
``python app.py`` on the ward page's warehouse (tests/ward_fixture.py, real loader).

The navbar's links carry the URL's period and filters to the other pages (product.md: "Moving
between pages keeps the filters"); an unknown path or ward answers the Vietnamese not-found page
with HTTP status 404.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select

from etl.loader import load_files
from tests.browser.conftest import SIGN_IN, sign_in
from tests.browser.test_overview_browser import severe_console_entries
from tests.browser.waiting import click, wait
from tests.ward_fixture import WARD_DOSSIERS, WARD_RATINGS

pytestmark = pytest.mark.browser

LAND = "%C4%90%E1%BA%A5t+%C4%91ai"  # Đất đai, a field of the fixture
OCTOBER = "from=2026-10-01&to=2026-10-31"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("navigation-browser")
    (directory / "ho_so.csv").write_text(WARD_DOSSIERS, encoding="utf-8")
    (directory / "danh_gia.csv").write_text(WARD_RATINGS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db)
    assert result.ok, result
    return start_app(db)


def query_of(driver: WebDriver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


def chosen(driver: WebDriver, select_id: str) -> str:
    """The value a filter menu shows."""
    return Select(driver.find_element(By.ID, select_id)).first_selected_option.get_attribute(
        "value"
    )


def wait_for(driver: WebDriver, element_id: str) -> None:
    wait(driver).until(ec.presence_of_element_located((By.ID, element_id)))


def test_the_navbar_keeps_the_period_and_the_field(driver: WebDriver, app_url: str) -> None:
    driver.get(f"{app_url}/?period=last_month&field={LAND}")
    wait_for(driver, "overview-content")
    click(driver, By.LINK_TEXT, "Lĩnh vực")
    wait(driver).until(ec.url_contains("/linh-vuc"))
    wait_for(driver, "fields-filters")
    assert urlsplit(driver.current_url).path == "/linh-vuc"
    assert query_of(driver) == {"period": ["last_month"], "field": ["Đất đai"]}
    assert (chosen(driver, "fields-period"), chosen(driver, "fields-field")) == (
        "last_month",
        "Đất đai",
    )
    # A filter chosen on this page travels on too.
    Select(driver.find_element(By.ID, "fields-channel")).select_by_value("online")
    wait(driver).until(ec.url_contains("channel=online"))
    wait(driver).until(
        lambda d: (
            "channel=online" in d.find_element(By.ID, "shell-nav-hai-long").get_attribute("href")
        )
    )
    click(driver, By.LINK_TEXT, "Hài lòng")
    wait(driver).until(ec.url_contains("/hai-long"))
    wait_for(driver, "satisfaction-filters")
    assert query_of(driver) == {
        "period": ["last_month"],
        "field": ["Đất đai"],
        "channel": ["online"],
    }
    assert chosen(driver, "satisfaction-channel") == "online"
    assert chosen(driver, "satisfaction-field") == "Đất đai"
    assert severe_console_entries(driver) == []


def test_leaving_a_ward_page_keeps_its_ward_and_period(driver: WebDriver, app_url: str) -> None:
    driver.get(f"{app_url}/phuong/00004?{OCTOBER}&channel=online")
    wait_for(driver, "ward-received")
    click(driver, By.LINK_TEXT, "Tổng quan")
    wait(driver).until(lambda d: urlsplit(d.current_url).path == "/")
    wait_for(driver, "overview-received")
    assert query_of(driver) == {
        "from": ["2026-10-01"],
        "to": ["2026-10-31"],
        "ward": ["00004"],
        "channel": ["online"],
    }
    assert chosen(driver, "overview-ward") == "00004"
    assert chosen(driver, "overview-period") == "custom"
    assert severe_console_entries(driver) == []


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer


def status_of(url: str, driver: WebDriver | None = None) -> int:
    """The HTTP status the server answers for ``url`` (redirects not followed), with the
    session cookies of ``driver`` when given."""
    request = urllib.request.Request(url)
    if driver is not None:
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        request.add_header("Cookie", cookies)
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def console_errors_besides_the_404(driver: WebDriver, url: str) -> list[dict]:
    """The page's console errors, less the one Chromium logs for the page's own 404 status
    (the status is the point; a script or resource that fails is still an error)."""
    own = f"{url} - Failed to load resource: the server responded with a status of 404"
    return [e for e in severe_console_entries(driver) if not e["message"].startswith(own)]


@pytest.mark.parametrize(
    ("path", "heading", "detail", "public"),
    [
        ("/khong-co", "Không tìm thấy trang",
         "Không có trang nào ở địa chỉ này: liên kết có thể đã cũ hoặc bị gõ nhầm.", True),
        (f"/phuong/99999?{OCTOBER}", "Không tìm thấy phường, xã",
         "Mã '99999' không có trong danh sách phường, xã của tỉnh/thành phố.", False),
    ],
)  # fmt: skip
def test_an_unknown_address_is_the_vietnamese_not_found_page_with_status_404(
    driver: WebDriver,
    app_url: str,
    artifacts: Path,
    path: str,
    heading: str,
    detail: str,
    public: bool,
) -> None:
    """An unknown address is a 404 for anyone; an unknown ward, behind sign-in like every ward
    page, sends an outsider to the sign-in form first (it does not say which wards exist)."""
    url = app_url + path
    assert status_of(url) == (404 if public else 302)
    driver.get(url)  # signs in on the way when the page asks for it
    assert status_of(url, driver) == 404
    wait(driver).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), heading))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    page = driver.find_element(By.CSS_SELECTOR, ".mc-not-found")
    assert page.text.split("\n") == ["Lỗi 404", heading, detail, "Về trang Tổng quan"]
    assert driver.find_element(By.CSS_SELECTOR, ".mc-navbar").is_displayed()  # the app's frame
    driver.save_screenshot(str(artifacts / f"not-found{path.split('?')[0].replace('/', '-')}.png"))
    assert console_errors_besides_the_404(driver, url) == []
    click(driver, By.LINK_TEXT, "Về trang Tổng quan")
    if public:  # not signed in yet: the overview asks for it, then opens
        wait(driver).until(lambda d: urlsplit(d.current_url).path == SIGN_IN)
        assert parse_qs(urlsplit(driver.current_url).query)["next"] == ["/"]
        sign_in(driver)
    wait_for(driver, "overview-received")
    assert urlsplit(driver.current_url).path == "/"
    assert console_errors_besides_the_404(driver, url) == []


def test_the_not_found_page_is_in_english_with_the_language_cookie(
    driver: WebDriver, app_url: str
) -> None:
    driver.get(app_url + "/phuong-phap")
    driver.add_cookie({"name": "motcua_lang", "value": "en", "path": "/"})
    url = app_url + "/khong-co"
    driver.get(url)
    wait(driver).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Page not found"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Back to the overview" in driver.find_element(By.CSS_SELECTOR, ".mc-not-found").text
    assert console_errors_besides_the_404(driver, url) == []
