"""Reference data built from the real packages into a real DuckDB warehouse (etl.refdata).

Expected values were read by hand from vietnam-provinces 2025.10.1, vietnamadminunits 1.0.4 and
holidays 0.108. A package upgrade that changes one of them should be reviewed, not just re-pinned.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pandas as pd
import pytest

from etl.refdata import ReferenceDataError, build_reference, reconcile_wards
from etl.warehouse import apply_schema


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[str, int]]]:
    con = duckdb.connect(":memory:")
    apply_schema(con)
    counts = build_reference(con)
    yield con, counts
    con.close()


@pytest.fixture(scope="module")
def con(
    built: tuple[duckdb.DuckDBPyConnection, dict[str, int]],
) -> duckdb.DuckDBPyConnection:
    return built[0]


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


# --- provinces and wards ----------------------------------------------------------------------


def test_build_returns_the_row_count_of_every_table(
    built: tuple[duckdb.DuckDBPyConnection, dict[str, int]],
) -> None:
    con, counts = built
    # 10,602 crosswalk rows = 10,040 old wards, 471 of them split over several new wards.
    # 7,670 calendar days = 21 years of 365 days + 5 leap days.
    assert counts == {
        "provinces": 34,
        "wards": 3321,
        "ward_names": 6642,
        "ward_crosswalk": 10602,
        "calendar": 7670,
    }
    for table, expected in counts.items():
        assert rows(con, f"SELECT count(*) FROM {table}") == [(expected,)]


def test_rebuilding_replaces_rows_instead_of_adding_them() -> None:
    con = duckdb.connect(":memory:")
    apply_schema(con)
    first = build_reference(con)
    second = build_reference(con)
    assert second == first
    assert rows(con, "SELECT count(*) FROM wards") == [(3321,)]
    assert rows(con, "SELECT count(*) FROM meta WHERE key = 'refdata_version'") == [(1,)]


def test_provinces_have_full_and_short_names(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        "SELECT province_code, province_name, province_short FROM provinces "
        "WHERE province_code IN ('01', '22', '79') ORDER BY 1",
    ) == [
        ("01", "Thành phố Hà Nội", "Hà Nội"),
        ("22", "Tỉnh Quảng Ninh", "Quảng Ninh"),
        ("79", "Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ]
    assert rows(con, "SELECT count(*) FROM provinces WHERE lat IS NULL OR lon IS NULL") == [(0,)]


def test_ha_noi_has_126_wards(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT count(*) FROM wards WHERE province_code = '01'") == [(126,)]


def test_ward_codes_are_unique_five_digit_text(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        "SELECT count(*), count(DISTINCT ward_code), "
        "count(*) FILTER (WHERE NOT regexp_full_match(ward_code, '[0-9]{5}')) FROM wards",
    ) == [(3321, 3321, 0)]


def test_every_ward_has_a_centroid_inside_vietnam(con: duckdb.DuckDBPyConnection) -> None:
    # Bounding box including the Trường Sa and Hoàng Sa special zones.
    outside = rows(
        con,
        "SELECT ward_code, ward_name, lat, lon FROM wards "
        "WHERE lat IS NULL OR lon IS NULL "
        "OR NOT (lat BETWEEN 8.0 AND 23.5) OR NOT (lon BETWEEN 102.0 AND 118.0)",
    )
    assert outside == []


def test_ward_types_and_short_names(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT ward_type, count(*) FROM wards GROUP BY 1 ORDER BY 1") == [
        ("phường", 687),
        ("xã", 2621),
        ("đặc khu", 13),
    ]
    assert rows(
        con,
        "SELECT count(*) FROM wards "
        "WHERE lower(ward_name) <> ward_type || ' ' || lower(ward_short)",
    ) == [(0,)]


# --- reconciliation of the two sources --------------------------------------------------------


def test_cua_nam_keeps_the_authoritative_code_and_records_the_other(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert rows(
        con,
        "SELECT ward_code, ward_name, ward_short, ward_type, province_code, province_name, "
        "lat, lon, area_km2, alt_code FROM wards WHERE ward_name = 'Phường Cửa Nam'",
    ) == [
        (
            "00073",
            "Phường Cửa Nam",
            "Cửa Nam",
            "phường",
            "01",
            "Thành phố Hà Nội",
            21.0226,
            105.851,
            1.68,
            "00082",
        )
    ]


def test_number_of_code_disagreements_is_the_one_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    # 123 wards observed with vietnam-provinces 2025.10.1 vs vietnamadminunits 1.0.4 (29 of them
    # in Hà Nội). A package upgrade that changes this number should be reviewed by hand.
    assert rows(con, "SELECT count(*) FROM wards WHERE alt_code IS NOT NULL") == [(123,)]
    assert rows(con, "SELECT count(*) FROM wards WHERE alt_code = ward_code") == [(0,)]


@pytest.mark.parametrize(
    ("ward_code", "stored_name", "lat", "lon", "alt_code"),
    [
        # vietnamadminunits writes 'Xã Đàm Thủy' (tone mark on the other vowel).
        ("01501", "Xã Đàm Thuỷ", 22.8332, 106.651, None),
        # A dash instead of an en dash, and a different code.
        ("20152", "Xã Chân Mây – Lăng Cô", 16.246, 108.014, "20137"),
        # A straight apostrophe instead of a typographic one.
        ("24280", "Xã Cư M’gar", 12.8706, 108.069, None),
        # 'Phường  An Nhơn' with a double space in vietnam-provinces; stored with one.
        ("26887", "Phường An Nhơn", 10.8427, 106.683, "26876"),
    ],
)
def test_spelling_differences_resolve_to_the_right_ward(
    con: duckdb.DuckDBPyConnection,
    ward_code: str,
    stored_name: str,
    lat: float,
    lon: float,
    alt_code: str | None,
) -> None:
    assert rows(
        con, "SELECT ward_name, lat, lon, alt_code FROM wards WHERE ward_code = ?", ward_code
    ) == [(stored_name, lat, lon, alt_code)]


def test_names_equal_without_diacritics_are_not_swapped(con: duckdb.DuckDBPyConnection) -> None:
    # 'Văn Lang' and 'Văn Lăng' share a name key in Thái Nguyên; each keeps its own centroid.
    assert rows(
        con,
        "SELECT ward_code, ward_name, lat, lon FROM wards "
        "WHERE province_code = '19' AND ward_short IN ('Văn Lang', 'Văn Lăng') ORDER BY 1",
    ) == [
        ("02143", "Xã Văn Lang", 22.2586, 106.061),
        ("05665", "Xã Văn Lăng", 21.7857, 105.829),
    ]


def _frame(rows_: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows_, columns=["province_code", "ward_code", "ward_name"])


def test_reconcile_falls_back_to_code_then_closest_name() -> None:
    authoritative = _frame(
        [
            ("01", "00001", "Phường Ba Đình"),
            ("01", "00002", "Xã Tà Xùa"),  # other spells it Sùa: same code
            ("01", "00003", "Phường Quang Trung"),  # other has a typo and another code
        ]
    )
    other = _frame(
        [
            ("01", "90003", "Phường Quang Trunh"),
            ("01", "00002", "Xã Tà Sùa"),
            ("01", "00001", "Phường Ba Đình"),
        ]
    )
    result = reconcile_wards(authoritative, other)
    assert result[["ward_code", "other_code", "how"]].values.tolist() == [
        ["00001", "00001", "name"],
        ["00002", "00002", "code"],
        ["00003", "90003", "closest"],
    ]


def test_reconcile_refuses_a_ward_it_cannot_match() -> None:
    authoritative = _frame([("01", "00001", "Phường Ba Đình"), ("01", "00002", "Xã Tân Lập")])
    other = _frame([("01", "00001", "Phường Ba Đình"), ("01", "00009", "Xã Hồng Phong")])
    with pytest.raises(ReferenceDataError, match="00002 Xã Tân Lập"):
        reconcile_wards(authoritative, other)


def test_reconcile_never_matches_across_provinces() -> None:
    authoritative = _frame([("01", "00001", "Phường Ba Đình")])
    other = _frame([("02", "00001", "Phường Ba Đình")])
    with pytest.raises(ReferenceDataError, match="Ba Đình"):
        reconcile_wards(authoritative, other)


# --- ward_names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("province_code", "key", "expected"),
    [
        ("01", "cuanam", ["00073"]),
        ("01", "phuongcuanam", ["00073"]),
        ("46", "chanmaylangco", ["20152"]),
        ("66", "xacumgar", ["24280"]),
        # Phường Mỹ Tho and Xã Mỹ Thọ of Đồng Tháp: the resolver must call this ambiguous.
        ("82", "mytho", ["28261", "30076"]),
        ("82", "phuongmytho", ["28261"]),
        ("01", "nosuchward", []),
    ],
)
def test_ward_names_resolve_keys(
    con: duckdb.DuckDBPyConnection, province_code: str, key: str, expected: list[str]
) -> None:
    found = rows(
        con,
        "SELECT ward_code FROM ward_names WHERE province_code = ? AND name_key = ? ORDER BY 1",
        province_code,
        key,
    )
    assert [code for (code,) in found] == expected


def test_ward_names_have_no_duplicate_rows(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        "SELECT count(*) - count(DISTINCT (province_code, name_key, ward_code)) FROM ward_names",
    ) == [(0,)]
    # 18 keys name two wards of one province (mostly names equal without diacritics).
    assert rows(
        con,
        "SELECT count(*) FROM (SELECT province_code, name_key FROM ward_names "
        "GROUP BY ALL HAVING count(*) > 1)",
    ) == [(18,)]


# --- ward_crosswalk ---------------------------------------------------------------------------

_CROSSWALK_SQL = """
SELECT c.old_province_key, c.old_district_key, c.old_ward_key, c.old_ward_code,
       c.province_code, c.ward_code, w.ward_name, c.is_default
