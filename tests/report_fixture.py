"""The hand-written dossiers of the periodic report's tests (as real exports would give them).

Two fields (Hộ tịch, Đất đai), two wards of Hà Nội (Ba Đình 00004, Ngọc Hà 00008) and one of
Quảng Ninh (Hạ Long 06688, in its own file, loaded with province 22). Q04 (December) only sets
the newest data time, 10:00 02/12/2026, so October and November are judged at their ends.
Each row's comment says what it is in October and in November (metrics.md §1–§2); the tests
(tests/test_report.py) count the report's cells from these comments.
"""

from __future__ import annotations

from pathlib import Path

from etl.loader import load_files

HEADER = (
    "Mã hồ sơ,Mã xã,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,"
    "Số lần yêu cầu bổ sung\n"
)
HA_NOI_ROWS = (
    # Ba Đình, Hộ tịch
    "R01,00004,Hộ tịch,Trực tuyến,01/10/2026 08:00,05/10/2026,02/10/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received online, early
    "R02,00004,Hộ tịch,Trực tiếp,02/10/2026 09:00,06/10/2026,06/10/2026 15:00,Đã trả kết quả,0",
    # ^ Oct: received in person, on time (ended on its due day)
    "R03,00004,Hộ tịch,Bưu chính,05/10/2026 08:00,07/10/2026,09/10/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received by post, late
    "R04,00004,Hộ tịch,Trực tiếp,25/09/2026 08:00,02/10/2026,01/10/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: carried over from September, early
    "R05,00004,Hộ tịch,Trực tuyến,20/10/2026 08:00,10/11/2026,12/11/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received online, in process within time; Nov: carried over, late
    "R06,00004,Hộ tịch,Trực tiếp,28/10/2026 08:00,30/10/2026,,Yêu cầu bổ sung giấy tờ,1",
    # ^ waiting for its single supplement, the clock stopped: Oct received, within time;
    #   Nov carried over, within time
    "R07,00004,Hộ tịch,,10/10/2026 08:00,15/10/2026,14/10/2026 10:00,Đã trả kết quả,2",
    # ^ no channel (in person, the national rule); two supplement requests: Oct late
    # Ba Đình, Đất đai
    "R08,00004,Đất đai,Trực tiếp,15/09/2026 08:00,10/10/2026,,Đang xử lý,0",
    # ^ Oct and Nov: carried over, in process overdue
    "R09,00004,Đất đai,Trực tuyến,03/10/2026 08:00,20/10/2026,20/10/2026 16:00,Đã trả kết quả,0",
    # ^ Oct: received online, on time
    "R10,00004,Đất đai,Bưu chính,06/10/2026 08:00,09/10/2026,12/10/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received by post, late
    "R11,00004,Đất đai,Trực tiếp,07/10/2026 08:00,,08/10/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received in person, resolved, no due date (no class)
    "R12,00004,Đất đai,Trực tiếp,05/11/2026 08:00,20/11/2026,18/11/2026 10:00,Đã trả kết quả,0",
    # ^ Nov: received in person, early
    "R13,00004,Đất đai,Trực tiếp,08/10/2026 08:00,,,Không được tiếp nhận,0",
    # ^ refused: never counted
    # Ngọc Hà
    "N01,00008,Hộ tịch,Trực tuyến,01/10/2026 08:00,03/10/2026,03/10/2026 09:00,Đã trả kết quả,0",
    # ^ Oct: received online, on time
    "N02,00008,Hộ tịch,Trực tiếp,29/10/2026 08:00,04/11/2026,03/11/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received in person, within time; Nov: carried over, early
    "N03,00008,Đất đai,Bưu chính,12/10/2026 08:00,14/10/2026,,Đang xử lý,0",
    # ^ Oct: received by post, overdue; Nov: carried over, overdue
    "N04,00008,Đất đai,Trực tiếp,02/11/2026 08:00,06/11/2026,05/11/2026 10:00,Đã trả kết quả,0",
    # ^ Nov: received in person, early
)
QUANG_NINH_ROWS = (
    "Q01,06688,Hộ tịch,Trực tuyến,01/10/2026 08:00,05/10/2026,02/10/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received online, early
    "Q02,06688,Đất đai,Trực tiếp,02/10/2026 08:00,04/10/2026,06/10/2026 10:00,Đã trả kết quả,0",
    # ^ Oct: received in person, late
    "Q03,06688,Đất đai,Trực tuyến,25/11/2026 08:00,30/12/2026,,Đang xử lý,0",
    # ^ Nov: received online, within time
    "Q04,06688,Hộ tịch,Trực tiếp,01/12/2026 08:00,05/12/2026,02/12/2026 10:00,Đã trả kết quả,0",
    # ^ December: only the newest data time
)


def _csv(rows: tuple[str, ...]) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


REPORT_FILES: dict[str, tuple[str, str]] = {
    "ha_noi.csv": (_csv(HA_NOI_ROWS), "01"),
    "quang_ninh.csv": (_csv(QUANG_NINH_ROWS), "22"),
}


def build(directory: Path) -> Path:
    """The report's warehouse in ``directory``, by the real loader (each file with its
    province, as its own load would be); every row lands, none rejected but R13 (refused is a
    status, not a rejection)."""
    db = directory / "motcua.duckdb"
    for name, (text, province) in REPORT_FILES.items():
        (directory / name).write_text(text, encoding="utf-8")
        result = load_files([directory / name], db=db, province=province)
        assert result.ok, result
        assert [f.rejected for f in result.files] == [0], result
    return db
