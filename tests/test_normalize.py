"""The Python matching key (etl.normalize.name_key) and its SQL twin (macro `vk`) agree.

Headers and ward names are keyed in Python, coded values (status, channel, bools…) in SQL; a
word that keys differently in the two would be matched in one place and rejected in the other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.normalize import name_key, strip_prefix

MACROS = Path(__file__).resolve().parent.parent / "etl" / "sql" / "macros.sql"


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    con.execute(MACROS.read_text(encoding="utf-8"))
    yield con
    con.close()


def vk(con: duckdb.DuckDBPyConnection, text: str) -> str:
    return con.execute("SELECT vk(?)", [text]).fetchall()[0][0]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


KEYS = [
    ("Phường Cửa Nam", "phuongcuanam"),
    (nfd("Phường Cửa Nam"), "phuongcuanam"),
    ("PHƯỜNG CỬA NAM", "phuongcuanam"),
    ("ĐÀ NẴNG", "danang"),
    ("Đắk Lắk", "daklak"),
    (nfd("Đắk Lắk"), "daklak"),
    ("đường Đê La Thành", "duongdelathanh"),
    ("Mã  hồ sơ", "mahoso"),
    ("MA HO SO", "mahoso"),
    ("MaHoSo", "mahoso"),
    ("  Mã Hồ Sơ  ", "mahoso"),
    ("Phường/Xã", "phuongxa"),
    ("Tỉnh (TP.)", "tinhtp"),
    ("Số lần yêu cầu bổ sung", "solanyeucaubosung"),
    ("Ứng Hòa", "unghoa"),
    ("Ứng Hoà", "unghoa"),  # old-style tone placement
    ("Quỳnh Lưu", "quynhluu"),
    ("Thị trấn Yên Viên", "thitranyenvien"),
    ("1.001193", "1001193"),
    ("A-12_b", "a12b"),
    ("Có", "co"),
    ("Không", "khong"),
    ("Bưu chính công ích", "buuchinhcongich"),
    ("x", "x"),
    ("\u00a0Xã\tVăn Lăng\u00a0", "xavanlang"),
    ("", ""),
    ("ß", ""),  # not Vietnamese: both sides drop it (casefold would make it 'ss')
    ("ﬁ", ""),
]


@pytest.mark.parametrize(("text", "expected"), KEYS)
def test_name_key_and_sql_vk_give_the_same_key(
    con: duckdb.DuckDBPyConnection, text: str, expected: str
) -> None:
    assert (name_key(text), vk(con, text)) == (expected, expected)


def test_name_key_of_none_is_empty() -> None:
    assert name_key(None) == ""


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("phuongcuanam", "cuanam"),
        ("xavanlang", "vanlang"),
        ("thitranyenvien", "yenvien"),
        ("phuong", "phuong"),  # only a prefix: kept
        ("cuanam", "cuanam"),
    ],
)
def test_strip_prefix_removes_one_unit_type(key: str, expected: str) -> None:
    assert strip_prefix(key, ("thitran", "dackhu", "phuong", "xa")) == expected


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    "0123456789 \t/.,-_()'\"\u00a0"
    "\u0300\u0301\u0303\u0309\u0323"  # combining tone marks (NFD input)
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=VIETNAMESE, max_size=30), form=st.sampled_from(["NFC", "NFD"]))
def test_name_key_and_vk_agree_on_random_vietnamese_text(
    con: duckdb.DuckDBPyConnection, text: str, form: str
) -> None:
    text = unicodedata.normalize(form, text)
    assert name_key(text) == vk(con, text)
