"""Signing in for the tests that go through the server: users made with the real users'
database (web.users), sessions opened through the real sign-in form (CSRF token included),
callbacks posted as dash-renderer posts them (``X-CSRFToken`` from the ``_csrf_token``
cookie)."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

from web import users

PASSWORD = "mat-khau-thu-nghiem-1"  # ≥ 10 characters (web.users)
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def form_token(client: FlaskClient) -> str:
    """The CSRF token of the sign-in form, as a browser reads it from the page."""
    page = client.get("/dang-nhap").get_data(as_text=True)
    found = TOKEN.search(page) or re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert found, "the sign-in form has no CSRF token"
    return found.group(1)


def sign_in(client: FlaskClient, login: str, password: str = PASSWORD) -> Any:
    """Post the sign-in form; the response (302 when it worked)."""
    return client.post(
        "/dang-nhap",
        data={"username": login, "password": password, "csrf_token": form_token(client)},
    )


def user_client(
    app_server: Any,
    role: str = "admin",
    *,
    login: str | None = None,
    wards: tuple[str, ...] = (),
    province: str | None = None,
) -> FlaskClient:
    """A test client signed in as a new user with ``role`` (in the users' database of the
    test's settings, ``MOTCUA_USERS_DB``)."""
    login = login or f"{role}-user"
    if users.get_user(login) is None:
        users.add_user(login, role, PASSWORD, wards=wards, province=province)
    client = app_server.test_client()
    answer = sign_in(client, login)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


def csrf_headers(client: FlaskClient) -> dict[str, str]:
    """The header dash-renderer adds to each callback: the ``_csrf_token`` cookie's value."""
    cookie = client.get_cookie("_csrf_token")
    if cookie is None:
        client.get("/phuong-phap")  # any page sets it
        cookie = client.get_cookie("_csrf_token")
    return {"X-CSRFToken": cookie.value}


def post_callback(client: FlaskClient, body: dict[str, Any]) -> Any:
    """POST a callback request to Dash, as the browser does."""
    return client.post("/_dash-update-component", json=body, headers=csrf_headers(client))
