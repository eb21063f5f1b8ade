"""The province menu in headless Chromium, against ``python app.py`` on a warehouse holding Hà Nội
and Quảng Ninh (tests/test_national.py's hand-built exports, real loader; figures worked out
there): choosing a province opens its overview, keeping the period; the whole country ranks the
provinces; a ward of Quảng Ninh has its page; the navbar keeps the province.
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
from tests.browser.test_overview_browser import severe_console_entries
from tests.browser.waiting import click, wait
from tests.test_national import HA_NOI, QUANG_NINH

pytestmark = pytest.mark.browser

OCTOBER = "from=2026-10-01&to=2026-10-31"


@pytest.fixture(scope="module")
def app_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("national-browser")
    (directory / "ha_noi.csv").write_text(HA_NOI, encoding="utf-8")
    (directory / "quang_ninh.csv").write_text(QUANG_NINH, encoding="utf-8")
    db = directory / "motcua.duckdb"
    for name, province in (("ha_noi.csv", "01"), ("quang_ninh.csv", "22")):
        result = load_files([directory / name], db=db, province=province)
        assert result.ok, result
    return start_app(db)


def text_of(driver: WebDriver, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text


def test_choosing_a_province_opens_its_overview_keeping_the_period(
    driver: WebDriver, app_url: str
) -> None:
    driver.get(f"{app_url}/?{OCTOBER}")
    wait(driver).until(ec.presence_of_element_located((By.ID, "overview-league")))
    assert "Phường Ba Đình" in text_of(driver, "overview-league")
    Select(driver.find_element(By.ID, "overview-province")).select_by_value("22")
    wait(driver).until(ec.url_contains("province=22"))
    wait(driver).until(lambda d: "Phường Hạ Long" in text_of(d, "overview-league"))
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query == {"from": ["2026-10-01"], "to": ["2026-10-31"], "province": ["22"]}
    assert "Phường Ba Đình" not in text_of(driver, "overview-league")
    assert "50,00%" in text_of(driver, "overview-on-time")
    # The navbar carries the province to the next page.
    click(driver, By.LINK_TEXT, "Lĩnh vực")
    wait(driver).until(ec.url_contains("/linh-vuc"))
    wait(driver).until(ec.presence_of_element_located((By.ID, "fields-province")))
    assert "province=22" in driver.current_url
    assert severe_console_entries(driver) == []


def test_the_whole_country_ranks_the_provinces(driver: WebDriver, app_url: str) -> None:
    driver.get(f"{app_url}/?{OCTOBER}&province=all")
    wait(driver).until(ec.presence_of_element_located((By.ID, "overview-league")))
    league = text_of(driver, "overview-league")
    assert league.index("Hà Nội") < league.index("Quảng Ninh")
    assert "60,00%" in text_of(driver, "overview-on-time")
    click(driver, By.LINK_TEXT, "Quảng Ninh")
    wait(driver).until(ec.url_contains("province=22"))
    wait(driver).until(lambda d: "Phường Hạ Long" in text_of(d, "overview-league"))
    assert severe_console_entries(driver) == []


def test_a_ward_of_another_province_has_its_page(driver: WebDriver, app_url: str) -> None:
    driver.get(f"{app_url}/phuong/06688?{OCTOBER}")
    wait(driver).until(ec.presence_of_element_located((By.ID, "ward-on-time")))
    assert "66,67%" in text_of(driver, "ward-on-time")
    assert Select(driver.find_element(By.ID, "ward-province")).first_selected_option.text == (
        "Quảng Ninh"
    )
    assert severe_console_entries(driver) == []
