"""The periodic report's layout and its Excel file (``/bao-cao`` and ``/api/v1/report``).

The layout evaluators use (Biểu II.06a): title lines (the report's name, the period, the ward,
province or country, "Dữ liệu đến …"), a header in three merged levels (the groups "Số hồ sơ
nhận giải quyết", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết" over their columns, and
"Tiếp nhận trong kỳ" over its online and in person/postal split), one row per field and the
bold "Tổng cộng" row. :data:`HEADER` is that header once, for the workbook here and the page's
HTML table (:mod:`ui.report`).

:func:`report_workbook` is pure, a :class:`kpi.report.Report` in, bytes out, and the bytes
depend on nothing else (the reader's language aside): the file's dates are the data's
("Dữ liệu đến"), not the clock's, and the zip entries carry that moment too, so the page's
button and ``/api/v1/report?format=xlsx`` give the same file, and a closed period on the same
data always gives the same file. Cells follow :mod:`ui.export`: counts are numbers shown
``#,##0``, text is always text (field names are data: never run as a formula).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from kpi.report import Report, Scope
from marks import N_, NP_
from ui.export import NUMBER_FORMATS, SOURCE, export_filename, sheet_names
from ui.export import _text as safe_text
from ui.export import _write as write_cell
from ui.format import fmt_date, fmt_datetime, fmt_int
from ui.i18n import _, pgettext

TITLE = N_("Báo cáo tình hình, kết quả giải quyết thủ tục hành chính")
FORM = N_("Theo cấu trúc Biểu II.06a, tính từ hồ sơ đã nạp vào Một Cửa")
SHEET = N_("Báo cáo")
TOTAL = N_("Tổng cộng")
COUNTRY = N_("Toàn quốc")

# The counts shown, column by column after the field (kpi.report.COUNTS but no_due, which is
# a note under the table).
COLUMNS: tuple[str, ...] = (
    "to_process", "received", "received_online", "received_direct_or_postal", "carried_over",
    "completed", "early", "on_time", "late", "in_process", "in_time", "overdue",
)  # fmt: skip


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the report's header: its label, its row (0–2) and column (0: the field,
    1…: :data:`COLUMNS`), and how many rows and columns it spans. ``context`` tells apart the
    same Vietnamese label that translates two ways ("Quá hạn": late, overdue)."""

    label: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    context: str | None = None

    @property
    def text(self) -> str:
        """The label in the reader's language."""
        return pgettext(self.context, self.label)


HEADER_ROWS = 3
HEADER: tuple[HeaderCell, ...] = (
    HeaderCell(N_("Lĩnh vực"), 0, 0, rowspan=3),
    HeaderCell(N_("Số hồ sơ nhận giải quyết"), 0, 1, colspan=5),
    HeaderCell(N_("Số hồ sơ đã giải quyết"), 0, 6, colspan=4),
    HeaderCell(N_("Số hồ sơ đang giải quyết"), 0, 10, colspan=3),
    HeaderCell(NP_("to_process", "Tổng số"), 1, 1, rowspan=2, context="to_process"),
    HeaderCell(N_("Tiếp nhận trong kỳ"), 1, 2, colspan=3),
    HeaderCell(N_("Từ kỳ trước chuyển sang"), 1, 5, rowspan=2),
    HeaderCell(NP_("completed", "Tổng số"), 1, 6, rowspan=2, context="completed"),
    HeaderCell(N_("Trước hạn"), 1, 7, rowspan=2),
    HeaderCell(N_("Đúng hạn"), 1, 8, rowspan=2),
    HeaderCell(NP_("late", "Quá hạn"), 1, 9, rowspan=2, context="late"),
    HeaderCell(NP_("in_process", "Tổng số"), 1, 10, rowspan=2, context="in_process"),
    HeaderCell(N_("Trong hạn"), 1, 11, rowspan=2),
    HeaderCell(NP_("overdue", "Quá hạn"), 1, 12, rowspan=2, context="overdue"),
    HeaderCell(N_("Cộng"), 2, 2),
    HeaderCell(N_("Trực tuyến"), 2, 3),
    HeaderCell(N_("Trực tiếp, bưu chính"), 2, 4),
)
WIDTH = 1 + len(COLUMNS)
assert all(c.col + c.colspan <= WIDTH and c.row + c.rowspan <= HEADER_ROWS for c in HEADER)

IDENTITIES = N_(
    "Tổng số hồ sơ nhận giải quyết = Tiếp nhận trong kỳ + Từ kỳ trước chuyển sang = Số hồ sơ "
    "đã giải quyết + Số hồ sơ đang giải quyết. Định nghĩa từng cột: trang Phương pháp "
    "(/phuong-phap)."
)
NO_DUE = N_(
    "{count} hồ sơ không có ngày hẹn trả: được tính trong Tổng số (đã giải quyết hoặc đang "
    "giải quyết) nhưng không xếp vào Trước hạn, Đúng hạn, Quá hạn, Trong hạn."
)


def scope_name(scope: Scope) -> str:
    """Whom the report is for, as its title says: ``Phường Ba Đình, Thành phố Hà Nội``, a
    province's name, or "Toàn quốc"."""
    if scope.level == "ward":
        return ", ".join(n for n in (scope.ward_name, scope.province_name) if n)
    if scope.level == "province":
        return scope.province_name or str(scope.province_code)
    return _(COUNTRY)


def period_line(report: Report) -> str:
    """``Kỳ báo cáo: 01/10/2026 – 31/10/2026``."""
    return _(
        "Kỳ báo cáo: {start} – {end}",
        start=fmt_date(report.period.date_from),
        end=fmt_date(report.period.date_to),
    )


