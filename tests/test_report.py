"""The periodic report (kpi/report.py, ``/api/v1/report``, ui/report*.py, pages/report.py) on
the warehouse of ``tests/report_fixture.py``, built by the real loader.

Every cell below is counted by hand from the fixture's comments (metrics.md §1–§2); columns in
the order of :data:`kpi.report.COUNTS`: to process, received, of which online, in person or by
post, carried over; completed, early, on time, late; in process, within time, overdue; without
a due date. October 2026 and November 2026 are both judged at their ends (the newest record is
10:00 02/12/2026).

October, Ba Đình: Hộ tịch R01–R07: received R01 R02 R03 R05 R06 R07 (online R01 R05), carried
over R04; resolved R01 R04 (early), R02 (on time), R03 R07 (late: R07 had two supplement
requests); in process R05, R06 (waiting for its one supplement), both within time. Đất đai:
R08 carried over and overdue; R09 online, on time; R10 by post, late; R11 without a due date,
resolved; R13 refused (never counted). Ngọc Hà: N01 online on time, N02 within time (Hộ tịch);
N03 by post, overdue (Đất đai). Hạ Long (Quảng Ninh): Q01 online early, Q02 late.
November: R05 late, R06 within time (carried over, Hộ tịch), R08 overdue (carried over), R12
early; N02 early (carried over), N03 overdue (carried over), N04 early; Q03 online, within time.
"""

from __future__ import annotations

import base64
import importlib
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
from dash.testing import ignore_register_page
from flask import Flask
from flask.testing import FlaskClient

from api import blueprint
from kpi.db import cursor
from kpi.metrics import Filters, kpis, records
from kpi.periods import Period
from kpi.report import COUNTS, Report, Scope, periodic_report, scope_of
from tests.report_fixture import build
from tests.test_english import (
    fixture_data,
    in_english,
    in_vietnamese,
    untranslated,
    visible_strings,
)
from tests.test_overview_page import alerts_in, find, inline_text, run_callback, walk

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
QUERIES = {OCTOBER: "from=2026-10-01&to=2026-10-31", NOVEMBER: "from=2026-11-01&to=2026-11-30"}
DT, HT = "Đất đai", "Hộ tịch"  # in Vietnamese order: Đ before H

