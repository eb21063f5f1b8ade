"""The hall screen as data: URL options, and what each element of the page shows.

Pure functions: the route reads the warehouse (through :mod:`kpi.screen`) and the clock, and this
module turns that into texts keyed by the page's ``data-field`` / ``data-text`` names, the same
for the first HTML render and for every refresh (``data.json``), so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kpi.screen import Ward, WarehouseState
from screen.text import LANGUAGES, figure_text, t
from ui.format import fmt_date, fmt_datetime

# Slide → its tiles: (field key "<slide>.<metric>", how to write the value).
SLIDES: dict[str, tuple[tuple[str, str], ...]] = {
    "today": (
        ("today.received", "count"),
        ("today.completed", "count"),
        ("today.in_process", "count"),
        ("today.awaiting_citizen", "count"),
    ),
    "month": (
        ("month.received", "count"),
        ("month.on_time_rate", "rate"),
        ("month.online_share", "rate"),
        ("month.no_wait_share", "rate"),
    ),
    "satisfaction": (
        ("satisfaction.satisfied_rate", "rate"),
        ("satisfaction.ratings", "count"),
        ("satisfaction.mean_rating", "mean"),
    ),
    "thanks": (),
}
DEFAULT_SLIDES = ("today", "month", "satisfaction", "thanks")
OPTIONS = ("refresh", "rotate", "slides", "lang", "stale")
DEFAULT_REFRESH = 60  # seconds between data refreshes
DEFAULT_ROTATE = 15  # seconds a slide stays on screen
MIN_ROTATE = 2
MAX_SECONDS = 3600
MAX_STALE_MINUTES = 7 * 24 * 60


class ScreenOptionError(ValueError):
    """A URL option of the screen is invalid; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        """Keep the parameter beside the (bilingual) message."""
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True)
class ScreenOptions:
    """What a screen URL asks for (``?refresh=60&rotate=15&slides=today,month&lang=vi``)."""

    refresh: int
    rotate: int
    slides: tuple[str, ...]
    lang: str
    stale_minutes: int
    stale_working_days: int = 2  # MOTCUA_STALE_WORKING_DAYS: the newest record's age limit


