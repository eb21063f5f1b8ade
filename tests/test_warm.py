"""The usual views drawn ahead (pages/_warm.py): after ``warm``, a leader's first visit to one
of them is served from what was drawn, with tables sealed by the server's own key.

Through the real app (``app.server``) and its test client, signed in through the real form, on
the boundary's warehouse loaded by the real loader (tests/access_fixture.py).
"""

from __future__ import annotations

from typing import Any

from kpi.cache import PAGES
from pages import _warm
from tests.access_fixture import router_body
from tests.signin import post_callback, user_client
from ui.sealed import unseal


def _store(tree: Any, component_id: str) -> Any:
    """The ``data`` of the component ``component_id`` in a drawn layout."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return props.get("data")
        for value in props.values():
            found = _store(value, component_id)
            if found is not None:
                return found
    elif isinstance(tree, list):
        for item in tree:
            found = _store(item, component_id)
            if found is not None:
                return found
    return None


def test_the_usual_views_are_drawn_once_ahead_and_served_to_the_first_leader(app_module) -> None:
    PAGES.clear()
    count = _warm.warm(app_module.server)
    assert count == len(_warm.USUAL) * len(_warm.PAGES) == 15
    drawn = PAGES.misses
    assert drawn == 15  # every view drawn once: none of them was there
    client = user_client(app_module.server, "admin")
    answer = post_callback(client, router_body(app_module.app, "/", "?period=last_month"))
    assert answer.status_code == 200
    assert (PAGES.misses, PAGES.hits) == (drawn, 1)  # served, not drawn again
    # The league drawn ahead is sealed with the server's key: the sort callback can read it.
    tree = answer.get_json()["response"]["_pages_content"]["children"]
    token = _store(tree, "overview-league-data")
    with app_module.server.app_context():
        assert unseal(token)["rows"]
    # A second round on the same data draws nothing new.
    _warm.warm(app_module.server)
    assert PAGES.misses == drawn


def test_the_thread_does_not_start_when_the_setting_is_off(app_module, monkeypatch) -> None:
    monkeypatch.setenv("MOTCUA_PREWARM", "0")
    assert _warm.start(app_module.server) is False
