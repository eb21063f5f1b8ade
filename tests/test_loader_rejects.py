"""Bad input (data-contract §1, quality "Reliability"): rejected rows with line, column, value and
reason; files refused whole with a one-line reason; and property-based malformed rows.

Counting rule checked everywhere: every data row read is exactly one of inserted, updated,
unchanged or rejected.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.loader import BatchResult, RejectExample, RejectReason, load_files

BAD_DATE = "ngày giờ không hợp lệ (cần ngày/tháng/năm)"
# An impossible date says which day does not exist (not just "malformed").
NO_FEB_29_2025 = "ngày không tồn tại (tháng 2/2025 chỉ có 28 ngày)"
NO_MONTH_31 = "ngày không tồn tại (không có tháng 31; cần ngày/tháng/năm)"
BAD_BOOL = "giá trị có/không không hợp lệ"


def fetch(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    # CRLF as Excel writes it; any CR or LF inside a cell is then quoted (valid RFC 4180).
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def assert_counts_add_up(batch: BatchResult) -> None:
    for f in batch.files:
        assert f.inserted + f.updated + f.unchanged + f.rejected == f.rows_read, f


# --- each kind of bad row -----------------------------------------------------------------------

HEADER = ["Mã hồ sơ", "Phường/Xã", "Tỉnh/Thành phố", "Mã xã", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày có kết quả", "Trạng thái", "Kênh nộp", "Liên thông",
          "Số lần yêu cầu bổ sung"]  # fmt: skip
# (cells by header, expected (column as written, value, reason) rows); line = position + 2
BAD_ROWS: list[tuple[dict[str, str], list[tuple[str, str | None, str]]]] = [
    ({"Mã hồ sơ": ""}, [("Mã hồ sơ", None, "thiếu mã hồ sơ")]),
    ({"Mã hồ sơ": "1.23E+15"},
     [("Mã hồ sơ", "1.23E+15",
       "mã hồ sơ ở dạng số mũ (bảng tính đã làm tròn mã): định dạng cột là văn bản")]),
    ({"Ngày tiếp nhận": "31/02/2025"}, [("Ngày tiếp nhận", "31/02/2025", NO_FEB_29_2025)]),
    ({"Ngày tiếp nhận": "05/03/25"}, [("Ngày tiếp nhận", "05/03/25", BAD_DATE)]),  # 2-digit year
    ({"Ngày tiếp nhận": "12/31/2025"}, [("Ngày tiếp nhận", "12/31/2025", NO_MONTH_31)]),  # US
    ({"Ngày tiếp nhận": ""}, [("Ngày tiếp nhận", None, "thiếu ngày tiếp nhận")]),
    ({"Ngày có kết quả": "04/03/2025 17:00"},
     [("Ngày có kết quả", "04/03/2025 17:00", "ngày có kết quả trước ngày tiếp nhận")]),
    ({"Ngày hẹn trả": "04/03/2025"},
     [("Ngày hẹn trả", "04/03/2025", "ngày hẹn trả trước ngày tiếp nhận")]),
    ({"Trạng thái": "Chờ phê duyệt"},
     [("Trạng thái", "Chờ phê duyệt",
       "trạng thái không có trong danh mục (mã 1–10 hoặc tên trạng thái)")]),
    ({"Trạng thái": "11"},
     [("Trạng thái", "11", "trạng thái không có trong danh mục (mã 1–10 hoặc tên trạng thái)")]),
    ({"Kênh nộp": "Fax"},
     [("Kênh nộp", "Fax", "kênh nộp không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính hoặc 1/2/3)")]),
    ({"Kênh nộp": "4"},
     [("Kênh nộp", "4", "kênh nộp không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính hoặc 1/2/3)")]),
    ({"Liên thông": "có thể"}, [("Liên thông", "có thể", BAD_BOOL)]),
    ({"Liên thông": "2"}, [("Liên thông", "2", BAD_BOOL)]),  # only paid_online takes 2
    ({"Số lần yêu cầu bổ sung": "-1"},
     [("Số lần yêu cầu bổ sung", "-1", "số lần bổ sung phải là số nguyên ≥ 0")]),
    ({"Số lần yêu cầu bổ sung": "1.5"},
     [("Số lần yêu cầu bổ sung", "1.5", "số lần bổ sung phải là số nguyên ≥ 0")]),
    ({"Số lần yêu cầu bổ sung": "1E10"},  # beyond INTEGER: rejected, not a crash
     [("Số lần yêu cầu bổ sung", "1E10", "số lần bổ sung phải là số nguyên ≥ 0")]),
    ({"Phường/Xã": "Phường Không Có Thật"},
     [("Phường/Xã", "Phường Không Có Thật",
       "không tìm thấy phường/xã 'Phường Không Có Thật' tại Thành phố Hà Nội")]),
    # Without diacritics 'My Tho' is Phường Mỹ Tho or Xã Mỹ Thọ (Đồng Tháp).
    ({"Phường/Xã": "My Tho", "Tỉnh/Thành phố": "82"},
     [("Phường/Xã", "My Tho",
       "tên 'My Tho' khớp nhiều phường/xã: Phường Mỹ Tho (28261), Xã Mỹ Thọ (30076); "
       "ghi rõ 'Phường'/'Xã' hoặc dùng mã xã")]),
    ({"Phường/Xã": "", "Mã xã": "99999"},
     [("Mã xã", "99999", "mã xã '99999' không có trong danh mục")]),
    ({"Phường/Xã": "", "Mã xã": "A0073"},
     [("Mã xã", "A0073", "mã xã 'A0073' không hợp lệ (cần 5 chữ số)")]),
    ({"Phường/Xã": ""}, [("Phường/Xã", None, "thiếu mã xã hoặc tên phường/xã")]),
    ({"Tỉnh/Thành phố": "Tỉnh Hà Tây"},
     [("Tỉnh/Thành phố", "Tỉnh Hà Tây", "không nhận ra tỉnh/thành phố 'Tỉnh Hà Tây'")]),
    # a row with several faults has one reject row per fault
    ({"Mã hồ sơ": "", "Kênh nộp": "Fax", "Liên thông": "?"},
     [("Mã hồ sơ", None, "thiếu mã hồ sơ"),
      ("Kênh nộp", "Fax", "kênh nộp không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính hoặc 1/2/3)"),
      ("Liên thông", "?", BAD_BOOL)]),
]  # fmt: skip
GOOD = {"Mã hồ sơ": "OK", "Phường/Xã": "Cửa Nam", "Tỉnh/Thành phố": "", "Mã xã": "",
        "Ngày tiếp nhận": "05/03/2025 08:00", "Ngày hẹn trả": "", "Ngày có kết quả": "",
        "Trạng thái": "", "Kênh nộp": "", "Liên thông": "",
        "Số lần yêu cầu bổ sung": ""}  # fmt: skip


def test_each_bad_row_is_rejected_with_its_line_column_value_and_reason(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_MAX_REJECT_SHARE", "1")
    rows = [HEADER]
    for i, (cells, _) in enumerate(BAD_ROWS):
        row = {**GOOD, "Mã hồ sơ": f"B{i:02d}", **cells}
        rows.append([row[h] for h in HEADER])
    rows.append([GOOD[h] for h in HEADER])  # one good row, last
    path = write_csv(tmp_path / "bad.csv", rows)

    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    f = batch.files[0]
    read, bad = len(BAD_ROWS) + 1, len(BAD_ROWS)
    assert (f.rows_read, f.inserted, f.updated, f.unchanged, f.rejected) == (read, 1, 0, 0, bad)
    assert_counts_add_up(batch)
    expected = [
        (1, str(path), line, column, value, reason)
        for line, (_, faults) in enumerate(BAD_ROWS, start=2)
        for column, value, reason in faults
    ]
    assert fetch(warehouse, "SELECT * FROM etl_rejects ORDER BY row_number, rowid") == expected
    assert fetch(warehouse, "SELECT dossier_id, source_row FROM dossiers") == [("OK", read + 1)]
    assert fetch(
        warehouse,
        "SELECT rows_read, rows_inserted, rows_updated, rows_unchanged, rows_rejected, status "
        "FROM etl_runs",
    ) == [(read, 1, 0, 0, bad, "ok")]
    # The five most frequent reasons (by rows, then name), each with its first three faults.
    channel = "kênh nộp không hợp lệ (Trực tiếp, Trực tuyến, Bưu chính hoặc 1/2/3)"
    status = "trạng thái không có trong danh mục (mã 1–10 hoặc tên trạng thái)"
    count = "Số lần yêu cầu bổ sung"
    assert f.top_reasons == [
        RejectReason(BAD_BOOL, 3, (RejectExample(14, "Liên thông", "có thể"),
                                   RejectExample(15, "Liên thông", "2"),
                                   RejectExample(25, "Liên thông", "?"))),
        RejectReason(channel, 3, (RejectExample(12, "Kênh nộp", "Fax"),
                                  RejectExample(13, "Kênh nộp", "4"),
                                  RejectExample(25, "Kênh nộp", "Fax"))),
        RejectReason("số lần bổ sung phải là số nguyên ≥ 0", 3,
                     (RejectExample(16, count, "-1"), RejectExample(17, count, "1.5"),
                      RejectExample(18, count, "1E10"))),
        RejectReason("thiếu mã hồ sơ", 2, (RejectExample(2, "Mã hồ sơ", None),
                                           RejectExample(25, "Mã hồ sơ", None))),
        RejectReason(status, 2, (RejectExample(10, "Trạng thái", "Chờ phê duyệt"),
                                 RejectExample(11, "Trạng thái", "11"))),
    ]  # fmt: skip


def test_xlsx_rejects_name_the_sheet_row(tmp_path: Path, warehouse: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "DANH SÁCH HỒ SƠ"
    ws.append([])
    ws.append(["STT", "Mã hồ sơ", "Mã xã", "Ngày tiếp nhận"])  # row 3
    ws.append([1, "X1", "00073", "05/03/2025"])
    ws.append([2, "X2", "00073", "31/02/2025"])  # row 5
    ws.append([3, "X3", "00073", "05/03/2025"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    batch = load_files([path], db=warehouse)
    assert batch.ok, batch.message
    assert batch.files[0].unknown_columns == ["STT"]
    assert fetch(warehouse, 'SELECT row_number, "column", value, reason FROM etl_rejects') == [
        (5, "Ngày tiếp nhận", "31/02/2025", NO_FEB_29_2025)
    ]
    assert fetch(warehouse, "SELECT dossier_id, source_row FROM dossiers ORDER BY 1") == [
        ("X1", 4),
        ("X3", 6),
    ]


def test_ratings_and_petitions_reject_their_own_bad_rows(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_MAX_REJECT_SHARE", "1")
    ratings = write_csv(
        tmp_path / "danh_gia.csv",
        [["Mã đánh giá", "Mã xã", "Thời gian đánh giá", "Mức độ hài lòng", "Công chức"],
         ["R1", "00073", "05/03/2025", "6", ""],
         ["R2", "00073", "05/03/2025", "Hài lòng", "0"],
         ["R3", "00073", "", "5", ""],
         ["R4", "00073", "05/03/2025", "5", ""]],
    )  # fmt: skip
    petitions = write_csv(
        tmp_path / "pakn.csv",
        [["Mã phản ánh", "Mã xã", "Ngày tiếp nhận", "Ngày xử lý", "Phân loại"],
         ["P1", "00073", "05/03/2025 09:00", "04/03/2025", ""],
         ["P2", "00073", "05/03/2025 09:00", "", "Giao thông"],
         ["P3", "00073", "05/03/2025 09:00", "", ""]],
    )  # fmt: skip
    batch = load_files([ratings, petitions], db=warehouse)
    assert batch.ok, batch.message
    assert [(f.kind, f.rows_read, f.inserted, f.rejected) for f in batch.files] == [
        ("ratings", 4, 1, 3),
        ("petitions", 3, 1, 2),
    ]
    assert_counts_add_up(batch)
    assert fetch(warehouse, 'SELECT run_id, row_number, "column", value, reason FROM etl_rejects'
                 " ORDER BY run_id, row_number") == [
        (1, 2, "Mức độ hài lòng", "6",
         "mức độ hài lòng không hợp lệ (1–5 hoặc Rất hài lòng … Rất không hài lòng)"),
        (1, 3, "Công chức", "0", "điểm phải từ 1 đến 5"),
        (1, 4, "Thời gian đánh giá", None, "thiếu thời gian đánh giá"),
        (2, 2, "Ngày xử lý", "04/03/2025", "ngày xử lý trước ngày tiếp nhận"),
        (2, 3, "Phân loại", "Giao thông",
         "phân loại không hợp lệ (thủ tục hành chính, thái độ công chức, khác)"),
    ]  # fmt: skip


# --- files refused whole --------------------------------------------------------------------------


def _not_a_dossier_file(tmp: Path) -> Path:
    return write_csv(tmp / "danh_ba.csv", [["Tên", "Tuổi", "Quê quán"], ["An", "30", "Huế"]])


def _no_id_column(tmp: Path) -> Path:
    return write_csv(
        tmp / "no_id.csv", [["Phường/Xã", "Ngày tiếp nhận"], ["Cửa Nam", "05/03/2025"]]
    )


def _no_date_column(tmp: Path) -> Path:
    return write_csv(tmp / "no_date.csv", [["Mã hồ sơ", "Phường/Xã"], ["A1", "Cửa Nam"]])


def _no_ward_column(tmp: Path) -> Path:
    return write_csv(tmp / "no_ward.csv", [["Mã hồ sơ", "Ngày tiếp nhận"], ["A1", "05/03/2025"]])


def _too_many_rejected(tmp: Path) -> Path:
    return write_csv(
        tmp / "mostly_bad.csv",
        [["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận"],
         ["A1", "00073", "05/03/2025"],
         ["A2", "00073", "31/02/2025"],
         ["A3", "00073", "2025-02-30"]],
    )  # fmt: skip


def _corrupt_xlsx(tmp: Path) -> Path:
    path = tmp / "corrupt.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    return path


def _empty_csv(tmp: Path) -> Path:
    path = tmp / "empty.csv"
    path.write_bytes(b"")
    return path


def _windows_1258_undeclared(tmp: Path) -> Path:
    path = tmp / "legacy.csv"
    # 'Mã hồ sơ' etc. in Windows-1258: not UTF-8
    path.write_bytes(
        "Mã hồ sơ,Mã xã,Ngày tiếp nhận\nA1,00073,05/03/2025\n".encode("cp1258", "replace")
    )
    return path


def _windows_1258_late(tmp: Path) -> Path:
    # ASCII headers and 5,000 ASCII rows, then one Windows-1258 byte far below the header.
    path = tmp / "legacy_late.csv"
    lines = ["MaHoSo,MaXa,NgayTiepNhan"] + [f"A{i},00073,05/03/2025" for i in range(5000)]
    path.write_bytes(("\n".join(lines) + "\nA\xf5,00073,05/03/2025\n").encode("latin-1"))
    return path


REFUSALS = [
    pytest.param(_not_a_dossier_file,
                 "danh_ba.csv: không tìm thấy dòng tiêu đề có tên cột quen thuộc",
                 id="not-dossiers"),
    pytest.param(_no_id_column,
                 "no_id.csv: không nhận ra loại tệp (không có cột Mã hồ sơ, Mã đánh giá,"
                 " Mã phản ánh hay Mã TTHC quen thuộc); dùng --kind", id="no-id-column"),
    pytest.param(_no_date_column, "no_date.csv: thiếu cột ngày tiếp nhận (tệp hồ sơ)",
                 id="no-date-column"),
    pytest.param(_no_ward_column, "no_ward.csv: thiếu cột mã xã hoặc tên phường/xã (tệp hồ sơ)",
                 id="no-ward-column"),
    pytest.param(_too_many_rejected,
                 "mostly_bad.csv: 2/3 dòng bị loại (quá 50%); lý do chính: " + NO_FEB_29_2025,
                 id="too-many-rejected"),
    pytest.param(_corrupt_xlsx,
                 "corrupt.xlsx: không mở được bảng tính (invalid Zip archive: Could not find EOCD)",
                 id="corrupt-xlsx"),
    pytest.param(_empty_csv, "empty.csv: tệp rỗng", id="empty-file"),
    pytest.param(_windows_1258_undeclared,
                 "legacy.csv: tệp không phải UTF-8; nếu xuất từ phần mềm cũ, thêm --encoding "
                 "windows-1258", id="non-utf8-without-encoding"),
    pytest.param(_windows_1258_late,
                 "legacy_late.csv: tệp có ký tự không phải UTF-8; thêm --encoding windows-1258",
                 id="non-utf8-far-below-the-header"),
]  # fmt: skip


@pytest.mark.parametrize(("writer", "message"), REFUSALS)
def test_file_refused_whole_with_a_one_line_reason_naming_it(
    tmp_path: Path, warehouse: Path, writer: Any, message: str
) -> None:
    path = writer(tmp_path)
    batch = load_files([path], db=warehouse)
    assert (batch.ok, batch.message) == (False, message)
    assert "\n" not in batch.message
    assert [(f.status, f.message) for f in batch.files] == [("refused", message)]
    assert fetch(warehouse, "SELECT source, status, message FROM etl_runs") == [
        (str(path), "refused", message)
    ]
    for table in ("dossiers", "ratings", "petitions", "procedures", "etl_rejects"):
        assert fetch(warehouse, f"SELECT count(*) FROM {table}") == [(0,)], table


def test_no_id_column_is_refused_when_the_kind_is_given(tmp_path: Path, warehouse: Path) -> None:
    batch = load_files([_no_id_column(tmp_path)], db=warehouse, kind="dossiers")
    assert batch.message == "no_id.csv: không có cột khóa 'Mã hồ sơ' của tệp hồ sơ"


@pytest.mark.parametrize(("share", "ok"), [("0.5", True), ("0.4", False), ("1", True)])
def test_reject_share_threshold_comes_from_the_environment(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch, share: str, ok: bool
) -> None:
    monkeypatch.setenv("MOTCUA_MAX_REJECT_SHARE", share)
    path = write_csv(
        tmp_path / "half.csv",
        [["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận"],
         ["A1", "00073", "05/03/2025"],
         ["A2", "00073", "31/02/2025"]],
    )  # fmt: skip
    batch = load_files([path], db=warehouse)
    assert batch.ok is ok
    assert fetch(warehouse, "SELECT count(*) FROM dossiers") == [(1 if ok else 0,)]


def test_encoding_windows_1258_declared_loads_the_file(tmp_path: Path, warehouse: Path) -> None:
    path = _windows_1258_late(tmp_path)
    batch = load_files([path], db=warehouse, encoding="windows-1258")
    assert batch.ok, batch.message
    assert (batch.files[0].rows_read, batch.files[0].inserted) == (5001, 5001)
    assert fetch(warehouse, "SELECT dossier_id FROM dossiers WHERE dossier_id NOT LIKE 'A%0'"
                 " AND source_row = 5002") == [("Aơ",)]  # fmt: skip


# --- property-based: malformed rows --------------------------------------------------------------

JUNK = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "31/02/2025", "05/03/25", "1.23E+15", "-1", "x", "2", "Có", "abc",
                     "45839", "99999", "01/01/1900", "10", "0", "Không", "\n", '"', ",", ";",
                     "nan", "inf", "1E10", "-0", "1,5"]),
)  # fmt: skip
MALFORMED_HEADER = ["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả",
                    "Trạng thái", "Kênh nộp", "Liên thông", "Thanh toán trực tuyến",
                    "Số lần yêu cầu bổ sung", "Số ngày tạm dừng"]  # fmt: skip
ROW = st.lists(JUNK, min_size=len(MALFORMED_HEADER) - 2, max_size=len(MALFORMED_HEADER) - 2)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(ROW, min_size=1, max_size=8), ids=st.lists(JUNK, min_size=8, max_size=8))
def test_malformed_rows_are_rejected_with_reasons_and_counts_add_up(
    empty_warehouse: Path,
    clean_settings: None,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    ids: list[str],
) -> None:
    monkeypatch.setenv("MOTCUA_MAX_REJECT_SHARE", "1")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "wh" / "motcua.duckdb"
        db.parent.mkdir()
        shutil.copyfile(empty_warehouse, db)
        table = [MALFORMED_HEADER]
        # half of the ids are valid, so that rows reach the other checks
        table += [[ids[i] if i % 2 else f"M{i}", "00073", *cells] for i, cells in enumerate(rows)]
        path = write_csv(Path(tmp) / "junk.csv", table)

        batch = load_files([path], db=db)  # no exception may escape

        assert batch.ok, batch.message
        assert_counts_add_up(batch)
        f = batch.files[0]
        stored = fetch(db, "SELECT count(*) FROM dossiers")[0][0]
        rejected_lines = fetch(db, "SELECT count(DISTINCT row_number) FROM etl_rejects")[0][0]
        assert (stored + f.duplicates, rejected_lines) == (f.rows_read - f.rejected, f.rejected)
        assert fetch(db, "SELECT count(*) FROM etl_rejects WHERE coalesce(reason, '') = ''") == [
            (0,)
        ]
