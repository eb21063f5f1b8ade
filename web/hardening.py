"""The server's armour: CSRF, rate limits, body size, security headers, cookies and errors.

All with maintained libraries (quality.md Security): Flask-WTF checks a CSRF token on every
POST (Dash's renderer sends it as ``X-CSRFToken`` from the ``_csrf_token`` cookie set here),
Flask-Limiter answers 429 with ``Retry-After``, Flask-Talisman sets the headers, with a CSP
that allows this origin only and Dash's inline scripts by their hashes (``csp_hashes()``).
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import dash
from flask import Flask, Request, jsonify, request
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from werkzeug.exceptions import HTTPException
from werkzeug.serving import WSGIRequestHandler
from werkzeug.wrappers import Response

from kpi.config import settings
from kpi.db import NoWarehouse, QueryTimeout
from marks import N_
from screen.routes import HEADERS as SCREEN_HEADERS
from web.inputs import BadInput

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024  # a callback request carries a few controls' values: a few kB
CSRF_COOKIE = "_csrf_token"  # the cookie dash-renderer reads (its csrf_token_name)

# Rate limits per client address (per worker process: the storage is in memory). Callables,
# so a test or an operator's environment can change them without a restart.
SIGN_IN_PER_CLIENT = "20 per minute"  # failed sign-ins from one address
SIGN_IN_PER_LOGIN = "5 per minute;20 per hour"  # failed sign-ins for one login
PUBLIC_API = "120 per minute"
# Hall screens poll once a minute (at most every MOTCUA_SCREEN_MIN_REFRESH seconds): a hall's
# screens behind one address stay far below this.
SCREENS = "600 per minute"
ANONYMOUS_CALLBACKS = "300 per minute"  # the public pages' callbacks; signed-in users: none

csrf = CSRFProtect()
limiter = Limiter(
    key_func=get_remote_address,
    storage_uri="memory://",
    headers_enabled=True,  # Retry-After (and X-RateLimit-*) on every limited answer
    strategy="moving-window",
)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, its cookie ``Secure`` whenever the request came over
    TLS (directly or, with ``ProxyFix``, through a proxy), so it never leaves in clear."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


class QuietRequestHandler(WSGIRequestHandler):
    """The development server (``python app.py``) without its version in ``Server``."""

    def version_string(self) -> str:
        return "motcua"


def _wants_json(req: Request) -> bool:
    return req.path.startswith(("/api/", "/_dash-", "/man-hinh/")) and not req.path.endswith("/")


def error_answer(status: int, message: str) -> Response:
    """A short answer with ``status``: JSON for the API and callbacks, plain text otherwise;
    never a traceback."""
    if _wants_json(request):
        response = jsonify(error=message)
    else:
        response = Response(message, mimetype="text/plain")
    response.status_code = status
    return response


MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập.",
    403: "Không được phép.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ.",
    413: "Yêu cầu quá lớn.",
    429: "Quá nhiều yêu cầu; hãy thử lại sau ít phút.",
}


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    if status == 404 and not _wants_json(request):
        return exc.get_response()
    response = error_answer(status, MESSAGES.get(status, "Lỗi."))
    for name in ("Retry-After", "Allow"):
        header = exc.get_response().headers.get(name)
        if header:
            response.headers[name] = header
    return response


def _csrf_error(exc: CSRFError) -> Response:
    return error_answer(400, "Phiên làm việc đã hết hạn hoặc thiếu mã xác thực; hãy tải lại trang.")


def _timeout(exc: QueryTimeout) -> Response:
    log.warning("query over the time limit: %s %s", request.method, request.path)
    return error_answer(503, "Máy chủ đang bận: truy vấn quá thời gian cho phép. Hãy thử lại.")


def _no_warehouse(exc: NoWarehouse) -> Response:
    return error_answer(503, getattr(exc, "message", None) or N_("Chưa có dữ liệu."))


def _bad_input(exc: BadInput) -> Response:
    """A value the pages could not have sent, found inside a callback (web.inputs checks the
    rest before any callback runs)."""
    log.warning("request refused inside a callback (400): %s", exc)
    return error_answer(400, f"Yêu cầu không hợp lệ: {exc}")


def _unexpected(exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_answer(500, "Lỗi máy chủ. Sự cố đã được ghi lại.")


def _csrf_cookie(response: Response) -> Response:
    """Give each browser the CSRF token Dash sends back with its callbacks (a page load sets
    it; JavaScript must read it, so it is not HttpOnly)."""
    if request.method == "GET" and response.mimetype == "text/html":
        response.set_cookie(
            CSRF_COOKIE,
            generate_csrf(),
            httponly=False,
            samesite="Lax",
            secure=request.is_secure,
        )
    return response


def _signed_in() -> bool:
    return bool(current_user and current_user.is_authenticated)


def limit_endpoint(server: Flask, endpoint: str, limit: str, **options: object) -> None:
    """Put ``limit`` on the view of ``endpoint`` (a view registered by a library)."""
    server.view_functions[endpoint] = limiter.limit(limit, **options)(
        server.view_functions[endpoint]
    )


def content_security_policy(app: dash.Dash) -> dict[str, str | list[str]]:
    """The CSP: this origin only; Dash's inline scripts by hash, never 'unsafe-inline' for
    scripts. Styles allow inline (plotly.js and React set style attributes and sheets)."""
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "worker-src": ["'self'", "blob:"],
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",  # a hall screen may be framed by this site's own pages
    }


def install(server: Flask, app: dash.Dash, *, secret_key: str) -> None:
    """Everything above on ``server``."""
    server.secret_key = secret_key
    server.config.update(
        MAX_CONTENT_LENGTH=MAX_BODY,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,  # per request: SessionInterface
        SESSION_COOKIE_NAME="motcua_session",
        WTF_CSRF_TIME_LIMIT=None,  # valid as long as the session: a hall of leaders' tabs
        WTF_CSRF_SSL_STRICT=False,  # a closed network's proxy may not pass the Referer
        PROPAGATE_EXCEPTIONS=False,
    )
    server.session_interface = SessionInterface()
    csrf.init_app(server)
    limiter.init_app(server)
    talisman = Talisman(
        server,
        force_https=False,  # TLS, where there is any, ends at the city's proxy
        strict_transport_security=False,
        session_cookie_secure=False,
        frame_options="SAMEORIGIN",
        content_security_policy=content_security_policy(app),
        referrer_policy="same-origin",
        x_content_type_options=True,
    )
    server.after_request(_csrf_cookie)

    def hash_inline_scripts() -> None:
        """Dash adds inline scripts (its page router's title script) on its first request:
        the CSP's script hashes follow them (recomputed only when their number changes)."""
        count = len(app._inline_scripts) + len(dash._callback.GLOBAL_INLINE_SCRIPTS)
        if count != hashed[0]:
            talisman.content_security_policy = OrderedDict(content_security_policy(app))
            hashed[0] = count

    hashed = [-1]
    server.before_request(hash_inline_scripts)  # after Dash's own first-request setup
    server.register_error_handler(HTTPException, _http_error)
    server.register_error_handler(CSRFError, _csrf_error)
    server.register_error_handler(QueryTimeout, _timeout)
    server.register_error_handler(NoWarehouse, _no_warehouse)
    server.register_error_handler(BadInput, _bad_input)
    server.register_error_handler(Exception, _unexpected)
    limit_endpoint(
        server,
        "/_dash-update-component",
        lambda: ANONYMOUS_CALLBACKS,
        exempt_when=_signed_in,
    )
    for endpoint in ("api.kpis_route", "api.wards_route", "api.index766_route"):
        limit_endpoint(server, endpoint, lambda: PUBLIC_API)
    for endpoint in ("screen.page", "screen.data"):
        limit_endpoint(server, endpoint, lambda: SCREENS)
    # The hall screens keep their own, stricter policy (no inline style at all).
    screen_csp = {"content_security_policy": SCREEN_HEADERS["Content-Security-Policy"]}
    for endpoint in ("screen.page", "screen.data", "screen.static"):
        server.view_functions[endpoint] = _with_view_options(
            server.view_functions[endpoint], screen_csp
        )
    # Failed sign-ins only: per address, and per login whatever the address.
    failed = {"methods": ["POST"], "deduct_when": lambda response: response.status_code != 302}
    limit_endpoint(server, "auth.sign_in", lambda: SIGN_IN_PER_CLIENT, **failed)
    limit_endpoint(server, "auth.sign_in", lambda: SIGN_IN_PER_LOGIN, key_func=_login_key, **failed)


def _with_view_options(view: Callable[..., Any], options: dict[str, Any]) -> Callable[..., Any]:
    """``view`` with Talisman's per-view options (a plain function can carry them)."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return view(*args, **kwargs)

    wrapped.talisman_view_options = options  # type: ignore[attr-defined]
    return wrapped


def _login_key() -> str:
    return "login:" + str(request.form.get("username", "")).strip().lower()[:64]


def throwaway_key() -> str:
    """A session key for ``python app.py`` (sessions end when it stops)."""
    return secrets.token_hex(32)


def secret_key_or_none() -> str | None:
    """``MOTCUA_SECRET_KEY``, ``None`` when unset."""
    return settings().secret_key or None
