# ruff: noqa: E501  (the CSV lines are kept whole, as a file would hold them)
"""The hand-written files the "due soon" tests load (metrics.md §2, README "Due soon").

Due soon = in time at as_of (not waiting for its single supplement) and at most N working days
after as_of's day up to the due day ("working days left"), N = 2 unless said otherwise. The
working-day calendar of late April 2026 (``holidays``, Vietnam), wd_seq in brackets:

    Thu 23/4 [75] · Fri 24/4 [76] · Sat 25/4, Sun 26/4 (Giỗ Tổ Hùng Vương), Mon 27/4 (its day
    off in lieu) [76] · Tue 28/4 [77] · Wed 29/4 [78] · Thu 30/4 (Chiến thắng), Fri 1/5 (Lao
    động), Sat 2/5, Sun 3/5 [78] · Mon 4/5 [79] · Tue 5/5 [80]

Ba Đình (00004), every dossier received in April 2026 (D14 has no due date: its procedure CT5
takes 5 working days from Monday 20/4 [72] → [77] = end of Tuesday 28/4):

| id  | received    | due (effective)          | ended / status          | at Fri 24/4 16:00 (N=2)       |
|-----|-------------|--------------------------|-------------------------|-------------------------------|
| D01 | 20/04 08:00 | 24/04 end of day         | open                    | due soon, 0 working days left |
| D02 | 20/04 08:30 | 24/04 12:00              | open                    | overdue already: no           |
| D03 | 20/04 09:00 | 25/04 (Saturday)         | open                    | due soon, 0                   |
| D04 | 20/04 09:30 | 27/04 (day off in lieu)  | open                    | due soon, 0                   |
| D05 | 21/04 08:00 | 28/04 (Tuesday)          | open                    | due soon, 1                   |
| D06 | 21/04 08:30 | 29/04 (Wednesday)        | open                    | due soon, 2                   |
| D07 | 21/04 09:00 | 30/04 (holiday)          | open                    | due soon, 2 (no working day   |
|     |             |                          |                         | between Wednesday and it)     |
| D08 | 21/04 09:30 | 04/05 (Monday)           | open                    | 3: not due soon               |
| D09 | 22/04 08:00 | 28/04                    | waiting, 1 supplement   | clock stopped: no             |
| D10 | 22/04 08:30 | 28/04                    | open, 2 supplements     | overdue: no                   |
| D11 | 22/04 09:00 | 28/04                    | ended 24/04 10:00       | ended: no                     |
| D12 | 15/04 08:00 | 21/04 + 7 paused = 28/04 | open                    | due soon, 1 (overdue unpaused)|
| D13 | 22/04 09:30 | 29/04 + 5 paused = 04/05 | open                    | 3: no (due soon unpaused)     |
| D14 | 20/04 10:00 | catalogue: 28/04         | open                    | due soon, 1                   |
| D15 | 23/04 08:00 | 28/04                    | ended 28/04 10:00       | open at as_of: due soon, 1    |
| D16 | 24/04 17:00 | 28/04                    | open                    | received after as_of: no      |

Ngọc Hà (00008): N01 received 20/04, due 29/04, open (due soon, 2 at 24/4 16:00); N02 received
20/04, due 23/04, open (overdue at 24/4 16:00; in time at the very end of 23/4, 0 left). Tết
2026 (Mon 16/2 – Fri 20/2 off, with the weekends Sat 14/2 – Sun 22/2 [31]; Fri 13/2 [31], Mon
23/2 [32], Tue 24/2 [33], Wed 25/2 [34]): T01–T06 received 10/02 09:00, due 13/02, 14/02
(Saturday), 17/02 (Tết), 23/02, 24/02, 25/02, all ended 27/02 10:00: at Friday 13/2 10:00 with
N=2, T01–T05 are due soon (0, 0, 0, 1, 2 working days left), T06 is not (3).

The newest record is D15's end, 28/04 10:00, so as_of is "now" for any earlier clock, and the
pages (the real clock) judge April at 28/04 10:00 and 1–23/04 at the end of 23/04.
"""

DUE_SOON_PROCEDURES = """\
Mã TTHC,Tên TTHC,Lĩnh vực,Thời hạn giải quyết
CT5,Chứng thực hợp đồng,Chứng thực,5
"""

DUE_SOON_DOSSIERS = """\
Mã hồ sơ,Mã xã,Lĩnh vực,Mã TTHC,Tên TTHC,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Số lần yêu cầu bổ sung,Số ngày tạm dừng
D01,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,20/04/2026 08:00,24/04/2026,,Đang xử lý,0,
D02,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,20/04/2026 08:30,24/04/2026 12:00,,Đang xử lý,0,
D03,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tuyến,20/04/2026 09:00,25/04/2026,,Đang xử lý,0,
D04,00004,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,20/04/2026 09:30,27/04/2026,,Đang xử lý,0,
D05,00004,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,21/04/2026 08:00,28/04/2026,,Đang xử lý,0,
D06,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,21/04/2026 08:30,29/04/2026,,Đang xử lý,0,
D07,00004,Đất đai,DD1,Cấp giấy chứng nhận,Trực tuyến,21/04/2026 09:00,30/04/2026,,Đang xử lý,0,
D08,00004,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,21/04/2026 09:30,04/05/2026,,Đang xử lý,0,
D09,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,22/04/2026 08:00,28/04/2026,,Chờ bổ sung,1,
D10,00004,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,22/04/2026 08:30,28/04/2026,,Đang xử lý,2,
D11,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,22/04/2026 09:00,28/04/2026,24/04/2026 10:00,Đã trả kết quả,0,
D12,00004,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,15/04/2026 08:00,21/04/2026,,Đang xử lý,0,7
D13,00004,Đất đai,DD1,Cấp giấy chứng nhận,Trực tiếp,22/04/2026 09:30,29/04/2026,,Đang xử lý,0,5
D14,00004,Chứng thực,CT5,Chứng thực hợp đồng,Trực tiếp,20/04/2026 10:00,,,Đang xử lý,0,
D15,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,23/04/2026 08:00,28/04/2026,28/04/2026 10:00,Đã trả kết quả,0,
D16,00004,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,24/04/2026 17:00,28/04/2026,,Đang xử lý,0,
N01,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,20/04/2026 08:00,29/04/2026,,Đang xử lý,0,
N02,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,20/04/2026 08:00,23/04/2026,,Đang xử lý,0,
T01,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,10/02/2026 09:00,13/02/2026,27/02/2026 10:00,Đã trả kết quả,0,
T02,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,10/02/2026 09:00,14/02/2026,27/02/2026 10:00,Đã trả kết quả,0,
T03,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,10/02/2026 09:00,17/02/2026,27/02/2026 10:00,Đã trả kết quả,0,
T04,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,10/02/2026 09:00,23/02/2026,27/02/2026 10:00,Đã trả kết quả,0,
T05,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,10/02/2026 09:00,24/02/2026,27/02/2026 10:00,Đã trả kết quả,0,
T06,00008,Hộ tịch,HT1,Đăng ký khai sinh,Trực tiếp,10/02/2026 09:00,25/02/2026,27/02/2026 10:00,Đã trả kết quả,0,
"""

FILES = {"thu_tuc.csv": DUE_SOON_PROCEDURES, "ho_so.csv": DUE_SOON_DOSSIERS}
