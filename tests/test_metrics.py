"""Every metric of metrics.md §1–§4 (kpi.metrics) on real warehouses built by the real loader.

Each warehouse is loaded from small hand-written files; every expected figure is counted by hand
in this file, with the arithmetic written out. The period is March 2025 unless said otherwise.

Calendar facts used (checked against the warehouse calendar in
:func:`test_calendar_facts_the_hand_counts_rely_on`): 1 March 2025 is a Saturday, 7 March a
Friday; March 2025 has no public holiday, so its working days are the weekdays 3–7, 10–14, 17–21,
24–28 and 31: 5 + 5 + 5 + 5 + 1 = 21. January 2025 has 23 weekdays, of which New Year's Day
(Wed 1/1) and Tết (Mon 27/1 – Fri 31/1) are off: 23 − 1 − 5 = 17 working days.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from etl.loader import load_files
from kpi.db import cursor
from kpi.metrics import Filters, kpis, records, summary
from kpi.periods import Period

HANOI = "01"
BA_DINH, NGOC_HA, HOAN_KIEM = "00004", "00008", "00070"
HANOI_WARDS = 126

MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))
FEBRUARY = Period(date(2025, 2, 1), date(2025, 2, 28))
JANUARY = Period(date(2025, 1, 1), date(2025, 1, 31))
END_OF_MARCH = datetime(2025, 3, 31, 23, 59, 59, 999999)
NOW = datetime(2025, 4, 20, 9, 0)  # well after every period tested, unless said otherwise
MARCH_WORKING_DAYS = 5 + 5 + 5 + 5 + 1
JANUARY_WORKING_DAYS = 23 - 1 - 5

CITY = Filters(province_code=HANOI)

DOSSIER_HEADER = (
    "Mã hồ sơ", "Mã xã", "Lĩnh vực", "Mã TTHC", "Kênh nộp", "Mức độ", "Ngày tiếp nhận",
    "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Số lần yêu cầu bổ sung",
    "Số ngày tạm dừng", "Liên thông", "Đã số hóa", "Có kết quả điện tử", "Tái sử dụng dữ liệu",
    "Có phí", "Thanh toán trực tuyến", "Không chờ",
)  # fmt: skip
RATING_HEADER = (
    "Mã đánh giá", "Mã hồ sơ", "Mã xã", "Thời gian đánh giá", "Mức độ hài lòng",
    "Tiếp cận dịch vụ", "Thủ tục hành chính", "Công chức giải quyết", "Kết quả",
    "Tiếp nhận xử lý góp ý",
)  # fmt: skip
PETITION_HEADER = (
    "Mã phản ánh", "Mã xã", "Ngày tiếp nhận", "Hạn xử lý", "Ngày xử lý", "Phân loại",
    "Không hài lòng", "Mã hồ sơ",
)  # fmt: skip
PROCEDURE_HEADER = ("Mã TTHC", "Tên TTHC", "Lĩnh vực", "Thời hạn giải quyết (ngày làm việc)")

RETURNED = "Đã trả kết quả"
PROCESSING = "Đang xử lý"
SUPPLEMENT = "Yêu cầu bổ sung giấy tờ"

CLASSES = ("early", "on_time", "late", "in_time", "overdue", "no_due")


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A CSV file's text: ``header`` then ``rows`` (every row as long as the header)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        assert len(row) == len(header), row
        writer.writerow(row)
    return out.getvalue()


def dossier(
    dossier_id: str,
    received: str,
    due: str,
    ended: str,
    status: str,
    *,
    ward: str = BA_DINH,
    field: str = "Hộ tịch",
    procedure: str = "",
    channel: str = "Trực tiếp",
    level: str = "",
    supplements: str = "0",
    paused: str = "",
    flags: Sequence[str] = ("", "", "", "", "", "", ""),
) -> list[str]:
    """One row of a dossier file. ``flags``: Liên thông, Đã số hóa, Có kết quả điện tử,
    Tái sử dụng dữ liệu, Có phí, Thanh toán trực tuyến, Không chờ ("" = blank: "no")."""
    return [
        dossier_id, ward, field, procedure, channel, level, received, due, ended, status,
        supplements, paused, *flags,
    ]  # fmt: skip


def build(directory: Path, empty_warehouse: Path, files: dict[str, str]) -> Path:
    """Copy the empty warehouse into ``directory`` and load ``files`` (name → CSV text) into it
    with the real loader, under default settings; every row must be accepted."""
    db = directory / "motcua.duckdb"
    shutil.copyfile(empty_warehouse, db)
    paths = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with pytest.MonkeyPatch.context() as mp:
        for name in ("MOTCUA_DB", "MOTCUA_PROVINCE", "MOTCUA_MAX_REJECT_SHARE"):
            mp.delenv(name, raising=False)
        mp.setenv("MOTCUA_CONFIG", str(directory / "no-such-config.toml"))
        result = load_files(paths, db=db)
    assert result.ok, result
    assert [f.rejected for f in result.files] == [0] * len(paths), result
    return db


def pick(row: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """The entries of ``row`` named by ``keys``."""
    return {k: row[k] for k in keys}


def by_key(frame: pd.DataFrame, period: int = 1) -> dict[str, dict[str, Any]]:
    """Rows of a grouped :func:`kpis` frame for one period, keyed by ``key``."""
    return {r["key"]: r for r in records(frame) if r["period"] == period}


# ---------------------------------------------------------------------------------------------
# On-time classes (§2): one dossier per case, each with its own procedure code so that
# kpis(by="procedure") shows the class of every single dossier.


@dataclass(frozen=True)
class Case:
    """A hand-built dossier and the class it must fall in for March 2025 (None: not counted)."""

    id: str
    received: str
    due: str
    ended: str
    status: str
    klass: str | None
    why: str
    supplements: str = "0"
    paused: str = ""


CASES = (
    Case("E01", "03/03/2025 08:00", "07/03/2025", "06/03/2025 16:00", RETURNED, "early",
         "ended the day before the due day"),
    Case("E02", "03/03/2025 09:00", "10/03/2025", "10/03/2025 23:59", RETURNED, "on_time",
         "ended at 23:59 on the due day; a due given as a date means the end of that day"),
    Case("E03", "03/03/2025 09:30", "10/03/2025", "11/03/2025 08:00", RETURNED, "late",
         "ended the morning after the due day"),
    Case("E04", "04/03/2025 08:00", "12/03/2025 16:00", "12/03/2025 16:00", RETURNED, "on_time",
         "ended at the due time exactly"),
    Case("E05", "04/03/2025 08:00", "12/03/2025 16:00", "12/03/2025 09:00", RETURNED, "on_time",
         "ended on the due day before its hour: not early, early is by day"),
    Case("E06", "04/03/2025 08:00", "12/03/2025 16:00", "12/03/2025 16:01", RETURNED, "late",
         "ended a minute after a due time"),
    Case("O01", "24/03/2025 08:00", "04/04/2025", "", PROCESSING, "in_time",
         "in process at as_of, due after as_of"),
    Case("O02", "10/03/2025 08:00", "20/03/2025", "", PROCESSING, "overdue",
         "in process at as_of, due before as_of"),
    Case("O03", "24/03/2025 09:00", "31/03/2025", "", PROCESSING, "in_time",
         "in process, due on the last day of the period: due ≥ as_of"),
    Case("S01", "05/03/2025 08:00", "14/03/2025", "", SUPPLEMENT, "in_time",
         "waiting for its single supplement, due passed: the clock is stopped", "1"),
    Case("S02", "05/03/2025 08:00", "28/03/2025", "20/03/2025 10:00", RETURNED, "late",
         "two supplement requests, ended before due: late whatever the dates", "2"),
    Case("S03", "05/03/2025 08:00", "28/04/2025", "", SUPPLEMENT, "overdue",
         "open after two supplement requests, due not passed: overdue (README decision)", "2"),
    Case("S04", "05/03/2025 08:00", "14/03/2025", "", PROCESSING, "overdue",
         "back in process after its single supplement: the clock runs again, due passed", "1"),
    Case("P01", "03/03/2025 08:00", "10/03/2025", "12/03/2025 10:00", RETURNED, "early",
         "3 paused days move the due to 13/03; ended on 12/03", paused="3"),
    Case("P02", "03/03/2025 08:00", "10/03/2025", "13/03/2025 15:00", RETURNED, "on_time",
         "3 paused days move the due to 13/03; ended on 13/03", paused="3"),
    Case("P03", "03/03/2025 08:00", "10/03/2025", "14/03/2025 08:00", RETURNED, "late",
         "3 paused days move the due to 13/03; ended on 14/03", paused="3"),
    Case("W01", "04/03/2025 08:00", "14/03/2025", "06/03/2025 10:00", "Rút hồ sơ", "early",
         "withdrawn: ended, classed like any ended dossier"),
    Case("T01", "04/03/2025 08:00", "07/03/2025", "12/03/2025 10:00", "Dừng xử lý", "late",
         "stopped: ended, classed like any ended dossier"),
    Case("R01", "05/03/2025 08:00", "10/03/2025", "", "Không được tiếp nhận", None,
         "refused: never received"),
    Case("X01", "05/03/2025 08:00", "", "", "Mới đăng ký", None,
         "submitted: not yet received"),
    Case("C01", "20/02/2025 08:00", "05/03/2025", "04/03/2025 10:00", RETURNED, "early",
         "carried over from February, ended in March"),
    Case("C02", "25/02/2025 08:00", "03/03/2025", "", PROCESSING, "overdue",
         "carried over from February, still open"),
    Case("C03", "17/02/2025 08:00", "21/02/2025", "28/02/2025 10:00", RETURNED, None,
         "ended in February: not in March's population"),
    Case("C04", "26/02/2025 08:00", "05/03/2025", "01/03/2025 00:00", RETURNED, "early",
         "carried over, ended at the first instant of March: ended in P"),
    Case("D01", "07/03/2025 10:00", "", "11/03/2025 17:00", RETURNED, "on_time",
         "no due, catalogue 2 working days from Friday 07/03: due end of Tuesday 11/03"),
    Case("D02", "07/03/2025 10:00", "", "12/03/2025 08:00", RETURNED, "late",
         "no due, catalogue 2 working days: ended the day after the derived due"),
    Case("D03", "07/03/2025 10:00", "", "10/03/2025 16:00", RETURNED, "early",
         "no due, catalogue 2 working days: Monday is early (2 calendar days would be late)"),
    Case("D04", "07/03/2025 10:00", "", "10/03/2025 10:00", RETURNED, "no_due",
         "no due and no catalogue limit: left out of both rates"),
    Case("D05", "07/03/2025 10:00", "", "", PROCESSING, "no_due",
         "open, no due and no catalogue limit"),
    Case("A01", "25/03/2025 08:00", "15/04/2025", "05/04/2025 10:00", RETURNED, "in_time",
         "ended in April: open at as_of, due after as_of"),
    Case("A02", "17/03/2025 08:00", "25/03/2025", "02/04/2025 10:00", RETURNED, "overdue",
         "ended in April: open at as_of, due passed"),
    Case("N01", "02/04/2025 08:00", "09/04/2025", "", PROCESSING, None,
         "received in April: after the period"),
)  # fmt: skip

# The catalogue gives D01–D03 a limit of 2 working days; D04 and D05 have no entry.
CATALOGUE = csv_text(
    PROCEDURE_HEADER,
    [[code, f"Thủ tục {code}", "Hộ tịch", "2"] for code in ("D01", "D02", "D03")],
)
CASES_DATA_AS_OF = datetime(2025, 4, 5, 10, 0)  # A01 ended: the newest timestamp loaded


@pytest.fixture(scope="module")
def cases_cur(
    empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read cursor on the warehouse of :data:`CASES` and :data:`CATALOGUE`."""
    rows = [
        dossier(c.id, c.received, c.due, c.ended, c.status, procedure=c.id,
                supplements=c.supplements, paused=c.paused)
        for c in CASES
    ]  # fmt: skip
    db = build(
        tmp_path_factory.mktemp("cases"),
        empty_warehouse,
        {"thu_tuc.csv": CATALOGUE, "ho_so.csv": csv_text(DOSSIER_HEADER, rows)},
    )
    with cursor(db) as cur:
        yield cur


