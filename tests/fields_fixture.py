"""The hand-written dossiers of the fields page's tests (as a real export would give them).

October 2026, Ba Đình (00004) and Ngọc Hà (00008); F11 (November) only sets the newest data
time (10:00 03/11/2026). The figures are counted by hand in ``tests/test_fields_page.py``.
"""

FIELDS_DOSSIERS = """\
Mã hồ sơ,Mã xã,Lĩnh vực,Mã TTHC,Tên TTHC,Kênh nộp,Mức độ,Ngày tiếp nhận,Ngày hẹn trả,\
Ngày có kết quả,Trạng thái,Số lần yêu cầu bổ sung,Liên thông
F01,00004,Đất đai,1.001193,Đăng ký đất đai lần đầu,Trực tuyến,4,01/10/2026 08:00,10/10/2026,\
15/10/2026 10:00,Đã trả kết quả,0,Có
F02,00004,Đất đai,1.001193,Đăng ký đất đai lần đầu,Trực tiếp,,02/10/2026 08:00,12/10/2026,\
20/10/2026 10:00,Đã trả kết quả,0,Có
F03,00008,Đất đai,1.001193,Đăng ký đất đai lần đầu,Trực tuyến,3,05/10/2026 08:00,09/10/2026,\
08/10/2026 10:00,Đã trả kết quả,0,Không
F04,00008,Đất đai,1.004227,Chuyển mục đích sử dụng đất,Trực tiếp,,06/10/2026 08:00,20/10/2026,\
,Đang xử lý,0,Không
F05,00004,Đất đai,1.004227,Chuyển mục đích sử dụng đất,Trực tiếp,,07/10/2026 08:00,14/10/2026,\
16/10/2026 10:00,Đã trả kết quả,0,Không
F06,00004,Hộ tịch,1.000656,Đăng ký khai sinh,Trực tuyến,4,05/10/2026 08:00,09/10/2026,\
09/10/2026 10:00,Đã trả kết quả,0,Không
F07,00008,Hộ tịch,1.000656,Đăng ký khai sinh,Trực tuyến,4,12/10/2026 08:00,16/10/2026,\
15/10/2026 10:00,Đã trả kết quả,0,Không
F08,00008,Hộ tịch,1.000656,Đăng ký khai sinh,Trực tiếp,,13/10/2026 08:00,15/10/2026,\
17/10/2026 10:00,Đã trả kết quả,0,Có
F09,00004,Chứng thực,2.000815,Chứng thực bản sao từ bản chính,Trực tiếp,,20/10/2026 08:00,\
21/10/2026,21/10/2026 09:00,Đã trả kết quả,0,Không
F10,00004,Chứng thực,,,Trực tiếp,,22/10/2026 08:00,05/11/2026,,Đang xử lý,0,Không
F11,00008,Hộ tịch,1.000656,Đăng ký khai sinh,Trực tiếp,,02/11/2026 09:00,06/11/2026,\
03/11/2026 10:00,Đã trả kết quả,0,Không
"""
