"""The reference figures of metrics.md §8, end to end: export-shaped files → the real loader →
the warehouse → the public API, compared exactly with the published fractions.

Each file has the columns and Vietnamese headers real one-stop exports have. Records from before
1 July 2025 name wards that no longer exist (Hồng Hà of Thành phố Hạ Long, Hàng Bài of Quận Hoàn
Kiếm, Phan Đình Phùng of Thành phố Thái Nguyên); the crosswalk maps them to today's Phường Hạ Long
(06688), Phường Cửa Nam (00073) and Phường Phan Đình Phùng (05443). Rows are generated: receipt
on the working days of the period (the ``holidays`` package knows Tết), each dossier's dates in
order (received ≤ resolved, due after receipt), resolved inside the period.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import holidays
import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import blueprint
from etl.loader import load_files
from ui.format import fmt_pct

HEADERS = [
    "Mã hồ sơ", "Phường/Xã", "Quận/Huyện", "Tỉnh/Thành phố", "Lĩnh vực", "Kênh nộp",
    "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Liên thông", "Không chờ",
]  # fmt: skip
FIELDS = ("Hộ tịch", "Chứng thực", "Xây dựng", "Đất đai", "Bảo trợ xã hội", "Hộ kinh doanh")
CHANNELS = ("Trực tiếp", "Trực tuyến", "Bưu chính")


def working_days(first: date, last: date) -> list[date]:
    """Monday–Friday days of ``[first, last]`` that are not Vietnamese public holidays."""
    off = holidays.country_holidays("VN", years=range(first.year, last.year + 1))
    days = (first + timedelta(n) for n in range((last - first).days + 1))
    return [d for d in days if d.weekday() < 5 and d not in off]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of a day."""
    return datetime(day.year, day.month, day.day, hour, minute)


