"""Time what a signed-in browser posts to ``/_dash-update-component`` when it opens a page.

Usage: ``python bench/http_callbacks.py --db <warehouse> --runs 5``

Starts the app as production does (gunicorn, ``app:server``, one worker, a secret key, a fresh
users' file with one admin), signs in through the real form (CSRF token included), then for each
page and URL: posts the page router's request (the page drawn), then the callbacks the drawn
page fires on its own (those without ``prevent_initial_call``: the navbar's), as dash-renderer
posts them (the ``X-CSRFToken`` header, the values of the drawn components; the request bodies
are built by the test suite's own browser model, ``tests/access_fixture.py``). Each request must
answer 200 or 204. Then, on each leaders' page, each filter of :data:`CHANGES` set once as a
person sets it (the page's filter callback): first ask and warm median.

``cold``: the first time a URL is asked, in a server started for the run (its results not cached
yet; the first URL also pays the process's first attach and the menus' lists); ``warm``: the
median of ``--runs`` more times (cache hits). A page
load is the sum of its requests (the browser sends the page's callbacks in parallel, so this is
an upper bound of the server's share of it). Milliseconds, client-side, over the loopback.
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "mat-khau-do-hieu-nang-1"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """A signed-in session: cookies, the CSRF header, timed posts."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as answer:
            return answer.read().decode("utf-8")

    def sign_in(self, login: str) -> None:
        page = self.get("/dang-nhap")
        token = html.unescape(TOKEN.search(page).group(1))
        form = urllib.parse.urlencode(
            {"username": login, "password": PASSWORD, "csrf_token": token}
        ).encode()
        with self.opener.open(self.base + "/dang-nhap", data=form, timeout=60) as answer:
            answer.read()
        if not any(c.name == "motcua_session" for c in self.jar):
            raise SystemExit("sign-in failed: no session cookie")

    def post(self, body: dict[str, Any]) -> tuple[float, dict[str, Any] | None]:
        csrf = next(c.value for c in self.jar if c.name == "_csrf_token")
        request = urllib.request.Request(
            self.base + "/_dash-update-component",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
        )
        started = time.perf_counter()
        with self.opener.open(request, timeout=120) as answer:
            raw = answer.read()
            status = answer.status
        ms = (time.perf_counter() - started) * 1000
        if status not in (200, 204):
            raise SystemExit(f"{body['output'][:60]}: HTTP {status}")
        return ms, (json.loads(raw) if status == 200 and raw else None)