# (period, ward, province) → rows (field, *COUNTS), the total (field None) last.
EXPECTED: dict[tuple[Period, str | None, str | None], list[tuple]] = {
    (OCTOBER, "00004", None): [
        (DT, 4, 3, 1, 2, 1, 3, 0, 1, 1, 1, 0, 1, 1),
        (HT, 7, 6, 2, 4, 1, 5, 2, 1, 2, 2, 2, 0, 0),
        (None, 11, 9, 3, 6, 2, 8, 2, 2, 3, 3, 2, 1, 1),
    ],
    (OCTOBER, "00008", None): [
        (DT, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0),
        (HT, 2, 2, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0),
        (None, 3, 3, 1, 2, 0, 1, 0, 1, 0, 2, 1, 1, 0),
    ],
    (OCTOBER, None, "01"): [
        (DT, 5, 4, 1, 3, 1, 3, 0, 1, 1, 2, 0, 2, 1),
        (HT, 9, 8, 3, 5, 1, 6, 2, 2, 2, 3, 3, 0, 0),
        (None, 14, 12, 4, 8, 2, 9, 2, 3, 3, 5, 3, 2, 1),
    ],
    (OCTOBER, None, "22"): [
        (DT, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0),
        (HT, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0),
        (None, 2, 2, 1, 1, 0, 2, 1, 0, 1, 0, 0, 0, 0),
    ],
    (OCTOBER, None, None): [
        (DT, 6, 5, 1, 4, 1, 4, 0, 1, 2, 2, 0, 2, 1),
        (HT, 10, 9, 4, 5, 1, 7, 3, 2, 2, 3, 3, 0, 0),
        (None, 16, 14, 5, 9, 2, 11, 3, 3, 4, 5, 3, 2, 1),
    ],
    (NOVEMBER, "00004", None): [
        (DT, 2, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0),
        (HT, 2, 0, 0, 0, 2, 1, 0, 0, 1, 1, 1, 0, 0),
        (None, 4, 1, 0, 1, 3, 2, 1, 0, 1, 2, 1, 1, 0),
    ],
    (NOVEMBER, "00008", None): [
        (DT, 2, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0),
        (HT, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0),
        (None, 3, 1, 0, 1, 2, 2, 2, 0, 0, 1, 0, 1, 0),
    ],
    (NOVEMBER, None, "01"): [
        (DT, 4, 2, 0, 2, 2, 2, 2, 0, 0, 2, 0, 2, 0),
        (HT, 3, 0, 0, 0, 3, 2, 1, 0, 1, 1, 1, 0, 0),
        (None, 7, 2, 0, 2, 5, 4, 3, 0, 1, 3, 1, 2, 0),
    ],
    (NOVEMBER, None, "22"): [  # Hộ tịch had nothing to process: no row
        (DT, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0),
        (None, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0),
    ],
    (NOVEMBER, None, None): [
        (DT, 5, 3, 1, 2, 2, 2, 2, 0, 0, 3, 1, 2, 0),
        (HT, 3, 0, 0, 0, 3, 2, 1, 0, 1, 1, 1, 0, 0),
        (None, 8, 3, 1, 2, 5, 4, 3, 0, 1, 4, 2, 2, 0),
    ],
}
CASES = list(EXPECTED)
CASE_IDS = [f"{p.date_from:%m}-{w or p_ or 'country'}" for p, w, p_ in CASES]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("report"))


