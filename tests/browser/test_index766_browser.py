"""What an evaluator sees on the 766 page (``/chi-so-766``), in headless Chromium against
``python app.py`` on the hand-computed warehouse of ``tests/test_index766.py`` (real loader).

March 2025: Ba Đình 80,50/100 (Tốt, rank 1), Ngọc Hà 64,00 (Trung bình, rank 2); Ba Đình's
on-time rate at 20% would give 58,50/100 and rank 2 (worked out in tests/test_index766_page.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from etl.loader import load_files
from tests.browser.grids import aria_sort, grid_order, grid_rows, sort_by
from tests.browser.test_overview_browser import severe_console_entries
from tests.browser.waiting import click, wait
from tests.test_index766 import DOSSIER_HEADER, DOSSIERS, PETITIONS, csv_text

pytestmark = pytest.mark.browser

MARCH = "/chi-so-766?from=2025-03-01&to=2025-03-31"


@pytest.fixture(scope="module")
def app_url(
    start_app: Callable[[Path], str],
    empty_warehouse: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    directory = tmp_path_factory.mktemp("index766-browser")
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    files = {"ho_so.csv": csv_text(DOSSIER_HEADER, DOSSIERS), "phan_anh.csv": PETITIONS}
    for name, content in files.items():
        (directory / name).write_text(content, encoding="utf-8")
    assert load_files([directory / n for n in files], db=db, province="01").ok
    return start_app(db)


def ranking(driver: WebDriver) -> list[str]:
    """The ranking's rows as drawn: the pinned ward name first, then the other columns."""
    wait(driver).until(ec.presence_of_element_located((By.ID, "index766-ranking")))
    wait(driver).until(lambda d: grid_rows(d, "index766-ranking"))
    return grid_rows(driver, "index766-ranking")


def test_the_ranking_a_ward_and_its_what_if(
    driver: WebDriver, app_url: str, artifacts: Path
) -> None:
    driver.get(app_url + MARCH)
    wait(driver).until(ec.presence_of_element_located((By.ID, "index766-ranking")))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Chỉ số 766 (ước tính)"
    assert ranking(driver) == [
        "Phường Ba Đình 1 00004 40,25 50 80,50 Tốt 36,00 +44,50 ▲1",
        "Phường Ngọc Hà 2 00008 32,00 50 64,00 Trung bình 100,00 -36,00 ▼1",
    ]
    click(driver, By.LINK_TEXT, "Phường Ba Đình")
    wait(driver).until(ec.url_contains("ward=00004"))
    wait(driver).until(ec.presence_of_element_located((By.ID, "index766-points")))
    wait(driver).until(lambda d: grid_rows(d, "index766-points", 1))
    assert driver.find_element(By.ID, "index766-ward-score").text == "80,50/100"
    first = grid_rows(driver, "index766-points", 1)[0]
    assert first.startswith("2.1 Tỷ lệ hồ sơ giải quyết đúng hạn 75,00%")
    assert grid_order(driver, "index766-points", "code")[-1] == "3.6"  # no data: last
    sort_by(driver, "index766-points", "code")
    wait(driver).until(lambda d: aria_sort(d, "index766-points", "code") == "ascending")
    codes = grid_order(driver, "index766-points", "code")
    assert codes == sorted(codes)
    result = (By.ID, "index766-whatif-result")
    wait(driver).until(lambda d: d.find_element(*result).text)
    assert driver.find_element(*result).text.startswith(
        "Nếu “Tỷ lệ hồ sơ giải quyết đúng hạn” đạt 100,00%: 90,50/100"
    )
    rate = driver.find_element(By.ID, "index766-whatif-rate")
    rate.clear()
    rate.send_keys("20", Keys.TAB)
    wait(driver).until(lambda d: "20,00%" in d.find_element(*result).text)
    assert driver.find_element(*result).text == (
        "Nếu “Tỷ lệ hồ sơ giải quyết đúng hạn” đạt 20,00%: 58,50/100 (29,25/50 điểm), "
        "Trung bình, hạng 2/2 (hiện nay 80,50/100, hạng 1)."
    )
    assert ranking(driver)[0].startswith("Phường Ba Đình 1 ")  # nothing stored changed
    driver.save_screenshot(str(artifacts / "index766.png"))
    assert severe_console_entries(driver) == []
