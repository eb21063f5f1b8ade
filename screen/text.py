"""What the hall screen says, in Vietnamese and English, and how it writes numbers.

The screen is read from across a hall, so numbers are short: one decimal for a percentage, and a
rate just below 100% never rounds up to "100%" (a hall must not read "all on time" when one
dossier was late). Counts are exact (metrics §7); the one public marker of :mod:`kpi.public`,
"chưa đủ dữ liệu" for a rate over fewer than 10 cases, is translated, never recomputed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kpi.public import NOT_ENOUGH

LANGUAGES = ("vi", "en")

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "page_title": "Màn hình công khai – {ward}",
        "service_point": "Điểm phục vụ hành chính công",
        "slide.today": "Hôm nay, {date}",
        "slide.month": "Tháng {month}",
        "slide.satisfaction": "Mức độ hài lòng tháng {month}",
        "slide.thanks": "Cảm ơn quý khách",
        "today.received": "Tiếp nhận",
        "today.completed": "Đã giải quyết",
        "today.in_process": "Đang giải quyết",
        "today.awaiting_citizen": "Chờ bổ sung, nộp phí",
        "month.received": "Hồ sơ tiếp nhận",
        "month.on_time_rate": "Đúng hạn",
        "month.online_share": "Nộp trực tuyến",
        "month.no_wait_share": "Giải quyết không chờ",
        "satisfaction.satisfied_rate": "Hài lòng",
        "satisfaction.ratings": "Lượt đánh giá",
        "satisfaction.mean_rating": "Điểm trung bình",
        "satisfaction.note": "Tỷ lệ chỉ công bố khi có từ 10 lượt đánh giá trở lên.",
        "thanks.line": "Cảm ơn quý khách đã đến {ward}.",
        "thanks.feedback": "Ý kiến của quý khách giúp chúng tôi phục vụ tốt hơn.",
        "thanks.hours": "Giờ làm việc: {hours}",
        "thanks.hotline": "Đường dây nóng: {hotline}",
        "updated": "Cập nhật lúc {time}",
        "updated.never": "Chưa có dữ liệu",
        "stale": "Số liệu chưa được cập nhật từ {time}",
        "stale.data": "Dữ liệu chưa được cập nhật: hồ sơ mới nhất lúc {time}",
        "offline": "Mất kết nối máy chủ – đang hiển thị số liệu đã có",
        "no_data": "Chưa có dữ liệu. Số liệu sẽ hiện khi hệ thống nạp dữ liệu.",
        "timeout": "Máy chủ đang bận, chưa lấy được số liệu. Màn hình sẽ thử lại sau ít phút.",
        "unknown_ward": "Không tìm thấy phường, xã mã {code}.",
        "marker.not_enough": NOT_ENOUGH,
        "no_value": "—",
    },
    "en": {
        "page_title": "Public screen – {ward}",
        "service_point": "Public administrative service point",
        "slide.today": "Today, {date}",
        "slide.month": "Month {month}",
        "slide.satisfaction": "Satisfaction, month {month}",
        "slide.thanks": "Thank you",
        "today.received": "Received",
        "today.completed": "Resolved",
        "today.in_process": "In process",
        "today.awaiting_citizen": "Waiting for papers or fees",
        "month.received": "Dossiers received",
        "month.on_time_rate": "On time",
        "month.online_share": "Submitted online",
        "month.no_wait_share": "Resolved while you wait",
        "satisfaction.satisfied_rate": "Satisfied",
        "satisfaction.ratings": "Ratings",
        "satisfaction.mean_rating": "Average score",
        "satisfaction.note": "Rates are published from 10 ratings upwards.",
        "thanks.line": "Thank you for visiting {ward}.",
        "thanks.feedback": "Your feedback helps us serve you better.",
        "thanks.hours": "Opening hours: {hours}",
        "thanks.hotline": "Hotline: {hotline}",
        "updated": "Updated at {time}",
        "updated.never": "No data yet",
        "stale": "Figures not updated since {time}",
        "stale.data": "Data not up to date: newest record at {time}",
        "offline": "Server unreachable – showing the last figures",
        "no_data": "No data yet. Figures appear once the system has loaded data.",
        "timeout": "The server is busy; the figures are not ready. The screen retries shortly.",
        "unknown_ward": "No ward or commune has the code {code}.",
        "marker.not_enough": "not enough data",
        "no_value": "—",
    },
}

_MARKERS = {NOT_ENOUGH: "marker.not_enough"}


def t(lang: str, key: str, **values: Any) -> str:
    """The text ``key`` in ``lang``, with ``values`` filled in."""
    return STRINGS[lang][key].format(**values)


def _separators(text: str, lang: str) -> str:
    """Python writes ``1,234.5``; Vietnamese is ``1.234,5``."""
    if lang == "en":
        return text
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def figure_text(value: Any, kind: str, lang: str) -> str:
    """Write one published figure for the screen: ``kind`` is ``count``, ``rate`` or ``mean``.

    >>> figure_text(1206, "count", "vi"), figure_text(0.99952, "rate", "vi")
    ('1.206', '99,9%')
    """
    if isinstance(value, str):  # the public marker "chưa đủ dữ liệu"
        return t(lang, _MARKERS[value]) if value in _MARKERS else value
    if value is None:
        return t(lang, "no_value")
    if kind == "count":
        return _separators(f"{int(value):,d}", lang)
    if kind == "rate":
        percent = Decimal(repr(float(value))) * 100
        shown = percent.quantize(Decimal("0.1"), ROUND_HALF_UP)
        if shown >= 100 and percent < 100:
            shown = Decimal("99.9")  # never "100%" unless every case counts
        return _separators(f"{shown:.1f}", lang) + "%"
    if kind == "mean":
        shown = Decimal(repr(float(value))).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return _separators(f"{shown:.1f}", lang) + "/5"
    raise ValueError(f"unknown figure kind {kind!r}")