@pytest.fixture
def loaded(built: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The report's warehouse as ``MOTCUA_DB``; Hà Nội the configured province."""
    monkeypatch.setenv("MOTCUA_DB", str(built))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    monkeypatch.setenv("MOTCUA_CONFIG", str(tmp_path / "no-config.toml"))
    yield built


@pytest.fixture
def client(loaded: Path) -> FlaskClient:
    """A client of a Flask server with the API blueprint."""
    server = Flask(__name__)
    server.register_blueprint(blueprint)
    return server.test_client()


@pytest.fixture(scope="module")
def page() -> ModuleType:
    """The page module, imported without registering it in a Dash app."""
    with ignore_register_page():
        return importlib.import_module("pages.report")


def report_of(period: Period, ward: str | None, province: str | None) -> Report:
    with cursor() as cur:
        scope = scope_of(cur, province_code=province, ward_code=ward)
        return periodic_report(cur, period=period, scope=scope)


def as_rows(report: Report) -> list[tuple]:
    return [(r["field"], *(r[c] for c in COUNTS)) for r in (*report.fields, report.total)]


def get(client: FlaskClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def api_query(period: Period, ward: str | None, province: str | None) -> str:
    scope = f"&ward={ward}" if ward else f"&province={province or 'all'}"
    return QUERIES[period] + scope


# --- kpi/report.py ---------------------------------------------------------------------------


@pytest.mark.parametrize(("period", "ward", "province"), CASES, ids=CASE_IDS)
def test_the_report_cell_by_cell(
    loaded: Path, period: Period, ward: str | None, province: str | None
) -> None:
    report = report_of(period, ward, province)
    assert as_rows(report) == EXPECTED[(period, ward, province)]
    assert report.as_of.date() == period.date_to  # a closed period: judged at its end
    assert f"{report.data_as_of:%H:%M %d/%m/%Y}" == "10:00 02/12/2026"


@pytest.mark.parametrize(("period", "ward", "province"), CASES, ids=CASE_IDS)
def test_every_row_keeps_the_reports_identities(
    loaded: Path, period: Period, ward: str | None, province: str | None
) -> None:
    """to process = received + carried over = completed + in process; received = online + in
    person or by post; completed and in process = their classes + those without a due date;
    the total row is the sum of the field rows."""
    report = report_of(period, ward, province)
    for r in (*report.fields, report.total):
        assert r["to_process"] == r["received"] + r["carried_over"]
        assert r["to_process"] == r["completed"] + r["in_process"]
        assert r["received"] == r["received_online"] + r["received_direct_or_postal"]
        classified = r["early"] + r["on_time"] + r["late"] + r["in_time"] + r["overdue"]
        assert r["to_process"] == classified + r["no_due"]
    for column in COUNTS:
        assert sum(r[column] for r in report.fields) == report.total[column]


def test_a_period_without_dossiers_is_an_empty_report(loaded: Path) -> None:
    report = report_of(Period(date(2020, 1, 1), date(2020, 1, 31)), "00004", None)
    assert report.empty and report.fields == ()
    assert report.total == {"field": None, **dict.fromkeys(COUNTS, 0)}


def test_the_scope_is_named_from_the_reference_data(loaded: Path) -> None:
    with cursor() as cur:
        assert scope_of(cur, province_code="01", ward_code="06688") == Scope(
            "ward", "22", "Tỉnh Quảng Ninh", "06688", "Phường Hạ Long"
        )  # ward codes are national: the ward's own province
        assert scope_of(cur, province_code="22") == Scope("province", "22", "Tỉnh Quảng Ninh")
        assert scope_of(cur, province_code=None) == Scope("country")
        with pytest.raises(LookupError):
            scope_of(cur, province_code=None, ward_code="99999")


# --- reconciliation with /api/v1/kpis --------------------------------------------------------

# The report's counts that /kpis publishes under the same name or another one.
KPIS_NAMES = {
    "to_process": "to_process", "received": "received", "received_online": "online",
    "carried_over": "carried_over", "completed": "completed", "early": "early",
    "on_time": "on_time", "late": "late", "in_time": "in_time", "overdue": "overdue",
    "no_due": "no_due",
}  # fmt: skip


def kpis_counts(body: dict[str, Any]) -> dict[str, int]:
    """The report's counts from a /kpis answer (in process = to process − completed)."""
    out = {ours: body[theirs] for ours, theirs in KPIS_NAMES.items()}
    out["received_direct_or_postal"] = body["direct"] + body["postal"]
    out["in_process"] = body["to_process"] - body["completed"]
    return out


@pytest.mark.parametrize("period", [OCTOBER, NOVEMBER], ids=["october", "november"])
@pytest.mark.parametrize(
    "scope", ["ward=00004", "ward=00008", "ward=06688", "province=01", "province=22", ""]
)
def test_the_total_row_is_what_api_kpis_answers_for_the_same_filters(
    client: FlaskClient, period: Period, scope: str
) -> None:
    query = f"{QUERIES[period]}&{scope}" if scope else QUERIES[period]
    report = get(client, f"/api/v1/report?{query}")
    figures = get(client, f"/api/v1/kpis?{query}")
    assert report["total"] == {c: kpis_counts(figures)[c] for c in COUNTS}
    assert report["ward"] == figures["ward"]
    assert report["period"] == {k: figures["period"][k] for k in ("from", "to", "as_of", "kind")}
    assert report["data_as_of"] == figures["data_as_of"]


@pytest.mark.parametrize("period", [OCTOBER, NOVEMBER], ids=["october", "november"])
def test_the_countrys_total_is_the_sum_of_the_provinces_api_kpis(
    client: FlaskClient, loaded: Path, period: Period
) -> None:
    """/kpis has no country: the country's report is each province's /kpis added up (counts
    add exactly), and the metrics layer's own country figure."""
    report = get(client, f"/api/v1/report?{QUERIES[period]}&province=all")
    provinces = [
        kpis_counts(get(client, f"/api/v1/kpis?{QUERIES[period]}&province={code}"))
        for code in ("01", "22")
    ]
    assert report["total"] == {c: sum(p[c] for p in provinces) for c in COUNTS}
    with cursor() as cur:
        (country,) = records(kpis(cur, periods=[period], filters=Filters(None)))
    assert report["total"] == {c: kpis_counts(country)[c] for c in COUNTS}
    assert report["ward"] == {"level": "country", "code": None, "name": "Toàn quốc"}


# --- /api/v1/report --------------------------------------------------------------------------


def test_the_api_answers_the_rows_and_the_total(client: FlaskClient) -> None:
    body = get(client, "/api/v1/report?from=2026-10-01&to=2026-10-31&ward=00008")
    assert body == {
        "report": "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính",
        "period": {"from": "2026-10-01", "to": "2026-10-31",
                   "as_of": "2026-10-31T23:59:59.999999", "kind": "month"},
        "ward": {"level": "ward", "code": "00008", "name": "Phường Ngọc Hà",
                 "province": {"code": "01", "name": "Thành phố Hà Nội"}},
        "data_as_of": "2026-12-02T10:00:00",
        "columns": ["to_process", "received", "received_online", "received_direct_or_postal",
                    "carried_over", "completed", "early", "on_time", "late", "in_process",
                    "in_time", "overdue", "no_due"],
        "rows": [
            {"field": "Đất đai", "to_process": 1, "received": 1, "received_online": 0,
             "received_direct_or_postal": 1, "carried_over": 0, "completed": 0, "early": 0,
             "on_time": 0, "late": 0, "in_process": 1, "in_time": 0, "overdue": 1,
             "no_due": 0},
            {"field": "Hộ tịch", "to_process": 2, "received": 2, "received_online": 1,
             "received_direct_or_postal": 1, "carried_over": 0, "completed": 1, "early": 0,
             "on_time": 1, "late": 0, "in_process": 1, "in_time": 1, "overdue": 0,
             "no_due": 0},
        ],
        "total": {"to_process": 3, "received": 3, "received_online": 1,
                  "received_direct_or_postal": 2, "carried_over": 0, "completed": 1,
                  "early": 0, "on_time": 1, "late": 0, "in_process": 2, "in_time": 1,
                  "overdue": 1, "no_due": 0},
    }  # fmt: skip


def test_a_preset_period_counts_from_the_newest_record(client: FlaskClient) -> None:
    body = get(client, "/api/v1/report?period=last_month&province=01")  # the newest is 2/12
    assert (body["period"]["from"], body["period"]["to"]) == ("2026-11-01", "2026-11-30")
    assert body["total"]["to_process"] == 7


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("from=2026-10-01&to=2026-10-31&format=csv", "format"),
        ("from=2026-10-01&to=2026-10-31&field=H%E1%BB%99+t%E1%BB%8Bch", "field"),
        ("from=2026-10-01&to=2026-10-31&ward=99999", "ward"),
        ("from=2026-10-01&to=2026-10-31&ward=4", "ward"),
        ("from=2026-10-01&to=2026-10-31&ward=06688&province=01", "ward"),
        ("from=2026-10-01&to=2026-10-31&province=99", "province"),
        ("from=2026-10-01&to=2026-10-31&province=all&ward=00004", "province"),
        ("from=2026-10-31&to=2026-10-01", "from"),
        ("from=2026-10-01", "to"),
        ("from=01/10/2026&to=2026-10-31", "from"),
        ("from=2000-01-01&to=2026-10-31", "to"),
        ("period=next_week", "period"),
        ("period=last_month&from=2026-10-01", "period"),
        ("from=2026-10-01&to=2026-10-31&ward=", "ward"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(
    client: FlaskClient, query: str, parameter: str
) -> None:
    response = client.get(f"/api/v1/report?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter
    assert body["error"] and "Traceback" not in body["error"]


def test_without_a_warehouse_the_api_says_503(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "nothing.duckdb"))
    server = Flask(__name__)
    server.register_blueprint(blueprint)
    response = server.test_client().get("/api/v1/report?from=2026-10-01&to=2026-10-31")
    assert response.status_code == 503
    assert "error" in response.get_json()


# --- the Excel file --------------------------------------------------------------------------

HEADER_MERGES = {
    "A6:A8", "B6:F6", "G6:J6", "K6:M6",  # Lĩnh vực; the three groups
    "B7:B8", "C7:E7", "F7:F8",  # Tổng số; Tiếp nhận trong kỳ; Từ kỳ trước chuyển sang
    "G7:G8", "H7:H8", "I7:I8", "J7:J8", "K7:K8", "L7:L8", "M7:M8",
}  # fmt: skip
TITLE_MERGES = {f"A{row}:M{row}" for row in range(1, 6)}


def workbook(client: FlaskClient, query: str) -> tuple[bytes, Any]:
    response = client.get(f"/api/v1/report?{query}&format=xlsx")
    assert response.status_code == 200
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return response.data, openpyxl.load_workbook(io.BytesIO(response.data))


def test_the_workbook_has_the_evaluators_layout(client: FlaskClient) -> None:
    _data, book = workbook(client, "from=2026-10-01&to=2026-10-31&ward=00004")
    assert book.sheetnames == ["Báo cáo"]
    sheet = book["Báo cáo"]
    assert {str(r) for r in sheet.merged_cells.ranges} == HEADER_MERGES | TITLE_MERGES
    assert [sheet.cell(row, 1).value for row in range(1, 6)] == [
        "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Kỳ báo cáo: 01/10/2026 – 31/10/2026",
        "Đơn vị: Phường Ba Đình, Thành phố Hà Nội",
        "Dữ liệu đến 10:00 02/12/2026",
        "Theo cấu trúc Biểu II.06a, tính từ hồ sơ đã nạp vào Một Cửa",
    ]
    header = [[c.value for c in row] for row in sheet.iter_rows(min_row=6, max_row=8)]
    assert header == [
        ["Lĩnh vực", "Số hồ sơ nhận giải quyết", None, None, None, None,
         "Số hồ sơ đã giải quyết", None, None, None, "Số hồ sơ đang giải quyết", None, None],
        [None, "Tổng số", "Tiếp nhận trong kỳ", None, None, "Từ kỳ trước chuyển sang",
         "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"],
        [None, None, "Cộng", "Trực tuyến", "Trực tiếp, bưu chính", None, None, None, None, None,
         None, None, None],
    ]  # fmt: skip
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=9, max_row=11)]
    assert body == [
        ["Đất đai", 4, 3, 1, 2, 1, 3, 0, 1, 1, 1, 0, 1],
        ["Hộ tịch", 7, 6, 2, 4, 1, 5, 2, 1, 2, 2, 2, 0],
        ["Tổng cộng", 11, 9, 3, 6, 2, 8, 2, 2, 3, 3, 2, 1],
    ]
    for row in sheet.iter_rows(min_row=9, max_row=11, min_col=2):
        assert {(type(c.value), c.number_format) for c in row} == {(int, "#,##0")}
    assert all(c.font.bold for c in sheet[11])  # the totals row
    assert not any(c.font.bold for c in sheet[9])
    assert sheet.cell(13, 1).value.startswith("Tổng số hồ sơ nhận giải quyết = Tiếp nhận")
    assert sheet.cell(14, 1).value.startswith("1 hồ sơ không có ngày hẹn trả")  # R11
    assert sheet.freeze_panes == "B9"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)


