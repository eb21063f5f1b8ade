"""A file uploaded on the data page (``/du-lieu``), loaded in the background by the CLI's loader.

One job per process at a time, its state in :data:`JOBS` (a small object behind a lock): the
upload callback :meth:`Jobs.start`s it and returns at once, a ``dcc.Interval`` polls
:meth:`Jobs.current` for the loader's step and, when done, the summary ``python -m etl load``
prints (etl/summary.py). The file is written under its own (sanitised) base name into a
temporary directory, so ``etl_runs`` and the summary name it as the person knows it, and the
directory is removed when the load ends.

The load is :func:`etl.loader.load_files` with ``wait=False``: it builds the next version of
the warehouse aside and switches to it atomically (etl/warehouse.py), so readers are never
blocked, and a second load anywhere (another upload in another worker process, the command
line) is refused at once by the writer lock instead of queueing behind it. In this process a
second upload while one runs is refused before anything is written.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import logging
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PureWindowsPath

from etl.loader import BatchResult, load_files
from etl.readers import FileRefused
from etl.warehouse import WarehouseBusy
from kpi.config import local_now, settings

log = logging.getLogger(__name__)

# What the loader reads (data-contract §1); anything else is refused before it is written.
EXTENSIONS = (".csv", ".xlsx", ".parquet", ".json", ".jsonl")
NAME_MAX = 120
_UNSAFE = re.compile(r"[^\w.\- ()]+")
BUSY = (
    "Một lần nạp dữ liệu khác đang chạy (từ dòng lệnh hoặc một tiến trình khác của máy chủ): "
    "tệp chưa được nạp; hãy thử lại sau khi lần nạp đó xong."
)


class UploadRefused(ValueError):
    """An upload that is not loaded at all (too big, not a file the loader reads, not base64,
    or another upload running); the message says why, in Vietnamese."""


def max_bytes() -> int:
    """The largest file accepted, in bytes (``MOTCUA_UPLOAD_MAX_MB`` × 10⁶)."""
    return settings().upload_max_mb * 1_000_000


def max_body_bytes() -> int:
    """The largest callback request that may carry an upload: the file in base64 (4 bytes per
    3) with its ``data:`` prefix, the request's other fields and some slack."""
    return max_bytes() * 4 // 3 + 64 * 1024


def safe_name(name: str | None) -> str:
    """The base name a file is written under: no directory part (``/`` or ``\\``), NFC, only
    letters, digits, ``. - _ ( )`` and spaces (others become ``_``), no leading dot, at most
    :data:`NAME_MAX` characters keeping the extension. Raises :class:`UploadRefused` for a name
    without one of :data:`EXTENSIONS`."""
    base = PureWindowsPath(str(name or "")).name  # both separators: C:\\x\\a.csv and /x/a.csv
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", base)).strip(" .")
    suffix = Path(base).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UploadRefused(
            f"Tệp '{base or '?'}' không nạp được: chỉ nhận {', '.join(EXTENSIONS)}."
        )
    stem = base[: -len(suffix)][: NAME_MAX - len(suffix)].rstrip(" .") or "tep"
    return stem + suffix


def decode(contents: str | None, *, limit: int | None = None) -> bytes:
    """The bytes of a ``dcc.Upload`` value (``data:<type>;base64,<data>``); raises
    :class:`UploadRefused` when it is not one, or holds more than ``limit`` bytes (default:
    :func:`max_bytes`)."""
    limit = max_bytes() if limit is None else limit
    head, sep, data = (contents or "").partition(",")
    if not sep or not head.startswith("data:") or not head.endswith(";base64"):
        raise UploadRefused("Không đọc được tệp tải lên; hãy chọn lại tệp.")
    too_big = UploadRefused(
        f"Tệp lớn hơn giới hạn {limit // 1_000_000} MB (MOTCUA_UPLOAD_MAX_MB): không nạp. "
        "Hãy chia nhỏ tệp, hoặc nạp bằng dòng lệnh: python -m etl load TỆP"
    )
    if len(data) > (limit + 2) // 3 * 4:  # before decoding: never hold more than the limit
        raise too_big
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UploadRefused("Không đọc được tệp tải lên; hãy chọn lại tệp.") from exc
    if len(raw) > limit:
        raise too_big
    return raw


