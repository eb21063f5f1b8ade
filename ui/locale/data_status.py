"""English texts of the data page (``/du-lieu``): coverage, load history, rejected rows, upload.

The loader's own words (a run's message, a reject's reason, the summary's lines) are data in
Vietnamese, as the command line prints them; the page marks them ``lang="vi"``.
"""

EN: dict[str, str] = {
    "page|Dữ liệu": "Data",
    "Dữ liệu": "Data",
    "Dữ liệu – Một Cửa": "Data – Một Cửa",
    "Dòng bị loại – Một Cửa": "Rejected rows – Một Cửa",
    # coverage
    "Độ mới và độ phủ dữ liệu": "Freshness and coverage",
    "Dữ liệu đến {moment} · {wards}/{total} phường, xã có hồ sơ tiếp nhận trong kỳ · "
    "Kỳ: {start} – {end}": "Data up to {moment} · {wards}/{total} wards received dossiers in "
    "the period · Period: {start} – {end}",
    "Phường, xã ngừng gửi dữ liệu ({n})": "Wards whose data stopped arriving ({n})",
    "Có hồ sơ trước đây nhưng không có hồ sơ tiếp nhận mới trong {days} ngày làm việc gần "
    "nhất, tính đến ngày của dữ liệu mới nhất ({day}).": "They had dossiers before, but none "
    "received in the last {days} working days, counted to the day of the newest data ({day}).",
    ": hồ sơ mới nhất lúc {moment}, {days} ngày làm việc không có hồ sơ mới": (
        ": newest dossier at {moment}, {days} working days without a new one"
    ),
    "Phường, xã không có hồ sơ trong kỳ ({n})": "Wards with no dossier in the period ({n})",
    "Không có phường, xã nào.": "None.",
    "Bảng độ phủ theo phường, xã": "Coverage by ward (table)",
    "Độ phủ dữ liệu theo phường, xã: ngừng gửi trước, rồi không có hồ sơ trong kỳ.": (
        "Coverage by ward: stopped first, then those with no dossier in the period."
    ),
    "Hồ sơ mới nhất": "Newest dossier",
    "Tiếp nhận trong kỳ": "Received in the period",
    "Ngày làm việc không có hồ sơ mới": "Working days without a new dossier",
    "Ngừng gửi dữ liệu": "Stopped sending",
    "Không có hồ sơ trong kỳ": "No dossier in the period",
    "Có dữ liệu": "Sending",
    "Mã phường, xã": "Ward code",
    "Độ phủ": "Coverage",
    "Độ mới và độ phủ dữ liệu theo phường, xã": "Freshness and coverage by ward",
    "Kỳ: {start} – {end} · Dữ liệu đến {moment} · Ngừng gửi dữ liệu: không có hồ sơ tiếp "
    "nhận mới trong {days} ngày làm việc gần nhất.": "Period: {start} – {end} · Data up to "
    "{moment} · Stopped sending: no dossier received in the last {days} working days.",
    # load history
    "Lịch sử nạp dữ liệu": "Load history",
    "Lịch sử nạp": "Load history",
    "Chưa có lần nạp nào.": "Nothing has been loaded yet.",
    "Các lần nạp dữ liệu, mới nhất trước: {shown}/{total}. Mã kiểm tra là 12 ký tự đầu "
    "của SHA-256 của tệp (rê chuột để xem đủ).": "Loads, newest first: {shown}/{total}. The "
    "checksum is the first 12 characters of the file's SHA-256 (hover to see it whole).",
    "Lần nạp": "Run",
    "Lúc": "At",
    "Bắt đầu": "Started",
    "Kết thúc": "Finished",
    "Tệp": "File",
    "Mã kiểm tra (SHA-256)": "Checksum (SHA-256)",
    "data|Loại": "Kind",
    "Đọc": "Read",
    "Thêm mới": "Inserted",
    "Cập nhật": "Updated",
    "Không đổi": "Unchanged",
    "Bị loại": "Rejected",
    "Trạng thái": "Status",
    "Thông báo": "Message",
    "Thời gian nạp": "Duration",
    "Thời gian nạp (giây)": "Duration (seconds)",
    "{seconds} giây": "{seconds} s",
    "Đã nạp": "Loaded",
    "Bị từ chối": "Refused",
    "Bỏ qua": "Skipped",
    "Hồ sơ": "Dossiers",
    "Đánh giá": "Ratings",
    "Phản ánh": "Petitions",
    # rejected rows
    "Dòng bị loại": "Rejected rows",
    "Mỗi dòng của tệp không nạp được: số dòng trong tệp (dòng tiêu đề là dòng 1), cột như tên "
    "trong tệp, giá trị như đã nhập và lý do, để nơi lập tệp sửa lại.": "Each row of a file "
    "that could not be loaded: its line in the file (the header is line 1), the column as the "
    "file names it, the value as typed and the reason, for whoever made the file to fix it.",
    "Giá trị của dòng bị loại chỉ hiện với tài khoản quản trị và lãnh đạo thành phố: đó là "
    "những gì phường, xã đã nhập, có thể có mã hồ sơ.": "The values of rejected rows are shown "
    "to administrators and city leaders only: they are whatever a ward typed, dossier ids "
    "included.",
    "Mọi lần nạp": "Every run",
    "Mọi lý do": "Every reason",
    "Mọi cột": "Every column",
    "Lý do": "Reason",
    "Cột": "Column",
    "Dòng": "Line",
    "(ẩn)": "(hidden)",
    "(trống)": "(empty)",
    "Không có dòng bị loại nào.": "No rejected row.",
    "Dòng bị loại: {shown}/{total} dòng. Tải Excel hoặc CSV để có đủ các dòng.": (
        "Rejected rows: {shown}/{total}. Download Excel or CSV for every row."
    ),
    "Dòng tiêu đề của tệp là dòng 1.": "The file's header is line 1.",
    # upload
    "Tải tệp lên": "Upload a file",
    "Tệp xuất từ hệ thống một cửa ({types}), tối đa {mb} MB, được nạp bằng đúng trình nạp "
    "của dòng lệnh (python -m etl load). Trong lúc nạp, các trang vẫn trả lời với dữ liệu cũ; "
    "chỉ một lần nạp chạy một lúc.": "An export of the one-stop system ({types}), up to {mb} "
    "MB, loaded by the command line's own loader (python -m etl load). While it loads, the "
    "pages keep answering with the previous data; one load runs at a time.",
    "Kéo tệp vào đây hoặc ": "Drop a file here or ",
    "chọn tệp": "choose a file",
    "Không nạp tệp": "File not loaded",
    "Không nạp được tệp {file}": "Could not load {file}",
    "Đang nạp {file}: ": "Loading {file}: ",
    "Đang nạp…": "Loading…",
    "Đã nạp {file}.": "Loaded {file}.",
    "Tệp {file} bị từ chối: dữ liệu trong kho không thay đổi.": (
        "{file} was refused: the warehouse is unchanged."
    ),
    "Kết quả nạp (như dòng lệnh in ra)": "Load summary (as the command line prints it)",
    "đã nạp": "loaded",
    "bị từ chối": "refused",
    "bỏ qua": "skipped",
    "Các dòng bị loại có trong bảng Dòng bị loại phía trên.": (
        "The rejected rows are in the Rejected rows table above."
    ),
}