def test_the_workbook_of_the_country_and_of_an_empty_period(client: FlaskClient) -> None:
    _data, book = workbook(client, "from=2026-11-01&to=2026-11-30&province=all")
    sheet = book.active
    assert sheet.cell(3, 1).value == "Đơn vị: Toàn quốc"
    assert [c.value for c in sheet[11]] == ["Tổng cộng", 8, 3, 1, 2, 5, 4, 3, 0, 1, 4, 2, 2]
    assert sheet.cell(14, 1).value is None  # no dossier without a due date: one note
    _data, book = workbook(client, "from=2020-01-01&to=2020-01-31&province=22")
    sheet = book.active
    assert sheet.cell(3, 1).value == "Đơn vị: Tỉnh Quảng Ninh"
    assert [c.value for c in sheet[9]] == ["Tổng cộng", *[0] * 12]


def test_the_pages_excel_button_and_the_api_give_the_same_bytes(
    client: FlaskClient, page: ModuleType
) -> None:
    data, _book = workbook(client, "from=2026-10-01&to=2026-10-31&province=01")
    again, _book = workbook(client, "from=2026-10-01&to=2026-10-31&province=01")
    assert again == data  # the file's dates are the data's, not the clock's
    sent = run_callback(
        page.export, "report-export-xlsx.n_clicks", 1, None, "?from=2026-10-01&to=2026-10-31"
    )
    assert sent["filename"] == "motcua-bao-cao-01-2026-10-01-2026-10-31.xlsx"
    assert base64.b64decode(sent["content"]) == data
    response = client.get("/api/v1/report?from=2026-10-01&to=2026-10-31&format=xlsx")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="motcua-bao-cao-01-2026-10-01-2026-10-31.xlsx"'
    )


