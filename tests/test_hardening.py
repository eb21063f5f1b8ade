"""The server's armour (quality.md Security), tried as an outsider would: oversized requests,
bursts, a failure inside a page, a query that runs too long, and the headers of the production
server itself (gunicorn, as ``make serve`` runs it).

Everything goes through the real app on a warehouse loaded by the real loader
(tests/access_fixture.py); the production-server tests start gunicorn in a subprocess.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.access_fixture import (
    BA_DINH,
    OCTOBER,
    as_text,
    callback_body,
    map_click_callback,
    router_body,
)
from tests.signin import PASSWORD, csrf_headers, post_callback, sign_in, user_client
from web import hardening, users

ROOT = Path(__file__).resolve().parents[1]
TRACE_WORDS = ("Traceback", 'File "', "RuntimeError", "duckdb", "kpi/", "line ")
SLOW = "SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3"


# --- sizes ------------------------------------------------------------------------------------


def test_an_oversized_callback_request_is_413_before_anything_reads_it(
    app_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = user_client(app_module.server, "city", province="01")
    league = map_click_callback(app_module.app)
    body = callback_body(app_module.app, league, {0: "x" * (hardening.MAX_BODY + 1)})
    answer = post_callback(client, body)
    assert answer.status_code == 413
    assert answer.get_json() == {"error": "Yêu cầu quá lớn."}
    # an administrator's request may carry an upload (the data page), up to its own limit
    monkeypatch.setenv("MOTCUA_UPLOAD_MAX_MB", "1")
    admin = user_client(app_module.server, "admin")
    body = callback_body(app_module.app, league, {0: "x" * 1_500_000})
    assert post_callback(admin, body).status_code == 413


def test_an_oversized_sign_in_post_is_413(app_module) -> None:
    answer = app_module.server.test_client().post(
        "/dang-nhap", data={"username": "a", "password": "p" * (hardening.MAX_BODY + 1)}
    )
    assert answer.status_code == 413
    assert answer.get_data(as_text=True) == "Yêu cầu quá lớn."


# --- rate limits ------------------------------------------------------------------------------


def _limit(text: str) -> int:
    return int(text.split()[0])


def test_a_burst_on_the_public_api_is_429_with_retry_after(app_module) -> None:
    client = app_module.server.test_client()
    allowed = _limit(hardening.PUBLIC_API)
    statuses = [client.get(f"/api/v1/wards{OCTOBER}").status_code for _ in range(allowed)]
    assert statuses == [200] * allowed
    refused = client.get(f"/api/v1/wards{OCTOBER}")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.get_json() == {"error": "Quá nhiều yêu cầu; hãy thử lại sau ít phút."}
    other = _client_at(app_module, "10.0.0.9")
    assert other.get(f"/api/v1/wards{OCTOBER}").status_code == 200  # per client address


def test_hall_screens_polling_behind_one_address_never_hit_the_limit(app_module) -> None:
    """A hall's screens share the hall's address: 120 screens polling once in the same minute
    (far more than any hall has) are all served."""
    client = app_module.server.test_client()
    statuses = {client.get(f"/man-hinh/{BA_DINH}/data.json").status_code for _ in range(120)}
    assert statuses == {200}


def test_failed_sign_ins_from_one_address_are_429_after_the_limit(app_module) -> None:
    client = app_module.server.test_client()
    token = _form_token(client)
    allowed = _limit(hardening.SIGN_IN_PER_CLIENT)
    for attempt in range(allowed):
        login = f"nguoi-{attempt}"  # a different login each time: the address limit alone
        wrong = client.post(
            "/dang-nhap", data={"username": login, "password": "sai", "csrf_token": token}
        )
        assert wrong.status_code == 401  # the form again, saying the sign-in failed
    refused = client.post(
        "/dang-nhap", data={"username": "nguoi-x", "password": "sai", "csrf_token": token}
    )
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0


def test_failed_sign_ins_for_one_login_are_429_from_any_address(app_module) -> None:
    """Guessing one leader's password from many addresses is throttled by the login; the
    leader's own right password, from another address, is refused while it lasts."""
    users.add_user("lanhdao", "city", PASSWORD, province="01")
    allowed = _limit(hardening.SIGN_IN_PER_LOGIN)
    for attempt in range(allowed):
        client = _client_at(app_module, f"10.1.0.{attempt}")
        assert sign_in(client, "lanhdao", "sai-mat-khau").status_code == 401
    client = _client_at(app_module, "10.2.0.1")
    refused = sign_in(client, "LanhDao", "sai-mat-khau")  # the login's case does not matter
    assert refused.status_code == 429
    assert sign_in(client, "lanhdao").status_code == 429
    elsewhere = _client_at(app_module, "10.2.0.2")
    users.add_user("canbo", "city", PASSWORD, province="01")
    assert sign_in(elsewhere, "canbo").status_code == 302  # other logins are not affected


