"""English texts of the report page (``/bao-cao``): the table, its header, notes and files."""

EN: dict[str, str] = {
    "Báo cáo": "Report",
    "page|Báo cáo": "Report",
    "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính": (
        "Report on the handling of administrative procedures"
    ),
    "Theo cấu trúc Biểu II.06a, tính từ hồ sơ đã nạp vào Một Cửa": (
        "In the structure of form II.06a, computed from the dossiers loaded into Một Cửa"
    ),
    "Kỳ báo cáo: {start} – {end}": "Period: {start} – {end}",
    "Đơn vị: {name}": "Unit: {name}",
    "Dữ liệu đến {moment}": "Data up to {moment}",
    " · hồ sơ đang giải quyết tính tại {moment}": " · dossiers in process judged at {moment}",
    # the header
    "Số hồ sơ nhận giải quyết": "Dossiers to process",
    "to_process|Tổng số": "Total",
    "completed|Tổng số": "Total",
    "in_process|Tổng số": "Total",
    "Tổng số": "Total",
    "Tiếp nhận trong kỳ": "Received in the period",
    "Cộng": "Subtotal",
    "Trực tiếp, bưu chính": "In person or by post",
    "Từ kỳ trước chuyển sang": "Carried over from before",
    "Số hồ sơ đã giải quyết": "Dossiers resolved",
    "late|Quá hạn": "Late",
    "Số hồ sơ đang giải quyết": "Dossiers in process",
    "Trong hạn": "Within time",
    "overdue|Quá hạn": "Overdue",
    "Tổng cộng": "Total",
    # notes and files
    "Tổng số hồ sơ nhận giải quyết = Tiếp nhận trong kỳ + Từ kỳ trước chuyển sang = Số hồ sơ "
    "đã giải quyết + Số hồ sơ đang giải quyết. Định nghĩa từng cột: trang Phương pháp "
    "(/phuong-phap).": (
        "Dossiers to process = Received in the period + Carried over from before = Dossiers "
        "resolved + Dossiers in process. Each column's definition: the Methodology page "
        "(/phuong-phap)."
    ),
    "{count} hồ sơ không có ngày hẹn trả: được tính trong Tổng số (đã giải quyết hoặc đang "
    "giải quyết) nhưng không xếp vào Trước hạn, Đúng hạn, Quá hạn, Trong hạn.": (
        "{count} dossiers have no due date: they count in the totals (resolved or in process) "
        "but in none of Early, On time, Late, Within time, Overdue."
    ),
    "Không có ngày hẹn trả": "No due date",
}
