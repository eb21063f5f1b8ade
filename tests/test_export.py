"""Table exports (ui/export.py): the workbook and CSV read back cell by cell.

The small table below holds the awkward values on purpose: a missing value of every kind (None,
NaN, NaT, pd.NA), Vietnamese names with diacritics, ward codes with leading zeros and text that a
spreadsheet would run as a formula. The last tests export the ward table of a real warehouse
loaded by the real loader and compare its cells with numbers counted by hand.
"""

from __future__ import annotations

import base64
import csv
import importlib
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from dash.development.base_component import Component
from dash.testing import ignore_register_page
from openpyxl.worksheet.worksheet import Worksheet

from etl.loader import load_files
from kpi.db import cursor
from kpi.metrics import Filters, kpis
from kpi.periods import Period
from kpi.reference import ward_options
from tests.grids import cell_text
from tests.test_overview_page import find, run_callback
from ui.export import (
    Column,
    Table,
    csv_bytes,
    download,
    export_buttons,
    export_filename,
    export_ids,
    sheet_names,
    workbook_bytes,
)

GENERATED = datetime(2026, 11, 21, 14, 30, 5)

COLUMNS = [
    Column("code", "Mã xã", "text"),
    Column("name", "Tên phường, xã", "text"),
    Column("received", "Tiếp nhận mới", "int"),
    Column("rate", "Tỷ lệ đúng hạn", "pct"),
    Column("days", "Số ngày giải quyết trung bình", "number"),
    Column("day", "Ngày", "date"),
    Column("at", "Cập nhật", "datetime"),
]


def sample_rows() -> pd.DataFrame:
    """Three rows: full figures; a formula-looking name with nothing else; zeros and no dates."""
    return pd.DataFrame(
        {
            "code": ["00004", "00008", "00010"],
            "name": ["Phường Ba Đình", '=HYPERLINK("http://x","y")', "Xã Văn Lăng"],
            "received": pd.array([12439, None, 0], dtype="Int64"),
            "rate": [12432 / 12439, float("nan"), 0.0],
            "days": [2.25, None, 7.465277777777778],
            "day": [date(2026, 10, 31), None, pd.NaT],
            "at": pd.to_datetime(["2026-11-02 10:00:00", None, "2026-01-05 07:45:30"]),
            "ignored": ["not", "exported", "!"],
        }
    )


def sample_table(**changes: Any) -> Table:
    fields: dict[str, Any] = {
        "sheet": "Phường, xã",
        "title": "Kết quả theo phường, xã",
        "columns": COLUMNS,
        "rows": sample_rows(),
        "note": "Kỳ: 01/10/2026 – 31/10/2026 · Dữ liệu đến 10:00 02/11/2026",
    }
    return Table(**{**fields, **changes})


