"""Flow and on-time figures (kpi.flow.summary) on a real warehouse built by the real loader.

The dossiers below are hand-written; each line says which class of metrics.md §2 it falls in for
October 2026, and the expected figures are counted by hand from those comments.
Calendar facts used: 09/10/2026 is a Friday, 14/10/2026 a Wednesday; no holiday in October.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from etl.loader import load_files
from kpi.db import cursor
from kpi.flow import summary
from kpi.reference import ward_options

HEADER = (
    "Mã hồ sơ,Mã xã,Lĩnh vực,Mã TTHC,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,"
    "Trạng thái,Số lần yêu cầu bổ sung\n"
)

# Ba Đình 00004, Ngọc Hà 00008, Hoàn Kiếm 00070.
DOSSIERS = (
    HEADER
    + """\
BD01,00004,Hộ tịch,,Trực tuyến,05/10/2026 08:00,09/10/2026,08/10/2026 16:00,Đã trả kết quả,0
BD02,00004,Hộ tịch,,Trực tiếp,05/10/2026 09:00,12/10/2026,12/10/2026 23:59,Đã trả kết quả,0
BD03,00004,Hộ tịch,,Trực tiếp,05/10/2026 09:30,12/10/2026,13/10/2026 08:00,Đã trả kết quả,0
BD04,00004,Đất đai,,Trực tuyến,26/10/2026 10:00,05/11/2026,,Đang xử lý,0
BD05,00004,Đất đai,,Trực tiếp,01/10/2026 10:00,20/10/2026,,Đang xử lý,0
BD06,00004,Xây dựng,,Trực tuyến,02/10/2026 10:00,15/10/2026,,Yêu cầu bổ sung giấy tờ,1
BD07,00004,Xây dựng,,Bưu chính,06/10/2026 10:00,30/10/2026,20/10/2026 10:00,Đã trả kết quả,2
BD08,00004,Chứng thực,,Trực tiếp,25/09/2026 09:00,02/10/2026,01/10/2026 15:00,Đã trả kết quả,0
BD09,00004,Chứng thực,,Trực tiếp,20/09/2026 09:00,25/09/2026,28/09/2026 09:00,Đã trả kết quả,0
BD10,00004,Hộ tịch,,Trực tiếp,07/10/2026 09:00,,,Không được tiếp nhận,0
BD11,00004,Hộ tịch,,Trực tuyến,07/10/2026 09:00,,,Mới đăng ký,0
BD12,00004,Khác,,Trực tiếp,08/10/2026 09:00,,09/10/2026 10:00,Đã trả kết quả,0
BD13,00004,Đất đai,,Trực tiếp,15/09/2026 09:00,30/09/2026,,Đang xử lý,0
BD14,00004,Chứng thực,1.001193,Trực tiếp,09/10/2026 14:00,,14/10/2026 17:00,Đã trả kết quả,0
BD15,00004,Hộ tịch,,Trực tiếp,03/11/2026 09:00,06/11/2026,04/11/2026 10:00,Đã trả kết quả,0
NH01,00008,Hộ tịch,,Trực tuyến,12/10/2026 09:00,20/10/2026,16/10/2026 09:00,Đã trả kết quả,0
NH02,00008,Hộ tịch,,Trực tiếp,12/10/2026 09:00,20/10/2026,20/10/2026 11:00,Đã trả kết quả,0
HK01,00070,Đất đai,,Trực tiếp,20/09/2026 09:00,30/10/2026,,Đang xử lý,0
"""
)
# BD01 early (ended the day before the due day) · BD02 on_time (23:59 on the due day)
# BD03 late (08:00 the next morning) · BD04 in_time (due 05/11 after as_of)
# BD05 overdue · BD06 in_time (waiting for its single supplement, due passed)
# BD07 late (two supplement requests, although ended before due) · BD08 carried over, early
# BD09 ended before October: not in the population · BD10 refused, BD11 submitted: not counted
# BD12 no due date, no catalogue limit: no_due · BD13 carried over, open: overdue
# BD14 no due date, catalogue 3 working days from Friday 09/10 → end of Wednesday 14/10: on_time
#   (3 calendar days would have made it late) · BD15 November: outside P, sets data_as_of
# NH01 early · NH02 on_time · HK01 carried over, open, due 30/10: overdue

PROCEDURES = """\
Mã TTHC,Tên TTHC,Thời hạn giải quyết
1.001193,Chứng thực bản sao từ bản chính,3
"""

OCTOBER = {"date_from": date(2026, 10, 1), "date_to": date(2026, 10, 31)}
NOW = datetime(2026, 11, 22, 9, 0)
END_OF_OCTOBER = datetime(2026, 10, 31, 23, 59, 59, 999999)
DATA_AS_OF = datetime(2026, 11, 4, 10, 0)  # BD15 ended
HANOI_WARDS = 126


def build_warehouse(directory: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (name → CSV text) into ``directory`` and load them with the real loader."""
    paths = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    db = directory / "motcua.duckdb"
    result = load_files(paths, db=db)
    assert result.ok, result
    assert [f.rejected for f in result.files] == [0] * len(paths), result
    return db


