"""The access map: who may reach each page, Dash callback and Flask route (product.md Access).

One table per kind of address, every entry explicit. What is in none of them is refused
(deny by default): a new route or callback stays closed until someone writes it down here, and
tests/test_access.py fails on it until then. No Flask in this module: the rules are data, the
boundary (web.guard) applies them to each request.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpi.config import settings
from web.users import ROLES

SIGNED_IN = frozenset(ROLES)
LEADERS = frozenset({"ward", "city", "admin"})  # may read dossier ids and comments (in scope)


@dataclass(frozen=True)
class Rule:
    """Who may use an address: anyone (``public``), or a signed-in user with one of ``roles``.

    ``public_setting`` names a boolean setting (kpi.config.Settings) that makes the address
    public when true (the overview, ``MOTCUA_PUBLIC_OVERVIEW``)."""

    roles: frozenset[str] = frozenset()
    public: bool = False
    public_setting: str | None = None

    def is_public(self) -> bool:
        """Whether anyone, signed in or not, may use the address now."""
        return self.public or bool(self.public_setting and getattr(settings(), self.public_setting))

    def allows(self, role: str | None) -> bool:
        """Whether a visitor with ``role`` (``None``: not signed in) may use the address."""
        return self.is_public() or (role is not None and role in self.roles)


PUBLIC = Rule(public=True)
ANY_SIGNED_IN = Rule(roles=SIGNED_IN)
ADMIN = Rule(roles=frozenset({"admin"}))

# Dash pages, by module. Every page answers with the reader's scope (web.scope): a ward user
# reads other wards in aggregate only, an evaluator never a dossier id or a comment.
PAGES: dict[str, Rule] = {
    "pages.overview": Rule(roles=SIGNED_IN, public_setting="public_overview"),
    "pages.fields": ANY_SIGNED_IN,
    "pages.satisfaction": ANY_SIGNED_IN,
    "pages.ward": ANY_SIGNED_IN,
    "pages.index766": ANY_SIGNED_IN,  # aggregates only: evaluators score every ward with it
    "pages.report": ANY_SIGNED_IN,  # the periodic report: counts by field only (docs/report.md)
    # Load history (evaluators trace numbers to their loads), rejected rows (their values only
    # for admin and city: pages/data_status.py) and coverage; not ward users (docs/data-status.md).
    "pages.data_status": Rule(roles=frozenset({"city", "evaluator", "admin"})),
    "pages.methodology": PUBLIC,
    "pages.not_found_404": PUBLIC,
}

# Dash callbacks, by the page that owns their outputs: the prefix of the output ids
# (``ward-content`` and ``{"page": "ward", …}``: ``ward``). ``PAGE_ROUTER`` marks Dash's own
# page router, whose rule is that of the page its ``pathname`` input names.
PAGE_ROUTER = "_pages"
CALLBACKS: dict[str, Rule | str] = {
    "shell": PUBLIC,  # the navbar's links
    PAGE_ROUTER: PAGE_ROUTER,
    "overview": PAGES["pages.overview"],
    "fields": PAGES["pages.fields"],
    "satisfaction": PAGES["pages.satisfaction"],
    "ward": PAGES["pages.ward"],
    "index766": PAGES["pages.index766"],
    "report": PAGES["pages.report"],
    "data": PAGES["pages.data_status"],
    "upload": ADMIN,  # the data page's upload: whatever the client sends, admins only
    "methodology": PAGES["pages.methodology"],
}

# Flask routes, by endpoint. ``PAGE`` marks Dash's page routes (the rule of the page at the
# path), ``CALLBACK`` Dash's callback endpoint (the rule of the callback in the body).
PAGE, CALLBACK = "page", "callback"
ROUTES: dict[str, Rule | str] = {
    "static": PUBLIC,
    "_dash_assets.static": PUBLIC,
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>": PUBLIC,
    "/_dash-layout": PUBLIC,  # the shell; its navbar shows only what the reader may open
    "/_dash-dependencies": PUBLIC,
    "/_dash-update-component": CALLBACK,
    "/_reload-hash": Rule(),  # hot reload: never on (debug is off); closed to everyone
    "/_favicon.ico": PUBLIC,
    "favicon": PUBLIC,
    "/": PAGE,
    "/<path:path>": PAGE,
    "auth.sign_in": PUBLIC,
    "auth.sign_out": PUBLIC,
    # The public API and the hall screens: aggregates only (metrics §7), rate-limited.
    "api.kpis_route": PUBLIC,
    "api.wards_route": PUBLIC,
    "api.index766_route": PUBLIC,
    "api.report_route": PUBLIC,  # the periodic report: counts by field (metrics §7)
    "api.fallback": PUBLIC,  # answers 404/405 JSON for every other /api address
    "screen.static": PUBLIC,
    "screen.page": PUBLIC,
    "screen.data": PUBLIC,
}


def callback_owner(component_id: str | dict) -> str:
    """The access-map key of a callback output's component id (see :data:`CALLBACKS`)."""
    if isinstance(component_id, dict):
        named = str(component_id.get("page") or component_id.get("type") or "")
    else:
        named = component_id
    return PAGE_ROUTER if named.startswith(PAGE_ROUTER + "_") else named.split("-", 1)[0]
