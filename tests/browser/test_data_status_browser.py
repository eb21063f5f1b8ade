"""What a person sees on the data page (``/du-lieu``), in headless Chromium against ``python
app.py`` on the warehouse of ``tests/data_status_fixture.py`` (real loader, five runs).

An administrator signs in through the real form, uploads a CSV with bad rows through the page's
file input and sees the command line's summary, its rejected rows in the rejects table and the
new run in the history; the same file again changes nothing (every good row unchanged, the
warehouse's counts the same). An evaluator gets the page without the upload form.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from tests.browser.conftest import ADMIN, PASSWORD, SIGN_IN, add_user, sign_in
from tests.browser.test_overview_browser import severe_console_entries
from tests.browser.waiting import wait
from tests.data_status_fixture import BA_DINH_FILE, FEB_2026, build

pytestmark = pytest.mark.browser

EVALUATOR = "danh-gia-vien"
PAGE = "/du-lieu?from=2026-10-01&to=2026-10-31"
NEW_FILE = BA_DINH_FILE.replace("B0", "D0")  # 5 rows: 3 good, lines 3 and 6 rejected


@pytest.fixture(scope="module")
def served(
    start_app: Callable[..., str], empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, Path]:
    """(the app's URL, its warehouse, the file to upload)."""
    directory = tmp_path_factory.mktemp("data-status-browser")
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    build(directory, db)
    users_db = directory / "users.sqlite"
    add_user(users_db, ADMIN, "--role", "admin")
    add_user(users_db, EVALUATOR, "--role", "evaluator")
    upload = directory / "upload" / "ho_so_moi.csv"
    upload.parent.mkdir()
    upload.write_text(NEW_FILE, encoding="utf-8")
    return start_app(db, MOTCUA_USERS_DB=str(users_db)), db, upload


def dossiers(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM dossiers").fetchall()[0][0]
    finally:
        con.close()


def summary_row(driver: WebDriver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "#upload-summary-table tbody tr").text


def choose_file(driver: WebDriver, path: Path) -> None:
    """Pick ``path`` in the upload's file input, as the file dialog does (which clears the
    input first, so the same file chosen again is a new choice)."""
    field = driver.find_element(By.CSS_SELECTOR, "#upload-file input[type=file]")
    driver.execute_script("arguments[0].value = null", field)
    field.send_keys(str(path))


def test_an_admin_uploads_a_file_and_sees_its_counts_and_rejects_then_again_nothing_changes(
    driver: WebDriver, served: tuple[str, Path, Path], artifacts: Path
) -> None:
    url, db, upload = served
    driver.get(url + PAGE)
    wait(driver).until(ec.presence_of_element_located((By.ID, "data-history-table")))
    before = dossiers(db)
    assert before == 7
    choose_file(driver, upload)
    wait(driver, 60).until(ec.presence_of_element_located((By.ID, "upload-summary")))
    assert driver.find_element(By.ID, "upload-outcome").text == "Đã nạp ho_so_moi.csv."
    assert summary_row(driver) == "ho_so_moi.csv dossiers 5 3 0 0 2 đã nạp"
    notes = driver.find_element(By.ID, "upload-notes").text
    assert f"• ho_so_moi.csv: 1 dòng: {FEB_2026} — dòng 3 (Ngày tiếp nhận = '31/02/2026')" in notes
    # the page's tables come back from the new warehouse: the run and its rejected rows
    wait(driver).until(
        ec.text_to_be_present_in_element((By.ID, "data-rejects-table"), "ho_so_moi.csv")
    )
    rejects = driver.find_element(By.ID, "data-rejects-table").text
    assert "6 ho_so_moi.csv 3 Ngày tiếp nhận 31/02/2026" in rejects
    first_run = driver.find_element(By.CSS_SELECTOR, "#data-history-table tbody tr").text
    assert first_run.startswith("6 ") and "ho_so_moi.csv" in first_run
    assert dossiers(db) == before + 3
    driver.save_screenshot(str(artifacts / "data-status-upload.png"))

    choose_file(driver, upload)  # the same file again
    newest_run = (By.CSS_SELECTOR, "#data-history-table tbody tr")
    wait(driver, 60).until(lambda d: d.find_element(*newest_run).text.startswith("7 "))
    assert summary_row(driver) == "ho_so_moi.csv dossiers 5 0 0 3 2 đã nạp"
    assert dossiers(db) == before + 3
    assert severe_console_entries(driver) == []


def test_an_evaluator_gets_the_page_without_the_upload(
    driver: WebDriver, served: tuple[str, Path, Path]
) -> None:
    url, _db, _upload = served
    driver.get(url + SIGN_IN)
    sign_in(driver, EVALUATOR, PASSWORD)
    driver.get(url + PAGE)
    wait(driver).until(ec.presence_of_element_located((By.ID, "data-history-table")))
    assert driver.find_elements(By.ID, "upload-form") == []
    assert driver.find_elements(By.CSS_SELECTOR, "input[type=file]") == []
    assert "(ẩn)" in driver.find_element(By.ID, "data-rejects-table").text
    assert driver.find_element(By.TAG_NAME, "h1").text == "Dữ liệu"
    assert severe_console_entries(driver) == []
