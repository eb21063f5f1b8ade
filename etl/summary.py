"""What a load says when it is done: the summary ``python -m etl load`` prints, as data.

One place builds it, so the command line (etl/cli.py, which prints it with rich) and the data
page's upload (etl/upload.py, pages/data_status.py) say the same thing about the same load: a
row per file (read, inserted, updated, unchanged, rejected, status) and the notes under it
(in-file duplicates, dropped personal-data columns, unknown columns, the top reject reasons
with their first rows). Vietnamese, like the rest of the loader's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.loader import BatchResult, RejectExample, RejectReason
from marks import N_, NP_

HEADERS = (
    N_("Tệp"),
    NP_("data", "Loại"),  # "Kind" in English, where the methodology's "Loại" is a "Class"
    N_("Đọc"),
    N_("Thêm mới"),
    N_("Cập nhật"),
    N_("Không đổi"),
    N_("Bị loại"),
    N_("Trạng thái"),
)
TEXT_COLUMNS = ("Tệp", "Loại", "Trạng thái")  # left-aligned; the counts are right-aligned
STATUS_WORDS = {"ok": N_("đã nạp"), "refused": N_("bị từ chối"), "skipped": N_("bỏ qua")}
REJECTS_HINT = "Chi tiết dòng bị loại: python -m etl status (bảng etl_rejects)."


def n(value: int) -> str:
    """A count the Vietnamese way: ``12.439``."""
    return f"{value:,}".replace(",", ".")


def _quote(example: RejectExample) -> str:
    """``5 (Ngày tiếp nhận = '31/02/2026')``: a rejected row's line, column and value."""
    column = example.column or "—"
    if example.value is None:
        return f"{example.line} ({column} trống)"
    value = " ".join(example.value.split())  # a cell spanning lines stays on one line
    if len(value) > 40:
        value = value[:39] + "…"
    return f"{example.line} ({column} = '{value}')"


def reason_line(name: str, reason: RejectReason) -> str:
    """One reject reason of a file: how many rows, why, and where the first ones are.

    ``• ho_so.csv: 12 dòng: ngày giờ không hợp lệ (…) — dòng 5 (Ngày tiếp nhận = 'x'), 9 (…), …``
    """
    quoted = ", ".join(_quote(e) for e in reason.examples)
    more = ", …" if reason.rows > len({e.line for e in reason.examples}) else ""
    return f"• {name}: {n(reason.rows)} dòng: {reason.reason} — dòng {quoted}{more}"


@dataclass(frozen=True)
class FileRow:
    """One file's line of the summary table: the cells of :data:`HEADERS`, and its status."""

    cells: tuple[str, ...]
    status: str  # ok | refused | skipped


@dataclass(frozen=True)
class Note:
    """One line under the table; ``from_file`` when it quotes the file's own text (values, a
    reason naming a value), which must never be read as markup."""

    text: str
    from_file: bool = False


def file_rows(result: BatchResult) -> list[FileRow]:
    """The summary table: one row per file of the batch, in the order they were given."""
    return [
        FileRow(
            (
                Path(f.source).name,
                f.kind or "—",
                n(f.rows_read),
                n(f.inserted),
                n(f.updated),
                n(f.unchanged),
                n(f.rejected),
                STATUS_WORDS.get(f.status, f.status),
            ),
            f.status,
        )
        for f in result.files
    ]


def notes(result: BatchResult) -> list[Note]:
    """The lines under the table, file by file (without the closing :data:`REJECTS_HINT`)."""
    lines: list[Note] = []
    for f in result.files:
        name = Path(f.source).name
        if f.duplicates:
            kept = f"• {name}: {n(f.duplicates)} dòng trùng mã trong tệp, giữ bản mới nhất"
            lines.append(Note(kept))
        if f.dropped_columns:
            cols = ", ".join(f.dropped_columns)
            lines.append(Note(f"• {name}: đã bỏ cột dữ liệu cá nhân (không lưu): {cols}"))
        if f.unknown_columns:
            lines.append(Note(f"• {name}: cột không dùng: {', '.join(f.unknown_columns)}"))
        lines += [Note(reason_line(name, reason), from_file=True) for reason in f.top_reasons]
    return lines


def has_stored_rejects(result: BatchResult) -> bool:
    """Whether some file that landed had rejected rows (the CLI then points to etl_rejects)."""
    return bool(result.files) and any(f.rejected for f in result.files if f.status == "ok")
