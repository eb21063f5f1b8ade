"""The one translation catalogue (ui/locale/en/LC_MESSAGES/messages.po, ui.i18n, ui.catalogue).

Every text the code marks for translation (``_``, ``pgettext``, ``ngettext``, ``N_``, ``NP_``,
the sign-in template's ``t``, the methodology file's group names and bands), found by the same
extraction ``make i18n`` runs, must have its English; the catalogue keeps no text the code no
longer says; a translation keeps every ``{placeholder}`` of its Vietnamese; and the app reads
the catalogue whether or not ``make`` compiled it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

import ui.i18n
from ui.catalogue import english, extract
from ui.i18n import _, catalogue_path, ngettext, pgettext, translations

PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return extract()


@pytest.fixture(scope="module")
def written() -> Catalog:
    with catalogue_path("en").open("rb") as handle:
        return read_po(handle, locale="en")


def _key(context: str | None, msgid: str | tuple[str, ...]) -> tuple[str | None, str]:
    return context, msgid if isinstance(msgid, str) else msgid[0]


def test_every_text_the_code_marks_has_its_english(extracted: Catalog, written: Catalog) -> None:
    translated = {_key(m.context, m.id): m.string for m in written if m.id}
    missing = [
        key
        for key in (_key(m.context, m.id) for m in extracted if m.id)
        if not translated.get(key) or not all(translated[key])
    ]
    assert missing == [], "run `make i18n` and write the English of these texts"


def test_the_catalogue_keeps_no_text_the_code_no_longer_says(
    extracted: Catalog, written: Catalog
) -> None:
    said = {_key(m.context, m.id) for m in extracted if m.id}
    assert [
        _key(m.context, m.id) for m in written if m.id and _key(m.context, m.id) not in said
    ] == []
    assert not any(m.fuzzy for m in written if m.id)


def test_the_extraction_reaches_every_kind_of_source(extracted: Catalog) -> None:
    """Python calls and markers, contexts, plurals, the sign-in template, the 766 file."""
    files = {where.split("/")[0] for m in extracted for where, _line in m.locations}
    assert {"app.py", "ui", "pages", "web", "screen", "kpi", "etl", "data"} <= files
    keys = {_key(m.context, m.id) for m in extracted}
    assert (None, "Mật khẩu") in keys  # web/templates/sign_in.html
    assert (None, "Xuất sắc") in keys  # a grade band of data/index766.toml
    assert ("page", "Lĩnh vực") in keys and ("screen", "Hài lòng") in keys
    assert (None, "Hôm nay") in keys  # kpi/periods.py, marked with N_
    plural = next(m for m in extracted if m.id and _key(m.context, m.id) == (None, "lên {n} bậc"))
    assert plural.pluralizable


def test_a_translation_keeps_every_placeholder_of_its_vietnamese(written: Catalog) -> None:
    changed = []
    for m in written:
        if not m.id:
            continue
        sources = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(PLACEHOLDER.findall(sources[0]))
        changed += [(m.id, s) for s in strings if set(PLACEHOLDER.findall(s)) != wanted]
    assert changed == []


def test_the_app_reads_every_entry_as_written(written: Catalog) -> None:
    wrong = []
    for m in written:
        if not m.id or isinstance(m.id, tuple):
            continue
        got = pgettext(m.context, m.id, lang="en") if m.context else _(m.id, lang="en")
        if got != m.string:
            wrong.append((m.context, m.id, got, m.string))
    assert wrong == []
    assert english()["page|Lĩnh vực"] == "Fields"


def test_plural_forms_follow_the_count() -> None:
    assert ngettext("lên {n} bậc", "lên {n} bậc", 1, lang="en") == "up 1 place"
    assert ngettext("lên {n} bậc", "lên {n} bậc", 3, lang="en") == "up 3 places"
    assert ngettext("lên {n} bậc", "lên {n} bậc", 3) == "lên 3 bậc"
    n = ngettext("{n} hồ sơ nộp trực tuyến", "{n} hồ sơ nộp trực tuyến", 1206, n="1,206", lang="en")
    assert n == "1,206 dossiers submitted online"


def test_a_context_without_its_own_entry_reads_the_plain_translation() -> None:
    assert pgettext("page", "Lĩnh vực", lang="en") == "Fields"
    assert _("Lĩnh vực", lang="en") == "Field"
    assert pgettext("rule", "Hạn giải quyết", lang="en") == "Due time"
    assert pgettext("rule", "Loại", lang="en") == _("Loại", lang="en") == "Class"


def test_an_uncompiled_catalogue_is_compiled_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout started without make (no .mo) still reads in English, never silently not."""
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(catalogue_path("en"), target / "messages.po")
    monkeypatch.setattr(ui.i18n, "LOCALE_DIR", tmp_path)
    fresh = translations.__wrapped__("en")
    assert not (target / "messages.mo").exists()
    assert fresh.gettext("Tổng quan") == "Overview"
    assert fresh.pgettext("page", "Lĩnh vực") == "Fields"
