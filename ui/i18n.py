"""Vietnamese first, with an English switch (product.md conventions).

Source strings are Vietnamese, written where they are used and wrapped in :func:`_`; it returns
them unchanged, or their English translation when the reader chose English. Translations live
in the modules of :mod:`ui.locale` (one per page or component, each an ``EN`` dict from the
Vietnamese text to the English one), merged at import. A text with no translation stays
Vietnamese, never blank.

The reader's choices (language, light or dark theme) are cookies set by the navbar's switches
(``assets/motcua.js``), so every page, callback and export requested by that browser follows
them without a parameter in every link; links stay shareable and show the same view in either
language. Outside a request (tests, the CLI) the defaults apply: Vietnamese, light.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from flask import has_request_context, request

LANGUAGES = ("vi", "en")
THEMES = ("light", "dark")
LANG_COOKIE = "motcua_lang"
THEME_COOKIE = "motcua_theme"


def _catalog() -> dict[str, str]:
    from ui import locale

    merged: dict[str, str] = {}
    for module in pkgutil.iter_modules(locale.__path__):
        merged.update(importlib.import_module(f"ui.locale.{module.name}").EN)
    return merged


EN: dict[str, str] = _catalog()


def _cookie(name: str, allowed: tuple[str, ...]) -> str:
    """The reader's choice ``name``, read once per request (a page asks thousands of times)."""
    if not has_request_context():
        return allowed[0]
    memo = request.environ.setdefault("motcua.choices", {})
    if name not in memo:
        value = request.cookies.get(name)
        memo[name] = value if value in allowed else allowed[0]
    return memo[name]


def current_lang() -> str:
    """The reader's language: ``"vi"`` (default) or ``"en"``."""
    return _cookie(LANG_COOKIE, LANGUAGES)


def current_theme() -> str:
    """The reader's theme: ``"light"`` (default) or ``"dark"``."""
    return _cookie(THEME_COOKIE, THEMES)


def _(text: str, /, lang: str | None = None, context: str | None = None, **values: Any) -> str:
    """``text`` in the reader's language (or ``lang``), with ``values`` filled in by name.

    ``context`` tells apart the same Vietnamese word used two ways (``"page"``: the name of a
    page, "Lĩnh vực" → "Fields", where a column header reads "Field"); catalogues key such an
    entry ``"<context>|<text>"``, and a missing one falls back to the plain text's.
    """
    chosen = lang or current_lang()
    if chosen == "en":
        out = EN.get(f"{context}|{text}", EN.get(text, text)) if context else EN.get(text, text)
    else:
        out = text
    return out.format(**values) if values else out


BRAND = "Một Cửa"  # the product's name, the same in every language


def page_title(name: str) -> Callable[..., str]:
    """A page's browser title for ``dash.register_page(title=...)``: "Phương pháp – Một Cửa".

    Dash calls it on every navigation (with the path's variables, ignored), so the title
    follows the reader's language like the page: "Methodology – Một Cửa".
    """

    def title(**_path: str) -> str:
        return f"{_(name, context='page')} – {BRAND}"

    return title
