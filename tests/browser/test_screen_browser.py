"""The hall screen as a hall sees it, in headless Chromium against ``python app.py``.

The warehouse holds dossiers received today (relative to the real clock: the app runs in its own
process), so "today" figures are known: Ba Đình (00004) received 12 today, 6 of them resolved;
24 ratings today, all "5". Screens run with the server's refresh floor lowered to 1 s
(``MOTCUA_SCREEN_MIN_REFRESH``) so that many refresh cycles fit in a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from etl.loader import load_files
from kpi.config import local_now
from tests.browser.axe import audit, report
from tests.browser.conftest import ROOT, _free_port, _wait_until_serving
from tests.browser.waiting import wait

pytestmark = pytest.mark.browser

SIZES = [(1920, 1080), (3840, 2160)]
HEADER = "Mã hồ sơ,Mã xã,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n"


def _today_at(minutes_ago: int) -> datetime:
    """A moment earlier today (never before midnight, so it always counts as today)."""
    now = local_now()
    return max(now - timedelta(minutes=minutes_ago), now.replace(hour=0, minute=0, second=0))


def _dossiers(prefix: str, n: int, *, ended: bool) -> str:
    received = _today_at(30)
    due = (received + timedelta(days=7)).strftime("%d/%m/%Y")
    end = _today_at(5).strftime("%d/%m/%Y %H:%M") if ended else ""
    status = "Đã trả kết quả" if ended else "Đang xử lý"
    return "".join(
        f"{prefix}{i:03d},00004,Hộ tịch,Trực tuyến,{received:%d/%m/%Y %H:%M},{due},{end},{status}\n"
        for i in range(n)
    )


def _ratings(n: int) -> str:
    rated = _today_at(10)
    return "Mã đánh giá,Mã xã,Thời gian đánh giá,Mức độ hài lòng\n" + "".join(
        f"DG{i:03d},00004,{rated:%d/%m/%Y %H:%M},5\n" for i in range(n)
    )


class App:
    """``python app.py`` on a fixed port, which a test may stop and start again (an outage)."""

    def __init__(self, db: Path, log_dir: Path) -> None:
        self.db, self.log_dir = db, log_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "MOTCUA_DB": str(self.db),
            "MOTCUA_PORT": str(self.port),
            "MOTCUA_HOST": "127.0.0.1",
            "MOTCUA_SCREEN_MIN_REFRESH": "1",
        }
        log = self.log_dir / f"app-{time.monotonic_ns()}.log"
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "app.py")],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_until_serving(self.url, self.proc, log)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def screen_app(
    browser_paths: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[App]:
    directory = tmp_path_factory.mktemp("screen-browser")
    (directory / "ho_so.csv").write_text(
        HEADER + _dossiers("HSA", 6, ended=True) + _dossiers("HSB", 6, ended=False), "utf-8"
    )
    (directory / "danh_gia.csv").write_text(_ratings(24), "utf-8")
    db = directory / "motcua.duckdb"
    assert load_files([directory / "ho_so.csv", directory / "danh_gia.csv"], db=db).ok
    app = App(db, directory)
    app.start()
    yield app
    app.stop()


def open_screen(driver: WebDriver, url: str, size: tuple[int, int] = (1920, 1080)) -> None:
    """Open ``url`` on a screen of ``size`` CSS pixels (the whole viewport, as on a TV)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(url)
    wait(driver).until(lambda d: d.execute_script("return !!window.motcuaScreen"))


def field(driver: WebDriver, key: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f'[data-field="{key}"]').text


