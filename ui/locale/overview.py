"""English texts of the overview page and the components it shares (tiles, tables, league)."""

EN: dict[str, str] = {
    "Định nghĩa: {label}": "Definition: {label}",
    "Bảng số liệu": "Data table",
    "{sign}{delta} điểm %": "{sign}{delta} pp",
    "không đổi": "unchanged",
    "tăng": "up",
    "giảm": "down",
    "Dữ liệu đến {moment} · {wards}/{total} phường, xã có dữ liệu · Kỳ: {start} – {end}": (
        "Data up to {moment} · {wards}/{total} wards with data · Period: {start} – {end}"
    ),
    "Chạy ": "Run ",
    " để tạo dữ liệu mẫu, hoặc ": " to create demo data, or ",
    " để nạp dữ liệu của phường, xã; sau đó tải lại trang.": (
        " to load the wards' data; then reload the page."
    ),
    "so với {period}": "vs {period}",
    # the tables' grid (ui/grid.py): what a screen reader hears of its headers
    "Nhấn Enter để sắp xếp": "Press Enter to sort",
    "Cột": "Column",
    "Kỳ trước": "Previous period",
    "Cùng kỳ năm trước": "Same period last year",
    "theo ngày": "by day",
    "theo tuần": "by week",
    "theo tháng": "by month",
    "Xu hướng {grain} trong kỳ: từ {first} đến {last}": (
        "Trend {grain} in the period: from {first} to {last}"
    ),
    "Kỳ trước chuyển sang: {n}": "Carried over: {n}",
    "Đang giải quyết: {n} (quá hạn: {overdue})": "In process: {n} (overdue: {overdue})",
    "Giải quyết đúng/trước hạn: {rate}": "Resolved on time or early: {rate}",
    "{n} hồ sơ nộp trực tuyến": "{n} dossiers submitted online",
    "Không có hồ sơ nào trong các mốc thời gian của kỳ.": "No dossier in the period's buckets.",
    "Tỷ lệ đúng hạn và tỷ lệ trực tuyến {words}": "On-time rate and online share {words}",
    "Tiến độ giải quyết {words}": "Progress of dossiers {words}",
    "Số hồ sơ theo tiến độ giải quyết {words}": "Dossiers by progress {words}",
    "Thời gian": "Time",
    "Chia theo ngày, tuần hoặc tháng": "Split by day, week or month",
    "Chia theo": "Split by",
    "Xu hướng": "Trend",
    "Bảng xếp hạng phường, xã": "Ward league table",
    "Bảng xếp hạng tỉnh, thành phố": "Province league table",
    "Bản đồ tỉnh, thành phố": "Province map",
    "Mỗi điểm là một tỉnh, thành phố (trung tâm các phường, xã của tỉnh); màu và hình cho biết "
    "tỷ lệ đúng hạn so với mục tiêu, kích thước theo số hồ sơ phải giải quyết. Bấm vào điểm để "
    "mở trang tổng quan của tỉnh. Số liệu dạng bảng: ": (
        "Each point is a province (the centre of its wards); colour and shape show the on-time "
        "rate against its target, size the dossiers to process. Click a point to open the "
        "province's overview. The same figures as a table: "
    ),
    "Mỗi điểm là một phường, xã (vị trí trung tâm); màu và hình cho biết tỷ lệ đúng "
    "hạn so với mục tiêu, kích thước theo số hồ sơ phải giải quyết. Bấm vào điểm để "
    "mở trang phường, xã. Số liệu dạng bảng: ": (
        "Each point is a ward (its centre); colour and shape give the on-time rate against the "
        "target, size the dossiers to process. Click a point to open the ward's page. As a "
        "table: "
    ),
    "Bản đồ phường, xã": "Ward map",
    "Toàn bộ phường, xã": "All wards",
    "Mục tiêu {label} {target}": "Target {label} {target}",
    "<b>{name}</b><br>Tỷ lệ đúng hạn: {rate}<br>Tiếp nhận mới: {received} · Quá hạn: {overdue}": (
        "<b>{name}</b><br>On-time rate: {rate}<br>Received: {received} · Overdue: {overdue}"
    ),
    "Tỷ lệ đúng hạn: ": "On-time rate: ",
    "Hạng": "Rank",
    "Phường, xã": "Ward",
    "Giải quyết đúng/trước hạn": "Resolved on time or early",
    "Tỷ lệ trực tuyến": "Online share",
    "Đang quá hạn": "Overdue",
    "Thay đổi hạng": "Rank change",
    "không có hạng kỳ trước": "no previous rank",
    "lên {n} bậc": "up {n} places",
    "xuống {n} bậc": "down {n} places",
    "giữ nguyên hạng": "same rank",
    "Sắp xếp theo {column}": "Sort by {column}",
    "Xếp hạng theo tỷ lệ đúng hạn; màu ô so với mục tiêu: {legend}. Bấm tiêu "
    "đề cột để sắp xếp; phường, xã chưa có dữ liệu luôn ở cuối.": (
        "Ranked by on-time rate; cell colour against target: {legend}. Click a column header to "
        "sort; wards without data always come last."
    ),
    "Tham số trên địa chỉ trang không hợp lệ": "Invalid parameters in the page address",
    "Tải Excel": "Download Excel",
    "Tải CSV": "Download CSV",
    "Tải các bảng của trang về một tệp Excel (.xlsx), mỗi bảng một trang tính": (
        "Download the page's tables as one Excel file (.xlsx), one sheet per table"
    ),
    "Tải về CSV (UTF-8, dấu phẩy); nhiều bảng: tệp .zip, mỗi bảng một CSV": (
        "Download as CSV (UTF-8, comma separated); several tables: a .zip, one CSV per table"
    ),
    "Tải dữ liệu của các bảng trên trang, theo kỳ và bộ lọc đang chọn.": (
        "Download the data of the page's tables, for the chosen period and filters."
    ),
    # the due-soon line (its label, "Sắp đến hạn", is a metric's: ui/locale/metrics.py)
    " (trong {days} ngày làm việc tới): {n} hồ sơ": (
        " (within the next {days} working days): {n} dossiers"
    ),
    " tại cuối kỳ (trong {days} ngày làm việc sau ngày {day}): {n} hồ sơ": (
        " at the end of the period (within {days} working days after {day}): {n} dossiers"
    ),
    # the export group's name; the command's placeholder when nothing is loaded
    "Tải dữ liệu": "Download data",
    "python -m etl load TỆP…": "python -m etl load FILE…",
}