def _serve(db: Path, users_db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    env = {
        **os.environ,
        "MOTCUA_DB": str(db),
        "MOTCUA_USERS_DB": str(users_db),
        "MOTCUA_SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "PYTHONPATH": str(ROOT),
        # "first ask" is what a view not drawn ahead costs (pages/_warm.py draws the usual ones
        # after each load: they are then as fast as "warm")
        "MOTCUA_PREWARM": "0",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "1", "--threads", "8", "-b",
         f"127.0.0.1:{port}", "--log-level", "warning", "app:server"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/dang-nhap", timeout=5).read()
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the app did not start")


def _fired_on_load(app: Any) -> set[str]:
    """The callbacks dash-renderer posts when their inputs are drawn: those without
    ``prevent_initial_call`` (every page callback has it; the navbar's active link has not)."""
    return {
        entry["output"] for entry in app._callback_list if not entry.get("prevent_initial_call")
    }


def _page_requests(app: Any, browser: Browser, path: str, search: str) -> list[tuple[str, float]]:
    """Open ``path + search`` as Chromium does: the router's request, then the callbacks of the
    drawn page that fire on load (checked against Chromium's own requests: the router and the
    navbar's, README)."""
    from tests.access_fixture import browser_bodies, drawn_components, matching_ids, router_body

    ms, drawn = browser.post(router_body(app, path, search))
    timed = [("page", ms)]
    components = drawn_components(drawn["response"])
    on_load = _fired_on_load(app)
    for key, spec in app.callback_map.items():
        if key not in on_load or "_pages_content" in key:
            continue
        if not matching_ids(spec["inputs"][0]["id"], components):
            continue  # not a callback of this page
        for body in browser_bodies(app, key, components, path, search):
            ms, _ = browser.post(body)
            timed.append((key.split(".")[0].strip(".")[:40], ms))
    return timed


# A filter chosen on a drawn page: (label, the control, its new value). "ward", "field": the
# menu's first real option; "custom": 45 days ending on the drawn period's last day.
CHANGES = (
    ("this_month", "period", "this_month"), ("last_month", "period", "last_month"),
    ("this_quarter", "period", "this_quarter"), ("last_quarter", "period", "last_quarter"),
    ("this_year", "period", "this_year"), ("last_30_days", "period", "last_30_days"),
    ("ad hoc: custom range", "from", None), ("ad hoc: one ward", "ward", None),
    ("ad hoc: one field", "field", None),
)  # fmt: skip


def _change_body(app: Any, prefix: str, drawn: Any, path: str, change: tuple) -> dict | None:
    """The request the page's filter callback gets when a person sets one control."""
    from tests.access_fixture import browser_bodies, drawn_components

    _, control, value = change
    components = drawn_components(drawn["response"])
    key = next(k for k in app.callback_map if f'"page":"{prefix}","type":"page-url"' in k)
    ids = [one["id"] for one in app.callback_map[key]["inputs"]]
    if f"{prefix}-{control}" not in ids:
        return None  # the page has no such control (the ward page has no ward menu)
    body = browser_bodies(app, key, components, path, "")[0]
    values = {item["id"]: item for item in body["inputs"]}
    if control == "from":
        last = datetime.strptime(values[f"{prefix}-to"]["value"], "%d/%m/%Y").date()
        values[f"{prefix}-from"]["value"] = (last - timedelta(days=44)).strftime("%d/%m/%Y")
    elif value is None:
        options = components[f"{prefix}-{control}"]["options"]
        value = next(o["value"] for o in options if o["value"] != "all")
    if value is not None:
        values[f"{prefix}-{control}"]["value"] = value
    body["changedPropIds"] = [f"{prefix}-{control}.value"]
    return body


def _changes(app: Any, browser: Browser, prefix: str, path: str, runs: int) -> list[dict]:
    """Each of :data:`CHANGES` on the page at ``path``: first ask and warm median (ms)."""
    from tests.access_fixture import router_body

    _, drawn = browser.post(router_body(app, path, ""))
    rows = []
    for change in CHANGES:
        body = _change_body(app, prefix, drawn, path, change)
        if body is None:
            continue
        first, _ = browser.post(body)
        warm = statistics.median(browser.post(body)[0] for _ in range(runs))
        rows.append({"page": path, "change": change[0], "first": first, "warm": warm})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the warehouse to read")
    parser.add_argument("--runs", type=int, default=5, help="warm repeats per URL (median)")
    parser.add_argument("--ward", help="the ward of the ward rows (default: the first by code)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="motcua-http-bench-"))
    users_db = work / "users.sqlite"
    os.environ["MOTCUA_DB"] = str(args.db)
    os.environ["MOTCUA_USERS_DB"] = str(users_db)
    os.environ["MOTCUA_SECRET_KEY"] = "bench-" + os.urandom(16).hex()  # this process's, unused
    from web import users

    users.add_user("bench-admin", "admin", PASSWORD)
    import app as app_module  # the callback map the bodies are built from (not served here)

    app_module.server.test_client().get("/phuong-phap")  # registers the pages' callbacks
    app = app_module.app
    import duckdb

    with duckdb.connect(str(args.db), read_only=True) as con:
        ward = args.ward or con.execute(
            "SELECT min(ward_code) FROM dossiers"
        ).fetchone()[0]  # fmt: skip
    urls = [
        ("/", ""), ("/", "?period=last_month"), ("/", "?period=this_year"),
        ("/", f"?period=this_month&ward={ward}"),
        (f"/phuong/{ward}", ""), (f"/phuong/{ward}", "?period=last_month"),
        ("/linh-vuc", ""), ("/hai-long", ""),
    ]  # fmt: skip

    proc, base = _serve(args.db, users_db)
    try:
        browser = Browser(base)
        browser.sign_in("bench-admin")
        browser.get("/")  # the page itself, and the _csrf_token cookie
        rows = []
        for path, search in urls:
            cold = _page_requests(app, browser, path, search)
            warm_runs = [_page_requests(app, browser, path, search) for _ in range(args.runs)]
            warm = [sum(ms for _, ms in run) for run in warm_runs]
            each = [ms for run in warm_runs for _, ms in run[1:]]
            parts = [
                (name, ms, statistics.median(run[i][1] for run in warm_runs))
                for i, (name, ms) in enumerate(cold)
            ]
            rows.append({
                "url": path + search, "requests": len(cold), "parts": parts,
                "cold": sum(ms for _, ms in cold), "warm": statistics.median(warm),
                "callback_warm_p50": statistics.median(each) if each else None,
                "callback_cold_max": max(ms for _, ms in cold),
            })  # fmt: skip
        changes = []
        for prefix, path in (("overview", "/"), ("ward", f"/phuong/{ward}"),
                             ("fields", "/linh-vuc"), ("satisfaction", "/hai-long")):  # fmt: skip
            changes += _changes(app, browser, prefix, path, args.runs)
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    print(f"HTTP, gunicorn -w 1 --threads 8, signed in as an admin, {args.db}, runs={args.runs}")
    print("| URL | requests | page load cold | page load warm | callback warm p50 | cold max |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        p50 = f"{r['callback_warm_p50']:.1f}" if r["callback_warm_p50"] is not None else "—"
        print(f"| `{r['url']}` | {r['requests']} | {r['cold']:.0f} | {r['warm']:.0f} | {p50} "
              f"| {r['callback_cold_max']:.0f} |")  # fmt: skip
    print("\nEach request (cold / warm median, ms):")
    for r in rows:
        each = ", ".join(f"{name} {cold:.0f}/{warm:.0f}" for name, cold, warm in r["parts"])
        print(f"- `{r['url']}`: {each}")

    print("\nA filter changed on a drawn page (the page's filter callback; ms):")
    print("| page | change | first ask | warm p50 |")
    print("|---|---|---|---|")
    for c in changes:
        print(f"| `{c['page']}` | {c['change']} | {c['first']:.0f} | {c['warm']:.1f} |")
    firsts = sorted(c["first"] for c in changes)
    warms = sorted(c["warm"] for c in changes)
    print(f"\nFilter changes: first ask p50 {statistics.median(firsts):.0f} ms, "
          f"max {firsts[-1]:.0f} ms; warm p50 {statistics.median(warms):.1f} ms, "
          f"max {warms[-1]:.1f} ms ({len(changes)} changes)")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"pages": rows, "changes": changes}, indent=1))


if __name__ == "__main__":
    main()