def data_line(report: Report) -> str:
    """``Dữ liệu đến 10:00 03/11/2026``, with when the dossiers in process were judged when
    that is before the end of the period (a period still running)."""
    line = _("Dữ liệu đến {moment}", moment=fmt_datetime(report.data_as_of))
    end = report.period.date_to
    if report.as_of is not None and report.as_of.date() < end:
        line += _(" · hồ sơ đang giải quyết tính tại {moment}", moment=fmt_datetime(report.as_of))
    return line


def notes(report: Report) -> list[str]:
    """The lines under the table: the columns' identities, and the dossiers without a due date
    when there are some."""
    out = [_(IDENTITIES)]
    if report.total["no_due"]:
        out.append(_(NO_DUE, count=fmt_int(report.total["no_due"])))
    return out


def file_name(report: Report, ext: str) -> str:
    """The file name of the report's export: ``motcua-bao-cao-00004-2026-10-01-2026-10-31.xlsx``
    (the ward's code, the province's, or ``toan-quoc``), the same from the page and the API."""
    scope = report.scope
    unit = scope.ward_code or scope.province_code or "toan-quoc"
    period = report.period
    return export_filename(f"bao-cao-{unit}", period.date_from, period.date_to, ext)


# --- the workbook ----------------------------------------------------------------------------

_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_NOTE_FONT = Font(italic=True, color="555555")
_FILL = PatternFill("solid", fgColor="E9ECEF")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# The first row of the header, under the five title lines.
HEADER_TOP = 6
CORE_PROPERTIES = "docProps/core.xml"
# A workbook's dates when nothing is loaded (a zip entry cannot be dated before 1980).
_NO_DATA_MOMENT = datetime(2000, 1, 1)


def _moment(report: Report) -> datetime:
    """The moment the file is dated with: the newest loaded record, to the second."""
    moment = report.data_as_of or _NO_DATA_MOMENT
    return moment.replace(microsecond=0, tzinfo=None)


def _stable_zip(data: bytes, moment: datetime, core: bytes) -> bytes:
    """``data`` (an .xlsx) with every zip entry dated ``moment`` and ``core`` as its document
    properties, instead of the clock's time that openpyxl writes on saving (in both): the same
    workbook gives the same bytes."""
    out = io.BytesIO()
    stamp = moment.timetuple()[:6]
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            body = core if entry.filename == CORE_PROPERTIES else source.read(entry.filename)
            target.writestr(info, body)
    return out.getvalue()


def report_workbook(report: Report) -> bytes:
    """The report as an .xlsx file: one sheet "Báo cáo" in the evaluators' layout.

    Rows 1–5 (each merged across the table): the report's name, the period, the ward, province
    or country, "Dữ liệu đến …" and the form it follows; rows 6–8: the
    merged header of :data:`HEADER`; then one row per field and the bold "Tổng cộng" row; then
    the notes of :func:`notes`. Printed on A4 landscape, one page wide, the header repeated.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_names([_(SHEET)], reserved=())[0]
    last = get_column_letter(WIDTH)
    lines = (
        (_(TITLE).upper(), _TITLE_FONT),
        (period_line(report), _BOLD),
        (_("Đơn vị: {name}", name=scope_name(report.scope)), _BOLD),
        (data_line(report), Font()),
        (_(FORM), _NOTE_FONT),
    )
    for row, (text, font) in enumerate(lines, start=1):
        cell = write_cell(ws, row, 1, safe_text(text), "General")
        cell.font = font
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(f"A{row}:{last}{row}")
    for spec in HEADER:
        top, left = HEADER_TOP + spec.row, 1 + spec.col
        bottom, right = top + spec.rowspan - 1, left + spec.colspan - 1
        cell = write_cell(ws, top, left, safe_text(spec.text), "General")
        cell.font, cell.fill, cell.alignment = _BOLD, _FILL, _CENTER
        for r in range(top, bottom + 1):  # the border of every cell a merge covers
            for c in range(left, right + 1):
                ws.cell(row=r, column=c).border = _BOX
                ws.cell(row=r, column=c).fill = _FILL
        if (bottom, right) != (top, left):
            ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    first = HEADER_TOP + HEADER_ROWS
    rows = [(row["field"], row, False) for row in report.fields]
    rows.append((_(TOTAL), report.total, True))
    for i, (name, row, bold) in enumerate(rows, start=first):
        cell = write_cell(ws, i, 1, safe_text(name), NUMBER_FORMATS["text"])
        cell.border = _BOX
        for j, key in enumerate(COLUMNS, start=2):
            value = write_cell(ws, i, j, int(row[key]), NUMBER_FORMATS["int"])
            value.border = _BOX
        if bold:
            for j in range(1, WIDTH + 1):
                ws.cell(row=i, column=j).font = _BOLD
    below = first + len(rows) + 1
    for k, text in enumerate(notes(report)):
        write_cell(ws, below + k, 1, safe_text(text), "General").font = _NOTE_FONT
    names = [len(str(name)) for name, _row, _bold in rows]
    ws.column_dimensions["A"].width = float(min(max(18, *names) + 2, 40))
    for j in range(2, WIDTH + 1):
        ws.column_dimensions[get_column_letter(j)].width = 12.0
    ws.row_dimensions[HEADER_TOP + 1].height = 45.0
    ws.freeze_panes = f"B{first}"
    ws.print_title_rows = f"{HEADER_TOP}:{first - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    moment = _moment(report)
    wb.properties.creator = SOURCE
    wb.properties.title = safe_text(_(TITLE))
    wb.properties.created = wb.properties.modified = moment
    out = io.BytesIO()
    wb.save(out)
    wb.properties.modified = moment  # saving set it to now
    return _stable_zip(out.getvalue(), moment, tostring(wb.properties.to_tree()))
