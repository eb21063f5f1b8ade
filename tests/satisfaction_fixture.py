"""The hand-written dossiers, ratings (with SIPAS and comments) and petitions of the satisfaction
page tests, as one-stop exports give them. The figures they must give are counted in the
docstring of ``tests/test_satisfaction_page.py``.

Ba Đình (00004), October 2026: D01–D08 early, D09 late, D10 overdue (due 15/10, still open).
Ngọc Hà (00008): E01 early, E02 in time (due 10/11). N01 (November) makes the data reach past
October, so October's as_of is its last moment. Ratings R01–R12 (Ba Đình), R21–R22 (Ngọc Hà),
R30 (September); petitions T01–T03 (Ba Đình). Comments sit on R05 and R10: they must never
appear on the page.
"""

from __future__ import annotations

DOSSIERS = """\
Mã hồ sơ,Mã xã,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,\
Số lần yêu cầu bổ sung
D01,00004,Hộ tịch,Trực tuyến,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D02,00004,Hộ tịch,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D03,00004,Hộ tịch,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D04,00004,Hộ tịch,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D05,00004,Chứng thực,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D06,00004,Chứng thực,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D07,00004,Chứng thực,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D08,00004,Chứng thực,Trực tiếp,05/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
D09,00004,Đất đai,Trực tiếp,05/10/2026 08:00,09/10/2026,12/10/2026 10:00,Đã trả kết quả,0
D10,00004,Đất đai,Trực tiếp,05/10/2026 08:00,15/10/2026,,Đang xử lý,0
E01,00008,Hộ tịch,Trực tiếp,06/10/2026 08:00,09/10/2026,08/10/2026 10:00,Đã trả kết quả,0
E02,00008,Đất đai,Trực tiếp,06/10/2026 08:00,10/11/2026,,Đang xử lý,0
N01,00008,Hộ tịch,Trực tiếp,02/11/2026 09:00,06/11/2026,03/11/2026 10:00,Đã trả kết quả,0
"""

COMMENTS = (
    "Rất nhanh gọn, cảm ơn cán bộ tiếp nhận",
    "Cán bộ Trần Thị Bích thái độ kém, gọi lại 0912345678",
)

RATINGS = f"""\
Mã đánh giá,Mã hồ sơ,Mã xã,Thời gian đánh giá,Mức độ hài lòng,Tiếp cận dịch vụ,\
Thủ tục hành chính,Công chức giải quyết,Kết quả,Tiếp nhận xử lý góp ý,Ý kiến
R01,D01,00004,08/10/2026 11:00,5,5,4,5,5,,
R02,D02,00004,08/10/2026 11:00,5,4,3,4,4,,
R03,D03,00004,08/10/2026 11:00,5,3,,,,,
R04,D04,00004,09/10/2026 11:00,5,,,,,,
R05,D05,00004,09/10/2026 11:00,4,,,,,,"{COMMENTS[0]}"
R06,D06,00004,09/10/2026 11:00,4,,,,,,
R07,D07,00004,10/10/2026 11:00,4,,,,,,
R08,,00004,10/10/2026 11:00,3,,,,,,
R09,D09,00004,10/10/2026 11:00,2,,,,,,
R10,D01,00004,13/10/2026 11:00,1,,,,,,"{COMMENTS[1]}"
R11,,00004,13/10/2026 11:00,5,,,,,,
R12,D02,00004,13/10/2026 11:00,4,,,,,,
R21,E01,00008,09/10/2026 11:00,5,,,,,,
R22,E01,00008,09/10/2026 11:00,4,,,,,,
R30,,00004,15/09/2026 11:00,4,,,,,,
"""

PETITIONS = """\
Mã phản ánh,Mã xã,Ngày tiếp nhận,Hạn xử lý,Ngày xử lý,Phân loại,Không hài lòng,Mã hồ sơ
T01,00004,06/10/2026 08:00,13/10/2026,10/10/2026 10:00,Thủ tục,Không,D03
T02,00004,07/10/2026 08:00,14/10/2026,20/10/2026 10:00,Cán bộ,Có,
T03,00004,08/10/2026 08:00,30/11/2026,,Khác,,
"""

FILES = {"ho_so.csv": DOSSIERS, "danh_gia.csv": RATINGS, "phan_anh.csv": PETITIONS}
