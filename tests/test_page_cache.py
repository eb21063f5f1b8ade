"""A page's content is drawn once for every reader who would see the same (pages/_shared.drawn):
served again to the same question, never to a reader of another scope, language or data.

Through the real app (``app.server``) over its test client, signed in through the real form, on
the boundary's warehouse (tests/access_fixture.py) loaded by the real loader; a second load
goes through the real loader too.
"""

from __future__ import annotations

from typing import Any

from etl.loader import load_files
from kpi.cache import PAGES
from kpi.config import settings
from tests.access_fixture import BA_DINH, DOSSIER_ID, NGOC_HA, OCTOBER, as_text, router_body
from tests.signin import post_callback, user_client
from tests.ward_fixture import DOSSIER_HEADER

LATE_IDS = {"W02", "W04", "W05", "W06", "W09"}  # ward_fixture: Ba Đình's late and overdue


def _page(client: Any, app_module: Any, path: str, search: str = OCTOBER) -> str:
    answer = post_callback(client, router_body(app_module.app, path, search))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return as_text(answer)


def test_the_same_view_is_drawn_once_and_served_again(app_module) -> None:
    PAGES.clear()
    client = user_client(app_module.server, "admin")
    first = _page(client, app_module, f"/phuong/{BA_DINH}")
    drawn = PAGES.misses
    assert drawn == 1
    again = _page(client, app_module, f"/phuong/{BA_DINH}")
    assert again == first
    assert (PAGES.misses, PAGES.hits) == (1, 1)
    # Another period is another question: drawn on its own.
    _page(client, app_module, f"/phuong/{BA_DINH}", "?from=2026-10-01&to=2026-10-15")
    assert PAGES.misses == 2


def test_a_reader_of_another_scope_never_gets_the_page_drawn_for_a_wider_one(app_module) -> None:
    """Drawn first for the admin (who sees the dossier ids), the same ward page for an evaluator
    and for another ward's user has no id; its own ward's user gets them."""
    PAGES.clear()
    path = f"/phuong/{BA_DINH}"
    admin = user_client(app_module.server, "admin")
    assert set(DOSSIER_ID.findall(_page(admin, app_module, path))) >= LATE_IDS
    evaluator = user_client(app_module.server, "evaluator")
    assert DOSSIER_ID.findall(_page(evaluator, app_module, path)) == []
    other = user_client(app_module.server, "ward", login="ngoc-ha", wards=(NGOC_HA,))
    assert DOSSIER_ID.findall(_page(other, app_module, path)) == []
    own = user_client(app_module.server, "ward", login="ba-dinh", wards=(BA_DINH,))
    assert set(DOSSIER_ID.findall(_page(own, app_module, path))) >= LATE_IDS
    # The two admins' pages are one drawing; each other scope drew its own.
    second_admin = user_client(app_module.server, "admin", login="admin-2")
    assert set(DOSSIER_ID.findall(_page(second_admin, app_module, path))) >= LATE_IDS
    assert PAGES.misses == 4


def test_english_is_drawn_apart_from_vietnamese(app_module) -> None:
    PAGES.clear()
    client = user_client(app_module.server, "admin")
    path = f"/phuong/{BA_DINH}"
    vietnamese = _page(client, app_module, path)
    assert "Danh sách hồ sơ quá hạn và đang giải quyết quá hạn" in vietnamese
    client.set_cookie("motcua_lang", "en")
    english = _page(client, app_module, path)
    assert "Late and overdue dossiers" in english
    assert "Danh sách hồ sơ quá hạn và đang giải quyết quá hạn" not in english
    client.set_cookie("motcua_lang", "vi")
    assert _page(client, app_module, path) == vietnamese


def test_a_new_load_is_drawn_anew(app_module, tmp_path) -> None:
    """Ngọc Hà has no late dossier in October; once a load brings one (N09: due 05/10, resolved
    10/10), its page names it, though the page was drawn before the load."""
    PAGES.clear()
    client = user_client(app_module.server, "admin")
    path = f"/phuong/{NGOC_HA}"
    before = _page(client, app_module, path)
    assert "N09" not in DOSSIER_ID.findall(before)
    assert _page(client, app_module, path) == before  # served from the drawing
    late = tmp_path / "ho_so_them.csv"
    late.write_text(
        DOSSIER_HEADER + "N09,00008,,,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,01/10/2026 09:00,"
        "05/10/2026,10/10/2026 10:00,Đã trả kết quả,0,Không\n",
        encoding="utf-8",
    )
    assert load_files([late], db=settings().db).ok
    after = _page(client, app_module, path)
    assert "N09" in DOSSIER_ID.findall(after)