@pytest.fixture(scope="module")
def cur(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """A read cursor on the warehouse of :data:`DOSSIERS` and :data:`PROCEDURES`."""
    db = build_warehouse(
        tmp_path_factory.mktemp("flow"),
        {"thu_tuc.csv": PROCEDURES, "ho_so.csv": DOSSIERS},
    )
    with cursor(db) as c:
        yield c


def test_city_october_counts_every_class_as_counted_by_hand(cur: duckdb.DuckDBPyConnection) -> None:
    assert summary(cur, **OCTOBER, province_code="01", now=NOW) == {
        "received": 11,  # BD01–07, BD12, BD14, NH01, NH02
        "completed": 9,  # BD01–03, BD07, BD08, BD12, BD14, NH01, NH02
        "carried_over": 3,  # BD08, BD13, HK01
        "to_process": 14,
        "early": 3,  # BD01, BD08, NH01
        "on_time": 3,  # BD02, BD14, NH02
        "late": 2,  # BD03, BD07
        "in_time": 2,  # BD04, BD06
        "overdue": 3,  # BD05, BD13, HK01
        "no_due": 1,  # BD12
        "online": 4,  # BD01, BD04, BD06, NH01
        "on_time_rate": 8 / 13,
        "resolved_on_time_rate": 6 / 8,
        "online_share": 4 / 11,
        "as_of": END_OF_OCTOBER,
        "data_as_of": DATA_AS_OF,
        "wards_with_data": 2,  # HK01 was neither received nor completed in October
        "wards_total": HANOI_WARDS,
    }


def test_ward_filter_counts_only_that_ward(cur: duckdb.DuckDBPyConnection) -> None:
    assert summary(cur, **OCTOBER, province_code="01", ward_code="00004", now=NOW) == {
        "received": 9,
        "completed": 7,
        "carried_over": 2,
        "to_process": 11,
        "early": 2,
        "on_time": 2,
        "late": 2,
        "in_time": 2,
        "overdue": 2,
        "no_due": 1,
        "online": 3,
        "on_time_rate": 6 / 10,
        "resolved_on_time_rate": 4 / 6,
        "online_share": 3 / 9,
        "as_of": END_OF_OCTOBER,
        "data_as_of": DATA_AS_OF,
        "wards_with_data": 1,
        "wards_total": 1,
    }


def test_zero_denominator_is_none_and_zero_rate_is_zero(cur: duckdb.DuckDBPyConnection) -> None:
    hoan_kiem = summary(cur, **OCTOBER, province_code="01", ward_code="00070", now=NOW)
    # HK01 only: in process and overdue. Nothing received, nothing resolved.
    assert hoan_kiem["to_process"] == 1
    assert hoan_kiem["on_time_rate"] == 0.0
    assert hoan_kiem["resolved_on_time_rate"] is None
    assert hoan_kiem["online_share"] is None
    assert hoan_kiem["wards_with_data"] == 0


def test_period_with_no_dossiers_gives_zeros_and_no_rates(cur: duckdb.DuckDBPyConnection) -> None:
    result = summary(
        cur, date_from=date(2025, 7, 1), date_to=date(2025, 7, 31), province_code="01", now=NOW
    )
    counts = {k: v for k, v in result.items() if k not in ("as_of", "data_as_of", "wards_total")}
    assert counts == {
        **dict.fromkeys(
            ["received", "completed", "carried_over", "to_process", "early", "on_time", "late"],
            0,
        ),
        **dict.fromkeys(["in_time", "overdue", "no_due", "online", "wards_with_data"], 0),
        "on_time_rate": None,
        "resolved_on_time_rate": None,
        "online_share": None,
    }


@pytest.mark.parametrize(
    ("date_to", "now", "as_of", "why"),
    [
        (date(2026, 10, 31), NOW, END_OF_OCTOBER, "a past period ends at the end of its last day"),
        (date(2026, 11, 30), NOW, DATA_AS_OF, "the current period: no later than the data"),
        (date(2026, 11, 30), datetime(2026, 11, 2, 8), datetime(2026, 11, 2, 8), "never after now"),
    ],
)
def test_as_of_is_the_earliest_of_period_end_now_and_data(
    cur: duckdb.DuckDBPyConnection, date_to: date, now: datetime, as_of: datetime, why: str
) -> None:
    result = summary(cur, date_from=date(2026, 10, 1), date_to=date_to, province_code="01", now=now)
    assert (result["as_of"], result["data_as_of"]) == (as_of, DATA_AS_OF), why


def test_in_process_dossier_is_judged_at_as_of(cur: duckdb.DuckDBPyConnection) -> None:
    # November, judged at DATA_AS_OF (04/11 10:00): BD04 (due 05/11) is still in time,
    # BD05, BD13, HK01 carried over and overdue; BD06 waits for its supplement.
    november = summary(
        cur, date_from=date(2026, 11, 1), date_to=date(2026, 11, 30), province_code="01", now=NOW
    )
    assert {k: november[k] for k in ("received", "carried_over", "in_time", "overdue")} == {
        "received": 1,  # BD15
        "carried_over": 5,  # BD04, BD05, BD06, BD13, HK01
        "in_time": 2,  # BD04, BD06
        "overdue": 3,
    }


def test_city_rate_sums_numerators_and_denominators(tmp_path: Path) -> None:
    # A big ward, all 20 on time, and a small one with its single dossier late: the city rate
    # is 20/21, not the mean of the ward rates (50%).
    rows = [
        f"BIG{i:02d},00004,Hộ tịch,,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 16:00,"
        "Đã trả kết quả,0\n"
        for i in range(20)
    ]
    rows.append(
        "SMALL1,00008,Hộ tịch,,Trực tuyến,05/10/2026 08:00,09/10/2026,10/10/2026 09:00,"
        "Đã trả kết quả,0\n"
    )
    db = build_warehouse(tmp_path, {"ho_so.csv": HEADER + "".join(rows)})
    with cursor(db) as c:
        city = summary(c, **OCTOBER, province_code="01", now=NOW)
        wards = [
            summary(c, **OCTOBER, province_code="01", ward_code=w, now=NOW)
            for w in ("00004", "00008")
        ]
    assert wards[0]["on_time_rate"] == 1.0
    assert wards[1]["on_time_rate"] == 0.0
    assert city["on_time_rate"] == 20 / 21
    assert city["resolved_on_time_rate"] == 20 / 21
    assert city["online_share"] == 1 / 21
    for key in ("received", "completed", "early", "on_time", "late", "online", "wards_with_data"):
        assert city[key] == wards[0][key] + wards[1][key], key


def test_ward_options_lists_the_province_in_vietnamese_order(
    cur: duckdb.DuckDBPyConnection,
) -> None:
    frame = ward_options(cur, province_code="01")
    assert list(frame.columns) == ["ward_code", "ward_name"]
    assert len(frame) == HANOI_WARDS
    names = list(frame["ward_name"])
    # Vietnamese collation: "Ba Đình" < "Ba Vì" < "Bạch Mai", and Đ after D.
    assert names.index("Phường Ba Đình") < names.index("Xã Ba Vì") < names.index("Phường Bạch Mai")
    assert names.index("Xã Dân Hòa") < names.index("Xã Đa Phúc")
    assert dict(zip(frame["ward_code"], names, strict=True))["00070"] == "Phường Hoàn Kiếm"