def test_a_successful_sign_in_does_not_count_against_the_limit(app_module) -> None:
    users.add_user("lanhdao", "city", PASSWORD, province="01")
    client = app_module.server.test_client()
    for _ in range(_limit(hardening.SIGN_IN_PER_LOGIN) + 2):
        assert sign_in(client, "lanhdao").status_code == 302
        client.post("/dang-xuat", headers=csrf_headers(client))


def _client_at(app_module, address: str):
    """A test client whose requests come from ``address``."""
    client = app_module.server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _form_token(client) -> str:
    page = client.get("/dang-nhap").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


# --- failures and slow queries ----------------------------------------------------------------


def _boom(*_args, **_kwargs):
    raise RuntimeError('boom in File "/srv/motcua/kpi/overview.py", line 3: SELECT * FROM x')


def test_a_failure_inside_a_callback_is_a_500_without_a_traceback(
    app_module, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys.modules["pages.overview"], "board", _boom)
    client = user_client(app_module.server, "admin")
    answer = post_callback(client, router_body(app_module.app, "/", OCTOBER))
    text = answer.get_data(as_text=True)
    assert answer.status_code == 500
    assert answer.get_json() == {"error": "Lỗi máy chủ. Sự cố đã được ghi lại."}
    assert [w for w in TRACE_WORDS if w in text] == []
    assert "boom" in caplog.text  # the operator's log has it


def test_a_failure_inside_the_api_is_a_json_500_without_a_traceback(
    app_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.routes

    monkeypatch.setattr(api.routes, "kpis_rows", _boom)
    answer = app_module.server.test_client().get(f"/api/v1/kpis{OCTOBER}")
    assert answer.status_code == 500
    assert [w for w in TRACE_WORDS if w in answer.get_data(as_text=True)] == []


def test_a_page_whose_query_runs_too_long_answers_in_time_and_says_so(
    app_module, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over HTTP: the overview's query runs past MOTCUA_QUERY_TIMEOUT, is interrupted, and the
    page says so; the worker is free again at once (the next page is served)."""

    def slow_board(cur, **_kwargs):
        cur.execute(SLOW).fetchall()

    original_board = sys.modules["pages.overview"].board
    monkeypatch.setenv("MOTCUA_QUERY_TIMEOUT", "0.5")
    monkeypatch.setattr(sys.modules["pages.overview"], "board", slow_board)
    client = user_client(app_module.server, "admin")
    started = time.monotonic()
    answer = post_callback(client, router_body(app_module.app, "/", OCTOBER))
    assert time.monotonic() - started < 10
    assert answer.status_code == 200
    assert "Truy vấn quá thời gian cho phép (0,5 giây)." in as_text(answer)
    monkeypatch.setenv("MOTCUA_QUERY_TIMEOUT", "20")
    monkeypatch.setattr(sys.modules["pages.overview"], "board", original_board)
    again = post_callback(client, router_body(app_module.app, "/phuong-phap"))
    assert again.status_code == 200


# --- the production server ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-w", "1", "--threads", "4",
         "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _production_env(tmp_path: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    env.update(
        MOTCUA_DB=str(db),
        MOTCUA_USERS_DB=os.environ["MOTCUA_USERS_DB"],
        MOTCUA_CONFIG=str(tmp_path / "no-such-config.toml"),
        MOTCUA_SECRET_KEY="production-test-" + os.urandom(8).hex(),
    )
    return env


@pytest.fixture
def production(access_warehouse: Path, tmp_path: Path, clean_settings) -> Iterator[str]:
    """gunicorn serving ``app:server`` on the fixture's warehouse, with an admin account."""
    db = tmp_path / "motcua.duckdb"
    shutil.copyfile(access_warehouse, db)
    users.add_user("quantri", "admin", PASSWORD)
    port = _free_port()
    server = _gunicorn(_production_env(tmp_path, db), port)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/phuong-phap", timeout=10).close()
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # still starting
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("gunicorn did not start:\n" + server.stdout.read().decode())
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


def _browser() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    return opener, jar


def _get(opener: urllib.request.OpenerDirector, url: str):
    return _get_request(opener, urllib.request.Request(url))


def _sign_in_over_http(opener, url: str) -> list[str]:
    """Fill and post the sign-in form; the ``Set-Cookie`` headers of the answer."""
    page = _get(opener, url + "/dang-nhap").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"username": "quantri", "password": PASSWORD, "csrf_token": token}
    ).encode()
    answer = _get_request(opener, urllib.request.Request(url + "/dang-nhap", data=form))
    assert answer.status == 302, answer.read()
    return answer.headers.get_all("Set-Cookie")