def text(value: Any) -> str:
    """A cell as an export writes it: day-first dates, a due date without its time."""
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def write_csv(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    """An export as CSV (UTF-8 with the BOM Excel writes)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(headers)
        out.writerows([text(v) for v in row] for row in rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]], title: str) -> Path:
    """An export as .xlsx: a title block, then the header row, dates as real date cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def load(paths: list[Path], db: Path, province: str) -> None:
    """Load export files with the real loader; every row must land."""
    result = load_files(paths, db=db, province=province)
    assert result.ok, result.message
    assert [(f.rejected, f.inserted) for f in result.files] == [
        (0, f.rows_read) for f in result.files
    ], result


@pytest.fixture
def client(warehouse: Path) -> FlaskClient:
    """A client of a Flask server with the API blueprint, on the ``warehouse`` fixture's
    warehouse (see ``test_api.client`` for why not ``app.server`` itself)."""
    server = Flask(__name__)
    server.register_blueprint(blueprint)
    return server.test_client()


def get(client: FlaskClient, url: str) -> dict[str, Any]:
    """The JSON body of a successful GET."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def ward_row(client: FlaskClient, query: str, code: str) -> dict[str, Any]:
    """The row of one ward in ``/api/v1/wards``."""
    rows = get(client, f"/api/v1/wards?{query}")["wards"]
    return next(row for row in rows if row["ward_code"] == code)


# --- Hồng Hà (TP Hạ Long, Quảng Ninh), 2021 ------------------------------------------------------

HONG_HA = ("Phường Hồng Hà", "Thành phố Hạ Long", "Tỉnh Quảng Ninh")
HONG_HA_TOTAL, HONG_HA_LATE = 12_439, 7


def hong_ha_rows() -> list[list[Any]]:
    """12,439 dossiers received and resolved in 2021; 7 late, all land (Đất đai), inter-agency."""
    days = working_days(date(2021, 1, 4), date(2021, 12, 17))
    late = {50 + 1_700 * k for k in range(HONG_HA_LATE)}
    rows = []
    for i in range(HONG_HA_TOTAL):
        day = days[i % len(days)]
        received = at(day, 7 + i % 9, (7 * i) % 60)
        due = day + timedelta(days=5)
        if i in late:
            field, ended, interagency = "Đất đai", at(due + timedelta(days=3), 9), "Có"
        else:
            field = FIELDS[i % len(FIELDS)]
            ended = at(due, 15) if i % 3 == 0 else at(day + timedelta(days=2), 10)  # on time/early
            interagency = "Có" if field == "Đất đai" and i % 2 else "Không"
        no_wait = "Có" if field == "Chứng thực" else "Không"
        rows.append([f"HL-2021-{i:06d}", *HONG_HA, field, CHANNELS[i % 3], received, due, ended,
                     interagency, no_wait])  # fmt: skip
    return rows


def test_hong_ha_2021_resolved_on_time_rate_is_12432_of_12439(
    client: FlaskClient, warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load([write_csv(tmp_path / "hong_ha_2021.csv", hong_ha_rows())], warehouse, province="22")
    monkeypatch.setenv("MOTCUA_PROVINCE", "22")
    year = "from=2021-01-01&to=2021-12-31"
    body = get(client, f"/api/v1/kpis?{year}&ward=06688")
    assert body["ward"] == {
        "level": "ward",
        "code": "06688",
        "name": "Phường Hạ Long",
        "province": {"code": "22", "name": "Tỉnh Quảng Ninh"},
    }
    figures = ("received", "carried_over", "completed", "late", "late_interagency", "in_time")
    assert {k: body[k] for k in figures} == {
        "received": 12_439,
        "carried_over": 0,
        "completed": 12_439,
        "late": 7,
        "late_interagency": 7,  # every late dossier was inter-agency
        "in_time": 0,
    }
    assert body["early"] + body["on_time"] == 12_432
    assert body["resolved_on_time_rate"] == 12_432 / 12_439
    assert fmt_pct(body["resolved_on_time_rate"]) == "99,94%"
    # ... and every late one was a land dossier.
    land = get(client, f"/api/v1/kpis?{year}&ward=06688&field=Đất đai")
    assert land["late"] == 7
    # The same figure in the province's ward table, asked for by province code.
    monkeypatch.delenv("MOTCUA_PROVINCE")
    row = ward_row(client, f"{year}&province=22", "06688")
    assert (row["completed"], row["late"]) == (12_439, 7)
    assert row["resolved_on_time_rate"] == 12_432 / 12_439


# --- Ba Đình (Hà Nội), 1–7/7/2025 ---------------------------------------------------------------


def ba_dinh_rows() -> list[list[Any]]:
    """439 dossiers received and resolved 1–7/7/2025 (today's ward: no district), none late."""
    days = working_days(date(2025, 7, 1), date(2025, 7, 7))
    rows = []
    for i in range(439):
        day = days[i % len(days)]
        received = at(day, 7 + i % 8, (11 * i) % 60)
        same_day = i % 4 == 0  # resolved while the citizen waits: due that day, on time
        due = day if same_day else day + timedelta(days=3)
        ended = received + timedelta(minutes=30) if same_day else at(day, 16, 30)
        field = FIELDS[i % len(FIELDS)]
        rows.append([f"BD-{i:05d}", "Phường Ba Đình", "Thành phố Hà Nội", field, CHANNELS[i % 3],
                     received, due, ended, "Không", "Có" if same_day else "Không"])  # fmt: skip
    return rows


def test_ba_dinh_first_week_of_july_2025_is_439_of_439(
    client: FlaskClient, warehouse: Path, tmp_path: Path
) -> None:
    headers = [h for h in HEADERS if h != "Quận/Huyện"]  # exports since 1/7/2025 have no district
    load([write_csv(tmp_path / "ba_dinh.csv", ba_dinh_rows(), headers)], warehouse, "01")
    body = get(client, "/api/v1/kpis?from=2025-07-01&to=2025-07-07&ward=00004")
    assert body["ward"]["name"] == "Phường Ba Đình"
    assert (body["received"], body["completed"], body["late"]) == (439, 439, 0)
    assert body["resolved_on_time_rate"] == 439 / 439
    assert fmt_pct(body["resolved_on_time_rate"]) == "100,00%"


# --- Phan Đình Phùng (TP Thái Nguyên), 2024, an .xlsx export ------------------------------------

PHAN_DINH_PHUNG = ("Phường Phan Đình Phùng", "Thành phố Thái Nguyên", "Tỉnh Thái Nguyên")


def phan_dinh_phung_rows() -> list[list[Any]]:
    """1,500 dossiers of 2024, 1,450 of them submitted online."""
    days = working_days(date(2024, 1, 2), date(2024, 12, 20))
    rows = []
    for i in range(1_500):
        day = days[i % len(days)]
        received = at(day, 8 + i % 8, (13 * i) % 60)
        channel = "Trực tiếp" if i % 30 == 0 else "Trực tuyến"  # 50 in person
        due = datetime(day.year, day.month, day.day) + timedelta(days=7)  # a date cell
        rows.append([f"PDP-{i:05d}", *PHAN_DINH_PHUNG, FIELDS[i % len(FIELDS)], channel,
                     received, due, at(day + timedelta(days=3), 10), "Không", "Không"])  # fmt: skip
    return rows


def test_phan_dinh_phung_2024_online_share_is_above_96_6_percent(
    client: FlaskClient, warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(
        tmp_path / "phan_dinh_phung_2024.xlsx",
        phan_dinh_phung_rows(),
        "DANH SÁCH HỒ SƠ TIẾP NHẬN NĂM 2024 - PHƯỜNG PHAN ĐÌNH PHÙNG",
    )
    load([path], warehouse, province="19")
    year = "from=2024-01-01&to=2024-12-31"
    row = ward_row(client, f"{year}&province=19", "05443")
    assert row["ward_name"] == "Phường Phan Đình Phùng"
    assert (row["received"], row["online"], row["direct"]) == (1_500, 1_450, 50)
    assert row["online_share"] == 1_450 / 1_500
    assert row["online_share"] >= 0.966
    assert fmt_pct(row["online_share"], 1) == "96,7%"
    monkeypatch.setenv("MOTCUA_PROVINCE", "19")
    assert get(client, f"/api/v1/kpis?{year}&ward=05443")["online_share"] == 1_450 / 1_500


# --- Hàng Bài (Q. Hoàn Kiếm, Hà Nội), 7/2021–2/2022 --------------------------------------------

HANG_BAI = ("Phường Hàng Bài", "Quận Hoàn Kiếm", "Thành phố Hà Nội")


def hang_bai_rows() -> list[list[Any]]:
    """4,063 dossiers from July 2021 to February 2022; every other one of the first 3,648 (1,824)
    is "không chờ": resolved within minutes, due the same day.

    As Hàng Bài's export does, the flag columns mark a "yes" with "x" and leave a "no" blank:
    the file has the column, so a blank cell is "no" (metrics §3), not unknown."""
    days = working_days(date(2021, 7, 1), date(2022, 2, 21))
    rows = []
    for i in range(4_063):
        day = days[i % len(days)]
        received = at(day, 8 + i % 8, (17 * i) % 60)
        if i < 2 * 1_824 and i % 2 == 0:
            due, ended, no_wait = day, received + timedelta(minutes=20), "x"
        else:
            due, ended, no_wait = day + timedelta(days=5), at(day + timedelta(days=2), 14), ""
        rows.append([f"HB-{i:05d}", *HANG_BAI, FIELDS[i % len(FIELDS)], CHANNELS[i % 3],
                     received, due, ended, "", no_wait])  # fmt: skip
    return rows


def test_hang_bai_no_wait_share_is_1824_of_4063(
    client: FlaskClient, warehouse: Path, tmp_path: Path
) -> None:
    load([write_csv(tmp_path / "hang_bai.csv", hang_bai_rows())], warehouse, province="01")
    body = get(client, "/api/v1/kpis?from=2021-07-01&to=2022-02-28&ward=00073")
    assert body["ward"] == {
        "level": "ward",
        "code": "00073",
        "name": "Phường Cửa Nam",
        "province": {"code": "01", "name": "Thành phố Hà Nội"},
    }
    assert body["received"] == 4_063
    assert body["no_wait_share"] == 1_824 / 4_063  # 2,239 blank cells count as "no"
    assert body["interagency_share"] == 0.0  # a column of blank cells: none, not "no data"
    assert fmt_pct(body["no_wait_share"], 1) == "44,9%"
