"""English texts of signing in and out (web/auth.py, web/templates/sign_in.html, the navbar)
and of what a role may not see (web.scope)."""

EN: dict[str, str] = {
    "Đăng nhập": "Sign in",
    "Đăng xuất": "Sign out",
    "Đã đăng xuất.": "Signed out.",
    "Tên đăng nhập": "Username",
    "Mật khẩu": "Password",
    "Dành cho lãnh đạo, cán bộ và người đánh giá đã được cấp tài khoản.": (
        "For leaders, staff and evaluators who have been given an account."
    ),
    "Hãy nhập tên đăng nhập và mật khẩu.": "Enter your username and password.",
    "Tên đăng nhập hoặc mật khẩu không đúng.": "Wrong username or password.",
    "Phương pháp tính các chỉ số": "How the indicators are calculated",
    # the ward page for a reader who may not see its dossier lists (ui/ward.py)
    "Hồ sơ quá hạn và đang giải quyết quá hạn: {n}.": "Late and overdue dossiers: {n}.",
    "Danh sách hồ sơ và ý kiến của người dân chỉ hiển thị cho lãnh đạo của phường, xã này và "
    "của tỉnh, thành phố.": (
        "The lists of dossiers and citizens' comments are shown only to the leaders of this ward "
        "and of its province."
    ),
    # the ward page's comments (ui/ward.py)
    "Ý kiến của người dân": "Citizens' comments",
    "Không có ý kiến nào trong kỳ.": "No comments in this period.",
    "Thời điểm đánh giá": "Rated at",
    "Điểm (1–5)": "Score (1–5)",
    "Ý kiến": "Comment",
    "{n} ý kiến mới nhất của kỳ; số điện thoại, số giấy tờ và email đã được che khi nạp.": (
        "The period's {n} newest comments; phone numbers, ID numbers and e-mails were masked "
        "when loaded."
    ),
    "Ý kiến của người dân, mới nhất trước": "Citizens' comments, newest first",
}