def read(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def grid(ws: Worksheet) -> list[list[Any]]:
    """Every value of a sheet, row by row, up to its last used cell."""
    return [list(row) for row in ws.iter_rows(values_only=True)]


def formats(ws: Worksheet, first_row: int) -> list[list[str]]:
    return [[c.number_format for c in row] for row in ws.iter_rows(min_row=first_row)]


def test_workbook_holds_every_value_as_its_excel_type() -> None:
    """Counts are ints, rates the full fraction, days Excel dates; missing values empty cells.

    openpyxl reads a date cell back as a datetime at midnight.
    """
    wb = read(workbook_bytes([sample_table()], title="Tổng quan", generated_at=GENERATED))

    assert wb.sheetnames == ["Thông tin", "Phường, xã"]
    ws = wb["Phường, xã"]
    assert grid(ws) == [
        ["Kết quả theo phường, xã", None, None, None, None, None, None],
        ["Kỳ: 01/10/2026 – 31/10/2026 · Dữ liệu đến 10:00 02/11/2026", *[None] * 6],
        [
            "Mã xã",
            "Tên phường, xã",
            "Tiếp nhận mới",
            "Tỷ lệ đúng hạn",
            "Số ngày giải quyết trung bình",
            "Ngày",
            "Cập nhật",
        ],
        [
            "00004",
            "Phường Ba Đình",
            12439,
            12432 / 12439,
            2.25,
            datetime(2026, 10, 31),
            datetime(2026, 11, 2, 10, 0),
        ],
        ["00008", '=HYPERLINK("http://x","y")', None, None, None, None, None],
        ["00010", "Xã Văn Lăng", 0, 0.0, 7.465277777777778, None, datetime(2026, 1, 5, 7, 45, 30)],
    ]
    data_types = [[c.data_type for c in row] for row in ws.iter_rows(min_row=4)]
    assert data_types == [
        ["s", "s", "n", "n", "n", "d", "d"],
        ["s", "s", "n", "n", "n", "n", "n"],  # empty cells read back as type "n" with no value
        ["s", "s", "n", "n", "n", "n", "d"],
    ]
    general = "General"
    assert formats(ws, first_row=4) == [
        ["@", "@", "#,##0", "0.00%", "#,##0.0", "dd/mm/yyyy", "dd/mm/yyyy hh:mm"],
        ["@", "@", general, general, general, general, general],
        ["@", "@", "#,##0", "0.00%", "#,##0.0", general, "dd/mm/yyyy hh:mm"],
    ]


def test_table_sheet_layout_frozen_header_filter_and_widths() -> None:
    """The header row (3, under title and note) is bold, frozen and filtered over the data."""
    ws = read(workbook_bytes([sample_table()], title="Tổng quan", generated_at=GENERATED))[
        "Phường, xã"
    ]

    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:G6"
    assert [c.font.b for c in ws[3]] == [True] * 7
    assert ws["A1"].font.b
    assert ws.print_title_rows == "$3:$3"
    widths = {col: ws.column_dimensions[col].width for col in "ABCDEFG"}
    # Each fits its longest value (or header, wrapped at 24 characters) plus 2.
    assert widths == {
        "A": len("Mã xã") + 2,
        "B": len('=HYPERLINK("http://x","y")') + 2,
        "C": len("Tiếp nhận mới") + 2,
        "D": len("Tỷ lệ đúng hạn") + 2,
        "E": 24 + 2,
        "F": len("31/10/2026") + 2,
        "G": len("02/11/2026 10:00") + 2,
    }


def test_without_note_the_header_is_the_second_row() -> None:
    ws = read(workbook_bytes([sample_table(note=None)], title="T", generated_at=GENERATED))[
        "Phường, xã"
    ]

    assert [c.value for c in ws[2]][:3] == ["Mã xã", "Tên phường, xã", "Tiếp nhận mới"]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:G5"
    assert ws.max_row == 5


def test_info_sheet_lists_title_time_source_and_each_table() -> None:
    second = Table(
        sheet="Lĩnh vực",
        title="Theo lĩnh vực",
        columns=[Column("field", "Lĩnh vực", "text")],
        rows=pd.DataFrame({"field": ["Đất đai"]}),
    )
    wb = read(
        workbook_bytes(
            [sample_table(), second],
            title="Tổng quan · Thành phố Hà Nội",
            subtitle="Kỳ: 01/10/2026 – 31/10/2026",
            generated_at=GENERATED,
        )
    )

    assert wb.sheetnames == ["Thông tin", "Phường, xã", "Lĩnh vực"]
    info = wb["Thông tin"]
    assert grid(info) == [
        ["Tổng quan · Thành phố Hà Nội", None, None],
        ["Kỳ: 01/10/2026 – 31/10/2026", None, None],
        [None, None, None],
        ["Thời điểm tạo", GENERATED, None],
        ["Nguồn", "Một Cửa", None],
        [None, None, None],
        ["Trang tính", "Bảng", "Ghi chú"],
        [
            "Phường, xã",
            "Kết quả theo phường, xã",
            "Kỳ: 01/10/2026 – 31/10/2026 · Dữ liệu đến 10:00 02/11/2026",
        ],
        ["Lĩnh vực", "Theo lĩnh vực", None],
    ]
    assert info["B4"].number_format == "dd/mm/yyyy hh:mm"
    assert wb.properties.creator == "Một Cửa"
    assert wb.properties.created == GENERATED
    assert grid(wb["Lĩnh vực"]) == [["Theo lĩnh vực"], ["Lĩnh vực"], ["Đất đai"]]


def test_formula_looking_text_is_stored_as_text_never_as_a_formula() -> None:
    """Formulas in an export would run on the evaluator's machine (CSV/formula injection)."""
    texts = ["=1+2", "+84 24 3825 1234", "-tiêu cực", "@SUM(A1)", "\t=1", "an toàn", "00004"]
    table = Table(
        sheet="Góp ý",
        title="Góp ý",
        columns=[Column("comment", "Nội dung", "text")],
        rows=pd.DataFrame({"comment": texts}),
        note=None,
    )
    content = workbook_bytes([table], title="=cmd|' /C calc'!A0", generated_at=GENERATED)
    wb = read(content)

    cells = [row[0] for row in wb["Góp ý"].iter_rows(min_row=3)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("=1+2", "s", True),
        ("+84 24 3825 1234", "s", True),
        ("-tiêu cực", "s", True),
        ("@SUM(A1)", "s", True),
        ("\t=1", "s", True),
        ("an toàn", "s", False),
        ("00004", "s", False),
    ]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 2
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    assert wb["Thông tin"]["A1"].data_type == "s"
    assert csv_bytes(table).decode("utf-8-sig").split("\r\n") == [
        "Nội dung",
        "'=1+2",
        "'+84 24 3825 1234",
        "'-tiêu cực",
        "'@SUM(A1)",
        "'\t=1",
        "an toàn",
        "00004",
        "",
    ]


def test_csv_is_utf8_with_bom_and_plain_values() -> None:
    """Rates are the full fraction (as in the workbook's cells and the API); missing is empty."""
    content = csv_bytes(sample_table())

    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8") == (
        '\ufeffMã xã,"Tên phường, xã",Tiếp nhận mới,Tỷ lệ đúng hạn,Số ngày giải quyết trung bình,'
        "Ngày,Cập nhật\r\n"
        f"00004,Phường Ba Đình,12439,{12432 / 12439!r},2.25,2026-10-31,2026-11-02 10:00:00\r\n"
        '00008,"\'=HYPERLINK(""http://x"",""y"")",,,,,\r\n'
        "00010,Xã Văn Lăng,0,0.0,7.465277777777778,,2026-01-05 07:45:30\r\n"
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][1] == "Tên phường, xã"  # the comma inside the header is quoted
    assert float(rows[1][3]) == 12432 / 12439


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (["Phường, xã"], ["Phường, xã"]),
        (["Tỷ lệ: đúng/hạn? [766]*"], ["Tỷ lệ- đúng-hạn- -766--"]),
        (["Thông tin"], ["Thông tin (2)"]),  # the first sheet's name is taken
        (["Lĩnh vực", "lĩnh vực", "LĨNH VỰC"], ["Lĩnh vực", "lĩnh vực (2)", "LĨNH VỰC (3)"]),
        (["'Bảng'", "", "   "], ["Bảng", "Bảng (2)", "Bảng (3)"]),
        (
            ["Số hồ sơ giải quyết theo từng lĩnh vực", "Số hồ sơ giải quyết theo từng lĩnh vực"],
            ["Số hồ sơ giải quyết theo từng l", "Số hồ sơ giải quyết theo từ (2)"],
        ),
    ],
)
def test_sheet_names_are_excel_safe_and_unique(wanted: list[str], expected: list[str]) -> None:
    assert sheet_names(wanted) == expected
    assert all(len(name) <= 31 for name in expected)


