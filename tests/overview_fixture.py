"""The seven hand-written dossiers both overview tests load (as a real export would give them)."""

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
"""
