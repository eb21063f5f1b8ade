"""Marks a text for the translation catalogue where it is written, not where it is shown.

A label declared in a table of definitions (a metric's name, a column header, a period preset)
is translated later, by :func:`ui.i18n._` on the value; ``pybabel extract`` (``make i18n``) only
finds texts written inside a call, so the declaration wraps its text in :func:`N_` (or
:func:`NP_` with the context the reader's translation is looked up in). Both return the text
unchanged. A module of its own, free of imports, so that ``etl`` and ``kpi`` (which may not
import ``ui``) mark their texts the same way.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """``text`` unchanged, marked for the catalogue."""
    return text


def NP_(context: str, text: str) -> str:
    """``text`` unchanged, marked for the catalogue under ``context`` (see ``pgettext``)."""
    return text