def test_workbook_deduplicates_sheet_names() -> None:
    tables = [sample_table(sheet="Bảng"), sample_table(sheet="bảng"), sample_table(sheet="Bảng")]
    wb = read(workbook_bytes(tables, title="T", generated_at=GENERATED))

    assert wb.sheetnames == ["Thông tin", "Bảng", "bảng (2)", "Bảng (3)"]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (Column("x", "X", "int"), "12", "column 'x', row 1: '12' is not a int value"),
        (Column("x", "X", "int"), 2.5, "column 'x', row 1: 2.5 is not a int value"),
        (Column("x", "X", "pct"), "99,94%", "column 'x', row 1: '99,94%' is not a pct value"),
        (Column("x", "X", "pct"), float("inf"), "column 'x', row 1: inf is not a pct value"),
        (Column("x", "X", "int"), True, "column 'x', row 1: True is not a int value"),
        (Column("x", "X", "date"), "2026-10-01", "'2026-10-01' is not a date value"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused(column: Column, value: Any, message: str) -> None:
    """Text in a number column would reach the evaluator's sums as a string: fail instead."""
    table = Table("T", "T", [column], pd.DataFrame({"x": pd.Series([value], dtype=object)}))

    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace("?", r"\?")):
        workbook_bytes([table], title="T")
    with pytest.raises(TypeError):
        csv_bytes(table)


