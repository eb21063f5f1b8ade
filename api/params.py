"""Query parameters of the API: deny by default, and every error names its parameter.

Each endpoint lists the parameters it accepts; anything else, a parameter given twice, an empty
value, a malformed or out-of-range date, a range longer than ``MOTCUA_API_MAX_DAYS`` days, or a
ward, province, field or format outside its allow-list is refused with HTTP 400 and a Vietnamese
message. Nothing a client sends reaches SQL except through a bound parameter, and only after it
matched an allow-list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from werkzeug.datastructures import MultiDict

from kpi.config import settings
from kpi.periods import PRESETS, Period, PeriodError, local_today, parse_day, preset_period

MAX_DAYS_VAR = "MOTCUA_API_MAX_DAYS"

# Dates outside this window are typing mistakes, and would overflow the previous-period
# arithmetic near year 1.
MIN_DAY = date(1990, 1, 1)
MAX_DAY = date(2099, 12, 31)

FORMATS = ("json", "csv")

# The presets ``/kpis?period=`` names (data-contract §5): the pages' own, but "since 1/7/2025",
# whose length grows past any limit.
API_PRESETS: tuple[str, ...] = tuple(name for name in PRESETS if name != "since_2025_07")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WARD_CODE = re.compile(r"\d{5}")
_PROVINCE_CODE = re.compile(r"\d{2}")
_ECHO = 40  # characters of a bad value quoted back in a message


class ApiError(Exception):
    """A request the API refuses: HTTP ``status``, a Vietnamese message, the parameter at fault."""

    def __init__(
        self, status: int, message: str, parameter: str | None = None, **extra: Any
    ) -> None:
        """Keep what the JSON error body will say."""
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter
        self.extra = extra

    def body(self) -> dict[str, Any]:
        """The JSON error body: ``error``, and ``parameter`` when one is at fault."""
        out: dict[str, Any] = {"error": self.message}
        if self.parameter is not None:
            out["parameter"] = self.parameter
        return out | self.extra


def _quote(value: str) -> str:
    """A client value, shortened, for a message."""
    return repr(value if len(value) <= _ECHO else value[:_ECHO] + "…")


def max_days() -> int:
    """The longest period a request may ask for (``MOTCUA_API_MAX_DAYS``, read each call)."""
    try:
        days = settings().api_max_days
    except ValueError as exc:
        raise RuntimeError(f"{MAX_DAYS_VAR} is not a whole number of days") from exc
    if days < 1:
        raise RuntimeError(f"{MAX_DAYS_VAR}={days} must be at least 1")
    return days


def check_names(args: MultiDict[str, str], allowed: Sequence[str]) -> None:
    """Refuse unknown parameters (naming all of them), repeated ones and empty values."""
    unknown = [name for name in args if name not in allowed]
    if unknown:
        raise ApiError(
            400,
            f"Tham số không được hỗ trợ: {', '.join(unknown)}. "
            f"Địa chỉ này chỉ nhận: {', '.join(allowed)}.",
            unknown[0],
            unknown=unknown,
            allowed=list(allowed),
        )
    for name in args:
        values = args.getlist(name)
        if len(values) > 1:
            raise ApiError(400, f"Tham số {name} chỉ được dùng một lần.", name)
        if not values[0].strip():
            raise ApiError(400, f"Tham số {name} không được để trống.", name)


def _day(raw: str, name: str) -> date:
    """A ``YYYY-MM-DD`` date within :data:`MIN_DAY` … :data:`MAX_DAY`."""
    if not _DATE.fullmatch(raw):
        raise ApiError(400, f"Ngày không hợp lệ: {name}={_quote(raw)} (cần dạng YYYY-MM-DD).", name)
    try:
        day = parse_day(raw, name)
    except PeriodError as exc:
        raise ApiError(400, str(exc), name) from None
    if not MIN_DAY <= day <= MAX_DAY:
        raise ApiError(
            400,
            f"Ngày {name}={raw} nằm ngoài khoảng hỗ trợ ({MIN_DAY:%d/%m/%Y} – {MAX_DAY:%d/%m/%Y}).",
            name,
        )
    return day


def period(args: Mapping[str, str]) -> Period:
    """The closed range ``[from, to]``; both are required (no default period)."""
    for name in ("from", "to"):
        if name not in args:
            raise ApiError(400, f"Thiếu tham số {name}: cần cả from và to (YYYY-MM-DD).", name)
    date_from, date_to = _day(args["from"], "from"), _day(args["to"], "to")
    if date_from > date_to:
        raise ApiError(
            400,
            f"Ngày bắt đầu from={date_from:%Y-%m-%d} sau ngày kết thúc to={date_to:%Y-%m-%d}.",
            "from",
        )
    return _not_too_long(Period(date_from, date_to), "to")


def _not_too_long(chosen: Period, parameter: str) -> Period:
    """``chosen``, unless it is longer than :func:`max_days` (400 naming ``parameter``)."""
    limit = max_days()
    if chosen.days > limit:
        hint = "hãy chọn to sớm hơn" if parameter == "to" else "hãy chọn kỳ ngắn hơn"
        raise ApiError(
            400,
            f"Khoảng thời gian dài {chosen.days} ngày, vượt quá mức tối đa {limit} ngày; {hint}.",
            parameter,
            max_days=limit,
        )
    return chosen


def kpis_period(args: Mapping[str, str]) -> Period | str:
    """``/kpis``'s period: ``from``/``to`` as :func:`period` reads them, or ``period=`` naming one
    of :data:`API_PRESETS`, returned as its name: a preset counts from the newest loaded data,
    which :func:`preset_on` resolves once the warehouse is open. Both at once are refused."""
    name = args.get("period")
    if name is None:
        return period(args)
    if "from" in args or "to" in args:
        raise ApiError(400, "Dùng period hoặc from và to, không dùng cả hai.", "period")
    if name not in API_PRESETS:
        raise ApiError(
            400,
            f"Kỳ không hợp lệ: period={_quote(name)} (chọn: {', '.join(API_PRESETS)}).",
            "period",
            allowed=list(API_PRESETS),
        )
    return name


def preset_on(asked: Period | str, newest: Callable[[], datetime | None]) -> Period:
    """The period of :func:`kpis_period`: the range as given, or a preset counted back from the
    day of the newest loaded record (``newest()``, asked only for a preset; never after today,
    and today when nothing is loaded)."""
    if isinstance(asked, Period):
        return asked
    today, latest = local_today(), newest()
    day = today if latest is None else min(latest.date(), today)
    return _not_too_long(preset_period(asked, day), "period")


def output_format(args: Mapping[str, str]) -> str:
    """``json`` (the default) or ``csv``."""
    value = args.get("format", "json")
    if value not in FORMATS:
        raise ApiError(
            400, f"Định dạng không hỗ trợ: format={_quote(value)} (chỉ json hoặc csv).", "format"
        )
    return value


def province_code(args: Mapping[str, str], default: str) -> str:
    """The two-digit province code asked for, else ``default`` (checked by :func:`known`)."""
    value = args.get("province", default)
    if not _PROVINCE_CODE.fullmatch(value):
        raise ApiError(
            400,
            f"Mã tỉnh không hợp lệ: province={_quote(value)} (cần 2 chữ số, ví dụ 01).",
            "province",
        )
    return value


def ward_format(args: Mapping[str, str]) -> str | None:
    """The ward code asked for (5 digits; the caller checks it exists), else ``None``."""
    value = args.get("ward")
    if value is None:
        return None
    if not _WARD_CODE.fullmatch(value):
        raise ApiError(
            400,
            f"Mã phường, xã không hợp lệ: ward={_quote(value)} (cần mã xã 5 chữ số, ví dụ 00004).",
            "ward",
        )
    return value


def field_name(args: Mapping[str, str], fields: Collection[str]) -> str | None:
    """The field (lĩnh vực) asked for, which must be one the warehouse knows; ``None`` if absent."""
    value = args.get("field")
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value.strip())
    if value not in fields:
        raise ApiError(
            400,
            f"Không có lĩnh vực field={_quote(value)} trong dữ liệu.",
            "field",
            allowed=sorted(fields),
        )
    return value
