"""Command line (data-contract §3): ``load``, ``demo``, ``status``, ``wards``, ``users …``.

Output is in Vietnamese; a refused file ends the command with exit code 1 and a one-line reason
on standard error.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from etl import summary
from etl.loader import BatchResult, load_files
from etl.readers import FileRefused
from etl.warehouse import WarehouseBusy
from kpi.config import local_now, settings
from web import users

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Nạp dữ liệu Một Cửa vào kho.")
# Summaries stay readable when piped to a file or a log (rich assumes 80 columns there). Lines
# that name files, rows and reasons are printed with soft_wrap (never broken), and text from a
# file is escaped (a "[" in a value or a file name is not rich markup).
out = Console(width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True)

DbOption = Annotated[
    Path | None, typer.Option("--db", help="Tệp kho dữ liệu (mặc định: MOTCUA_DB)")
]


_n = summary.n
reason_line = summary.reason_line  # kept here: the summary's lines are etl/summary.py's


def _print_batch(result: BatchResult) -> None:
    table = Table(title="Kết quả nạp", show_lines=False)
    for col in summary.HEADERS:
        table.add_column(col, justify="left" if col in summary.TEXT_COLUMNS else "right")
    for row in summary.file_rows(result):
        *cells, status = row.cells
        table.add_row(*cells, f"[red]{status}[/]" if row.status == "refused" else status)
    out.print(table)
    for note in summary.notes(result):
        if note.from_file:
            # Values come from the file: never read as rich markup; one line each, for logs.
            out.print(note.text, markup=False, highlight=False, soft_wrap=True)
        else:
            out.print(note.text)
    if summary.has_stored_rejects(result):
        out.print(summary.REJECTS_HINT)


def _run_load(paths: list[str], **kwargs: object) -> BatchResult:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
        transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("Đang nạp…", total=None)

        def report(source: str, step: str) -> None:
            progress.update(task, description=f"{source} · {step}" if source else step)

        return load_files(paths, progress=report, **kwargs)


@app.command()
def load(
    paths: Annotated[list[str], typer.Argument(help="Tệp, thư mục hoặc mẫu (glob)")],
    kind: Annotated[
        str | None, typer.Option(help="dossiers | ratings | petitions | procedures")
    ] = None,
    province: Annotated[str | None, typer.Option(help="Mã tỉnh mặc định, vd 01")] = None,
    encoding: Annotated[str | None, typer.Option(help="Bảng mã CSV, vd windows-1258")] = None,
    sheet: Annotated[str | None, typer.Option(help="Tên trang tính (.xlsx)")] = None,
    db: DbOption = None,
) -> None:
    """Nạp tệp xuất từ hệ thống một cửa (hồ sơ, đánh giá, phản ánh, danh mục thủ tục)."""
    try:
        result = _run_load(
            paths, kind=kind, province=province, encoding=encoding, sheet=sheet, db=db, wait=False
        )
    except (FileRefused, WarehouseBusy) as exc:
        err.print(f"[red]Lỗi:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    _print_batch(result)
    if not result.ok:
        err.print(f"[red]Bị từ chối:[/] {escape(result.message)}", highlight=False, soft_wrap=True)
        err.print("Dữ liệu trong kho không thay đổi; lần nạp bị từ chối được ghi vào etl_runs.")
        raise typer.Exit(1)


def _has_dossiers(db_path: Path) -> bool:
    if not db_path.exists():
        return False
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM dossiers").fetchone()[0] > 0
    except duckdb.CatalogException:
        return False
    finally:
        con.close()


@app.command()
def demo(
    wards: Annotated[int, typer.Option(help="Số phường/xã của Hà Nội (tối đa 126)")] = 126,
    days: Annotated[
        int | None, typer.Option(help="Số ngày gần nhất (mặc định từ 1/7/2025)")
    ] = None,
    seed: Annotated[int, typer.Option(help="Hạt giống ngẫu nhiên")] = 2025,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Chỉ tạo khi kho chưa có hồ sơ nào")
    ] = False,
    db: DbOption = None,
) -> None:
    """Tạo dữ liệu mẫu thực tế cho Hà Nội rồi nạp qua đúng đường nạp tệp thật."""
    from etl.demo import write_demo_files

    db_path = db or settings().db
    if if_empty and _has_dossiers(db_path):
        out.print(f"Kho {db_path} đã có dữ liệu: không tạo dữ liệu mẫu.")
        return
    folder = db_path.parent / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    with err.status("Đang tạo tệp dữ liệu mẫu…"):
        now = local_now()  # the export is taken now: nothing later today is in it
        files = write_demo_files(folder, wards=wards, days=days, seed=seed, taken_at=now)
    out.print(f"Đã tạo {len(files)} tệp trong {folder}")
    try:
        result = _run_load([str(f) for f in files], db=db_path)
    except (FileRefused, WarehouseBusy) as exc:
        err.print(f"[red]Lỗi:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    _print_batch(result)
    if not result.ok:
        err.print(f"[red]Bị từ chối:[/] {escape(result.message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


@app.command()
def status(db: DbOption = None) -> None:
    """Độ mới của dữ liệu, số bản ghi và các lần nạp gần nhất."""
    db_path = db or settings().db
    if not db_path.exists():
        err.print(f"Chưa có kho dữ liệu tại {db_path}. Chạy: python -m etl demo")
        raise typer.Exit(1)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        counts = Table(title=f"Kho dữ liệu {db_path}")
        counts.add_column("Bảng")
        counts.add_column("Số dòng", justify="right")
        for table in ("dossiers", "ratings", "petitions", "procedures", "wards", "etl_rejects"):
            n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            counts.add_row(table, _n(n))
        out.print(counts)
        newest = con.execute(
            "SELECT max(greatest(received_at, ended_at, returned_at)), count(DISTINCT ward_code)"
            " FROM dossiers"
        ).fetchone()
        if newest[0] is not None:
            out.print(
                f"Dữ liệu đến {newest[0]:%H:%M %d/%m/%Y}; {newest[1]} phường, xã có hồ sơ.",
                highlight=False,
            )
        runs = Table(title="Các lần nạp gần nhất")
        for col in ("#", "Lúc", "Tệp", "Loại", "Đọc", "Mới", "Sửa", "Loại bỏ", "Trạng thái"):
            runs.add_column(col)
        for row in con.execute(
            "SELECT run_id, started_at, source, kind, rows_read, rows_inserted, rows_updated,"
            " rows_rejected, status FROM etl_runs ORDER BY run_id DESC LIMIT 10"
        ).fetchall():
            run_id, started, source, kind, read, ins, upd, rej, state = row
            runs.add_row(
                str(run_id), f"{started:%H:%M %d/%m/%Y}", Path(source).name, kind or "—",
                _n(read or 0), _n(ins or 0), _n(upd or 0), _n(rej or 0), state,
            )  # fmt: skip
        out.print(runs)
        rejects = con.execute(
            'SELECT j.row_number, j.source, j."column", j.value, j.reason FROM etl_rejects AS j'
            " WHERE j.run_id = (SELECT max(run_id) FROM etl_rejects)"
            " ORDER BY j.row_number LIMIT 20"
        ).fetchall()
        if rejects:
            table = Table(title="Dòng bị loại của lần nạp gần nhất có dòng bị loại (tối đa 20)")
            for col in ("Dòng", "Tệp", "Cột", "Giá trị", "Lý do"):
                table.add_column(col)
            for line, source, column, value, reason in rejects:
                table.add_row(str(line), Path(source).name, column or "—", value or "", reason)
            out.print(table)
    finally:
        con.close()


@app.command()
def wards(
    province: Annotated[
        str | None, typer.Option(help="Mã tỉnh, vd 01 (mặc định: cấu hình)")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option(help="Địa chỉ máy chủ, vd http://10.0.0.5:8050")
    ] = None,
    db: DbOption = None,
) -> None:
    """Mã và tên các phường, xã của một tỉnh, với địa chỉ màn hình công khai của từng nơi."""
    cfg = settings()
    db_path = db or cfg.db
    if not db_path.exists():
        err.print(f"Chưa có kho dữ liệu tại {db_path}. Chạy: python -m etl demo")
        raise typer.Exit(1)
    code = (province or cfg.province).zfill(2)
    base = (base_url or f"http://{cfg.host}:{cfg.port}").rstrip("/")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT ward_code, ward_name FROM wards WHERE province_code = ?"
            " ORDER BY ward_short COLLATE vi, ward_code",
            [code],
        ).fetchall()
    finally:
        con.close()
    if not rows:
        err.print(f"Không có phường, xã nào của tỉnh mã {code}.")
        raise typer.Exit(1)
    table = Table(title=f"{len(rows)} phường, xã (tỉnh {code})")
    for col in ("Mã", "Tên", "Màn hình công khai"):
        table.add_column(col)
    for ward_code, name in rows:
        table.add_row(ward_code, name, f"{base}/man-hinh/{ward_code}")
    out.print(table)


# --- users (product.md Access): the users' own database, web.users ----------------------------

users_app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Người dùng, vai trò và phạm vi xem."
)
app.add_typer(users_app, name="users")

UsersDbOption = Annotated[
    Path | None,
    typer.Option("--users-db", help="Tệp cơ sở dữ liệu người dùng (mặc định: MOTCUA_USERS_DB)"),
]
PasswordStdinOption = Annotated[
    bool,
    typer.Option("--password-stdin", help="Đọc mật khẩu từ một dòng của đầu vào chuẩn (stdin)"),
]


def _refuse(exc: users.UserError) -> typer.Exit:
    err.print(f"[red]Lỗi:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    return typer.Exit(1)


def _password(from_stdin: bool) -> str:
    """One line of standard input (its line ending dropped), or typed twice, hidden."""
    if from_stdin:
        return sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    return typer.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")


def _scope(user: users.User) -> str:
    if user.wards:
        return f"phường, xã {', '.join(user.wards)}"
    if user.province:
        return f"tỉnh {user.province}"
    return "toàn quốc"


@users_app.command("add")
def users_add(
    login: Annotated[str, typer.Argument(help="Tên đăng nhập (3–64 ký tự a-z, 0-9, . _ -)")],
    role: Annotated[str, typer.Option("--role", help="ward | city | evaluator | admin")],
    ward: Annotated[
        list[str] | None, typer.Option("--ward", help="Mã phường, xã (5 chữ số); lặp lại được")
    ] = None,
    province: Annotated[
        str | None, typer.Option("--province", help="Mã tỉnh (2 chữ số), vd 01")
    ] = None,
    password_stdin: PasswordStdinOption = False,
    users_db: UsersDbOption = None,
) -> None:
    """Thêm người dùng với vai trò và phạm vi của họ."""
    wards = tuple(ward or ())
    try:
        # Refuse a bad login, role or scope before asking for a password.
        users.check_new(login, role, wards=wards, province=province, path=users_db)
        user = users.add_user(
            login, role, _password(password_stdin), wards=wards, province=province, path=users_db
        )
    except users.UserError as exc:
        raise _refuse(exc) from exc
    out.print(f"Đã thêm người dùng '{user.login}' (vai trò {user.role}, {_scope(user)}).")


@users_app.command("list")
def users_list(users_db: UsersDbOption = None) -> None:
    """Danh sách người dùng (không bao giờ in mật khẩu hay mã băm)."""
    rows = users.list_users(users_db)
    if not rows:
        out.print("Chưa có người dùng nào. Thêm: python -m etl users add LOGIN --role …")
        return
    table = Table(title=f"{len(rows)} người dùng ({users_db or settings().users_db})")
    for col in ("Tên đăng nhập", "Vai trò", "Phường, xã", "Tỉnh", "Hoạt động"):
        table.add_column(col)
    for user in rows:
        table.add_row(
            user.login,
            user.role,
            ", ".join(user.wards) or "—",
            user.province or "—",
            "có" if user.enabled else "[red]đã khoá[/]",
        )
    out.print(table)


@users_app.command("disable")
def users_disable(
    login: Annotated[str, typer.Argument(help="Tên đăng nhập")], users_db: UsersDbOption = None
) -> None:
    """Khoá tài khoản; các phiên đăng nhập đang mở của người đó kết thúc."""
    try:
        user = users.set_enabled(login, False, path=users_db)
    except users.UserError as exc:
        raise _refuse(exc) from exc
    out.print(f"Đã khoá tài khoản '{user.login}'; các phiên đăng nhập đang mở sẽ kết thúc.")


@users_app.command("enable")
def users_enable(
    login: Annotated[str, typer.Argument(help="Tên đăng nhập")], users_db: UsersDbOption = None
) -> None:
    """Mở lại tài khoản đã khoá."""
    try:
        user = users.set_enabled(login, True, path=users_db)
    except users.UserError as exc:
        raise _refuse(exc) from exc
    out.print(f"Đã mở lại tài khoản '{user.login}'.")


@users_app.command("reset")
def users_reset(
    login: Annotated[str, typer.Argument(help="Tên đăng nhập")],
    password_stdin: PasswordStdinOption = False,
    users_db: UsersDbOption = None,
) -> None:
    """Đặt mật khẩu mới; các phiên đăng nhập đang mở của người đó kết thúc."""
    try:
        if users.get_user(login, users_db) is None:  # refuse before asking for a password
            raise users.UserError(f"Không có tên đăng nhập '{login}'.")
        user = users.reset_password(login, _password(password_stdin), path=users_db)
    except users.UserError as exc:
        raise _refuse(exc) from exc
    out.print(f"Đã đổi mật khẩu của '{user.login}'; các phiên đăng nhập đang mở sẽ kết thúc.")


@users_app.command("demo-admin")
def users_demo_admin(users_db: UsersDbOption = None) -> None:
    """Chỉ để phát triển (make run): chưa có người dùng nào thì tạo admin, mật khẩu ngẫu nhiên."""
    if users.has_users(users_db):
        return
    password = secrets.token_urlsafe(12)
    try:
        users.add_user("admin", "admin", password, path=users_db)
    except users.UserError:  # another run created it meanwhile, and printed its password
        return
    out.print(
        f"Tài khoản quản trị thử: admin / {password} (chỉ in một lần; đổi bằng:"
        " python -m etl users reset admin)",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