FROM ward_crosswalk c JOIN wards w USING (ward_code)
WHERE c.old_province_name = ? AND c.old_district_name = ? AND c.old_ward_name = ?
ORDER BY c.ward_code
"""


def test_hang_bai_maps_to_cua_nam(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, _CROSSWALK_SQL, "Thành phố Hà Nội", "Quận Hoàn Kiếm", "Phường Hàng Bài") == [
        ("hanoi", "hoankiem", "hangbai", "00088", "01", "00073", "Phường Cửa Nam", True)
    ]


def test_hong_ha_of_ha_long_maps_to_phuong_ha_long(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, _CROSSWALK_SQL, "Tỉnh Quảng Ninh", "Thành phố Hạ Long", "Phường Hồng Hà") == [
        ("quangninh", "halong", "hongha", "06697", "22", "06688", "Phường Hạ Long", True)
    ]


def test_split_ward_has_candidates_and_one_default(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, _CROSSWALK_SQL, "Thành phố Hà Nội", "Huyện Đan Phượng", "Xã Hồng Hà") == [
        ("hanoi", "danphuong", "hongha", "09796", "01", "08980", "Xã Yên Lãng", False),
        ("hanoi", "danphuong", "hongha", "09796", "01", "09022", "Xã Mê Linh", False),
        ("hanoi", "danphuong", "hongha", "09796", "01", "09793", "Xã Liên Minh", False),
        ("hanoi", "danphuong", "hongha", "09796", "01", "09817", "Xã Ô Diên", True),
    ]


def test_island_district_without_wards_maps_to_its_special_zone(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert rows(con, _CROSSWALK_SQL, "Tỉnh Bà Rịa - Vũng Tàu", "Huyện Côn Đảo", "") == [
        ("bariavungtau", "condao", "", None, "79", "26732", "Đặc khu Côn Đảo", True)
    ]


def test_every_old_ward_has_exactly_one_default(con: duckdb.DuckDBPyConnection) -> None:
    # All 10,040 wards of admin_units_legacy (5 of them island districts without wards) are
    # mapped; 471 were split over several new wards.
    assert rows(
        con,
        "SELECT count(*), count(*) FILTER (WHERE candidates > 1), "
        "count(*) FILTER (WHERE defaults <> 1) FROM ("
        "  SELECT count(*) AS candidates, count(*) FILTER (WHERE is_default) AS defaults"
        "  FROM ward_crosswalk"
        "  GROUP BY old_province_name, old_district_name, old_ward_name, old_ward_code)",
    ) == [(10040, 471, 0)]


def test_crosswalk_points_at_existing_wards_of_its_province(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert rows(
        con,
        "SELECT count(*) FROM ward_crosswalk c LEFT JOIN wards w USING (ward_code) "
        "WHERE w.ward_code IS NULL OR w.province_code <> c.province_code",
    ) == [(0,)]


# --- calendar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "is_working", "holiday"),
    [
        (date(2026, 2, 17), False, "Tết Nguyên Đán"),
        (date(2025, 9, 1), False, "Quốc khánh"),
        (date(2025, 9, 2), False, "Quốc khánh"),
        (date(2025, 9, 3), True, None),  # an ordinary Wednesday
        (date(2025, 9, 6), False, None),  # an ordinary Saturday
        # The library knows the government's swaps: Saturday 26/04/2025 was worked in exchange
        # for Friday 02/05/2025 off; a holiday on a Sunday is observed on the Monday.
        (date(2025, 4, 26), True, None),
        (date(2025, 5, 2), False, "Ngày nghỉ (thay cho ngày 26/04/2025)"),
        (date(2026, 4, 27), False, "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ],
)
def test_calendar_days(
    con: duckdb.DuckDBPyConnection, day: date, is_working: bool, holiday: str | None
) -> None:
    assert rows(con, "SELECT is_working, holiday FROM calendar WHERE d = ?", day) == [
        (is_working, holiday)
    ]


def test_calendar_covers_2015_to_2035_without_gaps(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT min(d), max(d), count(*), count(DISTINCT d) FROM calendar") == [
        (date(2015, 1, 1), date(2035, 12, 31), 7670, 7670)
    ]


def test_wd_seq_counts_working_days(con: duckdb.DuckDBPyConnection) -> None:
    # Thursday 2015-01-01 is New Year's Day; Friday 2015-01-02 was a day off given for the
    # make-up Saturday 2014-12-27, so the first working day is Monday 2015-01-05.
    assert rows(con, "SELECT d, wd_seq FROM calendar WHERE d <= '2015-01-05' ORDER BY d") == [
        (date(2015, 1, 1), 0),
        (date(2015, 1, 2), 0),
        (date(2015, 1, 3), 0),
        (date(2015, 1, 4), 0),
        (date(2015, 1, 5), 1),
    ]
    assert rows(
        con,
        "SELECT count(*) FROM (SELECT is_working, wd_seq - lag(wd_seq) OVER (ORDER BY d) AS step "
        "FROM calendar) WHERE step IS NOT NULL AND step <> is_working::INTEGER",
    ) == [(0,)]


def test_nth_working_day_after_a_date_is_a_lookup(con: duckdb.DuckDBPyConnection) -> None:
    # From Friday 2025-08-29: Sat 30, Sun 31, Mon 1/9 and Tue 2/9 (National Day) are off,
    # so working days 1, 2, 3 are Wed 3/9, Thu 4/9 and Fri 5/9.
    found = rows(
        con,
        "SELECT min(d) FROM calendar WHERE is_working "
        "AND wd_seq = (SELECT wd_seq FROM calendar WHERE d = ?) + ?",
        date(2025, 8, 29),
        3,
    )
    assert found == [(date(2025, 9, 5),)]


# --- meta -------------------------------------------------------------------------------------


def test_refdata_version_names_the_three_packages(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT value FROM meta WHERE key = 'refdata_version'") == [
        ("vietnam-provinces 2025.10.1; vietnamadminunits 1.0.4; holidays 0.108",)
    ]
