# ruff: noqa: E501  (the CSV lines are kept whole, as a file would hold them)
"""The hand-written files the ward page tests load (as a real export would give them).

Ba Đình (00004), October 2026 (as_of = end of October: the newest record, X01, is 02/11 10:00):

| id  | field      | received    | due    | ended        | class at as_of                       |
|-----|------------|-------------|--------|--------------|--------------------------------------|
| W01 | Hộ tịch    | 05/10 08:00 | 09/10  | 08/10 16:00  | early                                |
| W02 | Hộ tịch    | 05/10 08:30 | 09/10  | 12/10 09:00  | late, 2 d 9 h past due → 3 days      |
| W03 | Chứng thực | 06/10 09:00 | 20/10  | 20/10 10:00  | on time                              |
| W04 | Đất đai    | 07/10 09:00 | 20/10  | open         | overdue, 31/10 end − 20/10 end = 11  |
| W05 | Đất đai    | 08/10 09:00 | 30/10  | 02/11 (after)| overdue at as_of, 1 day; no end shown|
| W06 | Đất đai    | 09/10 09:00 | 25/10  | 15/10 10:00  | late: 2 supplement requests, 0 days  |
| W07 | Hộ tịch    | 12/10 09:00 | 14/10  | open         | in time: waiting for 1 supplement    |
| W08 | Hộ tịch    | 20/10 09:00 | 05/11  | open         | in time                              |
| W09 | Đất đai    | 15/09 09:00 | 25/09  | open         | carried over, overdue 36 days        |

W04, W05, W06 are inter-agency (late inter-agency: W06 only, the one late). Online: W01, W04.
Ngọc Hà (00008): N01 early, N02 on time (postal), X01 received in November.

Before July 2025, named by the old ward and district (no code; the crosswalk maps both
Phường Trúc Bạch and Phường Quán Thánh of Quận Ba Đình onto today's Phường Ba Đình):
H01 Trúc Bạch 10/03/2024, due 15/03, ended 14/03 (early, 2024); H02 Trúc Bạch 20/12/2024, due
27/12, ended 06/01/2025 (overdue at the end of 2024, late in 2025); H03 Quán Thánh 05/02/2025,
due 10/02, ended 10/02 11:00 (on time); H04 Quán Thánh 03/03/2025, due 05/03, ended 07/03 (late).

Ratings (October, Ba Đình): W01 5, W03 4, W02 2.
"""

DOSSIER_HEADER = (
    "Mã hồ sơ,Mã xã,Phường/Xã,Quận/Huyện,Lĩnh vực,Mã TTHC,Tên TTHC,Kênh nộp,Ngày tiếp nhận,"
    "Ngày hẹn trả,Ngày có kết quả,Trạng thái,Số lần yêu cầu bổ sung,Liên thông\n"
)
WARD_DOSSIERS = (
    DOSSIER_HEADER
    + """\
W01,00004,,,Hộ tịch,HT1,Đăng ký khai sinh,Trực tuyến,05/10/2026 08:00,09/10/2026,08/10/2026 16:00,Đã trả kết quả,0,Không
W02,00004,,,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,05/10/2026 08:30,09/10/2026,12/10/2026 09:00,Đã trả kết quả,0,Không
W03,00004,,,Chứng thực,CT1,Chứng thực bản sao,Trực tiếp,06/10/2026 09:00,20/10/2026,20/10/2026 10:00,Đã trả kết quả,0,Không
W04,00004,,,Đất đai,DD1,Cấp giấy chứng nhận,Trực tuyến,07/10/2026 09:00,20/10/2026,,Đang xử lý,0,Có
W05,00004,,,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,08/10/2026 09:00,30/10/2026,02/11/2026 09:00,Đã trả kết quả,0,Có
W06,00004,,,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,09/10/2026 09:00,25/10/2026,15/10/2026 10:00,Đã trả kết quả,2,Có
W07,00004,,,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,12/10/2026 09:00,14/10/2026,,Chờ bổ sung,1,Không
W08,00004,,,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,20/10/2026 09:00,05/11/2026,,Đang xử lý,0,Không
W09,00004,,,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,15/09/2026 09:00,25/09/2026,,Đang xử lý,0,Không
N01,00008,,,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,12/10/2026 09:00,16/10/2026,15/10/2026 10:00,Đã trả kết quả,0,Không
N02,00008,,,Hộ tịch,HT1,Đăng ký khai sinh,Bưu chính,13/10/2026 09:00,20/10/2026,20/10/2026 15:00,Đã trả kết quả,0,Không
X01,00008,,,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,02/11/2026 10:00,06/11/2026,,Đang xử lý,0,Không
H01,,Phường Trúc Bạch,Quận Ba Đình,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,10/03/2024 08:00,15/03/2024,14/03/2024 10:00,Đã trả kết quả,0,Không
H02,,Phường Trúc Bạch,Quận Ba Đình,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,20/12/2024 08:00,27/12/2024,06/01/2025 10:00,Đã trả kết quả,0,Không
H03,,Phường Quán Thánh,Quận Ba Đình,Chứng thực,CT1,Chứng thực bản sao,Trực tiếp,05/02/2025 09:00,10/02/2025,10/02/2025 11:00,Đã trả kết quả,0,Không
H04,,Phường Quán Thánh,Quận Ba Đình,Chứng thực,CT1,Chứng thực bản sao,Trực tiếp,03/03/2025 09:00,05/03/2025,07/03/2025 10:00,Đã trả kết quả,0,Không
"""
)

WARD_RATINGS = """\
Mã đánh giá,Mã hồ sơ,Mã xã,Thời gian đánh giá,Mức độ hài lòng
R1,W01,00004,08/10/2026 17:00,5
R2,W03,00004,20/10/2026 11:00,4
R3,W02,00004,12/10/2026 10:00,2
"""
