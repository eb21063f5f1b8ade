"""Text normalisation shared by header matching and ward-name matching.

One implementation, so that a header, a ward name in a file and a ward name in the reference data
are compared the same way: NFC, case folding, no diacritics (``đ`` becomes ``d``), no spaces or
punctuation.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# Unit-type prefixes a ward name may carry, longest first (as name keys).
WARD_PREFIXES: tuple[str, ...] = ("thitran", "dackhu", "phuong", "xa")
DISTRICT_PREFIXES: tuple[str, ...] = ("thanhpho", "thixa", "quan", "huyen", "tp", "tx")
PROVINCE_PREFIXES: tuple[str, ...] = ("thanhpho", "tinh", "tp")


def nfc(text: str) -> str:
    """Return ``text`` NFC-normalised and trimmed (what every stored string is)."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Lower-case ``text`` and remove its diacritics, keeping spaces and punctuation."""
    # lower(), not casefold(): the SQL twin (macro `vk`) has only lower(), and casefold() turns
    # 'ß' or 'ﬁ' into letters that lower() does not, so the two keys would differ.
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def name_key(text: str | None) -> str:
    """Return the matching key of a header or a place name.

    ``'Phường Cửa Nam'`` → ``'phuongcuanam'``.
    """
    if text is None:
        return ""
    return _NON_ALNUM.sub("", fold(str(text)))


def strip_prefix(key: str, prefixes: tuple[str, ...]) -> str:
    """Remove one leading unit-type prefix from a name key (``'phuongcuanam'`` → ``'cuanam'``).

    A key that is only a prefix, or a prefix followed by nothing alphabetic, is returned unchanged
    only when stripping would leave it empty.
    """
    for prefix in prefixes:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key
