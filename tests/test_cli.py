"""``python -m etl load`` (data-contract §3) through the real command line (typer's CliRunner)
on a real CSV file: the summary names, per top reject reason, how many rows, and the first rows'
line, column and value; an impossible date says which day does not exist.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from etl.cli import app as cli

HEADER = ["Mã hồ sơ", "Mã xã", "Ngày tiếp nhận", "Ngày hẹn trả"]
GOOD = ["00073", "05/10/2026 08:00", "09/10/2026"]
FEB_2026 = "ngày không tồn tại (tháng 2/2026 chỉ có 28 ngày)"
FEB_2025 = "ngày không tồn tại (tháng 2/2025 chỉ có 28 ngày)"
APRIL_2026 = "ngày không tồn tại (tháng 4/2026 chỉ có 30 ngày)"
MALFORMED = "ngày giờ không hợp lệ (cần ngày/tháng/năm)"

# (id, received, due); line = position + 2 (the header is line 1)
ROWS = [
    ("A01", *GOOD[1:]),
    ("A02", "31/02/2026", ""),  # line 3
    ("A03", "05/10/2026 08:00", "31/02/2026"),  # line 4: the due date
    ("A04", "29/02/2025 10:00", ""),  # line 5: 2025 is not a leap year
    ("A05", "5/10/2026 8h", ""),  # line 6: no accepted shape
    ("A06", *GOOD[1:]),
    ("A07", "30/02/2026", ""),  # line 8
    ("A08", "28/02/2026 09:00", "31/04/2026"),  # line 9
    *((f"A{i:02d}", *GOOD[1:]) for i in range(9, 16)),  # lines 10–16
    ("A16", "hôm qua", ""),  # line 17
    ("A17", "31/02/2026 14:00", ""),  # line 18: the fourth row of its reason
]


def write_file(path: Path) -> Path:
    """The CSV an export would give (UTF-8 with BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        out.writerows([dossier_id, GOOD[0], received, due] for dossier_id, received, due in ROWS)
    return path


def test_load_prints_each_top_reason_with_its_rows_lines_columns_and_values(
    tmp_path: Path, warehouse: Path
) -> None:
    path = write_file(tmp_path / "ho_so_10.csv")
    result = CliRunner().invoke(cli, ["load", str(path), "--db", str(warehouse)])
    assert result.exit_code == 0, result.output
    reasons = [line for line in result.output.splitlines() if line.startswith("• ")]
    assert reasons == [
        f"• ho_so_10.csv: 4 dòng: {FEB_2026} — dòng 3 (Ngày tiếp nhận = '31/02/2026'), "
        "4 (Ngày hẹn trả = '31/02/2026'), 8 (Ngày tiếp nhận = '30/02/2026'), …",
        f"• ho_so_10.csv: 2 dòng: {MALFORMED} — dòng 6 (Ngày tiếp nhận = '5/10/2026 8h'), "
        "17 (Ngày tiếp nhận = 'hôm qua')",
        f"• ho_so_10.csv: 1 dòng: {FEB_2025} — dòng 5 (Ngày tiếp nhận = '29/02/2025 10:00')",
        f"• ho_so_10.csv: 1 dòng: {APRIL_2026} — dòng 9 (Ngày hẹn trả = '31/04/2026')",
    ]
    assert "Chi tiết dòng bị loại: python -m etl status (bảng etl_rejects)." in result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rejects = con.execute(
            'SELECT row_number, "column", value, reason FROM etl_rejects ORDER BY row_number'
        ).fetchall()
        stored = con.execute("SELECT count(*) FROM dossiers").fetchall()[0][0]
    finally:
        con.close()
    assert rejects == [
        (3, "Ngày tiếp nhận", "31/02/2026", FEB_2026),
        (4, "Ngày hẹn trả", "31/02/2026", FEB_2026),
        (5, "Ngày tiếp nhận", "29/02/2025 10:00", FEB_2025),
        (6, "Ngày tiếp nhận", "5/10/2026 8h", MALFORMED),
        (8, "Ngày tiếp nhận", "30/02/2026", FEB_2026),
        (9, "Ngày hẹn trả", "31/04/2026", APRIL_2026),
        (17, "Ngày tiếp nhận", "hôm qua", MALFORMED),
        (18, "Ngày tiếp nhận", "31/02/2026 14:00", FEB_2026),
    ]
    assert stored == len(ROWS) - 8


def test_a_refused_file_names_its_main_reason_and_exits_1(tmp_path: Path, warehouse: Path) -> None:
    path = tmp_path / "sai_ngay.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [HEADER, ["B1", *GOOD], ["B2", "00073", "31/02/2026", ""], ["B3", "00073", "x", ""],
             ["B4", "00073", "30/02/2026", ""]]
        )  # fmt: skip
    result = CliRunner().invoke(cli, ["load", str(path), "--db", str(warehouse)])
    assert result.exit_code == 1
    assert f"sai_ngay.csv: 3/4 dòng bị loại (quá 50%); lý do chính: {FEB_2026}" in result.output
    assert (
        f"• sai_ngay.csv: 2 dòng: {FEB_2026} — dòng 3 (Ngày tiếp nhận = '31/02/2026'), "
        "5 (Ngày tiếp nhận = '30/02/2026')"
    ) in result.output.splitlines()
