"""Deny by default: every request is checked against the access map before it is served.

Runs first among the server's ``before_request`` hooks (before CSRF, so an outsider learns
only that they must sign in). For each request it finds the rule (web.access) of its
endpoint; Dash's page routes take the rule of the page at the path, Dash's callback endpoint
the rule of the page owning the callback's outputs (its page router: of the page its
``pathname`` names), after the request's inputs were checked (web.inputs). Refusals:

- a page, not signed in: redirect to ``/dang-nhap?next=<the page>``; the same for a page the
  browser opens without reloading (Dash's page router answers with a ``dcc.Location`` that
  reloads to the sign-in form, so a link from a public page to a signed-in one still works);
- a callback, the API: ``401`` (not signed in) or ``403`` (the role may not) as JSON;
- an endpoint missing from the access map: ``403``, whoever asks.

A callback request's body stays under web.hardening's ``MAX_BODY`` (413 beyond), except an
administrator's, which may carry a file for the data page's upload (etl.upload.max_body_bytes).
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import quote

import dash
from dash import dcc
from dash._utils import to_json
from flask import Flask, jsonify, redirect, request
from flask_login import current_user
from werkzeug.wrappers import Response

from etl.upload import max_body_bytes
from pages._shared import page_at
from web import access
from web.access import CALLBACK, PAGE, PAGE_ROUTER, Rule
from web.auth import SIGN_IN
from web.inputs import BadInput, check_body, declared_outputs

log = logging.getLogger(__name__)

JSON_ENDPOINTS = ("/_dash-update-component",)


def _role() -> str | None:
    return current_user.account.role if current_user.is_authenticated else None


def refuse(status: int, reason: str) -> Response:
    """A JSON refusal: ``{"error": reason}`` with ``status`` (401, 403 or 400)."""
    response = jsonify(error=reason)
    response.status_code = status
    return response


def page_rule(path: str) -> Rule:
    """The rule of the page Dash shows at ``path`` (deny when the page is not in the map)."""
    module, _variables = page_at(path)
    return access.PAGES.get(module, Rule())


def outputs_of(output: str) -> list[dict[str, Any]]:
    """The ``{id, property}`` of each output named by a callback key (``a.b`` or
    ``..a.b...c.d..``; ``@hash`` suffixes of duplicate outputs dropped)."""
    return [
        {"id": part["id"], "property": part["property"].split("@", 1)[0]}
        for part in declared_outputs(output)
    ]


def _output_ids(output: str) -> list[Any]:
    ids = []
    for part in outputs_of(output):
        raw = part["id"]
        ids.append(json.loads(raw) if isinstance(raw, str) and raw.startswith("{") else raw)
    return ids


def callback_rule(app: dash.Dash, body: dict[str, Any]) -> Rule:
    """The rule of the callback a checked request asks for: that of the page owning all of its
    outputs (a callback writing into two owners' components, or into none in the map, is
    refused)."""
    rules = set()
    for component_id in _output_ids(body["output"]):
        rule = access.CALLBACKS.get(access.callback_owner(component_id))
        if rule == PAGE_ROUTER:
            rule = page_rule(_router_path(body))
        rules.add(rule if isinstance(rule, Rule) else Rule())
    return rules.pop() if len(rules) == 1 else Rule()


def _router_path(body: dict[str, Any]) -> str:
    for one in body.get("inputs", []):
        if isinstance(one, dict) and one.get("property") == "pathname":
            value = one.get("value")
            return value if isinstance(value, str) else "/"
    return "/"


def _sign_in_url(target: str) -> str:
    return f"{SIGN_IN}?next={quote(target, safe='/')}"


def routes_pages(body: dict[str, Any]) -> bool:
    """True when the callback is Dash's page router (it renders the page at a ``pathname``)."""
    owners = {access.callback_owner(i) for i in _output_ids(body["output"])}
    return owners == {PAGE_ROUTER}


def sign_in_instead(body: dict[str, Any]) -> Response:
    """The page router's answer for a visitor who must sign in first: in place of the page, a
    location that reloads the browser on the sign-in form (which then returns to the page)."""
    path = _router_path(body)
    search = next(
        (i.get("value") for i in body.get("inputs", [])
         if isinstance(i, dict) and i.get("property") == "search"), "",
    )  # fmt: skip
    target = path + (search if isinstance(search, str) and search.startswith("?") else "")
    to_sign_in = dcc.Location(id="guard-sign-in", href=_sign_in_url(target), refresh=True)
    answer = {"_pages_content": {"children": to_sign_in}, "_pages_store": {"data": {}}}
    return Response(to_json({"multi": True, "response": answer}), mimetype="application/json")


def _denied(rule: Rule, *, page: bool) -> Response | None:
    """The refusal for a visitor whose role ``rule`` does not allow, or ``None``."""
    role = _role()
    if rule.allows(role):
        return None
    if page and role is None:
        target = request.full_path if request.query_string else request.path
        return redirect(_sign_in_url(target))
    if role is None:
        return refuse(401, "Cần đăng nhập.")
    return refuse(403, "Tài khoản này không được dùng chức năng này.")


def install(server: Flask, app: dash.Dash) -> None:
    """Check every request of ``server`` (install before any other ``before_request``)."""

    def registered(output: str) -> dict[str, Any] | None:
        spec = app.callback_map.get(output)
        # a clientside callback runs in the browser only: nothing for the server to answer
        return spec if spec is not None and spec.get("callback") is not None else None

    def check() -> Response | None:
        endpoint = request.endpoint
        if endpoint is None:
            return None  # no such route: Flask answers 404 or 405
        rule = access.ROUTES.get(endpoint)
        if rule is None:
            return refuse(403, "Địa chỉ này chưa được mở.")
        if rule == PAGE:
            return _denied(page_rule(request.path), page=True)
        if rule == CALLBACK:
            if request.method != "POST":
                return None
            if _role() == "admin":  # may carry a file for the data page's upload
                request.max_content_length = max_body_bytes()
            body = request.get_json(silent=True)
            try:
                check_body(body, registered)
            except BadInput as exc:
                # a page's own request refused would be a bug: it is in the log
                log.warning("callback request refused (400): %s", exc)
                return refuse(400, f"Yêu cầu không hợp lệ: {exc}")
            refusal = _denied(callback_rule(app, body), page=False)
            if refusal is not None and refusal.status_code == 401 and routes_pages(body):
                return sign_in_instead(body)
            return refusal
        return _denied(rule, page=False)

    # After Dash's own first-request setup (which fills ``app.callback_map``), before the rest.
    hooks = server.before_request_funcs.setdefault(None, [])
    setup = [i for i, hook in enumerate(hooks) if getattr(hook, "__name__", "") == "_setup_server"]
    hooks.insert(setup[0] + 1 if setup else 0, check)