def test_the_csv_export_has_one_header_line_and_the_total_last(
    loaded: Path, page: ModuleType
) -> None:
    sent = run_callback(
        page.export, "report-export-csv.n_clicks", None, 1,
        "?from=2026-10-01&to=2026-10-31&ward=00008",
    )  # fmt: skip
    assert sent["filename"] == "motcua-bao-cao-00008-2026-10-01-2026-10-31.csv"
    lines = base64.b64decode(sent["content"]).decode("utf-8-sig").splitlines()
    assert lines == [
        "Lĩnh vực,Số hồ sơ nhận giải quyết – Tổng số,"
        "Số hồ sơ nhận giải quyết – Tiếp nhận trong kỳ – Cộng,"
        "Số hồ sơ nhận giải quyết – Tiếp nhận trong kỳ – Trực tuyến,"
        '"Số hồ sơ nhận giải quyết – Tiếp nhận trong kỳ – Trực tiếp, bưu chính",'
        "Số hồ sơ nhận giải quyết – Từ kỳ trước chuyển sang,Số hồ sơ đã giải quyết – Tổng số,"
        "Số hồ sơ đã giải quyết – Trước hạn,Số hồ sơ đã giải quyết – Đúng hạn,"
        "Số hồ sơ đã giải quyết – Quá hạn,Số hồ sơ đang giải quyết – Tổng số,"
        "Số hồ sơ đang giải quyết – Trong hạn,Số hồ sơ đang giải quyết – Quá hạn,"
        "Không có ngày hẹn trả",
        "Đất đai,1,1,0,1,0,0,0,0,0,1,0,1,0",
        "Hộ tịch,2,2,1,1,0,1,0,1,0,1,1,0,0",
        "Tổng cộng,3,3,1,2,0,1,0,1,0,2,1,1,0",
    ]


