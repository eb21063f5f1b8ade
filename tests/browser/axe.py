"""Accessibility audit of the page a Selenium driver shows, with axe-core (WCAG 2.0/2.1 A and AA).

axe-core's script comes from the ``selenium-axe-python`` wheel (a pinned test dependency that
ships ``axe.min.js``), so nothing is downloaded at run time. Its Python wrapper builds the
JavaScript call by pasting Python reprs into the source, so this module uses only the bundled
script: it injects it and calls ``axe.run`` itself, passing context and options as real arguments.

Usage in any browser test::

    from tests.browser.axe import audit, report

    violations = audit(driver)
    assert violations == [], report(violations)
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

AXE_SCRIPT = files("selenium_axe_python").joinpath("axe-core", "axe.min.js")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING_IMPACTS = ("serious", "critical")
SCRIPT_TIMEOUT_SECONDS = 30

# Runs in the page: resolves with axe's results, or with {error} when axe.run rejects, so a
# failure of the audit itself surfaces as a Python exception and never as "no violations".
_RUN = """
const [context, options, done] = arguments;
axe.run(context === null ? document : context, options)
    .then((results) => done({violations: results.violations}))
    .catch((error) => done({error: String(error && error.stack || error)}));
"""


class AuditError(RuntimeError):
    """axe-core could not audit the page (script missing, bad context, exception inside axe)."""


def axe_version(driver: WebDriver) -> str:
    """The version of axe-core in the page, injecting it first if needed."""
    _inject(driver)
    return driver.execute_script("return axe.version")


def _inject(driver: WebDriver) -> None:
    """Put axe-core in the current document once (a new page load needs it again)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE_SCRIPT.read_text(encoding="utf-8"))


def audit(driver: WebDriver, *, context: str | dict[str, Any] | None = None) -> list[dict]:
    """The serious and critical WCAG 2.0/2.1 A and AA violations of the page the driver shows.

    ``context`` is what axe audits: ``None`` for the whole document, a CSS selector, or axe's
    ``{"include": [...], "exclude": [...]}`` object. Each violation is axe's own dict (``id``,
    ``impact``, ``help``, ``helpUrl``, ``nodes`` with ``target`` and ``html``). Moderate and minor
    findings, best practices and "incomplete" results (what axe cannot decide alone) are left
    out: the quality bar (quality.md) is no serious or critical violation.
    """
    _inject(driver)
    options = {
        "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
        "resultTypes": ["violations"],
    }
    driver.set_script_timeout(SCRIPT_TIMEOUT_SECONDS)
    result = driver.execute_async_script(_RUN, context, options)
    if "error" in result:
        raise AuditError(f"axe.run failed on {driver.current_url}: {result['error']}")
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def report(violations: list[dict], *, nodes: int = 3) -> str:
    """A readable assertion message: per rule its id, impact, help and the first ``nodes`` nodes.

    Each node is given by its CSS target and its HTML snippet (cut at 200 characters).
    """
    if not violations:
        return "no serious or critical accessibility violation"
    lines = [f"{len(violations)} serious/critical accessibility violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s)] {violation['helpUrl']}"
        )
        for node in violation["nodes"][:nodes]:
            target = " ".join(str(part) for part in node["target"])
            snippet = " ".join(node["html"].split())
            if len(snippet) > 200:
                snippet = snippet[:199] + "…"
            lines.append(f"    {target}: {snippet}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line.strip()}" for line in summary.splitlines()[1:3])
        if len(violation["nodes"]) > nodes:
            lines.append(f"    … and {len(violation['nodes']) - nodes} more")
    return "\n".join(lines)
