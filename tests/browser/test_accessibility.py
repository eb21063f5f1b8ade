"""Every page passes axe-core's WCAG 2.0/2.1 A and AA audit: no serious or critical violation.

quality.md: "axe-core … run in headless Chromium on every page: no serious or critical
violations". Each page is audited on a desktop screen and at a phone viewport (390×844), with
real figures (the overview dossiers loaded by the real loader), with an invalid URL, and with no
data at all (a warehouse with nothing loaded, and no warehouse file yet).

A new page is one more line in :data:`PAGES` (or :data:`UNLOADED_PAGES` for what it shows before
anything is loaded: audited in tests/browser/test_accessibility_unloaded.py, a module of its own
so that the suite's two workers share the audits).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from etl.loader import load_files
from tests.browser.axe import AuditError, audit, axe_version, report
from tests.browser.waiting import wait
from tests.fields_fixture import FIELDS_DOSSIERS
from tests.overview_fixture import OVERVIEW_DOSSIERS
from ui.definitions import METRICS

pytestmark = pytest.mark.browser

OCTOBER = "from=2026-10-01&to=2026-10-31"

# (name, path) of every page state to audit against the loaded test warehouse.
PAGES: list[tuple[str, str]] = [
    ("overview", f"/?{OCTOBER}"),
    ("overview-ward", f"/?{OCTOBER}&ward=00004"),
    ("overview-empty-period", "/?from=2020-01-01&to=2020-01-31"),
    ("overview-invalid-url", "/?from=2026-13-01&to=2026-10-31"),
    ("overview-unknown-ward", f"/?{OCTOBER}&ward=99999"),
    ("methodology", "/phuong-phap"),
    ("satisfaction", f"/hai-long?{OCTOBER}"),
    ("ward", f"/phuong/00004?{OCTOBER}"),
    ("fields", f"/linh-vuc?{OCTOBER}"),
    ("fields-field", f"/linh-vuc?{OCTOBER}&field=%C4%90%E1%BA%A5t+%C4%91ai"),
    ("fields-procedure", f"/linh-vuc?{OCTOBER}&field=%C4%90%E1%BA%A5t+%C4%91ai&procedure=1.001193"),
    ("data-status", f"/du-lieu?{OCTOBER}"),  # as the admin: with the upload form
    ("not-found", "/khong-co"),
    ("ward-unknown", f"/phuong/99999?{OCTOBER}"),
    ("index766", f"/chi-so-766?{OCTOBER}"),
    ("index766-ward", f"/chi-so-766?{OCTOBER}&ward=00004"),
    ("report", f"/bao-cao?{OCTOBER}"),
    ("report-ward", f"/bao-cao?{OCTOBER}&ward=00004"),
    ("report-empty-period", "/bao-cao?from=2020-01-01&to=2020-01-31"),
]
# (name, path) of every page to audit while nothing is loaded (empty warehouse, no warehouse).
UNLOADED_PAGES: list[tuple[str, str]] = [
    ("overview", "/"),
    ("methodology", "/phuong-phap"),
    ("satisfaction", "/hai-long"),
    ("ward", "/phuong/00004"),
    ("fields", "/linh-vuc"),
    ("data-status", "/du-lieu"),
    ("index766", "/chi-so-766"),
    ("report", "/bao-cao"),
]
# name → (width, height, mobile) of the emulated screen.
VIEWPORTS: dict[str, tuple[int, int, bool]] = {
    "desktop": (1366, 900, False),
    "phone": (390, 844, True),
}
# Dash marks a component whose callback is running; the page is settled when none is left.
SETTLED = (
    "return document.querySelector('#_pages_content h1') !== null"
    " && document.querySelector('[data-dash-is-loading=\"true\"]') === null"
)


def _ids(pages: list[tuple[str, str]]) -> list[str]:
    return [name for name, _ in pages]


@pytest.fixture(scope="module")
def loaded_url(start_app: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The app on a warehouse holding the overview dossiers and the fields page's."""
    directory = tmp_path_factory.mktemp("a11y-warehouse")
    (directory / "ho_so.csv").write_text(OVERVIEW_DOSSIERS, encoding="utf-8")
    (directory / "ho_so_linh_vuc.csv").write_text(FIELDS_DOSSIERS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    result = load_files([directory / "ho_so.csv", directory / "ho_so_linh_vuc.csv"], db=db)
    assert result.ok, result
    return start_app(db)


@pytest.fixture
def driver(module_driver: WebDriver) -> WebDriver:
    """The module's one Chromium: an audit only reads the page it opens, so the audits share a
    browser (signed in through the form once) instead of starting and signing in one each."""
    return module_driver


def open_settled(driver: WebDriver, url: str, viewport: str = "desktop") -> None:
    """Load ``url`` on the emulated ``viewport`` and wait until Dash has rendered the page.

    Rendered means: the page's ``h1`` is there (every page has one) and no callback is running.
    """
    width, height, mobile = VIEWPORTS[viewport]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
    driver.get(url)
    wait(driver).until(lambda d: d.execute_script(SETTLED))
    assert driver.execute_script("return window.innerWidth") == width


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=_ids(PAGES))
def test_page_has_no_serious_accessibility_violation(
    driver: WebDriver, loaded_url: str, name: str, path: str, viewport: str
) -> None:
    open_settled(driver, loaded_url + path, viewport)
    violations = audit(driver)
    assert violations == [], f"{name} ({viewport}): {report(violations)}"


def test_open_definition_tooltip_has_no_serious_accessibility_violation(
    driver: WebDriver, loaded_url: str
) -> None:
    open_settled(driver, loaded_url + f"/?{OCTOBER}")
    ActionChains(driver).move_to_element(
        driver.find_element(By.ID, "overview-on-time-info")
    ).perform()
    tooltip = wait(driver).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "[role=tooltip]"))
    )
    assert tooltip.text == METRICS["on_time_rate"].tooltip
    violations = audit(driver)
    assert violations == [], report(violations)


def test_audit_reports_injected_violations(driver: WebDriver, loaded_url: str) -> None:
    """The audit is a real check: an image without alt text and grey-on-white text are caught.

    Contrast of #aaaaaa on white is 2,32:1, under the 4,5:1 that WCAG AA asks of normal text.
    """
    open_settled(driver, loaded_url + f"/?{OCTOBER}")
    driver.execute_script(
        """
        const main = document.getElementById('main');
        main.insertAdjacentHTML('beforeend',
            '<img id="probe-img" width="40" height="40">' +
            '<p id="probe-text" style="color:#aaaaaa;background:#ffffff">Chữ mờ</p>');
        """
    )
    found = sorted(
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]]) for v in audit(driver)
    )
    assert found == [
        ("color-contrast", "serious", [["#probe-text"]]),
        ("image-alt", "critical", [["#probe-img"]]),
    ]
    assert audit(driver, context="#overview-content") == []
    message = report(audit(driver, context="#probe-img"))
    assert message.startswith("1 serious/critical accessibility violation(s):\n- image-alt")
    assert '#probe-img: <img id="probe-img" width="40" height="40">' in message


def test_audit_fails_loudly_when_axe_cannot_run(driver: WebDriver, loaded_url: str) -> None:
    open_settled(driver, loaded_url + f"/?{OCTOBER}")
    assert axe_version(driver).startswith("4.")
    with pytest.raises(AuditError, match="No elements found"):
        audit(driver, context="#no-such-element")
