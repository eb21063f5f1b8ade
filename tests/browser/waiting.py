"""One way to wait in the browser tests: re-rendered elements are retried, never a failure.

Dash replaces a component's DOM nodes whenever a callback answers, so an element found a moment
ago may be gone by the time the condition reads it (StaleElementReferenceException). That is the
page working, not failing: the wait looks again until its condition holds or time runs out.
"""

from __future__ import annotations

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 20
# How often a wait reads its condition again. Selenium's default (0.5 s) adds a quarter of a
# second on average to every wait of the suite after the page is already there.
POLL_SECONDS = 0.05
RETRIED = (NoSuchElementException, StaleElementReferenceException)


def wait(driver: WebDriver, seconds: float = WAIT_SECONDS) -> WebDriverWait[WebDriver]:
    """A WebDriverWait that retries while the elements it reads are being re-rendered."""
    return WebDriverWait(driver, seconds, poll_frequency=POLL_SECONDS, ignored_exceptions=RETRIED)


def click(driver: WebDriver, by: str, value: str) -> None:
    """Find an element afresh, scroll it to the middle of the window, click it.

    Found again on every try, so a table Dash re-renders between finding and clicking is retried
    rather than a failure. The scroll is instant: Bootstrap scrolls smoothly, and a click made
    mid-animation misses; the middle keeps it clear of the sticky header.
    """

    def attempt(d: WebDriver) -> bool:
        element = d.find_element(by, value)
        d.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
        )
        element.click()
        return True

    wait(driver).until(attempt)
