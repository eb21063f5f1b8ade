"""Every page passes axe-core's audit while nothing is loaded: a warehouse with reference data
and nothing else, and no warehouse file yet (tests/browser/test_accessibility.py audits the
pages with data; its :data:`UNLOADED_PAGES` lists the pages audited here).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.axe import audit, report
from tests.browser.test_accessibility import UNLOADED_PAGES, VIEWPORTS, _ids, open_settled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unloaded_urls(
    start_app: Callable[[Path], str],
    empty_warehouse: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, str]:
    """The app on a warehouse with reference data and nothing loaded, and with no file at all."""
    directory = tmp_path_factory.mktemp("a11y-unloaded")
    empty = directory / "empty.duckdb"
    empty.write_bytes(empty_warehouse.read_bytes())  # the session file is never written to
    return {
        "empty-warehouse": start_app(empty),
        "no-warehouse": start_app(directory / "not-loaded-yet.duckdb"),
    }


@pytest.fixture
def driver(module_driver: WebDriver) -> WebDriver:
    """The module's one Chromium, as in tests/browser/test_accessibility.py."""
    return module_driver


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("state", ["empty-warehouse", "no-warehouse"])
@pytest.mark.parametrize(("name", "path"), UNLOADED_PAGES, ids=_ids(UNLOADED_PAGES))
def test_page_without_data_has_no_serious_accessibility_violation(
    driver: WebDriver,
    unloaded_urls: dict[str, str],
    name: str,
    path: str,
    state: str,
    viewport: str,
) -> None:
    open_settled(driver, unloaded_urls[state] + path, viewport)
    violations = audit(driver)
    assert violations == [], f"{name} ({state}, {viewport}): {report(violations)}"