def _get_request(opener, request: urllib.request.Request):
    try:
        return opener.open(request, timeout=30)
    except urllib.error.HTTPError as answer:
        return answer


def _assert_hardened(headers, *, framing: str | None = "SAMEORIGIN") -> None:
    csp = headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'self'" in script_src and "unsafe-inline" not in script_src
    assert re.search(r"frame-ancestors '(self|none)'", csp)
    assert re.search(r"default-src '(self|none)'", csp) and "http" not in csp  # this origin
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    if framing:
        assert headers["X-Frame-Options"] == framing
    assert not re.search(r"\d", headers.get("Server", ""))  # no version
    assert "Werkzeug" not in headers.get("Server", "")


def test_the_production_server_sends_the_headers_on_every_kind_of_answer(production: str) -> None:
    opener, jar = _browser()
    redirect = _get(opener, production + "/")
    assert redirect.status == 302 and redirect.headers["Location"].startswith("/dang-nhap?next=")
    _assert_hardened(redirect.headers)
    cookies = _sign_in_over_http(opener, production)
    session = next(c for c in cookies if c.startswith("motcua_session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    page = _get(opener, production + "/" + OCTOBER)
    assert page.status == 200
    html = page.read().decode()
    _assert_hardened(page.headers)
    hashes = set(re.findall(r"'sha256-[^']+'", page.headers["Content-Security-Policy"]))
    assert hashes  # Dash's inline scripts are allowed by their hashes, nothing else
    assert '"debug":false' in html.replace(" ", "") or '"ui":false' in html.replace(" ", "")

    screen = _get(opener, production + f"/man-hinh/{BA_DINH}")
    assert screen.status == 200
    _assert_hardened(screen.headers, framing=None)  # a hall screen may be framed by this site
    assert "style-src 'self'" in screen.headers["Content-Security-Policy"]

    api = _get(opener, production + f"/api/v1/kpis{OCTOBER}")
    assert api.status == 200
    _assert_hardened(api.headers)

    token = next(c.value for c in jar if c.name == hardening.CSRF_COOKIE)
    forged = urllib.request.Request(
        production + "/_dash-update-component",
        data=b'{"output": "x.children", "inputs": [{"id": "x", "value": "\' OR 1=1 --"}]}',
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
    )
    refused = _get_request(opener, forged)
    assert refused.status == 400
    _assert_hardened(refused.headers)
    body = refused.read().decode()
    assert [w for w in TRACE_WORDS if w in body] == []

    missing = _get(opener, production + "/khong-co-trang-nay")
    assert missing.status == 404
    _assert_hardened(missing.headers)
    assert _get(opener, production + "/_reload-hash").status == 403  # even for an admin


def test_the_production_server_refuses_to_start_without_a_secret_key(
    access_warehouse: Path,
    tmp_path: Path,
    clean_settings,
) -> None:
    env = _production_env(tmp_path, access_warehouse)
    del env["MOTCUA_SECRET_KEY"]
    port = _free_port()
    server = _gunicorn(env, port)
    try:
        output, _ = server.communicate(timeout=60)
    finally:
        server.kill()
    assert server.returncode != 0
    assert "MOTCUA_SECRET_KEY chưa được đặt" in output.decode()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
