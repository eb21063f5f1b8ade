"""Rows a page drew, kept in the browser so a click on a column header re-sorts them without a
query, sealed: the browser holds a signed token (itsdangerous, with the server's session key)
instead of the rows themselves, and a sort callback reads only a token the server wrote.

A forged or edited token is a :class:`~web.inputs.BadInput` (HTTP 400), so a request can never
make the server draw rows, links or codes it did not produce itself. Every worker of the
production server shares ``MOTCUA_SECRET_KEY``, so a page drawn by one and re-sorted by another
reads the same. Outside a request (tests, scripts drawing a layout) a key of this process is used.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app, has_app_context
from itsdangerous import BadSignature, URLSafeSerializer

from web.inputs import BadInput

SALT = "motcua.drawn-rows"
_PROCESS_KEY = secrets.token_hex(32)


def _serializer() -> URLSafeSerializer:
    key = current_app.secret_key if has_app_context() and current_app.secret_key else None
    return URLSafeSerializer(key or _PROCESS_KEY, salt=SALT)


def seal(payload: Any) -> str:
    """``payload`` (plain JSON: dicts, lists, strings, numbers, ``None``) as a signed token."""
    return _serializer().dumps(payload)


def unseal(token: Any) -> Any:
    """The payload of a token :func:`seal` wrote; :class:`BadInput` for anything else."""
    if not isinstance(token, str):
        raise BadInput("bảng đã vẽ không hợp lệ; hãy tải lại trang")
    try:
        return _serializer().loads(token)
    except BadSignature as exc:
        raise BadInput("bảng đã vẽ đã bị sửa; hãy tải lại trang") from exc