# --- the page --------------------------------------------------------------------------------


def html_rows(tree: Any, part: str) -> list[str]:
    """The rows of the report table's ``Thead``, ``Tbody`` or ``Tfoot`` as a reader reads them."""
    table = find(tree, "report-table")
    section = next(n for n in walk(table) if type(n).__name__ == part)
    rows = section.children if isinstance(section.children, list) else [section.children]
    return [" ".join(inline_text(cell) for cell in row.children) for row in rows]


def test_the_page_shows_the_table_with_its_two_level_header(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**{"from": "2026-10-01", "to": "2026-10-31"})
    assert html_rows(tree, "Tbody") == [
        "Đất đai 5 4 1 3 1 3 0 1 1 2 0 2",
        "Hộ tịch 9 8 3 5 1 6 2 2 2 3 3 0",
    ]
    assert html_rows(tree, "Tfoot") == ["Tổng cộng 14 12 4 8 2 9 2 3 3 5 3 2"]
    head = next(n for n in walk(find(tree, "report-table")) if type(n).__name__ == "Thead")
    cells = [
        [(c.children, getattr(c, "colSpan", None), getattr(c, "rowSpan", None), c.scope)
         for c in row.children]
        for row in head.children
    ]  # fmt: skip
    assert cells == [
        [("Lĩnh vực", None, 3, "col"), ("Số hồ sơ nhận giải quyết", 5, None, "colgroup"),
         ("Số hồ sơ đã giải quyết", 4, None, "colgroup"),
         ("Số hồ sơ đang giải quyết", 3, None, "colgroup")],
        [("Tổng số", None, 2, "col"), ("Tiếp nhận trong kỳ", 3, None, "colgroup"),
         ("Từ kỳ trước chuyển sang", None, 2, "col"), ("Tổng số", None, 2, "col"),
         ("Trước hạn", None, 2, "col"), ("Đúng hạn", None, 2, "col"),
         ("Quá hạn", None, 2, "col"), ("Tổng số", None, 2, "col"),
         ("Trong hạn", None, 2, "col"), ("Quá hạn", None, 2, "col")],
        [("Cộng", None, None, "col"), ("Trực tuyến", None, None, "col"),
         ("Trực tiếp, bưu chính", None, None, "col")],
    ]  # fmt: skip
    assert [inline_text(line) for line in find(tree, "report-caption").children] == [
        "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính",
        "Kỳ báo cáo: 01/10/2026 – 31/10/2026",
        "Đơn vị: Thành phố Hà Nội",
        "Dữ liệu đến 10:00 02/12/2026",
    ]
    assert "1 hồ sơ không có ngày hẹn trả" in inline_text(find(tree, "report-notes"))
    assert find(tree, "report-province").value == "01"