def severe(driver: WebDriver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def visible_slide(driver: WebDriver) -> str:
    return driver.execute_script(
        "var s = document.querySelectorAll('[data-slide]');"
        "for (var i = 0; i < s.length; i++) { if (!s[i].hidden) return s[i].dataset.slide; }"
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", ["today", "month", "satisfaction", "thanks"])
def test_every_slide_fits_the_screen_with_large_numbers(
    driver: WebDriver, screen_app: App, artifacts: Path, size: tuple[int, int], slide: str
) -> None:
    open_screen(driver, f"{screen_app.url}/man-hinh/00004?slides={slide}", size)
    view = driver.execute_script(
        "var d = document.documentElement;"
        "return [window.innerWidth, window.innerHeight, d.scrollWidth, d.scrollHeight];"
    )
    assert view == [size[0], size[1], size[0], size[1]]  # nothing overflows: no scrolling
    values = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('.tile-value'), function (e) {"
        "  var r = e.getBoundingClientRect(), t = e.parentNode.getBoundingClientRect();"
        "  return {text: e.textContent, height: r.height, fits: e.scrollWidth <= e.clientWidth"
        "          && r.right <= t.right + 0.5 && r.bottom <= t.bottom + 0.5}; });"
    )
    assert len(values) == {"today": 4, "month": 4, "satisfaction": 3, "thanks": 0}[slide]
    for value in values:
        assert value["height"] >= 0.08 * size[1], value  # legible from across the hall
        assert value["fits"], value  # and inside its tile
    driver.save_screenshot(str(artifacts / f"screen-{slide}-{size[0]}x{size[1]}.png"))
    assert severe(driver) == []


def test_today_figures_are_on_screen(driver: WebDriver, screen_app: App) -> None:
    open_screen(driver, f"{screen_app.url}/man-hinh/00004")
    assert [field(driver, k) for k in ("today.received", "today.completed")] == ["12", "6"]
    assert driver.find_element(By.CSS_SELECTOR, '[data-text="ward_name"]').text == "Phường Ba Đình"
    assert driver.execute_script("return getComputedStyle(document.body).cursor") == "none"


def test_slides_rotate_on_the_interval_from_the_url(driver: WebDriver, screen_app: App) -> None:
    open_screen(driver, f"{screen_app.url}/man-hinh/00004?rotate=2&refresh=60")
    seen = [visible_slide(driver)]
    deadline = time.monotonic() + 12
    while len(seen) < 5 and time.monotonic() < deadline:
        time.sleep(0.25)
        slide = visible_slide(driver)
        if slide != seen[-1]:
            seen.append(slide)
    assert seen == ["today", "month", "satisfaction", "thanks", "today"]


def test_figures_change_after_a_load_without_a_reload(
    driver: WebDriver, screen_app: App, tmp_path: Path
) -> None:
    open_screen(driver, f"{screen_app.url}/man-hinh/00004?refresh=1")
    boot = driver.execute_script("return window.motcuaScreen.boot")
    assert field(driver, "today.received") == "12"
    (tmp_path / "them.csv").write_text(HEADER + _dossiers("HSC", 5, ended=False), "utf-8")
    assert load_files([tmp_path / "them.csv"], db=screen_app.db).ok
    wait(driver).until(lambda d: field(d, "today.received") == "17")
    assert driver.execute_script("return window.motcuaScreen.boot") == boot  # same page
    assert severe(driver) == []


def test_every_request_goes_to_the_app_itself(driver: WebDriver, screen_app: App) -> None:
    driver.get("about:blank")
    driver.get_log("performance")  # drain the browser's own start-up (its new-tab page)
    open_screen(driver, f"{screen_app.url}/man-hinh/00004?refresh=1&rotate=2")
    wait(driver).until(lambda d: d.execute_script("return window.motcuaScreen.polls") >= 3)
    urls = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.add(message["params"]["request"]["url"])
    assert urls, "no request was recorded"
    assert {u for u in urls if not u.startswith(screen_app.url + "/")} == set()
    assert any("/data.json" in u for u in urls) and any("screen.js" in u for u in urls)


def test_many_refresh_cycles_without_errors_or_growth(driver: WebDriver, screen_app: App) -> None:
    open_screen(driver, f"{screen_app.url}/man-hinh/00004?refresh=1&rotate=2")
    probe = (
        "window.gc && window.gc(); return [document.getElementsByTagName('*').length,"
        " performance.memory ? performance.memory.usedJSHeapSize : 0,"
        " window.motcuaScreen.polls, window.motcuaScreen.failures];"
    )
    wait(driver).until(lambda d: d.execute_script("return window.motcuaScreen.polls") >= 3)
    nodes_before, heap_before, _, _ = driver.execute_script(probe)
    wait(driver, 90).until(lambda d: d.execute_script("return window.motcuaScreen.polls") >= 20)
    nodes_after, heap_after, polls, failures = driver.execute_script(probe)
    assert (polls >= 20, failures) == (True, 0)
    assert nodes_after == nodes_before  # a refresh rewrites text; it never adds elements
    assert heap_after - heap_before < 512 * 1024, (heap_before, heap_after)
    assert severe(driver) == []


def test_outage_shows_offline_mark_keeps_figures_and_recovers(
    driver: WebDriver, screen_app: App, tmp_path: Path
) -> None:
    # A server of its own: stopping the shared one would break the other tests.
    db = tmp_path / "motcua.duckdb"
    shutil.copyfile(screen_app.db, db)
    app = App(db, tmp_path)
    app.start()
    try:
        open_screen(driver, f"{app.url}/man-hinh/00004?refresh=1&rotate=60")
        offline = driver.find_element(By.ID, "screen-offline")
        assert not offline.is_displayed()
        received = field(driver, "today.received")
        app.stop()
        wait(driver).until(lambda d: offline.is_displayed())
        assert offline.text == "Mất kết nối máy chủ – đang hiển thị số liệu đã có"
        assert field(driver, "today.received") == received  # the last figures stay
        errors = severe(driver)
        assert errors and all("data.json" in e["message"] for e in errors), errors
        app.start()
        wait(driver).until(lambda d: not offline.is_displayed())
        assert field(driver, "today.received") == received
        failures = driver.execute_script("return window.motcuaScreen.failures")
        polls = driver.execute_script("return window.motcuaScreen.polls")
        time.sleep(3)
        assert driver.execute_script("return window.motcuaScreen.failures") == failures
        assert driver.execute_script("return window.motcuaScreen.polls") > polls
    finally:
        app.stop()


def test_unknown_ward_page_says_so(driver: WebDriver, screen_app: App) -> None:
    driver.get(f"{screen_app.url}/man-hinh/99999")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Không tìm thấy phường, xã mã 99999."


@pytest.mark.parametrize("slide", ["today", "month", "satisfaction", "thanks"])
def test_every_slide_passes_the_accessibility_audit(
    driver: WebDriver, screen_app: App, slide: str
) -> None:
    open_screen(driver, f"{screen_app.url}/man-hinh/00004?slides={slide}")
    violations = audit(driver)  # WCAG 2.1 AA, colour contrast included
    assert violations == [], report(violations)


def test_error_page_passes_the_accessibility_audit(driver: WebDriver, screen_app: App) -> None:
    driver.get(f"{screen_app.url}/man-hinh/00004?slides=ads")
    assert "slides" in driver.find_element(By.TAG_NAME, "h1").text
    violations = audit(driver)
    assert violations == [], report(violations)
