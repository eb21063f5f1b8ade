"""The hall screen's routes: ``/man-hinh/<ward_code>`` (the page) and its ``data.json``.

Public by design (product.md "Access"): no sign-in, aggregates only, every figure through the
public rules of metrics.md §7 (:mod:`kpi.screen`). The routes read nothing but the screen figures
of :mod:`kpi.screen` and the thank-you slide's contact lines (``data/screen.toml``), so they
cannot reach a dossier id, a comment or any other non-public data. Only GET and HEAD are served.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for

from kpi.config import DATA_DIR, local_now, settings
from kpi.db import NoWarehouse, QueryTimeout, cursor
from kpi.freshness import working_days_after
from kpi.screen import (
    Ward,
    WarehouseState,
    data_as_of,
    data_version,
    find_ward,
    province_figures,
)
from screen.cache import SharedCache
from screen.text import strings, t
from screen.view import SLIDES, ScreenOptionError, ScreenOptions, parse_options, screen_model

HERE = Path(__file__).resolve().parent
CONTACTS_FILE = DATA_DIR / "screen.toml"
WARD_CODE = re.compile(r"\d{5}")

blueprint = Blueprint(
    "screen",
    __name__,
    url_prefix="/man-hinh",
    static_folder="static",
    static_url_path="/static",
    template_folder="templates",
)
figures_cache = SharedCache()  # (version, province, day, clock) → every ward's figures
newest_cache = SharedCache()  # version → the newest loaded timestamp

# Changes whenever the page's script, style or template does: a screen that sees a new build in
# data.json reloads itself once, so a hall never runs yesterday's script against today's server.
BUILD = hashlib.sha256(
    b"".join(
        p.read_bytes()
        for p in sorted([*HERE.glob("static/*"), *HERE.glob("templates/*"), *HERE.glob("*.py")])
    )
).hexdigest()[:12]

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Only the app itself: no CDN, no web font, no inline script (the config is a data attribute).
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'self'"  # a page of this site may frame a screen (a hall's wall)
    ),
}


def _headers(response: Response, cache: str) -> Response:
    response.headers.update(HEADERS)
    response.headers["Cache-Control"] = cache
    return response


def _options() -> ScreenOptions:
    cfg = settings()
    args = {k: request.args.getlist(k)[-1] for k in request.args}
    return parse_options(
        args,
        min_refresh=cfg.screen_min_refresh,
        default_stale_minutes=cfg.screen_stale_minutes,
        stale_working_days=cfg.stale_working_days,
    )


def _figures(state: WarehouseState, ward: Ward, now: datetime) -> dict[str, Any]:
    """The ward's published figures, from the cache shared by every screen of the province."""
    ahead = state.data_as_of is not None and state.data_as_of > now
    clock = now.replace(second=0, microsecond=0) if ahead else None
    key = (state.version, ward.province_code, now.date())

    def compute() -> dict[str, Any]:
        with cursor() as cur:
            return province_figures(
                cur, province_code=ward.province_code, today=now.date(), now=clock or now
            )

    return figures_cache.get(key, compute, tag=clock).get(ward.code, {})


def _read(ward_code: str) -> tuple[Ward | None, WarehouseState | None, dict | None, bool]:
    """(ward, state, figures, known): ``state`` is ``None`` while nothing is loaded."""
    try:
        with cursor() as cur:
            version, last_load_at = data_version(cur)
            newest = newest_cache.get(version, lambda: data_as_of(cur))
            days_old = None
            if newest is not None:
                days_old = working_days_after(cur, newest.date(), local_now().date())
            state = WarehouseState(version, newest, last_load_at or newest, days_old)
            ward = find_ward(cur, ward_code)
    except NoWarehouse as exc:
        if exc.corrupt:  # the hall sees "no data yet"; the operators must load again
            current_app.logger.error("hall screen: %s", exc)
        return None, None, None, True  # a screen installed before the first load waits for it
    if ward is None:
        return None, state, None, False
    return ward, state, _figures(state, ward, local_now()), True


