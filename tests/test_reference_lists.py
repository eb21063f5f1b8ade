"""The menus' reference lists (kpi/reference.py), read once per warehouse version.

Two hand-written exports go through the real loader into one warehouse, one after the other:
the lists after each load are exactly what the loaded dossiers name, so a list kept from the
first version is never served after the second load.

- first load (Hà Nội, province 01): fields Hộ tịch and Đất đai; procedures 1.001 (Đăng ký khai
  sinh, named on one of its two rows) and 2.002 (Cấp giấy chứng nhận); wards 00004 and 00008.
- second load (Quảng Ninh, province 22): a new field, Chứng thực, and procedure 3.003 with no
  name; province 22 becomes a loaded province.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.loader import load_files
from kpi import cache
from kpi.db import cursor
from kpi.reference import allow_lists, fields, loaded_provinces, procedures, ward_options

HA_NOI = """Mã hồ sơ,Mã xã,Lĩnh vực,Mã thủ tục,Tên thủ tục,Ngày tiếp nhận,Ngày hẹn trả
H1,00004,Hộ tịch,1.001,Đăng ký khai sinh,01/10/2026 08:00,05/10/2026
H2,00004,Hộ tịch,1.001,,02/10/2026 09:00,06/10/2026
H3,00008,Đất đai,2.002,Cấp giấy chứng nhận,05/10/2026 09:00,07/10/2026
"""
QUANG_NINH = """Mã hồ sơ,Mã xã,Lĩnh vực,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả
Q1,06688,Chứng thực,3.003,01/10/2026 08:00,03/10/2026
"""


def _load(directory: Path, db: Path, name: str, text: str, province: str) -> None:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    result = load_files([path], db=db, province=province)
    assert result.ok, result
    assert [(f.rows_read, f.inserted, f.rejected) for f in result.files] == [
        (f.rows_read, f.rows_read, 0) for f in result.files
    ], result


def test_lists_follow_each_load_and_are_read_once_per_version(
    warehouse: Path, tmp_path: Path
) -> None:
    cache.REFERENCE.clear()
    # Nothing loaded yet: empty lists (no data version, so nothing kept), no error.
    empty = allow_lists("01")
    assert (empty.fields, empty.procedures, empty.provinces, empty.problem) == ([], {}, {}, None)

    _load(tmp_path, warehouse, "ha_noi.csv", HA_NOI, "01")
    first = allow_lists("01")
    assert first.fields == ["Đất đai", "Hộ tịch"]  # Vietnamese order: Đ before H
    assert first.procedures == {"1.001": "Đăng ký khai sinh", "2.002": "Cấp giấy chứng nhận"}
    assert first.provinces == {"01": "Hà Nội"}
    assert {"00004", "00008"} <= set(first.wards) and len(first.wards) == 126

    # The same version asked again: each of the four lists is served from the cache.
    cache.REFERENCE.clear()
    allow_lists("01")
    assert (cache.REFERENCE.misses, cache.REFERENCE.hits) == (4, 0)
    again = allow_lists("01")
    assert (cache.REFERENCE.misses, cache.REFERENCE.hits) == (4, 4)
    assert again == first

    # A new load is a new version: the lists say what is loaded now.
    _load(tmp_path, warehouse, "quang_ninh.csv", QUANG_NINH, "22")
    second = allow_lists(None)
    assert second.fields == ["Chứng thực", "Đất đai", "Hộ tịch"]  # Đ after C (not after H)
    assert second.procedures == {
        "1.001": "Đăng ký khai sinh",
        "2.002": "Cấp giấy chứng nhận",
        "3.003": None,
    }
    assert set(second.provinces) == {"01", "22"}
    assert "06688" in second.wards and "00004" in second.wards
    assert allow_lists("01").provinces == second.provinces


def test_a_caller_changing_a_list_does_not_change_the_next_answer(
    warehouse: Path, tmp_path: Path
) -> None:
    _load(tmp_path, warehouse, "ha_noi.csv", HA_NOI, "01")
    with cursor(warehouse) as cur:
        fields(cur).append("Không có")
        procedures(cur)["9.999"] = "Không có"
        loaded_provinces(cur).clear()
        frame = ward_options(cur, province_code="01")
        frame.loc[:, "ward_name"] = "?"
        assert fields(cur) == ["Đất đai", "Hộ tịch"]
        assert set(procedures(cur)) == {"1.001", "2.002"}
        assert loaded_provinces(cur) == {"01": "Hà Nội"}
        assert "?" not in set(ward_options(cur, province_code="01")["ward_name"])


@pytest.mark.parametrize("province", ["01", None])
def test_lists_of_a_missing_warehouse_say_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, province: str | None
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "none.duckdb"))
    lists = allow_lists(province)
    assert (lists.wards, lists.fields, lists.procedures, lists.provinces) == ({}, [], {}, {})
    assert lists.problem is not None
