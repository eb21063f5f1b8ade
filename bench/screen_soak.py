"""Soak the hall screen: one headless Chromium left on ``/man-hinh/<ward>`` for a long stretch.

Usage: ``python bench/screen_soak.py --db data/motcua.duckdb --minutes 20 --refresh 2``

Starts ``python app.py`` on the warehouse (with the refresh floor lowered to ``--refresh``), opens
the screen and samples every ``--every`` seconds: refreshes done and failed, the element count,
the JS heap after a forced collection, console errors, and whether every figure on screen equals
what ``data.json`` answers (when the figures moved since the screen's last refresh, checked again
after two refresh intervals). Prints one row per sample and exits non-zero if any
sample is wrong, an error was logged, the element count changed or the heap grew by more than
``--max-growth-kib``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the app did not answer at {url}")


def main() -> int:
    """Run the soak; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "motcua.duckdb")
    parser.add_argument("--ward", default="00004")
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--refresh", type=int, default=2)
    parser.add_argument("--rotate", type=int, default=3)
    parser.add_argument("--every", type=int, default=60)
    parser.add_argument("--max-growth-kib", type=int, default=1024)
    args = parser.parse_args()

    port = _port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MOTCUA_DB": str(args.db), "MOTCUA_PORT": str(port)}
    env["MOTCUA_SCREEN_MIN_REFRESH"] = str(args.refresh)
    app = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="soak-profile-")
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--js-flags=--expose-gc", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    status = 0
    try:
        _wait(base + f"/man-hinh/{args.ward}")
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False},
        )
        query = f"?refresh={args.refresh}&rotate={args.rotate}"
        driver.get(base + f"/man-hinh/{args.ward}{query}")
        time.sleep(args.refresh * 2)
        probe = (
            "window.gc(); var s = window.motcuaScreen, f = {};"
            "document.querySelectorAll('[data-field]').forEach(function (e) {"
            "  f[e.dataset.field] = e.textContent; });"
            "return [s.polls, s.failures, document.getElementsByTagName('*').length,"
            "        performance.memory.usedJSHeapSize, f, s.boot];"
        )
        first = None
        errors = 0
        started = time.monotonic()
        print("minute  polls  failures  elements  heap_kib  errors  figures_match")

        def expected() -> dict:
            with urllib.request.urlopen(base + f"/man-hinh/{args.ward}/data.json") as r:
                return json.load(r)["fields"]

        while True:
            polls, failures, nodes, heap, shown, boot = driver.execute_script(probe)
            match = shown == expected()
            if not match:  # the figures moved since the screen's last refresh: wait for the next
                time.sleep(args.refresh * 2 + 1)
                polls, failures, nodes, heap, shown, boot = driver.execute_script(probe)
                match = shown == expected()
            errors += sum(1 for e in driver.get_log("browser") if e["level"] == "SEVERE")
            first = first or (nodes, heap, boot)
            minute = (time.monotonic() - started) / 60
            print(
                f"{minute:6.1f}  {polls:5d}  {failures:8d}  {nodes:8d}  {heap // 1024:8d}  "
                f"{errors:6d}  {match}"
            )
            if not match or failures or errors or nodes != first[0] or boot != first[2]:
                status = 1
            if minute >= args.minutes:
                break
            time.sleep(args.every)
        growth = (heap - first[1]) // 1024
        print(f"heap growth over the run: {growth} KiB")
        if growth > args.max_growth_kib:
            status = 1
    finally:
        driver.quit()
        app.terminate()
        app.wait(timeout=10)
    return status


if __name__ == "__main__":
    sys.exit(main())