def _seconds(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ScreenOptionError(
            name, f"{name}={raw!r}: cần một số nguyên / must be a whole number"
        ) from None
    if value < 1 or value > high:
        raise ScreenOptionError(name, f"{name}={raw!r}: cần từ 1 đến {high} / must be 1–{high}")
    return max(value, low)  # below the floor: served at the floor, the screen keeps working


def parse_options(
    args: Mapping[str, str],
    *,
    min_refresh: int,
    default_stale_minutes: int,
    stale_working_days: int = 2,
) -> ScreenOptions:
    """Validate the URL options; raise :class:`ScreenOptionError` naming the bad one.

    ``refresh`` below the server's ``min_refresh`` is raised to it (not refused: a screen on the
    wall must keep working); anything unknown or malformed is refused, so an installer sees the
    typo at once instead of a screen that silently ignores it.
    """
    unknown = sorted(set(args) - set(OPTIONS))
    if unknown:
        raise ScreenOptionError(
            unknown[0],
            f"Tham số không hợp lệ / unknown option: {', '.join(unknown)} "
            f"(cho phép / allowed: {', '.join(OPTIONS)})",
        )
    lang = args.get("lang", "vi")
    if lang not in LANGUAGES:
        raise ScreenOptionError("lang", f"lang={lang!r}: vi hoặc/or en")
    slides: tuple[str, ...] = DEFAULT_SLIDES
    if "slides" in args:
        slides = tuple(s.strip() for s in args["slides"].split(",") if s.strip())
        bad = [s for s in slides if s not in SLIDES]
        if bad or not slides or len(set(slides)) != len(slides):
            raise ScreenOptionError(
                "slides",
                f"slides={args['slides']!r}: chọn trong / choose from {', '.join(SLIDES)}"
                " (không lặp / no repeats)",
            )
    return ScreenOptions(
        refresh=_seconds(args, "refresh", DEFAULT_REFRESH, min_refresh, MAX_SECONDS),
        rotate=_seconds(args, "rotate", DEFAULT_ROTATE, MIN_ROTATE, MAX_SECONDS),
        slides=slides,
        lang=lang,
        stale_minutes=_seconds(args, "stale", default_stale_minutes, 1, MAX_STALE_MINUTES),
        stale_working_days=stale_working_days,
    )


def _moment(value: datetime, now: datetime, lang: str) -> str:
    """``14:30`` today, ``14:30 30/11/2026`` (``14:30 30 Nov 2026``) on another day."""
    return f"{value:%H:%M}" if value.date() == now.date() else fmt_datetime(value, lang=lang)


def is_stale(
    state: WarehouseState | None,
    now: datetime,
    stale_minutes: int,
    *,
    stale_working_days: int | None = None,
) -> bool:
    """True when the last load is older than ``stale_minutes`` (or nothing was ever loaded), or
    the newest record is more than ``stale_working_days`` working days old."""
    if state is None or state.last_load_at is None:
        return True
    return now - state.last_load_at > timedelta(minutes=stale_minutes) or is_data_old(
        state, stale_working_days
    )


def is_data_old(state: WarehouseState | None, stale_working_days: int | None) -> bool:
    """True when the newest record is more than ``stale_working_days`` working days old (a
    ward whose records stopped arriving, even though loads still run)."""
    if state is None or state.data_days_old is None or stale_working_days is None:
        return False
    return state.data_days_old > stale_working_days


def screen_model(
    *,
    ward_code: str,
    ward: Ward | None,
    state: WarehouseState | None,
    figures: Mapping[str, Mapping[str, Any]] | None,
    options: ScreenOptions,
    now: datetime,
) -> dict[str, Any]:
    """Everything the page shows, as texts: ``fields`` (figures), ``texts`` and flags.

    ``ward``/``state``/``figures`` are ``None`` while nothing is loaded (the screen then says so
    and keeps polling); ``figures`` is empty for a ward with no record at all.
    """
    lang = options.lang
    name = ward.name if ward else ward_code
    fields: dict[str, str] = {}
    markers: list[str] = []  # fields showing words ("chưa đủ dữ liệu"), set smaller
    for slide in SLIDES.values():
        for key, kind in slide:
            group, metric = key.split(".")
            value = (figures or {}).get(group, {}).get(metric)
            fields[key] = figure_text(value, kind, lang)
            if isinstance(value, str):
                markers.append(key)
    month = f"{now:%m/%Y}"
    if state is None or state.last_load_at is None:
        updated, stale_text = t(lang, "updated.never"), ""
    else:
        moment = _moment(state.last_load_at, now, lang)
        updated, stale_text = t(lang, "updated", time=moment), t(lang, "stale", time=moment)
        if is_data_old(state, options.stale_working_days) and state.data_as_of is not None:
            stale_text = t(lang, "stale.data", time=_moment(state.data_as_of, now, lang))
    texts = {
        "ward_name": name,
        "slide.today": t(lang, "slide.today", date=fmt_date(now.date(), lang=lang)),
        "slide.month": t(lang, "slide.month", month=month),
        "slide.satisfaction": t(lang, "slide.satisfaction", month=month),
        "slide.thanks": t(lang, "slide.thanks"),
        "thanks.line": t(lang, "thanks.line", ward=name),
        "updated": updated,
        "stale": stale_text,
        "notice": t(lang, "no_data") if state is None else "",
    }
    return {
        "ward": {"code": ward_code, "name": name},
        "fields": fields,
        "markers": markers,
        "texts": texts,
        "stale": is_stale(
            state, now, options.stale_minutes, stale_working_days=options.stale_working_days
        ),
        "server_time": now.isoformat(timespec="seconds"),
    }