def test_whole_numbers_in_float_columns_are_written_as_ints() -> None:
    """pandas turns an int column with a gap into floats; the counts stay whole numbers."""
    table = Table(
        "T", "T", [Column("n", "Số", "int")], pd.DataFrame({"n": [3.0, float("nan"), 1e6]})
    )
    ws = read(workbook_bytes([table], title="T", generated_at=GENERATED))["T"]

    assert [type(r[0]) for r in ws.iter_rows(min_row=3, values_only=True)] == [
        int,
        type(None),
        int,
    ]
    # The csv module quotes a lone empty field, so the line is not taken for a blank one.
    assert csv_bytes(table).decode("utf-8-sig") == 'Số\r\n3\r\n""\r\n1000000\r\n'


def test_bad_table_definitions_fail_early() -> None:
    with pytest.raises(ValueError, match="unknown kind 'percent'"):
        Column("x", "X", "percent")
    with pytest.raises(ValueError, match="no column rate in the rows"):
        Table("T", "T", [Column("rate", "Tỷ lệ", "pct")], pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="at least one table"):
        workbook_bytes([], title="T")


@pytest.mark.parametrize(
    ("page", "ext", "expected"),
    [
        ("tong-quan", "xlsx", "motcua-tong-quan-2026-10-01-2026-10-31.xlsx"),
        ("Tổng quan", ".XLSX", "motcua-tong-quan-2026-10-01-2026-10-31.xlsx"),
        ("Chỉ số 766", "csv", "motcua-chi-so-766-2026-10-01-2026-10-31.csv"),
        ("Đất đai / Hộ tịch", "zip", "motcua-dat-dai-ho-tich-2026-10-01-2026-10-31.zip"),
    ],
)
def test_export_filename_is_ascii(page: str, ext: str, expected: str) -> None:
    assert export_filename(page, date(2026, 10, 1), date(2026, 10, 31), ext) == expected


def test_export_filename_refuses_an_unknown_extension() -> None:
    with pytest.raises(ValueError, match="unknown export extension 'pdf'"):
        export_filename("tong-quan", date(2026, 10, 1), date(2026, 10, 31), "pdf")


