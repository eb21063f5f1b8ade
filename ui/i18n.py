"""Vietnamese first, with an English switch (product.md conventions), through gettext.

Source strings are Vietnamese, written where they are used, inside :func:`_` (or
:func:`pgettext` with a context, :func:`ngettext` where English has a plural); a text declared
in a table and translated later is marked with :func:`marks.N_`. ``make i18n`` extracts them all
(``pybabel extract``, configured in ``babel.cfg``) and merges them into the English catalogue
``ui/locale/en/LC_MESSAGES/messages.po``, compiled to ``messages.mo`` at install and test time
(``make install``/``make test``; an app started without make compiles a missing or older
``.mo`` in memory, so English never silently disappears). The hall screen, the exports and the
methodology page read the same catalogue. A text with no translation stays Vietnamese, never
blank; ``tests/test_catalogue.py`` fails when one has none.

The reader's choices (language, light or dark theme) are cookies set by the navbar's switches
(``assets/motcua.js``), so every page, callback and export requested by that browser follows
them without a parameter in every link; links stay shareable and show the same view in either
language. Outside a request (tests, the CLI) the defaults apply: Vietnamese, light.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import has_request_context, request

LANGUAGES = ("vi", "en")
THEMES = ("light", "dark")
LANG_COOKIE = "motcua_lang"
THEME_COOKIE = "motcua_theme"

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

log = logging.getLogger(__name__)


def catalogue_path(lang: str, suffix: str = ".po") -> Path:
    """Where the catalogue of ``lang`` lives: ``ui/locale/en/LC_MESSAGES/messages.po``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang`` (Vietnamese, the source language, has none).

    The ``.mo`` that ``make`` compiled when it is at least as new as its ``.po``; otherwise the
    ``.po`` compiled in memory (a checkout run without make, or a catalogue just edited)."""
    if lang == LANGUAGES[0]:
        return NullTranslations()
    po, mo = catalogue_path(lang), catalogue_path(lang, ".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    log.info("%s is missing or older than %s: compiled in memory", mo.name, po)
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


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


def _(text: str, /, lang: str | None = None, **values: Any) -> str:
    """``text`` in the reader's language (or ``lang``), with ``values`` filled in by name."""
    out = translations(lang or current_lang()).gettext(text)
    return out.format(**values) if values else out


def pgettext(context: str | None, text: str, /, lang: str | None = None, **values: Any) -> str:
    """``text`` as translated in ``context``: the same Vietnamese word used two ways
    (``"page"``: the name of a page, "Lĩnh vực" → "Fields", where a column header reads
    "Field"). With no entry for that context, the plain translation of ``text``."""
    chosen = translations(lang or current_lang())
    out = chosen.pgettext(context, text) if context else text
    if out == text:
        out = chosen.gettext(text)
    return out.format(**values) if values else out


def ngettext(singular: str, plural: str, n: int, /, lang: str | None = None, **values: Any) -> str:
    """The form of ``singular``/``plural`` that fits ``n`` in the reader's language, with ``n``
    and ``values`` filled in (Vietnamese has one form: ``"{n} hồ sơ"`` twice)."""
    out = translations(lang or current_lang()).ngettext(singular, plural, n)
    return out.format(**{"n": n, **values})  # a caller may pass n written its way: n="1.206"


BRAND = "Một Cửa"  # the product's name, the same in every language


def page_title(name: str) -> Callable[..., str]:
    """A page's browser title for ``dash.register_page(title=...)``: "Phương pháp – Một Cửa".

    Dash calls it on every navigation (with the path's variables, ignored), so the title
    follows the reader's language like the page: "Methodology – Một Cửa".
    """

    def title(**_path: str) -> str:
        return f"{pgettext('page', name)} – {BRAND}"

    return title
