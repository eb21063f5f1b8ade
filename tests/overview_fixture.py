"""The hand-written dossiers both overview tests load (as a real export would give them).

P01–P07: October (and 1 November) 2026, the figures of the tests' docstrings. S01–S04: September
2026, all ended in September, so they change nothing in October and give October's comparison
period (September, 01/09–30/09) its figures: Ba Đình (00004) S01 early + S02 early (ended the
day before its due day) → 2/2 = 100%; Ngọc Hà (00008) S03 early, S04 late → 1/2 = 50%; city
received 4 (online S01, S04 → 50%), completed 4, early 3, late 1 → 3/4 = 75%.
"""

OVERVIEW_DOSSIERS = """\
Mã hồ sơ,Mã xã,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,\
Số lần yêu cầu bổ sung
P01,00004,Hộ tịch,Trực tuyến,05/10/2026 08:00,09/10/2026,08/10/2026 16:00,Đã trả kết quả,0
P02,00004,Hộ tịch,Trực tiếp,05/10/2026 08:30,09/10/2026,10/10/2026 09:00,Đã trả kết quả,0
P03,00004,Chứng thực,Trực tiếp,06/10/2026 09:00,20/10/2026,20/10/2026 10:00,Đã trả kết quả,0
P04,00004,Đất đai,Trực tuyến,07/10/2026 09:00,30/10/2026,,Đang xử lý,0
P05,00008,Đất đai,Trực tiếp,12/10/2026 09:00,05/11/2026,,Đang xử lý,0
P06,00008,Hộ tịch,Bưu chính,13/10/2026 09:00,20/10/2026,19/10/2026 15:00,Đã trả kết quả,0
P07,00008,Hộ tịch,Trực tiếp,01/11/2026 09:00,05/11/2026,02/11/2026 10:00,Đã trả kết quả,0
S01,00004,Hộ tịch,Trực tuyến,07/09/2026 08:00,11/09/2026,10/09/2026 10:00,Đã trả kết quả,0
S02,00004,Hộ tịch,Trực tiếp,08/09/2026 08:00,10/09/2026,09/09/2026 15:00,Đã trả kết quả,0
S03,00008,Chứng thực,Trực tiếp,09/09/2026 09:00,15/09/2026,14/09/2026 10:00,Đã trả kết quả,0
S04,00008,Đất đai,Trực tuyến,10/09/2026 09:00,20/09/2026,22/09/2026 10:00,Đã trả kết quả,0
"""
