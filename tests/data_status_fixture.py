# ruff: noqa: E501  (the CSV lines are kept whole, as a file would hold them)
"""The files the data page's tests load, in three batches, by the real loader.

Batch 1 — ``ho_so_ba_dinh.csv`` (run 1, ok): Ba Đình (00004); lines 3 (31/02/2026) and 6 (ended
before received) rejected; the personal-data columns (Họ tên người nộp, Số CCCD) dropped at read
time. Read 5, inserted 3, rejected 2. Ba Đình's newest dossier: B04, Thursday 29/10/2026 10:00.

Batch 2 — ``ho_so_bo_sung.csv`` (run 2, skipped) and ``sai_ngay.csv`` (run 3, refused: 3 of 4
rows rejected, more than 50%): nothing of the batch lands.

Batch 3 — ``ho_so_ngoc_ha.csv`` (run 4: Ngọc Hà 00008, line 4 rejected, "hôm qua") and
``ho_so_cua_nam.csv`` (run 5: Cửa Nam 00073, one dossier on Thursday 05/11/2026 and one refused
at the counter in October, which is not "received", metrics.md). The warehouse's newest record is
N02, Friday 06/11/2026 10:00.

Coverage for October 2026 (calendar: no holiday from 29/10 to 06/11; 31/10, 1/11 a weekend):
Ba Đình received 3, silent 6 working days (30/10, 2–6/11) → stopped at N = 5 or 6, not at 7;
Ngọc Hà received 1, silent 0 → neither list; Cửa Nam received 0 in October, silent 1 → no data
this period, not stopped; Hà Nội's 123 other wards have no dossier at all → no data, not stopped.
"""

from __future__ import annotations

from pathlib import Path

from etl.loader import BatchResult, load_files

BA_DINH, NGOC_HA, CUA_NAM = "00004", "00008", "00073"
PERSON, ID_NUMBER = "Nguyễn Văn Thử", "001203004567"

HEADER = "Mã hồ sơ,Mã xã,Họ tên người nộp,Số CCCD,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n"
BA_DINH_FILE = (
    HEADER
    + f"""\
B01,00004,{PERSON},{ID_NUMBER},Hộ tịch,05/10/2026 08:00,09/10/2026,08/10/2026 16:00,Đã trả kết quả
B02,00004,{PERSON},{ID_NUMBER},Hộ tịch,31/02/2026,09/10/2026,,Đang xử lý
B03,00004,{PERSON},{ID_NUMBER},Chứng thực,20/10/2026 09:00,23/10/2026,22/10/2026 10:00,Đã trả kết quả
B04,00004,{PERSON},{ID_NUMBER},Đất đai,29/10/2026 10:00,05/11/2026,,Đang xử lý
B05,00004,{PERSON},{ID_NUMBER},Đất đai,30/10/2026 09:00,05/11/2026,29/10/2026 09:00,Đã trả kết quả
"""
)
SUPPLEMENT_FILE = HEADER + "S01,00073,,,Hộ tịch,05/11/2026 08:00,09/11/2026,,Đang xử lý\n"
REFUSED_FILE = (
    HEADER
    + """\
R01,00073,,,Hộ tịch,05/10/2026 08:00,09/10/2026,,Đang xử lý
R02,00073,,,Hộ tịch,31/02/2026,,,Đang xử lý
R03,00073,,,Hộ tịch,x,,,Đang xử lý
R04,00073,,,Hộ tịch,30/02/2026,,,Đang xử lý
"""
)
NGOC_HA_FILE = (
    HEADER
    + """\
N01,00008,,,Hộ tịch,12/10/2026 09:00,16/10/2026,15/10/2026 10:00,Đã trả kết quả
N02,00008,,,Hộ tịch,06/11/2026 10:00,12/11/2026,,Đang xử lý
N03,00008,,,Hộ tịch,hôm qua,,,Đang xử lý
"""
)
CUA_NAM_FILE = (
    HEADER
    + """\
C01,00073,,,Hộ tịch,05/11/2026 09:00,09/11/2026,,Đang xử lý
C02,00073,,,Hộ tịch,20/10/2026 09:00,,,3
"""
)

FEB_2026 = "ngày không tồn tại (tháng 2/2026 chỉ có 28 ngày)"
ENDED_BEFORE = "ngày có kết quả trước ngày tiếp nhận"
MALFORMED = "ngày giờ không hợp lệ (cần ngày/tháng/năm)"

BATCHES: tuple[dict[str, str], ...] = (
    {"ho_so_ba_dinh.csv": BA_DINH_FILE},
    {"ho_so_bo_sung.csv": SUPPLEMENT_FILE, "sai_ngay.csv": REFUSED_FILE},
    {"ho_so_ngoc_ha.csv": NGOC_HA_FILE, "ho_so_cua_nam.csv": CUA_NAM_FILE},
)


def write(directory: Path, name: str) -> Path:
    """One of the fixture's files, written in ``directory``."""
    text = next(batch[name] for batch in BATCHES if name in batch)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def build(directory: Path, db: Path) -> list[BatchResult]:
    """Load the three batches into ``db`` (which may be a copy of the empty warehouse)."""
    results = []
    for batch in BATCHES:
        results.append(load_files([write(directory, name) for name in batch], db=db))
    assert [r.ok for r in results] == [True, False, True], results
    return results
