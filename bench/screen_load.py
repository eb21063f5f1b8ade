"""Many hall screens polling one server, on loopback: latency and errors, against a naive peer.

Usage: ``python bench/screen_load.py --db data/motcua.duckdb --screens 2000 --seconds 60``

Starts the app under gunicorn (``app:server``) and, in the same run, the naive peer
(``bench/naive_screen.py``: one metrics query per request, no shared cache), each with the same
workers. Each simulated screen asks for ``/man-hinh/<ward>/data.json`` every ``--interval``
seconds (wards spread over the province's 126, start times spread over the interval), so the
server sees ``screens / interval`` requests a second. Prints p50/p95/max latency and errors for
both, and their ratio.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(target: str, db: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    env = {**os.environ, "MOTCUA_DB": str(db), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", "8",
         "-b", f"127.0.0.1:{port}", "--graceful-timeout", "2", "--log-level", "warning", target],
        cwd=ROOT, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/man-hinh/00004/data.json", timeout=5).read()
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{target} did not start")


def _run(url: str, wards: list[str], screens: int, interval: float, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def one(ward: str) -> None:
        nonlocal errors
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(f"{url}/man-hinh/{ward}/data.json", timeout=10) as r:
                r.read()
                ok = r.status == 200
        except OSError:
            ok = False
        with lock:
            latencies.append((time.perf_counter() - start) * 1000)
            errors += not ok

    # screen i asks at i * interval / screens + k * interval: a steady stream of requests
    schedule = sorted(
        (i * interval / screens + k * interval, wards[i % len(wards)])
        for i in range(screens)
        for k in range(int(seconds / interval) + 1)
        if i * interval / screens + k * interval < seconds
    )
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=128) as pool:
        for at, ward in schedule:
            delay = at - (time.perf_counter() - began)
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, ward)
    latencies.sort()
    return {
        "requests": len(latencies),
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95)],
        "max": latencies[-1],
        "errors": errors,
    }


def main() -> int:
    """Run both servers under the same load; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "motcua.duckdb")
    parser.add_argument("--screens", type=int, default=2000)
    parser.add_argument("--interval", type=float, default=30.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with duckdb.connect(str(args.db), read_only=True) as con:
        wards = [r[0] for r in con.execute(
            "SELECT ward_code FROM wards WHERE province_code = '01' ORDER BY ward_code"
        ).fetchall()]  # fmt: skip
    rows = {}
    for name, target in (("Một Cửa (shared cache)", "app:server"),
                         ("naive peer (query per request)", "bench.naive_screen:app")):  # fmt: skip
        proc, url = _serve(target, args.db, args.workers)
        try:
            rows[name] = _run(url, wards, args.screens, args.interval, args.seconds)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(f"{args.screens} screens polling every {args.interval:g} s for {args.seconds:g} s, "
          f"gunicorn -w {args.workers} --threads 8, {len(wards)} wards")  # fmt: skip
    print("| server | requests | p50 ms | p95 ms | max ms | errors |")
    print("|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['requests']} | {r['p50']:.1f} | {r['p95']:.1f} | "
              f"{r['max']:.1f} | {r['errors']} |")  # fmt: skip
    ours, naive = rows.values()
    print(f"p95 ratio naive / ours: {naive['p95'] / ours['p95']:.1f}×")
    return 0 if ours["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