def test_download_gives_the_workbook_or_the_csv_to_dcc_download() -> None:
    """One table: .xlsx or .csv; several tables: .xlsx or a .zip of one CSV per table."""
    one = [sample_table()]
    two = [sample_table(), sample_table(sheet="Lĩnh vực", note=None)]
    options: dict[str, Any] = {
        "page": "Tổng quan",
        "period_from": date(2026, 10, 1),
        "period_to": date(2026, 10, 31),
        "title": "Tổng quan",
        "generated_at": GENERATED,
    }

    xlsx = download("xlsx", two, **options)
    assert (xlsx["filename"], xlsx["type"], xlsx["base64"]) == (
        "motcua-tong-quan-2026-10-01-2026-10-31.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        True,
    )
    wb = read(base64.b64decode(xlsx["content"]))
    assert wb.sheetnames == ["Thông tin", "Phường, xã", "Lĩnh vực"]

    single = download("csv", one, **options)
    assert (single["filename"], single["type"]) == (
        "motcua-tong-quan-2026-10-01-2026-10-31.csv",
        "text/csv",
    )
    assert base64.b64decode(single["content"]) == csv_bytes(one[0])

    zipped = download("csv", two, **options)
    assert (zipped["filename"], zipped["type"]) == (
        "motcua-tong-quan-2026-10-01-2026-10-31.zip",
        "application/zip",
    )
    content = base64.b64decode(zipped["content"])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.namelist() == ["01-phuong-xa.csv", "02-linh-vuc.csv"]
        assert archive.read("01-phuong-xa.csv") == csv_bytes(two[0])
        assert archive.read("02-linh-vuc.csv") == csv_bytes(two[1])

    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        download("pdf", one, **options)


def walk(tree: Any) -> list[Component]:
    nodes: list[Component] = []
    if isinstance(tree, (list, tuple)):
        for item in tree:
            nodes += walk(item)
    elif isinstance(tree, Component):
        nodes.append(tree)
        nodes += walk(getattr(tree, "children", None))
    return nodes


def test_export_buttons_are_two_labelled_buttons_and_a_download() -> None:
    group = export_buttons("overview")
    ids = export_ids("overview")
    by_id = {getattr(n, "id", None): n for n in walk(group)}

    assert group.id == "overview-export"
    assert group.role == "group"
    assert getattr(group, "aria-label") == "Tải dữ liệu"
    assert "d-print-none" in group.className
    assert (by_id[ids.xlsx].children, by_id[ids.csv].children) == ("Tải Excel", "Tải CSV")
    assert (by_id[ids.xlsx].type, by_id[ids.csv].type) == ("button", "button")
    assert getattr(by_id[ids.xlsx], "aria-describedby") == "overview-export-hint"
    assert by_id["overview-export-hint"].children.startswith("Tải dữ liệu")
    assert type(by_id["overview-download"]).__name__ == "Download"
    assert (ids.format_of("overview-export-xlsx"), ids.format_of("overview-export-csv")) == (
        "xlsx",
        "csv",
    )
    assert ids.format_of(None) is None


# --- a real warehouse -------------------------------------------------------------------------

DOSSIERS = """\
Mã hồ sơ,Mã xã,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,\
Số lần yêu cầu bổ sung
E01,00004,Hộ tịch,Trực tuyến,01/10/2026 08:00,05/10/2026,02/10/2026 08:00,Đã trả kết quả,0
E02,00004,Hộ tịch,Trực tiếp,01/10/2026 08:00,05/10/2026,05/10/2026 14:00,Đã trả kết quả,0
E03,00004,Đất đai,Trực tiếp,02/10/2026 08:00,06/10/2026,08/10/2026 08:00,Đã trả kết quả,0
E04,00004,Đất đai,Trực tuyến,03/10/2026 08:00,30/11/2026,,Đang xử lý,0
E05,00008,Hộ tịch,Bưu chính,04/10/2026 08:00,05/10/2026,,Đang xử lý,0
"""

