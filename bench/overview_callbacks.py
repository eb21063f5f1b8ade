"""Time the overview page's callbacks on a warehouse: naive path, day-grain path, cached.

Usage: ``python bench/overview_callbacks.py --db /tmp/perf.duckdb --runs 5``

For every preset of :data:`kpi.periods.PRESETS`, for the city and for one ward, calls the page's
two query callbacks as Dash would (``update``: a filter changed → headline, trend and league;
``update_grain``: each grain the period allows → trend) and prints the median of ``--runs`` runs
in milliseconds, in three ways measured in the same run:

- ``naive``: the frames through :func:`kpi.metrics.kpis` at the dossier level (what the page did
  before the day-grain path and the rollups: headline and league apart, ``naive=True`` of
  :mod:`kpi.overview`), no cache;
- ``day``: the day-grain path over the dossiers (:mod:`kpi.trend`; headline and league from one
  query, :func:`kpi.overview.board`), the rollups left unread, the result cache emptied;
- ``cold``: the page as it runs (the rollups where they answer), the result cache emptied before
  each run (the menus' lists stay: they are read once per data version);
- ``warm``: the same view asked again (a cache hit: many leaders open the same default view).

Times are server-side, in process, and include building the Dash components. Machines are noisy:
compare the columns of one run, not runs on different days.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import time
from collections.abc import Callable
from contextvars import copy_context
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _median_ms(call: Callable[[], Any], runs: int, before: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Parse the options, time every callback and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the warehouse to read")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median)")
    parser.add_argument("--presets", nargs="*", help="only these presets (default: all)")
    parser.add_argument("--ward", help="the ward of the ward rows (default: the busiest)")
    args = parser.parse_args()
    os.environ["MOTCUA_DB"] = str(args.db)

    from dash._callback_context import context_value
    from dash._utils import AttributeDict
    from dash.testing import ignore_register_page

    from kpi import cache, overview
    from kpi.db import cursor
    from kpi.periods import PRESETS, local_today, preset_period

    with ignore_register_page():
        page = importlib.import_module("pages.overview")

    def run(function: Callable[..., Any], trigger: str, *values: Any) -> Any:
        def call() -> Any:
            context_value.set(AttributeDict(triggered_inputs=[{"prop_id": trigger}]))
            return function(*values)

        return copy_context().run(call)

    def naive_board(cur: Any, **args: Any) -> tuple[Any, Any]:
        grain = args.pop("grain")
        return (
            overview.headline(cur, grain=grain, naive=True, **args),
            overview.league(cur, naive=True, **args),
        )

    # Where the page's callbacks look the two up: the page itself, and the glue it shares.
    shared = importlib.import_module("pages._shared")
    homes = {"board": page, "trend": shared}
    fast = {name: getattr(home, name) for name, home in homes.items()}
    naive = {"board": naive_board, "trend": partial(overview.trend, naive=True)}

    from kpi import metrics, trend

    reads_rollups = metrics.from_rollups

    def use(functions: dict[str, Callable[..., Any]], *, rollups: bool) -> None:
        for name, function in functions.items():
            setattr(homes[name], name, function)
        # kpis() and the day-grain path both ask from_rollups(); False: the dossier level.
        chooser = reads_rollups if rollups else (lambda *_, **__: False)
        metrics.from_rollups = trend.from_rollups = chooser

    ward = (
        args.ward
        or cursor(args.db)
        .execute("SELECT ward_code FROM dossiers GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
        .fetchone()[0]
    )
    today = local_today()
    header = (
        f"{'preset':14} {'scope':6} {'callback':12} {'naive':>8} {'day':>8} {'cold':>8} "
        f"{'warm':>8} {'×':>6}"
    )
    print(f"warehouse {args.db}, today {today:%d/%m/%Y}, median of {args.runs} runs, ms")
    print(header)
    print("-" * len(header))
    rows = []
    for preset in args.presets or list(PRESETS):
        period = preset_period(preset, today)
        for scope, ward_value in (("city", "all"), ("ward", ward)):
            filters_call = partial(
                run, page.update, "overview-period.value", preset, None, None, ward_value, "all",
                "all",
            )  # fmt: skip
            search = "?" + "&".join(
                f"{k}={v}" for k, v in {"period": preset, "ward": ward_value}.items() if v != "all"
            )
            calls = [("filters", filters_call)] + [
                (
                    f"grain={grain}",
                    partial(run, page.update_grain, "overview-grain.value", grain, search),
                )
                for grain in overview.allowed_grains(period)
            ]
            for name, call in calls:
                use(naive, rollups=False)
                t_naive = _median_ms(call, args.runs, cache.RESULTS.clear)
                use(fast, rollups=False)
                t_day = _median_ms(call, args.runs, cache.RESULTS.clear)
                use(fast, rollups=True)
                t_cold = _median_ms(call, args.runs, cache.RESULTS.clear)
                call()
                t_warm = _median_ms(call, args.runs, lambda: None)
                rows.append((t_naive, t_day, t_cold, t_warm))
                print(
                    f"{preset:14} {scope:6} {name:12} {t_naive:8.0f} {t_day:8.0f} {t_cold:8.0f} "
                    f"{t_warm:8.1f} {t_naive / t_cold:6.1f}",
                    flush=True,
                )
    cold = sorted(r[2] for r in rows)
    print("-" * len(header))
    print(
        f"all callbacks: naive p50 {statistics.median(r[0] for r in rows):.0f} ms, "
        f"day p50 {statistics.median(r[1] for r in rows):.0f} ms, "
        f"cold p50 {statistics.median(cold):.0f} ms (max {cold[-1]:.0f}), "
        f"warm p50 {statistics.median(r[3] for r in rows):.1f} ms"
    )


if __name__ == "__main__":
    main()