def test_the_page_of_a_ward_and_of_the_country(page: ModuleType, loaded: Path) -> None:
    ward = page.layout(**{"from": "2026-11-01", "to": "2026-11-30", "ward": "00004"})
    assert html_rows(ward, "Tfoot") == ["Tổng cộng 4 1 0 1 3 2 1 0 1 2 1 1"]
    assert "Đơn vị: Phường Ba Đình, Thành phố Hà Nội" in inline_text(find(ward, "report-caption"))
    country = page.layout(**{"from": "2026-10-01", "to": "2026-10-31", "province": "all"})
    assert html_rows(country, "Tfoot") == ["Tổng cộng 16 14 5 9 2 11 3 3 4 5 3 2"]
    assert "Đơn vị: Toàn quốc" in inline_text(find(country, "report-caption"))


def test_thousands_are_written_the_vietnamese_way(loaded: Path) -> None:
    from ui.report import content

    report = report_of(OCTOBER, "00004", None)
    big = Report(
        report.period, report.scope, report.as_of, report.data_as_of, (),
        report.total | {"to_process": 12_439},
    )  # fmt: skip
    assert html_rows(content("report", big), "Tfoot") == ["Tổng cộng 12.439 9 3 6 2 8 2 2 3 3 2 1"]


def test_a_period_without_data_says_so(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**{"from": "2020-01-01", "to": "2020-01-31"})
    assert "Chưa có dữ liệu cho kỳ này" in inline_text(find(tree, "report-content"))
    assert "Kỳ báo cáo: 01/01/2020 – 31/01/2020" in inline_text(find(tree, "report-caption"))