def _contacts(ward_code: str, lang: str) -> dict[str, str]:
    """The thank-you slide's lines for a ward (``data/screen.toml``; empty lines left out)."""
    if not CONTACTS_FILE.is_file():
        return {}
    with CONTACTS_FILE.open("rb") as fh:
        raw = tomllib.load(fh)
    values = {**raw.get("default", {}), **raw.get("wards", {}).get(ward_code, {})}
    hours = values.get("hours_en" if lang == "en" else "hours") or values.get("hours") or ""
    lines = {}
    if hours:
        lines["hours"] = t(lang, "thanks.hours", hours=hours)
    if values.get("hotline"):
        lines["hotline"] = t(lang, "thanks.hotline", hotline=values["hotline"])
    return lines


def _error_page(status: int, message: str, lang: str = "vi") -> Response:
    body = render_template(
        "screen_error.html",
        lang=lang,
        message=message,
        css=url_for("screen.static", filename="screen.css", v=BUILD),
    )
    return _headers(Response(body, status=status, mimetype="text/html"), "no-store")


@blueprint.get("/<ward_code>")
def page(ward_code: str) -> Response:
    """The full-screen page, rendered with the current figures (readable before any script)."""
    try:
        options = _options()
    except ScreenOptionError as exc:
        return _error_page(400, str(exc))
    lang = options.lang
    if not WARD_CODE.fullmatch(ward_code):
        return _error_page(404, t(lang, "unknown_ward", code=ward_code), lang)
    ward, state, figures, known = _read(ward_code)
    if not known:
        return _error_page(404, t(lang, "unknown_ward", code=ward_code), lang)
    now = local_now()
    model = screen_model(
        ward_code=ward_code, ward=ward, state=state, figures=figures, options=options, now=now
    )
    args = {"lang": lang}
    config = {
        "data_url": url_for("screen.data", ward_code=ward_code, **args),
        "refresh": options.refresh,
        "rotate": options.rotate,
        "build": BUILD,
        "offline": t(lang, "offline"),
        "server_time": model["server_time"],
    }
    body = render_template(
        "screen.html",
        lang=lang,
        s=strings(lang),
        model=model,
        slides=[(name, SLIDES[name]) for name in options.slides],
        contacts=_contacts(ward_code, lang),
        config=json.dumps(config, ensure_ascii=False),
        css=url_for("screen.static", filename="screen.css", v=BUILD),
        js=url_for("screen.static", filename="screen.js", v=BUILD),
    )
    return _headers(Response(body, mimetype="text/html"), "no-cache")


@blueprint.get("/<ward_code>/data.json")
def data(ward_code: str) -> Response:
    """The figures and texts of the page, for its refresh (same rules as the page)."""
    try:
        options = _options()
    except ScreenOptionError as exc:
        return _json({"error": str(exc), "parameter": exc.parameter}, 400)
    if not WARD_CODE.fullmatch(ward_code):
        return _json({"error": t(options.lang, "unknown_ward", code=ward_code)}, 404)
    ward, state, figures, known = _read(ward_code)
    if not known:
        return _json({"error": t(options.lang, "unknown_ward", code=ward_code)}, 404)
    model = screen_model(
        ward_code=ward_code,
        ward=ward,
        state=state,
        figures=figures,
        options=options,
        now=local_now(),
    )
    return _json({**model, "build": BUILD})


@blueprint.errorhandler(QueryTimeout)
def query_timeout(exc: QueryTimeout) -> Response:
    """The figures took longer than MOTCUA_QUERY_TIMEOUT: 503 (the page's script keeps the
    figures it has and retries at its next refresh; the page itself reloads in a minute)."""
    current_app.logger.warning("hall screen: %s %s", request.full_path, exc)
    lang = "en" if request.args.get("lang") == "en" else "vi"
    message = t(lang, "timeout")
    if request.path.endswith("/data.json"):
        return _json({"error": message}, 503)
    response = _error_page(503, message, lang)
    response.headers["Refresh"] = "60"  # the error page has no script: the browser retries
    return response


def _json(body: dict[str, Any], status: int = 200) -> Response:
    text = json.dumps(body, ensure_ascii=False, allow_nan=False)
    # no-store: a screen must learn that the server is down, not be served a cached answer.
    return _headers(Response(text, status=status, mimetype="application/json"), "no-store")