@pytest.fixture(scope="module")
def per_dossier(cases_cur: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """March 2025 by procedure, that is, one row per dossier of :data:`CASES`."""
    return by_key(kpis(cases_cur, periods=[MARCH], filters=CITY, by="procedure", now=NOW))


def test_calendar_facts_the_hand_counts_rely_on(cases_cur: duckdb.DuckDBPyConnection) -> None:
    rows = cases_cur.execute(
        "SELECT d, is_working FROM calendar WHERE d BETWEEN '2025-03-07' AND '2025-03-11'"
        " ORDER BY d"
    ).fetchall()
    assert rows == [
        (date(2025, 3, 7), True),  # Friday
        (date(2025, 3, 8), False),
        (date(2025, 3, 9), False),
        (date(2025, 3, 10), True),
        (date(2025, 3, 11), True),  # the 2nd working day after Friday 7/3
    ]
    counts = cases_cur.execute(
        "SELECT count(*) FILTER (WHERE is_working AND month(d) = 3),"
        " count(*) FILTER (WHERE is_working AND month(d) = 1)"
        " FROM calendar WHERE year(d) = 2025"
    ).fetchall()
    assert counts == [(MARCH_WORKING_DAYS, JANUARY_WORKING_DAYS)]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_dossier_falls_in_its_hand_derived_class(
    case: Case, per_dossier: dict[str, dict[str, Any]]
) -> None:
    if case.klass is None:
        assert case.id not in per_dossier, case.why
        return
    row = per_dossier[case.id]
    expected = {k: int(k == case.klass) for k in CLASSES}
    assert pick(row, CLASSES) == expected, case.why


def test_march_flow_classes_and_rates_counted_by_hand(
    cases_cur: duckdb.DuckDBPyConnection,
) -> None:
    result = summary(cases_cur, period=MARCH, filters=CITY, now=NOW)
    early = 6  # E01, P01, W01, C01, C04, D03
    on_time = 5  # E02, E04, E05, P02, D01
    late = 6  # E03, E06, S02, P03, T01, D02
    in_time = 4  # O01, O03, S01, A01
    overdue = 5  # O02, S03, S04, C02, A02
    no_due = 2  # D04, D05
    completed = early + on_time + late + 1  # + D04 (ended, no due)
    keys = (
        "received", "carried_over", "to_process", "completed", "in_process", "withdrawn",
        "stopped", *CLASSES, "on_time_rate", "resolved_on_time_rate", "per_working_day",
        "as_of", "data_as_of", "working_days", "wards_with_data", "wards_total",
    )  # fmt: skip
    assert pick(result, keys) == {
        "received": 25,  # 28 in the population, less C01, C02, C04
        "carried_over": 3,  # C01, C02, C04
        "to_process": 28,  # every case but R01, X01, C03, N01
        "completed": 18,
        "in_process": 10,  # O01–O03, S01, S03, S04, C02, D05, A01, A02
        "withdrawn": 1,  # W01
        "stopped": 1,  # T01
        "early": early,
        "on_time": on_time,
        "late": late,
        "in_time": in_time,
        "overdue": overdue,
        "no_due": no_due,
        "on_time_rate": (6 + 5 + 4) / (28 - 2),
        "resolved_on_time_rate": (6 + 5) / (6 + 5 + 6),
        "per_working_day": completed / MARCH_WORKING_DAYS,
        "as_of": END_OF_MARCH,
        "data_as_of": CASES_DATA_AS_OF,
        "working_days": 21,
        "wards_with_data": 1,
        "wards_total": HANOI_WARDS,
    }


def test_current_period_is_judged_at_now(cases_cur: duckdb.DuckDBPyConnection) -> None:
    # now = Friday 14/03 12:00, before the period ends and before the newest data (05/04):
    # as_of = now. Dossiers received after now (O01, O03, A01, A02) do not exist yet; S02 and
    # S04 are still open (S02 after two requests: overdue; S04's due, end of 14/03, not passed);
    # O02 (due 20/03) is in time; P03, ended at 08:00 that morning, is late.
    now = datetime(2025, 3, 14, 12, 0)
    result = summary(cases_cur, period=MARCH, filters=CITY, now=now)
    assert pick(result, ["as_of", "data_as_of", "received", "carried_over", *CLASSES]) == {
        "as_of": now,
        "data_as_of": CASES_DATA_AS_OF,
        "received": 21,  # 24 − C01, C02, C04
        "carried_over": 3,
        "early": 6,  # E01, P01, W01, C01, C04, D03
        "on_time": 5,  # E02, E04, E05, P02, D01
        "late": 5,  # E03, E06, P03, T01, D02
        "in_time": 3,  # O02, S01, S04
        "overdue": 3,  # S02, S03, C02
        "no_due": 2,  # D04, D05
    }
    assert result["on_time_rate"] == (6 + 5 + 3) / 22
    assert result["completed"] == 6 + 5 + 5 + 1  # + D04
    assert result["in_process"] == 7  # O02, S01, S02, S03, S04, C02, D05


# ---------------------------------------------------------------------------------------------
# Flow (§1): averages, working days and the data_as_of cap, on a small warehouse.

FLOW_ROWS = [
    # 2¼ days; Mon 03/03 → Wed 05/03: 2 working days; early
    dossier("F01", "03/03/2025 08:00", "07/03/2025", "05/03/2025 14:00", RETURNED),
    # 2¾ days; Fri 07/03 → Mon 10/03: 1 working day; early
    dossier("F02", "07/03/2025 16:00", "14/03/2025", "10/03/2025 10:00", RETURNED),
    # ½ day, same day: 0 working days; withdrawn, early
    dossier("F03", "10/03/2025 08:00", "14/03/2025", "10/03/2025 20:00", "Rút hồ sơ"),
    # 10 days 7 h; Mon 17/03 → Thu 27/03: 8 working days; stopped, late
    dossier("F04", "17/03/2025 08:00", "20/03/2025", "27/03/2025 15:00", "Dừng xử lý"),
    # open; due 26/03 is before the newest data (27/03 15:00): overdue
    dossier("F05", "18/03/2025 08:00", "26/03/2025", "", PROCESSING),
    # open; due 28/03 is after the newest data: in time (it would be overdue at 31/03)
    dossier("F06", "18/03/2025 09:00", "28/03/2025", "", PROCESSING),
    # carried over: 7 days 1 h (February 2025 has 28 days); Mon 24/02 → Mon 03/03: 5 working
    # days; late
    dossier("F07", "24/02/2025 08:00", "28/02/2025", "03/03/2025 09:00", RETURNED),
    # January, across Tết; not in March
    dossier("F08", "02/01/2025 08:00", "21/01/2025", "21/01/2025 10:00", RETURNED),
]
FLOW_DATA_AS_OF = datetime(2025, 3, 27, 15, 0)  # F04 ended


@pytest.fixture(scope="module")
def flow_cur(
    empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read cursor on the warehouse of :data:`FLOW_ROWS`."""
    db = build(
        tmp_path_factory.mktemp("flow"),
        empty_warehouse,
        {"ho_so.csv": csv_text(DOSSIER_HEADER, FLOW_ROWS)},
    )
    with cursor(db) as cur:
        yield cur


def test_flow_counts_and_average_durations_counted_by_hand(
    flow_cur: duckdb.DuckDBPyConnection,
) -> None:
    result = summary(flow_cur, period=MARCH, filters=CITY, now=NOW)
    days = [2 + 6 / 24, 2 + 18 / 24, 12 / 24, 10 + 7 / 24, 7 + 1 / 24]  # F01–F04, F07
    working_days = [2, 1, 0, 8, 5]
    keys = (
        "received", "carried_over", "to_process", "completed", "in_process", "withdrawn",
        "stopped", *CLASSES, "on_time_rate", "resolved_on_time_rate", "per_working_day",
        "avg_working_days", "as_of", "data_as_of",
    )  # fmt: skip
    assert pick(result, keys) == {
        "received": 6,  # F01–F06
        "carried_over": 1,  # F07
        "to_process": 7,
        "completed": 5,  # F01–F04, F07
        "in_process": 2,  # F05, F06
        "withdrawn": 1,  # F03
        "stopped": 1,  # F04
        "early": 3,  # F01, F02, F03
        "on_time": 0,
        "late": 2,  # F04, F07
        "in_time": 1,  # F06, judged at the newest data, not at the end of March
        "overdue": 1,  # F05
        "no_due": 0,
        "on_time_rate": (3 + 0 + 1) / 7,
        "resolved_on_time_rate": 3 / 5,
        "per_working_day": 5 / MARCH_WORKING_DAYS,
        "avg_working_days": sum(working_days) / 5,
        # now (20/04) is after the period, but the data stop on 27/03 15:00
        "as_of": FLOW_DATA_AS_OF,
        "data_as_of": FLOW_DATA_AS_OF,
    }
    assert result["avg_days"] == pytest.approx(sum(days) / 5, abs=1e-9)


def test_per_working_day_leaves_out_tet_and_new_year(flow_cur: duckdb.DuckDBPyConnection) -> None:
    result = summary(flow_cur, period=JANUARY, filters=CITY, now=NOW)
    assert pick(result, ["completed", "working_days", "per_working_day", "avg_working_days"]) == {
        "completed": 1,  # F08
        "working_days": JANUARY_WORKING_DAYS,
        "per_working_day": 1 / 17,
        # Thu 02/01 → Tue 21/01: 3, 6–10, 13–17, 20, 21 January
        "avg_working_days": 13.0,
    }


def test_no_completed_dossier_gives_no_average_and_no_rate(
    flow_cur: duckdb.DuckDBPyConnection,
) -> None:
    result = summary(flow_cur, period=Period(date(2025, 5, 1), date(2025, 5, 31)), filters=CITY,
                     now=NOW)  # fmt: skip
    # May 2025: F05 and F06 are still open (the data end in March); nothing ended.
    keys = (
        "received", "carried_over", "completed", "avg_days", "avg_working_days",
        "resolved_on_time_rate", "online_share", "e_result_rate", "response_rate",
    )  # fmt: skip
    assert pick(result, keys) == {
        "received": 0,
        "carried_over": 2,
        "completed": 0,
        "avg_days": None,
        "avg_working_days": None,
        "resolved_on_time_rate": None,
        "online_share": None,
        "e_result_rate": None,
        "response_rate": None,
    }


# ---------------------------------------------------------------------------------------------
# Channels and digitisation (§3). Flags: Liên thông, Đã số hóa, Có kết quả điện tử,
# Tái sử dụng dữ liệu, Có phí, Thanh toán trực tuyến, Không chờ.

# A blank cell of a column the file has means "no" (metrics §3), like "Không".
C, K, U = "Có", "Không", ""  # yes, no, blank
ONLINE, DIRECT, POSTAL = "Trực tuyến", "Trực tiếp", "Bưu chính"
BA_DINH_CHANNELS = [
    dossier("K01", "03/03/2025 08:00", "07/03/2025", "05/03/2025 10:00", RETURNED,
            channel=ONLINE, level="Toàn trình", flags=(K, C, C, C, C, C, K)),
    dossier("K02", "03/03/2025 09:00", "07/03/2025", "10/03/2025 09:00", RETURNED,  # late
            channel=ONLINE, level="Một phần", flags=(C, C, K, K, C, K, K)),
    dossier("K03", "04/03/2025 08:00", "04/04/2025", "", PROCESSING,
            channel=ONLINE, level="Toàn trình", flags=(K, K, U, K, K, U, K)),
    dossier("K04", "04/03/2025 08:00", "07/03/2025", "06/03/2025 10:00", RETURNED,
            channel=POSTAL, flags=(C, K, C, U, C, C, K)),
    dossier("K05", "05/03/2025 08:00", "05/03/2025", "05/03/2025 08:30", RETURNED,
            channel=DIRECT, flags=(K, C, C, C, K, U, C)),
    dossier("K06", "05/03/2025 09:00", "05/03/2025", "05/03/2025 09:20", RETURNED,
            channel="", flags=(K, U, C, C, K, U, C)),  # no channel: direct
    dossier("K07", "06/03/2025 08:00", "07/03/2025", "11/03/2025 08:00", RETURNED,  # late
            channel=DIRECT, flags=(C, C, K, C, C, C, K)),
    dossier("K08", "06/03/2025 08:00", "14/03/2025", "12/03/2025 10:00", RETURNED,
            channel=DIRECT, flags=(K, C, U, K, C, U, K)),
    dossier("K09", "07/03/2025 08:00", "14/03/2025", "13/03/2025 10:00", RETURNED,
            channel=ONLINE, level="Toàn trình", flags=(K, C, C, C, K, U, K)),
    dossier("K10", "10/03/2025 08:00", "12/03/2025", "14/03/2025 10:00", RETURNED,  # late
            channel=DIRECT, flags=(U, K, K, K, K, U, C)),
    # carried over from February: counts only where "completed" is the base (e_result)
    dossier("K11", "25/02/2025 08:00", "05/03/2025", "04/03/2025 10:00", RETURNED,
            channel=ONLINE, level="Toàn trình", flags=(C, C, C, C, C, C, C)),
]  # fmt: skip
# Ngọc Hà's file has no "Đã số hóa" column at all.
NGOC_HA_HEADER = tuple(h for h in DOSSIER_HEADER if h != "Đã số hóa")
NGOC_HA_CHANNELS = [
    row[:13] + row[14:]
    for row in (
        dossier("N01", "03/03/2025 08:00", "07/03/2025", "05/03/2025 10:00", RETURNED,
                ward=NGOC_HA, channel=ONLINE, level="Toàn trình", flags=(K, U, C, C, K, U, K)),
        dossier("N02", "04/03/2025 08:00", "07/03/2025", "06/03/2025 10:00", RETURNED,
                ward=NGOC_HA, channel=DIRECT, flags=(K, U, K, K, C, C, C)),
    )
]  # fmt: skip
CHANNEL_METRICS = (
    "received", "completed", "late", "late_interagency", "online_share", "full_online_share",
    "postal_share", "direct_share", "paid_online_rate", "e_result_rate", "digitized_rate",
    "reuse_rate", "no_wait_share", "interagency_share",
)  # fmt: skip


@pytest.fixture(scope="module")
def channels_cur(
    empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read cursor on the warehouse of the two channel files."""
    db = build(
        tmp_path_factory.mktemp("channels"),
        empty_warehouse,
        {
            "ho_so_ba_dinh.csv": csv_text(DOSSIER_HEADER, BA_DINH_CHANNELS),
            "ho_so_ngoc_ha.csv": csv_text(NGOC_HA_HEADER, NGOC_HA_CHANNELS),
        },
    )
    with cursor(db) as cur:
        yield cur


def test_channel_and_digitisation_rates_of_a_ward_counted_by_hand(
    channels_cur: duckdb.DuckDBPyConnection,
) -> None:
    ward = Filters(province_code=HANOI, ward_codes=(BA_DINH,))
    result = summary(channels_cur, period=MARCH, filters=ward, now=NOW)
    assert pick(result, CHANNEL_METRICS) == {
        "received": 10,  # K01–K10
        "completed": 10,  # K01, K02, K04–K10, K11
        "late": 3,  # K02, K07, K10
        "late_interagency": 2,  # K02, K07 (K10's flag is blank: no)
        "online_share": 4 / 10,  # K01, K02, K03, K09
        "full_online_share": 3 / 10,  # K01, K03, K09
        "postal_share": 1 / 10,  # K04
        "direct_share": 5 / 10,  # K05, K06 (no channel), K07, K08, K10
        # with a fee: K01, K02, K04, K07, K08; paid K01, K04, K07 (K08 blank: no)
        "paid_online_rate": 3 / 5,
        # over the 10 completed (K11 included); yes K01, K04, K05, K06, K09, K11
        "e_result_rate": 6 / 10,
        # over received; yes K01, K02, K05, K07, K08, K09 (K06 blank: no)
        "digitized_rate": 6 / 10,
        # yes K01, K05, K06, K07, K09 (K04 blank: no)
        "reuse_rate": 5 / 10,
        "no_wait_share": 3 / 10,  # K05, K06, K10
        "interagency_share": 3 / 10,  # K02, K04, K07 (K10 blank: no)
    }


def test_file_without_the_digitised_column_gives_no_data_not_zero(
    channels_cur: duckdb.DuckDBPyConnection,
) -> None:
    ward = Filters(province_code=HANOI, ward_codes=(NGOC_HA,))
    result = summary(channels_cur, period=MARCH, filters=ward, now=NOW)
    assert pick(result, [*CHANNEL_METRICS, "digitized_known"]) == {
        "received": 2,
        "completed": 2,
        "late": 0,
        "late_interagency": 0,
        "online_share": 1 / 2,
        "full_online_share": 1 / 2,
        "postal_share": 0.0,
        "direct_share": 1 / 2,
        "paid_online_rate": 1 / 1,  # N02
        "e_result_rate": 1 / 2,
        "digitized_rate": None,  # the column is missing: no data
        "reuse_rate": 1 / 2,
        "no_wait_share": 1 / 2,
        "interagency_share": 0.0,  # given and "Không" for both: a real 0
        "digitized_known": 0,
    }


def test_city_channel_rates_sum_numerators_and_known_denominators(
    channels_cur: duckdb.DuckDBPyConnection,
) -> None:
    result = summary(channels_cur, period=MARCH, filters=CITY, now=NOW)
    assert pick(result, CHANNEL_METRICS) == {
        "received": 10 + 2,
        "completed": 10 + 2,
        "late": 3,
        "late_interagency": 2,
        "online_share": (4 + 1) / 12,
        "full_online_share": (3 + 1) / 12,
        "postal_share": 1 / 12,
        "direct_share": (5 + 1) / 12,
        "paid_online_rate": (3 + 1) / (5 + 1),
        "e_result_rate": (6 + 1) / (10 + 2),
        "digitized_rate": 6 / 10,  # Ngọc Hà has no digitised column: only Ba Đình counts
        "reuse_rate": (5 + 1) / (10 + 2),
        "no_wait_share": (3 + 1) / (10 + 2),
        "interagency_share": (3 + 0) / (10 + 2),
    }


# ---------------------------------------------------------------------------------------------
# Filters, groupings, aggregation and several periods.
#
# Ba Đình: 100 dossiers in March, i = 0..99: Hộ tịch (procedure 1.000001) for i < 60, else Đất đai
# (1.000002); online when i is even, else direct; late when i ends in 9 (i = 9, 19, …, 99: six in
# Hộ tịch, four in Đất đai, all direct), else early. Ngọc Hà: 2 dossiers, Hộ tịch, online, early.
# February: Ba Đình one early Đất đai dossier, Ngọc Hà one late Hộ tịch dossier.


def big_ward_rows() -> list[list[str]]:
    """The hand-described dossiers of the scope warehouse."""
    rows = []
    for i in range(100):
        late = i % 10 == 9
        rows.append(
            dossier(
                f"BD{i:03d}", "03/03/2025 08:00", "07/03/2025",
                "10/03/2025 10:00" if late else "06/03/2025 10:00", RETURNED,
                field="Hộ tịch" if i < 60 else "Đất đai",
                procedure="1.000001" if i < 60 else "1.000002",
                channel=ONLINE if i % 2 == 0 else DIRECT,
            )
        )  # fmt: skip
    rows += [
        dossier(f"NH{i}", "04/03/2025 08:00", "07/03/2025", "05/03/2025 10:00", RETURNED,
                ward=NGOC_HA, procedure="1.000001", channel=ONLINE)
        for i in (1, 2)
    ]  # fmt: skip
    rows += [
        dossier("BDF", "03/02/2025 08:00", "07/02/2025", "05/02/2025 10:00", RETURNED,
                field="Đất đai", procedure="1.000002"),
        dossier("NHF", "03/02/2025 08:00", "07/02/2025", "10/02/2025 10:00", RETURNED,
                ward=NGOC_HA, procedure="1.000001"),
    ]  # fmt: skip
    return rows


# Ratings linked to dossiers of each field, and one linked to no dossier.
SCOPE_RATINGS = [
    ["RT1", "BD000", BA_DINH, "07/03/2025 10:00", "5", "", "", "", "", ""],  # Hộ tịch
    ["RT2", "BD001", BA_DINH, "07/03/2025 11:00", "4", "", "", "", "", ""],  # Hộ tịch
    ["RT3", "BD060", BA_DINH, "07/03/2025 12:00", "2", "", "", "", "", ""],  # Đất đai
    ["RT4", "BD061", BA_DINH, "07/03/2025 13:00", "3", "", "", "", "", ""],  # Đất đai
    ["RT5", "", BA_DINH, "07/03/2025 14:00", "1", "", "", "", "", ""],  # no dossier
]
RATED_ROW = ("ratings", "satisfied", "mean_rating")
ROW_METRICS = ("to_process", "early", "late", "on_time_rate", "online_share")


@pytest.fixture(scope="module")
def scope_cur(
    empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read cursor on the warehouse of :func:`big_ward_rows` and :data:`SCOPE_RATINGS`."""
    db = build(
        tmp_path_factory.mktemp("scope"),
        empty_warehouse,
        {
            "ho_so.csv": csv_text(DOSSIER_HEADER, big_ward_rows()),
            "danh_gia.csv": csv_text(RATING_HEADER, SCOPE_RATINGS),
        },
    )
    with cursor(db) as cur:
        yield cur


def test_city_rate_is_summed_numerators_over_summed_denominators_not_a_mean_of_wards(
    scope_cur: duckdb.DuckDBPyConnection,
) -> None:
    wards = by_key(kpis(scope_cur, periods=[MARCH], filters=CITY, by="ward", now=NOW))
    city = summary(scope_cur, period=MARCH, filters=CITY, now=NOW)
    assert wards[BA_DINH]["on_time_rate"] == 90 / 100
    assert wards[NGOC_HA]["on_time_rate"] == 2 / 2
    assert city["on_time_rate"] == (90 + 2) / (100 + 2)  # ≈ 0.902, not (0.9 + 1) / 2 = 0.95
    assert city["resolved_on_time_rate"] == 92 / 102
    assert city["online_share"] == (50 + 2) / 102


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            Filters(province_code=HANOI, ward_codes=(NGOC_HA,)),
            {"to_process": 2, "early": 2, "late": 0, "on_time_rate": 2 / 2, "online_share": 1.0},
        ),
        (
            Filters(province_code=HANOI, ward_codes=(BA_DINH, NGOC_HA)),
            {"to_process": 102, "early": 92, "late": 10, "on_time_rate": 92 / 102,
             "online_share": 52 / 102},
        ),
        (
            Filters(province_code=HANOI, field="Đất đai"),  # BD060–BD099
            {"to_process": 40, "early": 36, "late": 4, "on_time_rate": 36 / 40,
             "online_share": 20 / 40},
        ),
        (
            Filters(province_code=HANOI, procedure_code="1.000001"),  # BD000–BD059, NH1, NH2
            {"to_process": 62, "early": 56, "late": 6, "on_time_rate": 56 / 62,
             "online_share": 32 / 62},
        ),
        (
            Filters(province_code=HANOI, channel="direct"),  # the 50 odd i of Ba Đình
            {"to_process": 50, "early": 40, "late": 10, "on_time_rate": 40 / 50,
             "online_share": 0.0},
        ),
        (
            Filters(province_code=HANOI, ward_codes=(NGOC_HA,), field="Đất đai"),
            {"to_process": 0, "early": 0, "late": 0, "on_time_rate": None, "online_share": None},
        ),
        (
            Filters(province_code="79"),  # Hồ Chí Minh City: no data loaded
            {"to_process": 0, "early": 0, "late": 0, "on_time_rate": None, "online_share": None},
        ),
    ],
    ids=["ward", "two-wards", "field", "procedure", "channel", "nothing-left", "other-province"],
)  # fmt: skip
def test_filters_keep_only_matching_dossiers(
    scope_cur: duckdb.DuckDBPyConnection, filters: Filters, expected: dict[str, Any]
) -> None:
    assert pick(summary(scope_cur, period=MARCH, filters=filters, now=NOW), ROW_METRICS) == expected


def test_grouping_by_ward_lists_every_ward_of_the_scope_with_or_without_data(
    scope_cur: duckdb.DuckDBPyConnection,
) -> None:
    scope = Filters(province_code=HANOI, ward_codes=(BA_DINH, NGOC_HA, HOAN_KIEM))
    frame = kpis(scope_cur, periods=[MARCH], filters=scope, by="ward", now=NOW)
    assert [{k: r[k] for k in ("key", *ROW_METRICS, "ratings", "wards_total")}
            for r in records(frame)] == [
        {"key": BA_DINH, "to_process": 100, "early": 90, "late": 10, "on_time_rate": 0.9,
         "online_share": 0.5, "ratings": 5, "wards_total": 1},
        {"key": NGOC_HA, "to_process": 2, "early": 2, "late": 0, "on_time_rate": 1.0,
         "online_share": 1.0, "ratings": 0, "wards_total": 1},
        {"key": HOAN_KIEM, "to_process": 0, "early": 0, "late": 0, "on_time_rate": None,
         "online_share": None, "ratings": 0, "wards_total": 1},
    ]  # fmt: skip

    whole_city = by_key(kpis(scope_cur, periods=[MARCH], filters=CITY, by="ward", now=NOW))
    codes = {c for (c,) in scope_cur.execute(
        "SELECT ward_code FROM wards WHERE province_code = ?", [HANOI]).fetchall()}  # fmt: skip
    assert set(whole_city) == codes
    assert len(codes) == HANOI_WARDS
    empty = {k: r for k, r in whole_city.items() if k not in (BA_DINH, NGOC_HA)}
    assert {(r["to_process"], r["on_time_rate"], r["satisfied_rate"]) for r in empty.values()} == {
        (0, None, None)
    }


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("field", {
            "Hộ tịch": {"to_process": 62, "early": 56, "late": 6, "on_time_rate": 56 / 62,
                        "online_share": 32 / 62, "ratings": 2, "satisfied": 2,
                        "mean_rating": (5 + 4) / 2},
            "Đất đai": {"to_process": 40, "early": 36, "late": 4, "on_time_rate": 36 / 40,
                        "online_share": 20 / 40, "ratings": 2, "satisfied": 0,
                        "mean_rating": (2 + 3) / 2},
        }),
        ("procedure", {
            "1.000001": {"to_process": 62, "early": 56, "late": 6, "on_time_rate": 56 / 62,
                         "online_share": 32 / 62, "ratings": 2, "satisfied": 2,
                         "mean_rating": 4.5},
            "1.000002": {"to_process": 40, "early": 36, "late": 4, "on_time_rate": 36 / 40,
                         "online_share": 20 / 40, "ratings": 2, "satisfied": 0,
                         "mean_rating": 2.5},
        }),
        ("channel", {
            "online": {"to_process": 52, "early": 52, "late": 0, "on_time_rate": 1.0,
                       "online_share": 1.0, "ratings": 2, "satisfied": 1, "mean_rating": 3.5},
            "direct": {"to_process": 50, "early": 40, "late": 10, "on_time_rate": 40 / 50,
                       "online_share": 0.0, "ratings": 2, "satisfied": 1, "mean_rating": 3.5},
        }),
    ],
)  # fmt: skip
def test_grouping_splits_dossiers_and_their_ratings(
    scope_cur: duckdb.DuckDBPyConnection, by: str, expected: dict[str, dict[str, Any]]
) -> None:
    # RT1 (BD000), RT3 (BD060) are on online dossiers, RT2 (BD001), RT4 (BD061) on direct ones;
    # RT5 has no dossier, so it belongs to no field, procedure or channel.
    frame = kpis(scope_cur, periods=[MARCH], filters=CITY, by=by, now=NOW)
    rows = by_key(frame)
    assert {k: pick(r, [*ROW_METRICS, *RATED_ROW]) for k, r in rows.items()} == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (CITY, {"ratings": 5, "satisfied": 2, "mean_rating": (5 + 4 + 2 + 3 + 1) / 5}),
        (Filters(province_code=HANOI, field="Hộ tịch"),
         {"ratings": 2, "satisfied": 2, "mean_rating": (5 + 4) / 2}),
        (Filters(province_code=HANOI, field="Đất đai"),
         {"ratings": 2, "satisfied": 0, "mean_rating": (2 + 3) / 2}),
        (Filters(province_code=HANOI, channel="online"),
         {"ratings": 2, "satisfied": 1, "mean_rating": (5 + 2) / 2}),
        (Filters(province_code=HANOI, ward_codes=(NGOC_HA,)),
         {"ratings": 0, "satisfied": 0, "mean_rating": None}),
    ],
    ids=["city", "ho-tich", "dat-dai", "online", "ward-without-ratings"],
)  # fmt: skip
def test_ratings_are_filtered_through_their_dossier(
    scope_cur: duckdb.DuckDBPyConnection, filters: Filters, expected: dict[str, Any]
) -> None:
    assert pick(summary(scope_cur, period=MARCH, filters=filters, now=NOW), RATED_ROW) == expected


def test_several_periods_in_one_call_equal_separate_calls(
    scope_cur: duckdb.DuckDBPyConnection,
) -> None:
    together = kpis(scope_cur, periods=[MARCH, FEBRUARY], filters=CITY, by="ward", now=NOW)
    for number, period in ((1, MARCH), (2, FEBRUARY)):
        alone = kpis(scope_cur, periods=[period], filters=CITY, by="ward", now=NOW)
        part = together[together["period"] == number].drop(columns="period").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, alone.drop(columns="period"))
    february = by_key(together, period=2)
    assert pick(february[BA_DINH], ROW_METRICS) == {
        "to_process": 1, "early": 1, "late": 0, "on_time_rate": 1.0, "online_share": 0.0,
    }  # fmt: skip
    assert pick(february[NGOC_HA], ROW_METRICS) == {
        "to_process": 1, "early": 0, "late": 1, "on_time_rate": 0.0, "online_share": 0.0,
    }  # fmt: skip
    city = summary(scope_cur, period=FEBRUARY, filters=CITY, now=NOW)
    assert city["on_time_rate"] == 1 / 2


def test_unknown_grouping_is_refused(scope_cur: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="unknown grouping"):
        kpis(scope_cur, periods=[MARCH], filters=CITY, by="district", now=NOW)


# ---------------------------------------------------------------------------------------------
# Satisfaction (§4): ratings, petitions and the 766 satisfaction, on one ward.

SATISFACTION_DOSSIERS = [
    dossier("G01", "03/03/2025 08:00", "07/03/2025", "05/03/2025 10:00", RETURNED),  # early
    dossier("G02", "03/03/2025 08:00", "07/03/2025", "05/03/2025 11:00", RETURNED),  # early
    dossier("G03", "03/03/2025 08:00", "07/03/2025", "07/03/2025 15:00", RETURNED),  # on_time
    dossier("G04", "03/03/2025 08:00", "07/03/2025", "10/03/2025 10:00", RETURNED),  # late
    dossier("G05", "17/03/2025 08:00", "04/04/2025", "", PROCESSING),  # in_time
    dossier("G06", "03/03/2025 08:00", "14/03/2025", "", PROCESSING),  # overdue
    dossier("G07", "04/03/2025 08:00", "07/03/2025", "05/03/2025 10:00", RETURNED),  # early
    dossier("G08", "04/03/2025 08:00", "07/03/2025", "05/03/2025 11:00", RETURNED),  # early
    dossier("G09", "04/03/2025 08:00", "07/03/2025", "07/03/2025 10:00", RETURNED),  # on_time
    dossier("G10", "04/03/2025 08:00", "07/03/2025", "06/03/2025 10:00", RETURNED),  # early
    # April: not in March, but makes the data reach past March, so that as_of is the period end
    dossier("G11", "01/04/2025 08:00", "10/04/2025", "", PROCESSING),
]
SATISFACTION_RATINGS = [
    # id, dossier, ward, time, rating, access, procedure, staff, result, feedback
    ["RA1", "G01", BA_DINH, "06/03/2025 10:00", "5", "5", "4", "5", "5", "4"],
    ["RA2", "G01", BA_DINH, "06/03/2025 11:00", "4", "4", "4", "4", "4", ""],  # same dossier
    ["RA3", "G02", BA_DINH, "06/03/2025 12:00", "2", "2", "2", "1", "2", "2"],  # low, not late
    ["RA4", "G03", BA_DINH, "08/03/2025 10:00", "3", "", "", "", "", ""],
    ["RA5", "G04", BA_DINH, "11/03/2025 10:00", "1", "", "", "", "", ""],  # low, but late anyway
    ["RA6", "", BA_DINH, "12/03/2025 10:00", "5", "", "", "", "", ""],  # no dossier
    ["RA7", "G07", BA_DINH, "02/04/2025 10:00", "4", "", "", "", "", ""],  # April: not counted
]
SATISFACTION_PETITIONS = [
    # id, ward, received, due, handled, category, unsatisfied, dossier
    ["PA1", BA_DINH, "03/03/2025 08:00", "10/03/2025", "07/03/2025 10:00", "Thủ tục", K, "G08"],
    ["PA2", BA_DINH, "04/03/2025 08:00", "10/03/2025", "12/03/2025 10:00", "Thủ tục", K, ""],
    ["PA3", BA_DINH, "05/03/2025 08:00", "12/03/2025", "11/03/2025 10:00", "Cán bộ", C, ""],
    ["PA4", BA_DINH, "20/03/2025 08:00", "10/04/2025", "", "Khác", "", ""],
    ["PA5", BA_DINH, "05/03/2025 08:00", "14/03/2025", "", "Khác", "", ""],
    ["PA6", BA_DINH, "06/03/2025 08:00", "", "30/03/2025 10:00", "Khác", "", "G05"],
    ["PA7", BA_DINH, "06/03/2025 08:00", "", "", "Khác", "", "G06"],
    ["PA8", BA_DINH, "05/03/2025 08:00", "14/03/2025", "20/03/2025 10:00", "Thủ tục", C, ""],
    ["PA9", BA_DINH, "02/04/2025 08:00", "10/04/2025", "", "Khác", "", ""],  # April
]
# PA1 on time · PA2 handled late · PA3 on time, unsatisfied · PA4 open, within due
# PA5 open past due · PA6, PA7 no due: never late · PA8 handled late and unsatisfied


@pytest.fixture(scope="module")
def satisfaction_cur(
    empty_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read cursor on the warehouse of the satisfaction dossiers, ratings and petitions."""
    db = build(
        tmp_path_factory.mktemp("satisfaction"),
        empty_warehouse,
        {
            "ho_so.csv": csv_text(DOSSIER_HEADER, SATISFACTION_DOSSIERS),
            "danh_gia.csv": csv_text(RATING_HEADER, SATISFACTION_RATINGS),
            "phan_anh.csv": csv_text(PETITION_HEADER, SATISFACTION_PETITIONS),
        },
    )
    with cursor(db) as cur:
        yield cur


def test_ratings_metrics_counted_by_hand(satisfaction_cur: duckdb.DuckDBPyConnection) -> None:
    result = summary(satisfaction_cur, period=MARCH, filters=CITY, now=NOW)
    keys = (
        "completed", "ratings", "satisfied", "satisfied_rate", "mean_rating", "rating_1",
        "rating_2", "rating_3", "rating_4", "rating_5", "sipas_access", "sipas_procedure",
        "sipas_staff", "sipas_result", "sipas_feedback", "rated_dossiers", "response_rate",
    )  # fmt: skip
    assert pick(result, keys) == {
        "completed": 8,  # G01–G04, G07–G10
        "ratings": 6,  # RA1–RA6
        "satisfied": 3,  # RA1, RA2, RA6
        "satisfied_rate": 3 / 6,
        "mean_rating": (5 + 4 + 2 + 3 + 1 + 5) / 6,
        "rating_1": 1,
        "rating_2": 1,
        "rating_3": 1,
        "rating_4": 1,
        "rating_5": 2,
        # SIPAS: means over the ratings that give the dimension (RA1–RA3; feedback RA1, RA3)
        "sipas_access": (5 + 4 + 2) / 3,
        "sipas_procedure": (4 + 4 + 2) / 3,
        "sipas_staff": (5 + 4 + 1) / 3,
        "sipas_result": (5 + 4 + 2) / 3,
        "sipas_feedback": (4 + 2) / 2,
        "rated_dossiers": 4,  # G01 (twice), G02, G03, G04
        "response_rate": 4 / 8,
    }


def test_petition_rates_and_766_satisfaction_counted_by_hand(
    satisfaction_cur: duckdb.DuckDBPyConnection,
) -> None:
    result = summary(satisfaction_cur, period=MARCH, filters=CITY, now=NOW)
    classified = 10  # G01–G10: early 5, on_time 2, late 1 (G04), in_time 1 (G05), overdue 1 (G06)
    late_or_overdue = 2  # G04, G06 (G04's low rating and G06's petition do not count twice)
    complained_not_late = 3  # G02 (rating 2), G05 (petition PA6), G08 (petition PA1)
    keys = (
        "early", "on_time", "late", "in_time", "overdue", "complained_not_late", "petitions",
        "petitions_on_time", "petitions_unsatisfied", "petition_on_time_rate",
        "petition_satisfaction", "satisfaction_766",
    )  # fmt: skip
    assert pick(result, keys) == {
        "early": 5,
        "on_time": 2,
        "late": 1,
        "in_time": 1,
        "overdue": 1,
        "complained_not_late": complained_not_late,
        "petitions": 8,  # PA1–PA8
        "petitions_on_time": 5,  # PA1, PA3, PA4, PA6, PA7
        "petitions_unsatisfied": 2,  # PA3, PA8
        "petition_on_time_rate": 5 / 8,
        # unsatisfied or overdue: PA2, PA3, PA5, PA8
        "petition_satisfaction": (8 - 4) / 8,
        "satisfaction_766": 1 - (late_or_overdue + complained_not_late) / classified,
    }


def test_no_ratings_or_petitions_give_no_data_not_zero(
    satisfaction_cur: duckdb.DuckDBPyConnection,
) -> None:
    ward = Filters(province_code=HANOI, ward_codes=(NGOC_HA,))
    result = summary(satisfaction_cur, period=MARCH, filters=ward, now=NOW)
    keys = (
        "ratings", "satisfied_rate", "mean_rating", "sipas_access", "response_rate", "petitions",
        "petition_on_time_rate", "petition_satisfaction", "satisfaction_766",
    )  # fmt: skip
    assert pick(result, keys) == {
        "ratings": 0,
        "satisfied_rate": None,
        "mean_rating": None,
        "sipas_access": None,
        "response_rate": None,
        "petitions": 0,
        "petition_on_time_rate": None,
        "petition_satisfaction": None,
        "satisfaction_766": None,
    }


def test_ratings_and_petitions_after_as_of_are_not_counted(
    satisfaction_cur: duckdb.DuckDBPyConnection,
) -> None:
    # now = 10/03 09:00, before the newest data: RA1–RA3 and RA4 (08/03) are in, RA5 (11/03) and
    # RA6 (12/03) not yet. Petitions received by then: PA1, PA2, PA3, PA5, PA6, PA7, PA8; at
    # 10/03 09:00 PA2 (due end of 10/03) is still open within its due, PA8 (due 14/03) too.
    now = datetime(2025, 3, 10, 9, 0)
    result = summary(satisfaction_cur, period=MARCH, filters=CITY, now=now)
    assert pick(result, ["ratings", "satisfied", "petitions", "petitions_on_time"]) == {
        "ratings": 4,
        "satisfied": 2,  # RA1, RA2
        "petitions": 7,
        "petitions_on_time": 7,
    }
