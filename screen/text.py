"""What the hall screen says, in the catalogue every page uses, and how it writes numbers.

Each text has a key the screen's template and script know (``"today.received"``); its
Vietnamese is written here, marked for the catalogue, and translated by :mod:`ui.i18n` like
every other page's. The screen is read from across a hall, so numbers are short: one decimal
for a percentage, and a rate just below 100% never rounds up to "100%" (a hall must not read
"all on time" when one dossier was late). Counts are exact (metrics §7); the one public marker
of :mod:`kpi.public`, "chưa đủ dữ liệu" for a rate over fewer than 10 cases, is translated,
never recomputed.
"""

from __future__ import annotations

from typing import Any

from kpi.public import NOT_ENOUGH
from marks import N_, NP_
from ui.format import NO_DATA, fmt_int, fmt_number, fmt_pct
from ui.i18n import LANGUAGES, pgettext

__all__ = ["LANGUAGES", "figure_text", "strings", "t"]

TEXTS: dict[str, str] = {
    "page_title": N_("Màn hình công khai – {ward}"),
    "service_point": N_("Điểm phục vụ hành chính công"),
    "slide.today": N_("Hôm nay, {date}"),
    "slide.month": N_("Tháng {month}"),
    "slide.satisfaction": N_("Mức độ hài lòng tháng {month}"),
    "slide.thanks": N_("Cảm ơn quý khách"),
    "today.received": N_("Tiếp nhận"),
    "today.completed": N_("Đã giải quyết"),
    "today.in_process": N_("Đang giải quyết"),
    "today.awaiting_citizen": N_("Chờ bổ sung, nộp phí"),
    "month.received": N_("Hồ sơ tiếp nhận"),
    "month.on_time_rate": N_("Đúng hạn"),
    "month.online_share": N_("Nộp trực tuyến"),
    "month.no_wait_share": N_("Giải quyết không chờ"),
    # "Satisfied" on a tile, where the pages' "Hài lòng" names the satisfaction page
    "satisfaction.satisfied_rate": NP_("screen", "Hài lòng"),
    "satisfaction.ratings": N_("Lượt đánh giá"),
    "satisfaction.mean_rating": N_("Điểm trung bình"),
    "satisfaction.note": N_("Tỷ lệ chỉ công bố khi có từ 10 lượt đánh giá trở lên."),
    "thanks.line": N_("Cảm ơn quý khách đã đến {ward}."),
    "thanks.feedback": N_("Ý kiến của quý khách giúp chúng tôi phục vụ tốt hơn."),
    "thanks.hours": N_("Giờ làm việc: {hours}"),
    "thanks.hotline": N_("Đường dây nóng: {hotline}"),
    "updated": N_("Cập nhật lúc {time}"),
    "updated.never": N_("Chưa có dữ liệu"),
    "stale": N_("Số liệu chưa được cập nhật từ {time}"),
    "stale.data": N_("Dữ liệu chưa được cập nhật: hồ sơ mới nhất lúc {time}"),
    "offline": N_("Mất kết nối máy chủ – đang hiển thị số liệu đã có"),
    "no_data": N_("Chưa có dữ liệu. Số liệu sẽ hiện khi hệ thống nạp dữ liệu."),
    "timeout": N_("Máy chủ đang bận, chưa lấy được số liệu. Màn hình sẽ thử lại sau ít phút."),
    "unknown_ward": N_("Không tìm thấy phường, xã mã {code}."),
    "marker.not_enough": NOT_ENOUGH,
    "no_value": NO_DATA,
}
# The keys whose text is looked up in a context of its own (see ui.i18n.pgettext).
CONTEXTS = {"satisfaction.satisfied_rate": "screen"}

_MARKERS = {NOT_ENOUGH: "marker.not_enough"}


def t(lang: str, key: str, **values: Any) -> str:
    """The text ``key`` in ``lang``, with ``values`` filled in."""
    return pgettext(CONTEXTS.get(key), TEXTS[key], lang=lang, **values)


def strings(lang: str) -> dict[str, str]:
    """Every text of the screen in ``lang``, placeholders left for the template to fill."""
    return {key: t(lang, key) for key in TEXTS}


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
        return fmt_int(value, lang=lang)
    if kind == "rate":
        return fmt_pct(value, 1, lang=lang, below_full=True)
    if kind == "mean":
        return fmt_number(value, 1, lang=lang) + "/5"
    raise ValueError(f"unknown figure kind {kind!r}")
