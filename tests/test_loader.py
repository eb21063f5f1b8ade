"""The loader end to end (data-contract §1): small hand-written files, the real loader, a real
DuckDB warehouse in ``tmp_path``, and whole stored rows compared with values worked out by hand.

Bad rows and their reasons are in ``test_loader_rejects.py``; idempotency, atomicity and
concurrency in ``test_atomicity.py``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl.loader import BatchResult, load_files

Row = dict[str, Any]

# --- helpers ----------------------------------------------------------------------------------


def fetch(db: Path, sql: str, params: list | None = None) -> list[Row]:
    """Rows of a query on the warehouse file, as dicts (column name → value)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    path.write_bytes(csv_text(rows, delimiter).encode("utf-8"))
    return path


def cp1258(text: str) -> bytes:
    """Encode Vietnamese text as Windows-1258 does: base letters precomposed, tones combining."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def end_of(year: int, month: int, day: int) -> datetime:
    """A due date given as a date alone: the end of that day."""
    return datetime(year, month, day, 23, 59, 59, 999999)


DOSSIER: Row = {
    "dossier_id": None,
    "ward_code": "00073",
    "ward_name_source": None,
    "district_name_source": None,
    "procedure_code": None,
    "procedure_name": None,
    "field": "Khác",
    "channel": "direct",
    "online_level": None,
    "received_at": None,
    "submitted_at": None,
    "due_at": None,
    "ended_at": None,
    "returned_at": None,
    "status": "processing",
    "supplement_count": None,
    "paused_days": None,
    "interagency": None,
    "digitized": None,
    "e_result": None,
    "reused_data": None,
    "has_fee": None,
    "paid_online": None,
    "no_wait": None,
    "applicant_type": None,
    "run_id": 1,
    "source_row": None,
}


def dossier(**values: Any) -> Row:
    """A whole stored dossier row: the defaults of an almost empty record, and ``values``."""
    unknown = set(values) - set(DOSSIER)
    assert not unknown, unknown
    return {**DOSSIER, **values}


def dossiers(db: Path) -> list[Row]:
    return fetch(db, "SELECT * EXCLUDE (row_hash) FROM dossiers ORDER BY dossier_id")


def summary(batch: BatchResult) -> list[tuple]:
    """(status, rows read, inserted, updated, unchanged, rejected, duplicates) per file."""
    return [
        (f.status, f.rows_read, f.inserted, f.updated, f.unchanged, f.rejected, f.duplicates)
        for f in batch.files
    ]


def column_cases(
    tmp_path: Path, db: Path, header: str, column: str, cases: list[tuple[str, Any]]
) -> dict[str, Any]:
    """Load one dossier per case with ``header`` = the raw value; return {raw: stored value}.

    The other columns make every case a valid dossier (an end date, for the statuses that end
    one).
    """
    base = {"Mã hồ sơ": None, "Mã xã": "00073", "Ngày tiếp nhận": "01/01/2024",
            "Ngày có kết quả": "31/12/2025"}  # fmt: skip
    base.pop(header, None)
    rows = [[*base, header]]
    rows += [[f"C{i:02d}", *list(base.values())[1:], raw] for i, (raw, _) in enumerate(cases)]
    batch = load_files([write_csv(tmp_path / "cases.csv", rows)], db=db)
    assert batch.ok, batch.message
    assert summary(batch) == [("ok", len(cases), len(cases), 0, 0, 0, 0)]
    stored = {
        r["dossier_id"]: r[column]
        for r in fetch(db, f'SELECT dossier_id, "{column}" FROM dossiers')
    }
    return {raw: stored[f"C{i:02d}"] for i, (raw, _) in enumerate(cases)}


# --- formats ----------------------------------------------------------------------------------

HEADER = ["Mã hồ sơ", "Phường/Xã", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái", "Kênh nộp",
          "Họ tên", "Ghi chú"]  # fmt: skip
ROWS = [
    ["000123", "Phường Cửa Nam", "05/03/2025 08:30", "10/03/2025", "Đang xử lý", "Trực tuyến",
     "Nguyễn Thị Giảđịnh", "nộp thay"],
    ["000124", "Cửa Nam", "06/03/2025", "", "", "", "Trần Văn Mẫuthử", ""],
]  # fmt: skip


def _utf8(path: Path) -> Path:
    path = path.with_suffix(".csv")
    path.write_bytes(csv_text([HEADER, *ROWS]).encode("utf-8"))
    return path


def _utf8_bom(path: Path) -> Path:
    path = path.with_suffix(".csv")
    path.write_bytes(codecs.BOM_UTF8 + csv_text([HEADER, *ROWS]).encode("utf-8"))
    return path


def _utf16_unicode_text(path: Path) -> Path:
    # Excel's "Unicode text": UTF-16 LE with a BOM, TAB-separated, CRLF.
    path = path.with_suffix(".txt")
    path.write_bytes(codecs.BOM_UTF16_LE + csv_text([HEADER, *ROWS], "\t").encode("utf-16-le"))
    return path


def _windows_1258(path: Path) -> Path:
    path = path.with_suffix(".csv")
    path.write_bytes(cp1258(csv_text([HEADER, *ROWS], ";")))
    return path


def _json_array(path: Path) -> Path:
    path = path.with_suffix(".json")
    records = [dict(zip(HEADER, r, strict=True)) for r in ROWS]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def _jsonl(path: Path) -> Path:
    path = path.with_suffix(".jsonl")
    lines = [json.dumps(dict(zip(HEADER, r, strict=True)), ensure_ascii=False) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _parquet(path: Path) -> Path:
    path = path.with_suffix(".parquet")
    pq.write_table(pa.table({h: [r[i] for r in ROWS] for i, h in enumerate(HEADER)}), path)
    return path


@pytest.mark.parametrize(
    ("writer", "encoding", "first_line"),
    [
        pytest.param(_utf8, None, 2, id="csv-utf8"),
        pytest.param(_utf8_bom, None, 2, id="csv-utf8-bom"),
        pytest.param(_utf16_unicode_text, None, 2, id="utf16-unicode-text"),
        pytest.param(_windows_1258, "windows-1258", 2, id="csv-windows-1258"),
        pytest.param(_json_array, None, 1, id="json-array"),
        pytest.param(_jsonl, None, 1, id="jsonl"),
        pytest.param(_parquet, None, 1, id="parquet"),
    ],
)
def test_every_format_loads_the_same_dossiers(
    tmp_path: Path, warehouse: Path, writer: Any, encoding: str | None, first_line: int
) -> None:
    path = writer(tmp_path / "export")
    batch = load_files([path], db=warehouse, encoding=encoding)
    assert batch.ok, batch.message
    assert summary(batch) == [("ok", 2, 2, 0, 0, 0, 0)]
    assert batch.files[0].dropped_columns == ["Họ tên"]
    assert batch.files[0].unknown_columns == ["Ghi chú"]
    assert dossiers(warehouse) == [
        dossier(dossier_id="000123", ward_name_source="Phường Cửa Nam",
                received_at=datetime(2025, 3, 5, 8, 30), due_at=end_of(2025, 3, 10),
                channel="online", source_row=first_line),
        dossier(dossier_id="000124", ward_name_source="Cửa Nam",
                received_at=datetime(2025, 3, 6), source_row=first_line + 1),
    ]  # fmt: skip


def test_xlsx_reads_date_cells_and_serial_numbers_below_a_title_block(
    tmp_path: Path, warehouse: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ"])  # row 1
    ws.append(["Từ ngày 01/03/2025 đến ngày 31/07/2025"])  # row 2
    ws.append([])  # row 3
    ws.append(["Mã hồ sơ", "Phường/Xã", "Ngày tiếp nhận", "Ngày hẹn trả", "Họ tên"])  # row 4
    ws.append(["000125", "Cửa Nam", datetime(2025, 3, 5, 8, 30), datetime(2025, 3, 10), "A"])
    ws.append(["000126", "Cửa Nam", 45839, 45840, "B"])  # serials: 1 and 2 July 2025
    ws.append([])  # row 7: blank, skipped
    ws.append([127, "Cửa Nam", date(2025, 3, 6), 45839.75, None])  # a number id; 18:00
    ws.append([1.23e15, "Cửa Nam", date(2025, 3, 6), None, None])  # id rounded by Excel
    path = tmp_path / "export.xlsx"
    wb.save(path)

    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert summary(batch) == [("ok", 4, 3, 0, 0, 1, 0)]
    assert batch.files[0].dropped_columns == ["Họ tên"]
    assert dossiers(warehouse) == [
        dossier(dossier_id="000125", ward_name_source="Cửa Nam",
                received_at=datetime(2025, 3, 5, 8, 30), due_at=end_of(2025, 3, 10),
                source_row=5),
        dossier(dossier_id="000126", ward_name_source="Cửa Nam",
                received_at=datetime(2025, 7, 1), due_at=end_of(2025, 7, 2), source_row=6),
        dossier(dossier_id="127", ward_name_source="Cửa Nam", received_at=datetime(2025, 3, 6),
                due_at=datetime(2025, 7, 1, 18), source_row=8),
    ]  # fmt: skip
    assert fetch(warehouse, 'SELECT row_number, "column", value FROM etl_rejects') == [
        {"row_number": 9, "column": "Mã hồ sơ", "value": "1.23e+15"}
    ]


def test_xlsx_sheet_option_reads_the_named_sheet(tmp_path: Path, warehouse: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Trang này không có dữ liệu"])
    ws = wb.create_sheet("Dữ liệu")
    ws.append(["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận"])
    ws.append(["S1", "00073", "05/03/2025"])
    path = tmp_path / "export.xlsx"
    wb.save(path)

    assert load_files([path], db=warehouse, sheet="Dữ liệu").ok
    assert dossiers(warehouse) == [
        dossier(dossier_id="S1", received_at=datetime(2025, 3, 5), source_row=2)
    ]


def test_parquet_and_json_typed_values_are_read_as_text(tmp_path: Path, warehouse: Path) -> None:
    parquet = tmp_path / "typed.parquet"
    pq.write_table(
        pa.table(
            {
                "Mã hồ sơ": pa.array([123], pa.int64()),
                "Mã xã": ["00073"],
                "Ngày tiếp nhận": pa.array([datetime(2025, 3, 5, 8, 30)], pa.timestamp("us")),
                "Ngày hẹn trả": pa.array([date(2025, 3, 10)], pa.date32()),
                "Liên thông": pa.array([True]),
            }
        ),
        parquet,
    )
    jsonl = tmp_path / "typed.jsonl"
    jsonl.write_text(
        json.dumps({"Mã hồ sơ": 456, "Mã xã": "00073", "Ngày tiếp nhận": "2025-03-05T08:30:00",
                    "Liên thông": False, "Số lần yêu cầu bổ sung": 2}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    batch = load_files([parquet, jsonl], db=warehouse)
    assert batch.ok, batch.message
    assert dossiers(warehouse) == [
        dossier(dossier_id="123", received_at=datetime(2025, 3, 5, 8, 30),
                due_at=end_of(2025, 3, 10), interagency=True, source_row=1),
        dossier(dossier_id="456", received_at=datetime(2025, 3, 5, 8, 30), interagency=False,
                supplement_count=2, run_id=2, source_row=1),
    ]  # fmt: skip


def test_csv_line_numbers_count_blank_lines_and_cells_spanning_lines(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_MAX_REJECT_SHARE", "1")
    path = tmp_path / "export.csv"
    path.write_text(
        "BÁO CÁO HỒ SƠ\n"  # 1
        "\n"  # 2
        "Mã hồ sơ,Mã xã,Ngày tiếp nhận,Ghi chú\n"  # 3
        'L1,00073,05/03/2025,"ghi chú\n'  # 4
        'hai dòng"\n'  # 5
        "\n"  # 6
        "L2,00073,31/02/2025,\n"  # 7
        ",,,\n"  # 8
        "L3,00073,05/03/2025\n"  # 9 (a short row)
        "\n",  # 10
        encoding="utf-8",
    )
    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert summary(batch) == [("ok", 3, 2, 0, 0, 1, 0)]
    assert [(r["dossier_id"], r["source_row"]) for r in dossiers(warehouse)] == [
        ("L1", 4),
        ("L3", 9),
    ]
    assert fetch(warehouse, "SELECT row_number, value FROM etl_rejects") == [
        {"row_number": 7, "value": "31/02/2025"}
    ]


# --- headers, personal data, unknown columns ---------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        ["MA HO SO", "PHUONG/XA", "NGAY TIEP NHAN"],
        ["mã  hồ sơ", "phường / xã", "ngày  tiếp  nhận"],
        ["MaHoSo", "TenDonVi", "NgayTiepNhan"],
        ["Số hồ sơ", "Đơn vị tiếp nhận", "Ngày nhận"],
        [unicodedata.normalize("NFD", h) for h in ["Mã hồ sơ", "Phường/Xã", "Ngày tiếp nhận"]],
        ["  MÃ HỒ SƠ  ", "Nơi tiếp nhận", "ngày nộp"],
    ],
    ids=["no-accents-upper", "extra-spaces", "camel-case", "other-aliases", "nfd", "padded"],
)
def test_header_aliases_match_whatever_the_accents_case_and_spaces(
    tmp_path: Path, warehouse: Path, headers: list[str]
) -> None:
    path = write_csv(tmp_path / "export.csv", [headers, ["H1", "Cửa Nam", "05/03/2025 08:00"]])
    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert batch.files[0].unknown_columns == []
    stored = dossiers(warehouse)
    # 'ngày nộp' is the submission date: it stands in for the missing reception date.
    submitted = datetime(2025, 3, 5, 8) if headers[2] == "ngày nộp" else None
    assert stored == [
        dossier(dossier_id="H1", ward_name_source="Cửa Nam", received_at=datetime(2025, 3, 5, 8),
                submitted_at=submitted, source_row=2)
    ]  # fmt: skip


PERSONAL = {
    "Họ tên": "Lê Thị Giảđịnhxyz",
    "Số CCCD": "079912345678",
    "Điện thoại": "0987654321",
    "Email": "gia.dinh@example.com",
    "Địa chỉ": "12 ngõ Giảđịnh, phố Thửnghiệm",
    "Ngày sinh": "13/07/1988",
}


def _all_warehouse_text(db: Path) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return "\n".join(repr(con.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables)
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_personal_columns_are_dropped_named_and_stored_nowhere(
    tmp_path: Path, warehouse: Path, fmt: str
) -> None:
    headers = ["Mã hồ sơ", "Phường/Xã", "Ngày tiếp nhận", *PERSONAL, "Ghi chú", "Cột lạ"]
    values = ["P1", "Cửa Nam", "05/03/2025", *PERSONAL.values(), "", ""]
    if fmt == "csv":
        path = write_csv(tmp_path / "export.csv", [headers, values])
    elif fmt == "xlsx":
        wb = openpyxl.Workbook()
        wb.active.append(headers)
        wb.active.append(values)
        path = tmp_path / "export.xlsx"
        wb.save(path)
    else:
        path = tmp_path / "export.json"
        path.write_text(json.dumps([dict(zip(headers, values, strict=True))]), encoding="utf-8")

    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert batch.files[0].dropped_columns == list(PERSONAL)
    assert batch.files[0].unknown_columns == ["Ghi chú", "Cột lạ"]
    assert fetch(warehouse, "SELECT dropped_columns, unknown_columns FROM etl_runs") == [
        {"dropped_columns": list(PERSONAL), "unknown_columns": ["Ghi chú", "Cột lạ"]}
    ]
    text = _all_warehouse_text(warehouse)
    assert "Cửa Nam" in text  # the scan does see stored text
    assert [v for v in PERSONAL.values() if v in text] == []


# --- values: dates, ids, vocabularies ---------------------------------------------------------

RECEIVED_CASES = [
    ("05/03/2025", datetime(2025, 3, 5)),  # day first: 5 March
    ("03/05/2025", datetime(2025, 5, 3)),  # never guessed month-first: 3 May
    ("5/3/2025", datetime(2025, 3, 5)),
    ("05/03/2025 14:30", datetime(2025, 3, 5, 14, 30)),
    ("05/03/2025 14:30:15", datetime(2025, 3, 5, 14, 30, 15)),
    ("1/7/2025 8:05", datetime(2025, 7, 1, 8, 5)),
    ("05-03-2025", datetime(2025, 3, 5)),
    ("05-03-2025 14:30", datetime(2025, 3, 5, 14, 30)),
    ("2025-03-05", datetime(2025, 3, 5)),
    ("2025-03-05T14:30:00", datetime(2025, 3, 5, 14, 30)),
    ("2025-03-05 14:30:00", datetime(2025, 3, 5, 14, 30)),
    ("45839", datetime(2025, 7, 1)),  # Excel serial number
    ("45839.5", datetime(2025, 7, 1, 12)),
    ("29/02/2024", datetime(2024, 2, 29)),
    (" 05/03/2025 ", datetime(2025, 3, 5)),
]


def test_dates_are_day_first_iso_or_excel_serials(tmp_path: Path, warehouse: Path) -> None:
    got = column_cases(tmp_path, warehouse, "Ngày tiếp nhận", "received_at",
                       [(raw, None) for raw, _ in RECEIVED_CASES])  # fmt: skip
    assert got == dict(RECEIVED_CASES)


DUE_CASES = [
    ("10/03/2025", end_of(2025, 3, 10)),  # a date alone: end of that day
    ("10/03/2025 00:00", end_of(2025, 3, 10)),  # exactly midnight: the same
    ("10/03/2025 17:00", datetime(2025, 3, 10, 17)),
    ("2025-03-10", end_of(2025, 3, 10)),
    ("45839", end_of(2025, 7, 1)),
    ("45839.25", datetime(2025, 7, 1, 6)),
    ("", None),
]


def test_due_dates_without_a_time_mean_the_end_of_that_day(tmp_path: Path, warehouse: Path) -> None:
    assert column_cases(tmp_path, warehouse, "Ngày hẹn trả", "due_at", DUE_CASES) == dict(DUE_CASES)


VOCABULARY_CASES = [
    pytest.param(
        "Trạng thái", "status",
        [("1", "submitted"), ("2", "received"), ("3", "refused"), ("4", "processing"),
         ("5", "supplement"), ("6", "obligation"), ("7", "withdrawn"), ("8", "stopped"),
         ("9", "processed"), ("10", "returned"), ("Mới đăng ký", "submitted"),
         ("Được tiếp nhận", "received"), ("Không được tiếp nhận", "refused"),
         ("Đang xử lý", "processing"), ("ĐANG XỬ LÝ", "processing"),
         ("Yêu cầu bổ sung giấy tờ", "supplement"),
         ("Yêu cầu thực hiện nghĩa vụ tài chính", "obligation"),
         ("Công dân yêu cầu rút hồ sơ", "withdrawn"), ("Dừng xử lý", "stopped"),
         ("Đã xử lý xong", "processed"), ("Đã trả kết quả", "returned")],
        id="status",
    ),
    pytest.param(
        "Kênh nộp", "channel",
        [("1", "direct"), ("2", "online"), ("3", "postal"), ("Trực tiếp", "direct"),
         ("Trực tuyến", "online"), ("trực tuyến", "online"), ("Bưu chính", "postal"),
         ("Bưu chính công ích", "postal"), ("", "direct")],
        id="channel",
    ),
    pytest.param(
        "Liên thông", "interagency",
        [("Có", True), ("Không", False), ("có", True), ("KHÔNG", False), ("x", True),
         ("X", True), ("1", True), ("0", False), ("true", True), ("FALSE", False),
         ("", False), ("  ", False)],  # the file has the column: a blank cell is "no"
        id="bool",
    ),
    pytest.param(
        "Thanh toán trực tuyến", "paid_online",
        [("1", True), ("2", True), ("0", False), ("Có", True), ("Không", False), ("", False)],
        id="paid-online-2-is-true",
    ),
    pytest.param(
        "Mức độ", "online_level",
        [("4", "full"), ("3", "partial"), ("2", "none"), ("Toàn trình", "full"),
         ("Một phần", "partial")],
        id="online-level",
    ),
    pytest.param(
        "Loại đối tượng", "applicant_type",
        [("Công dân", "citizen"), ("Tổ chức", "organization"), ("", None)],
        id="applicant-type",
    ),
    pytest.param(
        "Số lần yêu cầu bổ sung", "supplement_count", [("0", 0), ("3", 3), ("", None)],
        id="supplement-count",
    ),
    pytest.param(
        "Số ngày tạm dừng", "paused_days", [("2", 2.0), ("1.5", 1.5), ("2,5", 2.5)],
        id="paused-days-decimal-comma",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("header", "column", "cases"), VOCABULARY_CASES)
def test_coded_values_accept_codes_and_vietnamese_words(
    tmp_path: Path, warehouse: Path, header: str, column: str, cases: list[tuple[str, Any]]
) -> None:
    assert column_cases(tmp_path, warehouse, header, column, cases) == dict(cases)


def test_ids_are_text_with_leading_zeros_kept_and_trimmed(tmp_path: Path, warehouse: Path) -> None:
    path = write_csv(
        tmp_path / "ids.csv",
        [["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận"],
         ["000123", "00073", "05/03/2025"],
         ["  000.456  ", "00073", "05/03/2025"],
         [unicodedata.normalize("NFD", "HS-Đợt1"), "00073", "05/03/2025"]],
    )  # fmt: skip
    assert load_files([path], db=warehouse).ok
    assert [r["dossier_id"] for r in dossiers(warehouse)] == ["000.456", "000123", "HS-Đợt1"]


def test_dates_derive_end_status_and_defaults(tmp_path: Path, warehouse: Path) -> None:
    path = write_csv(
        tmp_path / "derived.csv",
        [["Mã hồ sơ", "Mã xã", "Ngày nộp", "Ngày tiếp nhận", "Ngày có kết quả",
          "Ngày trả kết quả", "Trạng thái", "Kênh nộp", "Lĩnh vực"],
         # nothing ended: in process
         ["D1", "00073", "", "05/03/2025 08:00", "", "", "", "", ""],
         # returned without an end date: ended when returned
         ["D2", "00073", "", "05/03/2025 08:00", "", "07/03/2025 10:00", "", "", "Hộ tịch"],
         # ended, not returned: processed
         ["D3", "00073", "", "05/03/2025 08:00", "06/03/2025 16:00", "", "", "", ""],
         # ended and returned: returned, each date kept
         ["D4", "00073", "", "05/03/2025 08:00", "06/03/2025 16:00", "07/03/2025 09:00", "", "",
          ""],
         # only a submission date: it is the reception date too
         ["D5", "00073", "04/03/2025 22:00", "", "", "", "", "Trực tuyến", ""],
         # a status given wins over the dates
         ["D6", "00073", "", "05/03/2025 08:00", "", "", "Yêu cầu bổ sung giấy tờ", "", ""]],
    )  # fmt: skip
    assert load_files([path], db=warehouse).ok
    received = datetime(2025, 3, 5, 8)
    assert dossiers(warehouse) == [
        dossier(dossier_id="D1", received_at=received, source_row=2),
        dossier(dossier_id="D2", received_at=received, ended_at=datetime(2025, 3, 7, 10),
                returned_at=datetime(2025, 3, 7, 10), status="returned", field="Hộ tịch",
                source_row=3),
        dossier(dossier_id="D3", received_at=received, ended_at=datetime(2025, 3, 6, 16),
                status="processed", source_row=4),
        dossier(dossier_id="D4", received_at=received, ended_at=datetime(2025, 3, 6, 16),
                returned_at=datetime(2025, 3, 7, 9), status="returned", source_row=5),
        dossier(dossier_id="D5", received_at=datetime(2025, 3, 4, 22),
                submitted_at=datetime(2025, 3, 4, 22), channel="online", source_row=6),
        dossier(dossier_id="D6", received_at=received, status="supplement", source_row=7),
    ]  # fmt: skip


# --- wards ------------------------------------------------------------------------------------

NFD_CUA_NAM = unicodedata.normalize("NFD", "Phường Cửa Nam")
WARD_CASES = [
    # (ward name, district, province, ward code) → (ward_code, ward_name_source as stored)
    (("Phường Cửa Nam", "", "", ""), ("00073", "Phường Cửa Nam")),
    (("Cửa Nam", "", "", ""), ("00073", "Cửa Nam")),  # without the prefix
    ((NFD_CUA_NAM, "", "", ""), ("00073", "Phường Cửa Nam")),  # NFD: same ward, stored NFC
    (("PHƯỜNG  CỬA NAM", "", "", ""), ("00073", "PHƯỜNG  CỬA NAM")),
    (("Phuong Cua Nam", "", "", ""), ("00073", "Phuong Cua Nam")),  # no diacritics
    (("Phường Cửa Nam", "", "Hà Nội", ""), ("00073", "Phường Cửa Nam")),
    (("Phường Cửa Nam", "", "01", ""), ("00073", "Phường Cửa Nam")),
    (("", "", "", "00073"), ("00073", None)),  # by code
    (("", "", "", "73"), ("00073", None)),  # code that lost its zeros in a spreadsheet
    (("", "", "", "00088"), ("00073", None)),  # pre-2025 code of Phường Hàng Bài
    (("Phường Hồng Hà", "", "", "00004"), ("00004", "Phường Hồng Hà")),  # the code wins
    # old names through the crosswalk, the name as given kept
    (("Phường Hàng Bài", "Quận Hoàn Kiếm", "", ""), ("00073", "Phường Hàng Bài")),
    (("Hàng Bài", "", "", ""), ("00073", "Hàng Bài")),
    (("Phường Điện Biên", "Quận Ba Đình", "", ""), ("00004", "Phường Điện Biên")),  # split: default
    (("Phường Hồng Hà", "Thành phố Hạ Long", "Quảng Ninh", ""), ("06688", "Phường Hồng Hà")),
    (("Phường Hạ Long", "", "Tỉnh Quảng Ninh", ""), ("06688", "Phường Hạ Long")),
    (("Mỹ Tho", "", "82", ""), ("28261", "Mỹ Tho")),  # diacritics tell Mỹ Tho from Mỹ Thọ
    (("Xã Mỹ Thọ", "", "Đồng Tháp", ""), ("30076", "Xã Mỹ Thọ")),
    (("Phường Sài Gòn", "", "Thành phố Hồ Chí Minh", ""), ("26740", "Phường Sài Gòn")),
]


def test_wards_resolve_by_code_name_prefix_unicode_form_and_old_names(
    tmp_path: Path, warehouse: Path
) -> None:
    rows = [["Mã hồ sơ", "Phường/Xã", "Quận/Huyện", "Tỉnh/Thành phố", "Mã xã", "Ngày tiếp nhận"]]
    rows += [[f"W{i:02d}", *given, "05/03/2025"] for i, (given, _) in enumerate(WARD_CASES)]
    batch = load_files([write_csv(tmp_path / "wards.csv", rows)], db=warehouse)
    assert batch.ok, batch.message
    assert summary(batch) == [("ok", len(WARD_CASES), len(WARD_CASES), 0, 0, 0, 0)]
    got = fetch(
        warehouse,
        "SELECT dossier_id, ward_code, ward_name_source, district_name_source FROM dossiers "
        "ORDER BY dossier_id",
    )
    assert got == [
        {"dossier_id": f"W{i:02d}", "ward_code": code, "ward_name_source": name,
         "district_name_source": given[1] or None}
        for i, (given, (code, name)) in enumerate(WARD_CASES)
    ]  # fmt: skip


def test_nfc_and_nfd_spellings_of_a_ward_count_as_one_ward(tmp_path: Path, warehouse: Path) -> None:
    nfc = unicodedata.normalize("NFC", "Phường Cửa Nam")
    assert nfc != NFD_CUA_NAM
    path = write_csv(
        tmp_path / "forms.csv",
        [["Mã hồ sơ", "Phường/Xã", "Ngày tiếp nhận"],
         ["F1", nfc, "05/03/2025"], ["F2", NFD_CUA_NAM, "05/03/2025"]],
    )  # fmt: skip
    assert load_files([path], db=warehouse).ok
    assert fetch(
        warehouse,
        "SELECT ward_code, count(*) AS n, count(DISTINCT ward_name_source) AS spellings "
        "FROM dossiers GROUP BY ward_code",
    ) == [{"ward_code": "00073", "n": 2, "spellings": 1}]


def test_province_option_sets_the_province_of_names_without_one(
    tmp_path: Path, warehouse: Path
) -> None:
    path = write_csv(
        tmp_path / "qn.csv",
        [["Mã hồ sơ", "Phường/Xã", "Ngày tiếp nhận"], ["Q1", "Hạ Long", "05/03/2025"]],
    )
    assert load_files([path], db=warehouse, province="22").ok
    assert [r["ward_code"] for r in dossiers(warehouse)] == ["06688"]


# --- other kinds --------------------------------------------------------------------------------


def test_ratings_load_with_words_as_scores_and_comments_masked(
    tmp_path: Path, warehouse: Path
) -> None:
    path = write_csv(
        tmp_path / "danh_gia.csv",
        [["Mã đánh giá", "Mã hồ sơ", "Phường/Xã", "Thời gian đánh giá", "Mức độ hài lòng",
          "Công chức", "Kênh đánh giá", "Ý kiến", "Họ tên", "Số điện thoại"],
         ["R1", "D1", "Cửa Nam", "05/03/2025 09:00", "Rất hài lòng", "5", "Kiosk",
          "Cán bộ nhiệt tình, gọi 0912345678 hoặc 0912 345 678", "Nguyễn Văn Giả", "0912345678"],
         ["R2", "D2", "Cửa Nam", "05/03/2025 10:00", "Hài lòng", "", "QR",
          "email a.b@gmail.com, CCCD 001203004567", "", ""],
         ["R3", "", "Cửa Nam", "05/03/2025 11:00", "Bình thường", "", "", "", "", ""],
         ["R4", "", "Cửa Nam", "05/03/2025 11:00", "Chấp nhận được", "", "", "", "", ""],
         ["R5", "", "Cửa Nam", "05/03/2025 11:00", "Không hài lòng", "", "", "", "", ""],
         ["R6", "", "Cửa Nam", "05/03/2025 11:00", "Rất không hài lòng", "", "", "", "", ""],
         ["R7", "", "Cửa Nam", "05/03/2025 11:00", "Thích", "", "", "", "", ""],
         ["R8", "", "Cửa Nam", "05/03/2025 11:00", "Không thích", "", "", "", "", ""],
         ["R9", "", "Cửa Nam", "05/03/2025 11:00", "4", "", "web", "+84 912 345 678", "", ""]],
    )  # fmt: skip
    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert batch.files[0].kind == "ratings"
    assert summary(batch) == [("ok", 9, 9, 0, 0, 0, 0)]
    assert batch.files[0].dropped_columns == ["Họ tên", "Số điện thoại"]
    base = {"dossier_id": None, "ward_code": "00073", "ward_name_source": "Cửa Nam",
            "rated_at": datetime(2025, 3, 5, 11), "access": None, "procedure": None,
            "staff": None, "result": None, "feedback": None, "rating_channel": None,
            "comment": None, "run_id": 1}  # fmt: skip
    assert fetch(warehouse, "SELECT * EXCLUDE (row_hash) FROM ratings ORDER BY rating_id") == [
        {**base, "rating_id": "R1", "dossier_id": "D1", "rated_at": datetime(2025, 3, 5, 9),
         "rating": 5, "staff": 5, "rating_channel": "kiosk",
         "comment": "Cán bộ nhiệt tình, gọi [số điện thoại] hoặc [số điện thoại]", "source_row": 2},
        {**base, "rating_id": "R2", "dossier_id": "D2", "rated_at": datetime(2025, 3, 5, 10),
         "rating": 4, "rating_channel": "qr", "comment": "email [email], CCCD [số giấy tờ]",
         "source_row": 3},
        {**base, "rating_id": "R3", "rating": 3, "source_row": 4},
        {**base, "rating_id": "R4", "rating": 3, "source_row": 5},
        {**base, "rating_id": "R5", "rating": 2, "source_row": 6},
        {**base, "rating_id": "R6", "rating": 1, "source_row": 7},
        {**base, "rating_id": "R7", "rating": 4, "source_row": 8},
        {**base, "rating_id": "R8", "rating": 2, "source_row": 9},
        {**base, "rating_id": "R9", "rating": 4, "rating_channel": "web",
         "comment": "[số điện thoại]", "source_row": 10},
    ]  # fmt: skip


def test_ratings_without_an_id_are_keyed_by_dossier_time_and_ward(
    tmp_path: Path, warehouse: Path
) -> None:
    import hashlib

    path = write_csv(
        tmp_path / "danh_gia.csv",
        [["Mã hồ sơ", "Mã xã", "Ngày đánh giá", "Điểm"],
         ["D9", "00073", "05/03/2025 12:00", "3"],
         ["D9", "00073", "05/03/2025 12:00", "3"]],  # the same rating exported twice
    )  # fmt: skip
    batch = load_files([path], db=warehouse)
    assert summary(batch) == [("ok", 2, 1, 0, 1, 0, 1)]
    key = "h:" + hashlib.md5(b"D9|2025-03-05 12:00:00|00073").hexdigest()
    assert fetch(warehouse, "SELECT rating_id, dossier_id, rating FROM ratings") == [
        {"rating_id": key, "dossier_id": "D9", "rating": 3}
    ]


def test_petitions_load(tmp_path: Path, warehouse: Path) -> None:
    path = write_csv(
        tmp_path / "pakn.csv",
        [["Mã phản ánh", "Phường/Xã", "Ngày tiếp nhận", "Hạn xử lý", "Ngày xử lý", "Phân loại",
          "Không hài lòng", "Mã hồ sơ"],
         ["P1", "Cửa Nam", "05/03/2025 09:00", "15/03/2025", "10/03/2025 16:00",
          "Thủ tục hành chính", "Có", "D1"],
         ["P2", "Cửa Nam", "05/03/2025 09:00", "", "", "Thái độ công chức", "Không", ""],
         ["P3", "Cửa Nam", "05/03/2025 09:00", "", "", "", "", ""]],
    )  # fmt: skip
    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert batch.files[0].kind == "petitions"
    base = {"ward_code": "00073", "ward_name_source": "Cửa Nam",
            "received_at": datetime(2025, 3, 5, 9), "due_at": None, "handled_at": None,
            "unsatisfied": None, "dossier_id": None, "run_id": 1}  # fmt: skip
    assert fetch(warehouse, "SELECT * EXCLUDE (row_hash) FROM petitions ORDER BY petition_id") == [
        {**base, "petition_id": "P1", "due_at": end_of(2025, 3, 15),
         "handled_at": datetime(2025, 3, 10, 16), "category": "procedure", "unsatisfied": True,
         "dossier_id": "D1", "source_row": 2},
        {**base, "petition_id": "P2", "category": "staff", "unsatisfied": False, "source_row": 3},
        # the file has the column: a blank cell is "no"
        {**base, "petition_id": "P3", "category": "other", "unsatisfied": False, "source_row": 4},
    ]  # fmt: skip


def test_procedures_catalogue_loads(tmp_path: Path, warehouse: Path) -> None:
    path = write_csv(
        tmp_path / "tthc.csv",
        [["Mã TTHC", "Tên TTHC", "Lĩnh vực", "Thời hạn giải quyết (ngày làm việc)", "Mức độ",
          "Có phí", "Kết quả giấy"],
         ["1.001193", "Đăng ký khai sinh", "Hộ tịch", "1", "Toàn trình", "Không", "Có"],
         ["2.000908", "Chứng thực bản sao từ bản chính", "Chứng thực", "0,5", "3", "Có", "x"]],
    )  # fmt: skip
    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert batch.files[0].kind == "procedures"
    assert fetch(
        warehouse, "SELECT * EXCLUDE (row_hash) FROM procedures ORDER BY procedure_code"
    ) == [
        {"procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "field": "Hộ tịch",
         "time_limit_working_days": 1.0, "online_level": "full", "has_fee": False,
         "paper_result": True, "run_id": 1, "source_row": 2},
        {"procedure_code": "2.000908", "procedure_name": "Chứng thực bản sao từ bản chính",
         "field": "Chứng thực", "time_limit_working_days": 0.5, "online_level": "partial",
         "has_fee": True, "paper_result": True, "run_id": 1, "source_row": 3},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("headers", "values", "kind"),
    [
        (["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận"], ["K1", "00073", "05/03/2025"], "dossiers"),
        # a rating file names the dossier too
        (["Mã hồ sơ", "Mã xã", "Thời gian đánh giá", "Đánh giá"],
         ["K1", "00073", "05/03/2025", "5"], "ratings"),
        (["Mã PAKN", "Mã xã", "Ngày gửi", "Mã hồ sơ"], ["P1", "00073", "05/03/2025", "K1"],
         "petitions"),
        (["Mã TTHC", "Tên TTHC", "Số ngày giải quyết"], ["1.001193", "Khai sinh", "1"],
         "procedures"),
    ],
)  # fmt: skip
def test_kind_is_detected_from_the_headers(
    tmp_path: Path, warehouse: Path, headers: list[str], values: list[str], kind: str
) -> None:
    batch = load_files([write_csv(tmp_path / "export.csv", [headers, values])], db=warehouse)
    assert (batch.ok, batch.files[0].kind, summary(batch)) == (
        True, kind, [("ok", 1, 1, 0, 0, 0, 0)]
    )  # fmt: skip
    assert fetch(warehouse, f"SELECT count(*) AS n FROM {kind}") == [{"n": 1}]


def test_kind_option_overrides_detection(tmp_path: Path, warehouse: Path) -> None:
    # No time-limit column: not recognised as a catalogue until told.
    path = write_csv(
        tmp_path / "tthc.csv",
        [["Mã TTHC", "Tên TTHC", "Lĩnh vực"], ["1.001193", "Đăng ký khai sinh", "Hộ tịch"]],
    )
    refused = load_files([path], db=warehouse)
    assert (refused.ok, refused.files[0].status) == (False, "refused")
    batch = load_files([path], db=warehouse, kind="procedures")
    assert (batch.ok, batch.files[0].kind) == (True, "procedures")
    assert fetch(warehouse, "SELECT procedure_code, procedure_name, field FROM procedures") == [
        {"procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "field": "Hộ tịch"}
    ]


def test_an_end_date_alone_on_the_day_of_receipt_is_kept_not_rejected(
    tmp_path: Path, warehouse: Path
) -> None:
    path = write_csv(
        tmp_path / "same_day.csv",
        [["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận", "Ngày có kết quả"],
         # same day, date only: ended at the moment of receipt
         ["S1", "00073", "05/03/2025 10:00", "05/03/2025"],
         # a later day, date only: midnight of that day
         ["S2", "00073", "05/03/2025 10:00", "06/03/2025"],
         # the day before, date only: still ended before it was received
         ["S3", "00073", "05/03/2025 10:00", "04/03/2025"]],
    )  # fmt: skip
    batch = load_files([path], db=warehouse)
    assert summary(batch) == [("ok", 3, 2, 0, 0, 1, 0)]
    received = datetime(2025, 3, 5, 10)
    assert dossiers(warehouse) == [
        dossier(dossier_id="S1", received_at=received, ended_at=received, status="processed",
                source_row=2),
        dossier(dossier_id="S2", received_at=received, ended_at=datetime(2025, 3, 6),
                status="processed", source_row=3),
    ]  # fmt: skip
    assert fetch(warehouse, 'SELECT row_number, "column", value, reason FROM etl_rejects') == [
        {"row_number": 4, "column": "Ngày có kết quả", "value": "04/03/2025",
         "reason": "ngày có kết quả trước ngày tiếp nhận"},
    ]  # fmt: skip