def test_a_bad_url_names_the_parameter(page: ModuleType, loaded: Path) -> None:
    tree = page.layout(**{"from": "2026-10-01", "to": "2026-10-31", "ward": "99999"})
    problems = [n for n in walk(tree) if getattr(n, "data-parameter", None)]
    assert [getattr(p, "data-parameter") for p in problems] == ["ward"]
    assert alerts_in(tree)


def test_without_a_warehouse_the_page_says_how_to_load(
    page: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_DB", str(tmp_path / "nothing.duckdb"))
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    tree = page.layout(**{"from": "2026-10-01", "to": "2026-10-31"})
    assert "python -m etl demo" in inline_text(find(tree, "report-content"))


def test_changing_the_period_puts_it_in_the_url_and_redraws(page: ModuleType, loaded: Path) -> None:
    search, preset, start, end, content = run_callback(
        page.update, "report-to.value", "custom", "01/11/2026", "30/11/2026", "all", None, "01"
    )
    assert (search, preset, start, end) == (
        "?from=2026-11-01&to=2026-11-30",
        "custom",
        "01/11/2026",
        "30/11/2026",
    )
    assert html_rows(content, "Tfoot") == ["Tổng cộng 7 2 0 2 5 4 3 0 1 3 1 2"]
    search, *_rest, content = run_callback(
        page.update, "report-ward.value", "custom", "01/11/2026", "30/11/2026", "00008", None,
        "01",
    )  # fmt: skip
    assert search == "?from=2026-11-01&to=2026-11-30&ward=00008"
    assert html_rows(content, "Tfoot") == ["Tổng cộng 3 1 0 1 2 2 2 0 0 1 0 1"]


def test_every_output_id_belongs_to_the_page() -> None:
    """The access map's rule for the page's callbacks is found by their outputs' prefix."""
    from web.access import CALLBACKS, PAGES, callback_owner

    assert CALLBACKS["report"] is PAGES["pages.report"]
    assert callback_owner("report-content") == "report"
    assert callback_owner({"type": "page-url", "page": "report"}) == "report"


# --- English ---------------------------------------------------------------------------------


def page_states(page: ModuleType) -> list[Any]:
    october = {"from": "2026-10-01", "to": "2026-10-31"}
    return [
        page.layout(**october),
        page.layout(**october, ward="00004"),
        page.layout(**october, province="all"),
        page.layout(**{"from": "2020-01-01", "to": "2020-01-31"}),
        page.layout(**october, ward="99999"),
        run_callback(page.update, "report-period.value", "last_month", None, None, "all",
                     None, "01"),
    ]  # fmt: skip


def test_every_state_of_the_page_reads_in_english(page: ModuleType, loaded: Path) -> None:
    shown = in_english(lambda: page_states(page))
    assert untranslated(shown, fixture_data(loaded)) == []
    strings = [s for _where, s in visible_strings(shown)]
    assert "Dossiers to process" in strings and "Overdue" in strings and "Late" in strings


def test_the_vietnamese_page_shows_no_english(page: ModuleType, loaded: Path) -> None:
    from ui.catalogue import english

    catalogue = english()
    english_only = set(catalogue.values()) - {k.split("|")[-1] for k in catalogue}
    strings = [s for _w, s in visible_strings(in_vietnamese(lambda: page_states(page)))]
    assert [s for s in strings if s in english_only] == []


def test_the_english_workbook_reads_in_english(loaded: Path) -> None:
    from ui.report_xlsx import report_workbook

    report = report_of(OCTOBER, "00004", None)
    book = openpyxl.load_workbook(io.BytesIO(in_english(lambda: report_workbook(report))))
    sheet = book.active
    assert book.sheetnames == ["Report"]
    assert sheet.cell(1, 1).value == "REPORT ON THE HANDLING OF ADMINISTRATIVE PROCEDURES"
    assert sheet.cell(7, 10).value == "Late" and sheet.cell(7, 13).value == "Overdue"
    assert sheet.cell(11, 1).value == "Total"