WARD_COLUMNS = [
    Column("key", "Mã xã", "text"),
    Column("ward_name", "Phường, xã", "text"),
    Column("received", "Tiếp nhận mới", "int"),
    Column("completed", "Đã giải quyết", "int"),
    Column("late", "Trễ hạn", "int"),
    Column("overdue", "Quá hạn", "int"),
    Column("on_time_rate", "Tỷ lệ đúng hạn", "pct"),
    Column("resolved_on_time_rate", "Giải quyết đúng/trước hạn", "pct"),
    Column("online_share", "Tỷ lệ trực tuyến", "pct"),
    Column("avg_days", "Số ngày giải quyết trung bình", "number"),
    Column("data_as_of", "Dữ liệu đến", "datetime"),
]


@pytest.fixture(scope="module")
def ward_table(tmp_path_factory: pytest.TempPathFactory) -> Table:
    """The October 2026 ward table of Hà Nội from the five dossiers above, loaded for real."""
    directory = tmp_path_factory.mktemp("export")
    (directory / "ho_so.csv").write_text(DOSSIERS, encoding="utf-8")
    db = directory / "motcua.duckdb"
    assert load_files([directory / "ho_so.csv"], db=db).ok
    cur = cursor(Path(db))
    frame = kpis(
        cur,
        periods=[Period(date(2026, 10, 1), date(2026, 10, 31))],
        filters=Filters(province_code="01"),
        by="ward",
        now=datetime(2026, 11, 21, 9, 0),
    )
    names = ward_options(cur, province_code="01")
    rows = names.merge(frame, left_on="ward_code", right_on="key", how="left")
    return Table(
        sheet="Phường, xã",
        title="Kết quả theo phường, xã",
        columns=WARD_COLUMNS,
        rows=rows,
        note="Kỳ: 01/10/2026 – 31/10/2026",
    )


def test_ward_table_of_a_real_warehouse_exports_the_hand_counted_numbers(
    ward_table: Table,
) -> None:
    """Counted by hand; the data end at E03's result, 08:00 08/10/2026 (as_of of October).

    - Ba Đình (00004): received 4 (E01 and E04 online), completed 3: E01 early (2/10 before the
      5/10 due day), E02 on time (14:00 on its due day), E03 late (8/10 after 6/10), E04 in time
      (due 30/11) → on-time (1 + 1 + 1) / 4 = 0,75, resolved on time (1 + 1) / 3, online 2/4;
      days taken 1 + 4,25 + 6 = 11,25 over 3 → 3,75.
    - Ngọc Hà (00008): received 1 (postal), nothing completed, E05 overdue at as_of (due 5/10)
      → on-time 0/1 = 0 (a real zero), resolved on time and average days: no data (empty).
    - The 124 other wards of Hà Nội: zero counts, every rate and average empty, never 0; the
      freshness of the data is the city's, the same on every row.
    """
    ws = read(workbook_bytes([ward_table], title="Phường, xã", generated_at=GENERATED))[
        "Phường, xã"
    ]
    as_of = datetime(2026, 10, 8, 8, 0)
    rows = {row[0]: list(row) for row in ws.iter_rows(min_row=4, values_only=True)}

    assert len(rows) == 126
    assert rows.pop("00004") == [
        "00004", "Phường Ba Đình", 4, 3, 1, 0, 3 / 4, 2 / 3, 2 / 4, 11.25 / 3, as_of
    ]  # fmt: skip
    assert rows.pop("00008") == [
        "00008", "Phường Ngọc Hà", 1, 0, 0, 1, 0.0, None, 0.0, None, as_of
    ]  # fmt: skip
    assert {tuple(row[2:]) for row in rows.values()} == {(0, 0, 0, 0, *[None] * 4, as_of)}
    header = [c.value for c in ws[3]]
    assert header == [c.header for c in WARD_COLUMNS]
    ba_dinh = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "00004")
    assert [c.number_format for c in ba_dinh] == [
        "@", "@", "#,##0", "#,##0", "#,##0", "#,##0", "0.00%", "0.00%", "0.00%", "#,##0.0",
        "dd/mm/yyyy hh:mm",
    ]  # fmt: skip
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:K129"


