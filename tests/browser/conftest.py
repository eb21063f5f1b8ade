"""Real-browser fixtures: the app in a subprocess, headless Chromium driven by Selenium.

Chromium and chromedriver come from the system (Debian: ``apt-get install chromium
chromium-driver``). Without them the browser tests skip with that hint, except in CI (env ``CI``
set), where a missing browser is a failure: CI must never pass by skipping what a person sees.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from web import users

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
DRIVER_CANDIDATES = ("/usr/bin/chromedriver", "chromedriver")
STARTUP_SECONDS = 60

# Every app the browser tests start has these accounts (made by web.users, as the CLI makes
# them): the admin the drivers sign in as whenever a page sends them to the sign-in form, and a
# ward user.
ADMIN, WARD_USER, PASSWORD = "admin", "phuong-ngoc-ha", "mat-khau-trinh-duyet-1"
WARD_USER_WARD = "00008"  # Phường Ngọc Hà
SIGN_IN = "/dang-nhap"


def add_user(users_db: Path, login: str, *options: str, password: str = PASSWORD) -> None:
    """``python -m etl users add LOGIN ... --password-stdin`` (data-contract §3)."""
    subprocess.run(
        [sys.executable, "-m", "etl", "users", "add", login, *options, "--password-stdin",
         "--users-db", str(users_db)],
        input=password + "\n", text=True, check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip


def sign_in(browser: webdriver.Chrome, login: str = ADMIN, password: str = PASSWORD) -> None:
    """Fill the sign-in form the browser shows and submit it, as a person would."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    from tests.browser.waiting import wait

    form = wait(browser, 10).until(ec.presence_of_element_located((By.ID, "username")))
    form.clear()
    form.send_keys(login)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "sign-in-submit").click()
    wait(browser, 10).until(lambda b: SIGN_IN not in b.current_url)


class SigningInChrome(webdriver.Chrome):
    """Chromium that, sent to the sign-in form by a page it opens, signs in as :data:`ADMIN`
    through the form and lands on the page it asked for (the session then lasts)."""

    def get(self, url: str) -> None:
        super().get(url)
        if SIGN_IN in self.current_url and SIGN_IN not in url:
            sign_in(self)


def _which(candidates: tuple[str, ...]) -> str | None:
    for name in candidates:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser_paths() -> tuple[str, str]:
    """Paths of Chromium and chromedriver; skip (locally) or fail (CI) when either is missing."""
    chromium, driver = _which(CHROMIUM_CANDIDATES), _which(DRIVER_CANDIDATES)
    if chromium and driver:
        return chromium, driver
    message = "Chromium/chromedriver not installed: apt-get install chromium chromium-driver"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run the browser tests)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with {proc.returncode}:\n{log.read_text('utf-8')}")
        try:
            with urllib.request.urlopen(url + "/_dash-layout", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"app.py did not answer within {STARTUP_SECONDS} s:\n{log.read_text('utf-8')}")


@pytest.fixture(scope="session")
def start_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start ``python app.py`` on a free port reading the given warehouse; return its base URL.

    ``script`` runs another Dash app instead (it must serve on ``MOTCUA_HOST``/``MOTCUA_PORT``).
    """
    started: list[subprocess.Popen[bytes]] = []

    def start(db: Path, script: Path = ROOT / "app.py", **extra_env: str) -> str:
        port = _free_port()
        directory = tmp_path_factory.mktemp("app")
        log = directory / "app.log"
        users_db = directory / "users.sqlite"
        # In this process (the CLI's own tests are tests/test_users.py): two fewer interpreters
        # to start for every app of the suite.
        users.add_user(ADMIN, "admin", PASSWORD, path=users_db)
        users.add_user(WARD_USER, "ward", PASSWORD, wards=(WARD_USER_WARD,), path=users_db)
        env = {**os.environ, "MOTCUA_DB": str(db), "MOTCUA_PORT": str(port)}
        env.update(MOTCUA_HOST="127.0.0.1", MOTCUA_USERS_DB=str(users_db))
        env.update(extra_env)  # a test's own settings win (its own users' database, say)
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, str(script)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        started.append(proc)
        url = f"http://127.0.0.1:{port}"
        _wait_until_serving(url, proc, log)
        return url

    yield start
    for proc in started:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def chromium(browser_paths: tuple[str, str], profile: Path) -> SigningInChrome:
    """A headless Chromium with its own profile directory and the console log enabled."""
    binary, chromedriver = browser_paths
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,900",
        "--force-device-scale-factor=1",
        "--js-flags=--expose-gc",  # lets a soak test measure the heap after a collection
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    # "performance" records every network request (the hall screen checks their origin).
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return SigningInChrome(service=Service(chromedriver), options=options)


@pytest.fixture
def driver_factory(
    browser_paths: tuple[str, str], tmp_path: Path
) -> Iterator[Callable[[], webdriver.Chrome]]:
    """Start fresh headless Chromium sessions (own profile each), all quit at the end."""
    started: list[webdriver.Chrome] = []

    def start() -> webdriver.Chrome:
        browser = chromium(browser_paths, tmp_path / f"chromium-profile-{len(started)}")
        started.append(browser)
        return browser

    yield start
    for browser in started:
        browser.quit()


@pytest.fixture(scope="module")
def module_driver(
    browser_paths: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[webdriver.Chrome]:
    """One Chromium for a whole module whose tests only read the pages they open (the audits):
    it signs in through the form once, on the first page that asks, and keeps its session."""
    browser = chromium(browser_paths, tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()


@pytest.fixture
def driver(driver_factory: Callable[[], webdriver.Chrome]) -> webdriver.Chrome:
    """A fresh headless Chromium with the browser console log enabled."""
    return driver_factory()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The directory for screenshots (git-ignored), created on demand."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