@dataclass(frozen=True)
class Job:
    """One upload's state: ``running`` (its ``step``), then ``done`` (its ``result``) or
    ``failed`` (its ``error``: the load could not run at all)."""

    job_id: int
    file: str
    size: int
    started_at: datetime
    user: str | None = None
    state: str = "running"  # running | done | failed
    step: str = "chuẩn bị"
    finished_at: datetime | None = None
    result: BatchResult | None = field(default=None, compare=False)
    error: str | None = None

    @property
    def running(self) -> bool:
        """Whether the load has not ended yet."""
        return self.state == "running"


class Jobs:
    """The upload job of this process: at most one runs; the last one's state stays readable."""

    def __init__(self, *, observe: Callable[[str, str], None] | None = None) -> None:
        """No job yet; ``observe(source, step)`` also hears each step of the loader (a log, a
        test that holds a load at a step)."""
        self._observe = observe
        self._lock = threading.Lock()
        self._job: Job | None = None
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None

    def current(self) -> Job | None:
        """The running or last job (a frozen snapshot), ``None`` before the first."""
        with self._lock:
            return self._job

    def _update(self, job_id: int, **changes: object) -> None:
        with self._lock:
            if self._job is not None and self._job.job_id == job_id:
                self._job = replace(self._job, **changes)

    def start(
        self,
        name: str | None,
        contents: str | None,
        *,
        user: str | None = None,
        db: Path | None = None,
    ) -> Job:
        """Check the upload, write it to a temporary directory and load it in a background
        thread; the new job. Raises :class:`UploadRefused` (nothing written) when another
        upload of this process runs, or the file is not acceptable."""
        file = safe_name(name)
        raw = decode(contents)
        with self._lock:
            if self._job is not None and self._job.running:
                raise UploadRefused(
                    f"Đang nạp tệp {self._job.file}: chờ lần nạp này xong rồi tải lên tệp khác."
                )
            job = Job(next(self._ids), file, len(raw), local_now(), user=user)
            self._job = job
        folder = Path(tempfile.mkdtemp(prefix="motcua-upload-"))
        try:
            path = folder / file
            path.write_bytes(raw)
            del raw
            thread = threading.Thread(
                target=self._run, args=(job.job_id, path, db), name="motcua-upload", daemon=True
            )
            self._thread = thread
            thread.start()
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            self._update(job.job_id, state="failed", error="Không ghi được tệp tải lên.")
            raise
        log.info("upload %s: %s (%d bytes) by %s", job.job_id, file, job.size, user)
        return job

    def wait(self, timeout: float | None = None) -> Job | None:
        """Wait for the running job's thread (tests, shutdown); the job's state then."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.current()

    def _run(self, job_id: int, path: Path, db: Path | None) -> None:
        def progress(source: str, step: str) -> None:
            self._update(job_id, step=f"{source} · {step}" if source else step)
            if self._observe is not None:
                self._observe(source, step)

        try:
            result = load_files([path], db=db, wait=False, progress=progress)
        except WarehouseBusy:  # the writer lock: the command line, or another server process
            self._update(job_id, state="failed", error=BUSY, finished_at=local_now())
        except FileRefused as exc:  # unreadable before any run was recorded: the CLI's line
            self._update(job_id, state="failed", error=str(exc), finished_at=local_now())
        except Exception:  # a background thread: say it failed, keep the trace in the log
            log.exception("upload %s: the load failed", job_id)
            self._update(
                job_id,
                state="failed",
                error="Lỗi khi nạp tệp; dữ liệu trong kho không thay đổi. Sự cố đã được ghi lại.",
                finished_at=local_now(),
            )
        else:
            self._update(job_id, state="done", result=result, finished_at=local_now())
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)


JOBS = Jobs()