def test_ward_table_csv_of_a_real_warehouse(ward_table: Table) -> None:
    """The same hand-counted figures in the CSV; a ward without data has empty rates."""
    lines = csv_bytes(ward_table).decode("utf-8-sig").split("\r\n")
    by_code = {line.split(",")[0]: line for line in lines[1:] if line}

    assert len(by_code) == 126
    assert by_code["00004"] == (
        f"00004,Phường Ba Đình,4,3,1,0,0.75,{2 / 3!r},0.5,3.75,2026-10-08 08:00:00"
    )
    assert by_code["00008"] == "00008,Phường Ngọc Hà,1,0,0,1,0.0,,0.0,,2026-10-08 08:00:00"
    assert by_code["00277"] == "00277,Phường Bạch Mai,0,0,0,0,,,,,2026-10-08 08:00:00"


# --- the late list's due dates: the workbook shows what the page shows ------------------------

DUE_DOSSIERS = """\
Mã hồ sơ,Mã xã,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái
D01,00004,Hộ tịch,20/10/2026 08:00,27/10/2026,29/10/2026 10:00,Đã trả kết quả
D02,00004,Hộ tịch,20/10/2026 09:00,27/10/2026 16:30,28/10/2026 09:00,Đã trả kết quả
"""
# As an Excel user reads a cell: its value through its number format.
EXCEL_SHOWS = {"dd/mm/yyyy": "%d/%m/%Y", "dd/mm/yyyy hh:mm": "%d/%m/%Y %H:%M"}


def test_late_list_export_shows_the_due_dates_the_page_shows(
    tmp_path: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """D01 is due 27/10 (a date alone: stored as 23:59:59.999999, which Excel used to round to
    28/10 00:00), D02 at 16:30 on 27/10. Both are late: D01 ended 29/10 10:00 (2 days begun
    past its due), D02 28/10 09:00 (1 day), so the list is D01, D02."""
    (tmp_path / "ho_so.csv").write_text(DUE_DOSSIERS, encoding="utf-8")
    assert load_files([tmp_path / "ho_so.csv"], db=warehouse).ok
    monkeypatch.setenv("MOTCUA_PROVINCE", "01")
    with ignore_register_page():
        ward = importlib.import_module("pages.ward")
    query = {"from": "2026-10-01", "to": "2026-10-31"}

    late = find(ward.layout(ward_code="00004", **query), "ward-late")
    page_due = [cell_text(row, "due") for row in late.rowData]
    assert page_due == ["27/10/2026", "16:30 27/10/2026"]

    data = run_callback(
        ward.export, "ward-export-xlsx.n_clicks", 1, None, "/phuong/00004",
        "?from=2026-10-01&to=2026-10-31",
    )  # fmt: skip
    sheet = read(base64.b64decode(data["content"]))["Hồ sơ quá hạn"]
    assert [c.value for c in sheet[3]][:5] == [
        "Mã hồ sơ", "Lĩnh vực", "Mã thủ tục", "Thủ tục", "Hạn giải quyết"
    ]  # fmt: skip
    cells = [row[4] for row in sheet.iter_rows(min_row=4)]
    assert [(c.value, c.number_format) for c in cells] == [
        (datetime(2026, 10, 27, 23, 59, 59), "dd/mm/yyyy"),
        (datetime(2026, 10, 27, 16, 30), "dd/mm/yyyy hh:mm"),
    ]
    shown = [f"{c.value:{EXCEL_SHOWS[c.number_format]}}" for c in cells]
    assert shown == ["27/10/2026", "27/10/2026 16:30"]
    # the same day and time as the page (which writes the time first)
    page_moments = [
        datetime.strptime(t, "%d/%m/%Y") if ":" not in t else datetime.strptime(t, "%H:%M %d/%m/%Y")
        for t in page_due
    ]
    excel_moments = [datetime.strptime(t, EXCEL_SHOWS[c.number_format])
                     for t, c in zip(shown, cells, strict=True)]  # fmt: skip
    assert page_moments == excel_moments
