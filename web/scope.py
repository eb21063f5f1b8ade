"""What the reader of this request may see in detail (product.md Access, roles).

Aggregates (counts, rates, the 766 estimate) are for every signed-in role; the *details* of a
ward (its dossier ids in the late and due-soon lists, and citizens' comments) only for:

- ``admin``: every ward;
- ``city``: the wards of its province;
- ``ward``: its own wards;
- ``evaluator`` and anyone not signed in: none.

The scope comes from the session only (web.auth), never from what the browser sends: a ward
code in a URL or a callback chooses *which* ward is shown, not *how much* of it. Outside a
request of app.server (the CLI, tests calling a page function) there is no network boundary and
the scope is full.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, has_request_context
from flask_login import current_user


@dataclass(frozen=True)
class Reader:
    """The signed-in user's role and its wards or province (``role`` None: not signed in)."""

    login: str | None
    role: str | None
    wards: frozenset[str] = frozenset()
    province: str | None = None

    def sees_details(self, ward_code: str | None, province_code: str | None) -> bool:
        """Whether this reader may see the dossier ids and comments of the ward ``ward_code``
        of the province ``province_code``."""
        if self.role == "admin":
            return True
        if self.role == "city":
            return province_code is not None and province_code == self.province
        if self.role == "ward":
            return ward_code is not None and ward_code in self.wards
        return False


TRUSTED = Reader(login=None, role="admin")  # no request: the CLI, a test calling a function
ANONYMOUS = Reader(login=None, role=None)


def reader() -> Reader:
    """The reader of the current request (:data:`TRUSTED` outside a request, or in a Flask
    app without the boundary: a test's bare app, never app.server)."""
    if not has_request_context() or getattr(current_app, "login_manager", None) is None:
        return TRUSTED
    user = current_user
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    account = user.account
    return Reader(
        login=account.login,
        role=account.role,
        wards=frozenset(account.wards),
        province=account.province,
    )


def sees_details(ward_code: str | None, province_code: str | None) -> bool:
    """Whether the current reader may see the ward's dossier ids and comments."""
    return reader().sees_details(ward_code, province_code)
