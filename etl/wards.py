"""Ward resolution (data-contract §1.6): which of today's wards a record belongs to.

Order: the ward code if given (today's code, or a pre-2025 code through the crosswalk); else the
name within the record's province (with or without the "Phường"/"Xã" prefix, any case, any
Unicode form); else, for names that no longer exist, the old (province, district, ward) through
the crosswalk to the new ward (its default new ward where the old one was split). Records that
name a district are from before July 2025, so for them the crosswalk is tried first.

Resolution runs once per distinct (code, name, district, province) of a file, in Python, and the
result is joined back in SQL: a file of millions of rows names a few hundred wards.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import duckdb

from etl.normalize import (
    DISTRICT_PREFIXES,
    PROVINCE_PREFIXES,
    WARD_PREFIXES,
    name_key,
    strip_prefix,
)

MAX_CANDIDATES = 5


def _exact(text: str) -> str:
    """Case-, Unicode-form- and spacing-insensitive form of a name, diacritics kept."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class Resolution:
    """The ward of one (code, name, district, province), or why there is none."""

    ward_code: str | None
    error: str | None = None
    column: str | None = None  # the canonical column the error is about


class WardResolver:
    """Resolves ward references against the reference tables of one warehouse."""

    def __init__(self, con: duckdb.DuckDBPyConnection, default_province: str) -> None:
        """Load the reference tables of ``con`` into memory."""
        self.default_province = default_province.zfill(2)
        self.wards: dict[str, tuple[str, str]] = {}
        # Exact names (case, Unicode form and spacing aside) come first: name keys drop the
        # diacritics, which merges a few different wards (Xã Văn Lang / Xã Văn Lăng).
        self.exact: dict[tuple[str, str], set[str]] = defaultdict(set)
        for code, name, short, prov in con.execute(
            "SELECT ward_code, ward_name, ward_short, province_code FROM wards"
        ).fetchall():
            self.wards[code] = (name, prov)
            self.exact[(prov, _exact(name))].add(code)
            self.exact[(prov, _exact(short))].add(code)
        self.province_by_key: dict[str, str] = {}
        self.province_names: dict[str, str] = {}
        for code, name, short in con.execute(
            "SELECT province_code, province_name, province_short FROM provinces"
        ).fetchall():
            self.province_names[code] = name
            for text in (name, short):
                self.province_by_key[strip_prefix(name_key(text), PROVINCE_PREFIXES)] = code
        self.names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for prov, key, code in con.execute(
            "SELECT province_code, name_key, ward_code FROM ward_names"
        ).fetchall():
            self.names[(prov, key)].add(code)
        # old ward key → [(old province key, old district key, new province, new ward, default,
        #                  old display name)]
        self.old: dict[str, list[tuple[str, str, str, str, bool, str]]] = defaultdict(list)
        self.old_codes: dict[str, str] = {}
        self.old_province_keys: set[str] = set()
        for row in con.execute(
            "SELECT old_ward_key, old_province_key, old_district_key, province_code, ward_code,"
            " is_default, old_ward_name || ' (' || old_district_name || ', ' || old_province_name"
            " || ')', old_ward_code FROM ward_crosswalk"
        ).fetchall():
            ward_key, prov_key, dist_key, prov, code, is_default, label, old_code = row
            self.old[ward_key].append((prov_key, dist_key, prov, code, is_default, label))
            self.old_province_keys.add(prov_key)
            if is_default and old_code:
                self.old_codes[old_code] = code

    # -- helpers --------------------------------------------------------------------------------

    def _label(self, code: str) -> str:
        return f"{self.wards[code][0]} ({code})"

    def _candidates(self, codes: set[str] | list[str]) -> str:
        labels = sorted({self._label(c) for c in codes})
        more = len(labels) - MAX_CANDIDATES
        text = ", ".join(labels[:MAX_CANDIDATES])
        return text + (f" và {more} nơi khác" if more > 0 else "")

    def _province(self, raw: str | None) -> tuple[str | None, str | None]:
        """Return (today's province code, pre-2025 province key) for a raw province value."""
        if raw is None or not str(raw).strip():
            return self.default_province, None
        text = str(raw).strip()
        if text.isdigit():
            code = text.zfill(2)
            return (code, None) if code in self.province_names else (None, None)
        key = strip_prefix(name_key(text), PROVINCE_PREFIXES)
        if key in self.province_by_key:
            return self.province_by_key[key], key
        if key in self.old_province_keys:
            return None, key
        return None, None

    # -- resolution -----------------------------------------------------------------------------

    def resolve(
        self,
        code: str | None,
        name: str | None,
        district: str | None,
        province: str | None,
    ) -> Resolution:
        """Resolve one ward reference (raw text values as read from the file)."""
        code = (code or "").strip() or None
        name = (name or "").strip() or None
        if code is not None:
            return self._by_code(code)
        if name is None:
            return Resolution(None, "thiếu mã xã hoặc tên phường/xã", "ward_name")
        prov_code, old_prov_key = self._province(province)
        if prov_code is None and old_prov_key is None:
            return Resolution(None, f"không nhận ra tỉnh/thành phố '{province}'", "province")
        district_key = strip_prefix(name_key(district), DISTRICT_PREFIXES) if district else None
        if district_key:
            found = self._by_old_name(name, district_key, prov_code, old_prov_key)
            if found.ward_code or (found.error and "nhiều" in found.error):
                return found
        if prov_code is not None:
            found = self._by_current_name(name, prov_code)
            if found is not None:
                return found
        found = self._by_old_name(name, district_key, prov_code, old_prov_key)
        if found.ward_code or found.error:
            return found
        where = self.province_names.get(prov_code or "", province or "")
        return Resolution(None, f"không tìm thấy phường/xã '{name}' tại {where}", "ward_name")

    def _by_code(self, raw: str) -> Resolution:
        digits = raw[:-2] if raw.endswith(".0") else raw
        if not digits.isdigit() or len(digits) > 5:
            return Resolution(None, f"mã xã '{raw}' không hợp lệ (cần 5 chữ số)", "ward_code")
        code = digits.zfill(5)
        if code in self.wards:
            return Resolution(code)
        if code in self.old_codes:
            return Resolution(self.old_codes[code])
        return Resolution(None, f"mã xã '{raw}' không có trong danh mục", "ward_code")

    def _by_current_name(self, name: str, prov: str) -> Resolution | None:
        codes = self.exact.get((prov, _exact(name)))
        if codes and len(codes) == 1:
            return Resolution(next(iter(codes)))
        key = name_key(name)
        for candidate in (key, strip_prefix(key, WARD_PREFIXES)):
            codes = self.names.get((prov, candidate))
            if codes and len(codes) == 1:
                return Resolution(next(iter(codes)))
            if codes:
                return Resolution(
                    None,
                    f"tên '{name}' khớp nhiều phường/xã: {self._candidates(codes)}; "
                    "ghi rõ 'Phường'/'Xã' hoặc dùng mã xã",
                    "ward_name",
                )
        return None

    def _by_old_name(
        self, name: str, district_key: str | None, prov: str | None, old_prov_key: str | None
    ) -> Resolution:
        key = strip_prefix(name_key(name), WARD_PREFIXES)
        rows = [
            r
            for r in self.old.get(key, [])
            if (old_prov_key is None or r[0] == old_prov_key)
            and (old_prov_key is not None or r[2] == prov)
            and (district_key is None or r[1] == district_key)
        ]
        if not rows:
            return Resolution(None)
        # One row per (old ward, candidate new ward): keep each old ward's default. Old wards are
        # told apart by their full label (Thị trấn Yên Viên and Xã Yên Viên share a key).
        defaults = {r[5]: r for r in rows if r[4]}
        targets = {r[3] for r in defaults.values()}
        if len(targets) == 1:
            return Resolution(next(iter(targets)))
        olds = sorted(r[5] for r in defaults.values())
        return Resolution(
            None,
            f"tên cũ '{name}' khớp nhiều phường/xã trước 2025: {', '.join(olds[:MAX_CANDIDATES])}; "
            "thêm cột Quận/Huyện",
            "ward_name",
        )
