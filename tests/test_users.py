"""The users' database (``web.users``, product.md Access) on real SQLite files in ``tmp_path``,
and ``python -m etl users …`` (data-contract §3) through the real command line (typer's CliRunner).

Whole ``User`` values are compared; hashes are read straight from the file to prove they are
argon2id and never the password.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from threading import Barrier, Thread

import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from etl.cli import app as cli
from web.users import (
    ROLES,
    User,
    UserError,
    add_user,
    get_user,
    has_users,
    list_users,
    reset_password,
    set_enabled,
    verify,
)

PASSWORD = "mật-khẩu-đủ-dài"
OTHER = "một mật khẩu khác"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A users' database path whose folder does not exist yet."""
    return tmp_path / "folder" / "users.sqlite"


def stored_hash(db: Path, login: str) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT password_hash FROM users WHERE login = ?", [login]).fetchone()[0]
    finally:
        con.close()


def test_a_new_file_is_created_with_its_folder_private_and_empty(db: Path) -> None:
    assert has_users(db) is False
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert list_users(db) == []


def test_add_get_list_round_trip(db: Path) -> None:
    ward = add_user("Hoa.Nguyen", "ward", PASSWORD, wards=["00008", "00004", "00008"], path=db)
    city = add_user("so-noi-vu", "city", PASSWORD, province="01", path=db)
    evaluator = add_user("danh_gia", "evaluator", PASSWORD, province="22", path=db)
    national = add_user("danh_gia_tw", "evaluator", PASSWORD, path=db)
    admin = add_user("admin", "admin", PASSWORD, path=db)
    assert ward == User("hoa.nguyen", "ward", ("00004", "00008"), None, True, 1)
    assert city == User("so-noi-vu", "city", (), "01", True, 1)
    assert evaluator == User("danh_gia", "evaluator", (), "22", True, 1)
    assert national == User("danh_gia_tw", "evaluator", (), None, True, 1)
    assert admin == User("admin", "admin", (), None, True, 1)
    assert get_user("HOA.NGUYEN", db) == ward
    assert get_user("hoa.nguyen", db) == ward
    assert get_user("nobody", db) is None
    assert list_users(db) == [admin, evaluator, national, ward, city]
    assert has_users(db) is True


def test_the_default_file_is_motcua_users_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_settings: None
) -> None:
    path = tmp_path / "env" / "users.sqlite"
    monkeypatch.setenv("MOTCUA_USERS_DB", str(path))
    add_user("admin", "admin", PASSWORD)
    assert path.is_file()
    assert get_user("admin", path) == User("admin", "admin", (), None, True, 1)


def test_a_login_is_unique_whatever_its_case(db: Path) -> None:
    add_user("hoa", "admin", PASSWORD, path=db)
    with pytest.raises(UserError) as refused:
        add_user("HOA", "city", PASSWORD, province="01", path=db)
    assert str(refused.value) == "Tên đăng nhập 'hoa' đã có."
    assert list_users(db) == [User("hoa", "admin", (), None, True, 1)]


@pytest.mark.parametrize(
    ("login", "role", "wards", "province", "message"),
    [
        ("hoa", "ward", (), None, "Vai trò ward cần ít nhất một mã phường, xã (--ward)."),
        ("hoa", "city", (), None, "Vai trò city cần mã tỉnh (--province)."),
        ("hoa", "boss", (), None, "Vai trò 'boss' không hợp lệ (cần một trong: "
         "ward, city, evaluator, admin)."),
        ("hoa", "city", ("00004",), "01", "Chỉ vai trò ward có mã phường, xã (--ward); "
         "vai trò city thì không."),
        ("hoa", "ward", ("00004",), "01", "Vai trò ward không có mã tỉnh (--province chỉ dành "
         "cho city và evaluator)."),
        ("hoa", "admin", (), "01", "Vai trò admin không có mã tỉnh (--province chỉ dành cho "
         "city và evaluator)."),
        ("hoa", "ward", ("4",), None, "Mã phường, xã '4' không hợp lệ (cần 5 chữ số, vd 00004)."),
        ("hoa", "ward", ("0000a",), None, "Mã phường, xã '0000a' không hợp lệ (cần 5 chữ số, "
         "vd 00004)."),
        ("hoa", "city", (), "1", "Mã tỉnh '1' không hợp lệ (cần 2 chữ số, vd 01)."),
        ("hoa", "city", (), "001", "Mã tỉnh '001' không hợp lệ (cần 2 chữ số, vd 01)."),
        ("ab", "admin", (), None, "Tên đăng nhập 'ab' không hợp lệ (cần 3–64 ký tự a-z, 0-9, "
         "'.', '_', '-')."),
        ("x" * 65, "admin", (), None, f"Tên đăng nhập '{'x' * 65}' không hợp lệ (cần 3–64 ký "
         "tự a-z, 0-9, '.', '_', '-')."),
        ("hoà", "admin", (), None, "Tên đăng nhập 'hoà' không hợp lệ (cần 3–64 ký tự a-z, "
         "0-9, '.', '_', '-')."),
        ("hoa nguyen", "admin", (), None, "Tên đăng nhập 'hoa nguyen' không hợp lệ (cần 3–64 "
         "ký tự a-z, 0-9, '.', '_', '-')."),
    ],
)  # fmt: skip
def test_a_bad_login_role_or_scope_is_refused(
    db: Path,
    login: str,
    role: str,
    wards: tuple[str, ...],
    province: str | None,
    message: str,
) -> None:
    with pytest.raises(UserError) as refused:
        add_user(login, role, PASSWORD, wards=wards, province=province, path=db)
    assert str(refused.value) == message
    assert list_users(db) == []


@pytest.mark.parametrize(
    ("password", "message"),
    [("", "Mật khẩu trống."), ("123456789", "Mật khẩu quá ngắn (cần ít nhất 10 ký tự).")],
)
def test_an_empty_or_short_password_is_refused(db: Path, password: str, message: str) -> None:
    with pytest.raises(UserError) as refused:
        add_user("hoa", "admin", password, path=db)
    assert str(refused.value) == message
    add_user("minh", "admin", PASSWORD, path=db)
    with pytest.raises(UserError) as refused:
        reset_password("minh", password, path=db)
    assert str(refused.value) == message
    assert verify("minh", PASSWORD, db) == User("minh", "admin", (), None, True, 1)


def test_ten_characters_is_long_enough(db: Path) -> None:
    assert add_user("hoa", "admin", "0123456789", path=db).login == "hoa"
    assert verify("hoa", "0123456789", db) is not None


def test_verify_the_right_password_only(db: Path) -> None:
    user = add_user("hoa", "ward", PASSWORD, wards=["00004"], path=db)
    assert verify("hoa", PASSWORD, db) == user
    assert verify("HOA", PASSWORD, db) == user
    assert verify("hoa", OTHER, db) is None
    assert verify("hoa", "", db) is None
    assert verify("hoa", PASSWORD.upper(), db) is None
    assert verify("nobody", PASSWORD, db) is None
    assert verify("x", PASSWORD, db) is None  # not even a login's shape


def test_stored_hashes_are_argon2id_never_the_password(db: Path) -> None:
    add_user("hoa", "admin", PASSWORD, path=db)
    add_user("minh", "admin", PASSWORD, path=db)
    first, second = stored_hash(db, "hoa"), stored_hash(db, "minh")
    assert first.startswith("$argon2id$")
    assert second.startswith("$argon2id$")
    assert first != second  # salted
    assert PASSWORD not in first
    assert PASSWORD.encode() not in db.read_bytes()


def test_disable_bumps_the_generation_and_refuses_the_password(db: Path) -> None:
    add_user("hoa", "city", PASSWORD, province="01", path=db)
    disabled = set_enabled("hoa", False, path=db)
    assert disabled == User("hoa", "city", (), "01", False, 2)
    assert get_user("hoa", db) == disabled
    assert verify("hoa", PASSWORD, db) is None
    assert has_users(db) is True


def test_enable_again_lets_the_user_in_with_a_newer_generation(db: Path) -> None:
    add_user("hoa", "city", PASSWORD, province="01", path=db)
    set_enabled("hoa", False, path=db)
    enabled = set_enabled("HOA", True, path=db)
    assert enabled == User("hoa", "city", (), "01", True, 3)
    assert verify("hoa", PASSWORD, db) == enabled


def test_reset_changes_the_password_and_bumps_the_generation(db: Path) -> None:
    add_user("hoa", "ward", PASSWORD, wards=["00004"], path=db)
    before = stored_hash(db, "hoa")
    reset = reset_password("hoa", OTHER, path=db)
    assert reset == User("hoa", "ward", ("00004",), None, True, 2)
    assert verify("hoa", PASSWORD, db) is None
    assert verify("hoa", OTHER, db) == reset
    after = stored_hash(db, "hoa")
    assert after.startswith("$argon2id$")
    assert after != before


@pytest.mark.parametrize("change", ["disable", "enable", "reset"])
def test_changing_an_unknown_login_is_refused(db: Path, change: str) -> None:
    add_user("hoa", "admin", PASSWORD, path=db)
    with pytest.raises(UserError) as refused:
        if change == "reset":
            reset_password("minh", OTHER, path=db)
        else:
            set_enabled("minh", change == "enable", path=db)
    assert str(refused.value) == "Không có tên đăng nhập 'minh'."
    assert list_users(db) == [User("hoa", "admin", (), None, True, 1)]


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(db: Path) -> None:
    add_user("hoa", "admin", PASSWORD, path=db)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE users SET password_hash = ? WHERE login = 'hoa'", [weak])
    con.close()
    assert verify("hoa", PASSWORD, db) == User("hoa", "admin", (), None, True, 1)
    upgraded = stored_hash(db, "hoa")
    assert upgraded != weak
    assert not PasswordHasher().check_needs_rehash(upgraded)
    assert verify("hoa", PASSWORD, db) == User("hoa", "admin", (), None, True, 1)


def test_writers_at_the_same_time_all_land(db: Path) -> None:
    has_users(db)  # the schema exists; the threads race on the writes alone
    logins = [f"user{i:02d}" for i in range(8)]
    start = Barrier(len(logins))
    failures: list[BaseException] = []

    def add(login: str) -> None:
        start.wait()
        try:
            add_user(login, "admin", PASSWORD, path=db)
            set_enabled(login, False, path=db)
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)

    threads = [Thread(target=add, args=(login,)) for login in logins]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert list_users(db) == [User(login, "admin", (), None, False, 2) for login in logins]


def test_roles_are_the_four_of_the_product() -> None:
    assert ROLES == ("ward", "city", "evaluator", "admin")


# --- python -m etl users … --------------------------------------------------------------------


def run(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """``python -m etl users ARGS --users-db DB``: its exit code, standard output and error."""
    result = CliRunner().invoke(cli, ["users", *args, "--users-db", str(db)], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cli_add_from_stdin_then_list_shows_the_user_and_no_hash(db: Path) -> None:
    code, stdout, stderr = run(
        db, "add", "Hoa.Nguyen", "--role", "ward", "--ward", "00008", "--ward", "00004",
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert (code, stderr) == (0, ""), stderr
    assert stdout == "Đã thêm người dùng 'hoa.nguyen' (vai trò ward, phường, xã 00004, 00008).\n"
    assert verify("hoa.nguyen", PASSWORD, db) == User(
        "hoa.nguyen", "ward", ("00004", "00008"), None, True, 1
    )
    code, stdout, stderr = run(db, "add", "so-noi-vu", "--role", "city", "--province", "01",
                               "--password-stdin", stdin=OTHER)  # fmt: skip
    assert (code, stderr) == (0, "")
    assert stdout == "Đã thêm người dùng 'so-noi-vu' (vai trò city, tỉnh 01).\n"

    code, stdout, stderr = run(db, "list")
    assert (code, stderr) == (0, "")
    rows = [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in stdout.splitlines()
        if line.startswith("│")
    ]
    assert rows == [
        ["hoa.nguyen", "ward", "00004, 00008", "—", "có"],
        ["so-noi-vu", "city", "—", "01", "có"],
    ]
    assert "Tên đăng nhập" in stdout
    assert "$argon2" not in stdout
    assert PASSWORD not in stdout


def test_cli_add_prompts_twice_for_a_hidden_password(db: Path) -> None:
    code, stdout, stderr = run(db, "add", "admin", "--role", "admin", stdin=f"{OTHER}\n{OTHER}\n")
    assert (code, stderr) == (0, ""), stderr
    assert OTHER not in stdout  # hidden while typed
    assert stdout.endswith("Đã thêm người dùng 'admin' (vai trò admin, toàn quốc).\n")
    assert verify("admin", OTHER, db) == User("admin", "admin", (), None, True, 1)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "hoa", "--role", "ward", "--password-stdin"), PASSWORD,
         "Vai trò ward cần ít nhất một mã phường, xã (--ward)."),
        (("add", "hoa", "--role", "city", "--password-stdin"), PASSWORD,
         "Vai trò city cần mã tỉnh (--province)."),
        (("add", "hoa", "--role", "ward", "--ward", "4", "--password-stdin"), PASSWORD,
         "Mã phường, xã '4' không hợp lệ (cần 5 chữ số, vd 00004)."),
        (("add", "hoa", "--role", "chief", "--password-stdin"), PASSWORD,
         "Vai trò 'chief' không hợp lệ (cần một trong: ward, city, evaluator, admin)."),
        (("add", "[b]hoa", "--role", "admin", "--password-stdin"), PASSWORD,
         "Tên đăng nhập '[b]hoa' không hợp lệ (cần 3–64 ký tự a-z, 0-9, '.', '_', '-')."),
        (("add", "ADMIN", "--role", "admin", "--password-stdin"), PASSWORD,
         "Tên đăng nhập 'admin' đã có."),
        (("add", "hoa", "--role", "admin", "--password-stdin"), "\n", "Mật khẩu trống."),
        (("add", "hoa", "--role", "admin", "--password-stdin"), "ngắn quá\n",
         "Mật khẩu quá ngắn (cần ít nhất 10 ký tự)."),
        (("disable", "minh"), None, "Không có tên đăng nhập 'minh'."),
        (("enable", "minh"), None, "Không có tên đăng nhập 'minh'."),
        (("reset", "minh", "--password-stdin"), PASSWORD, "Không có tên đăng nhập 'minh'."),
        (("reset", "admin", "--password-stdin"), "", "Mật khẩu trống."),
    ],
)  # fmt: skip
def test_cli_errors_exit_1_with_one_line_on_stderr(
    db: Path, args: tuple[str, ...], stdin: str | None, message: str
) -> None:
    add_user("admin", "admin", PASSWORD, path=db)
    code, stdout, stderr = run(db, *args, stdin=stdin)
    assert (code, stdout, stderr) == (1, "", f"Lỗi: {message}\n")
    assert list_users(db) == [User("admin", "admin", (), None, True, 1)]
    assert verify("admin", PASSWORD, db) is not None


def test_cli_disable_enable_reset(db: Path) -> None:
    add_user("hoa", "evaluator", PASSWORD, province="22", path=db)
    code, stdout, _ = run(db, "disable", "HOA")
    assert (code, stdout) == (
        0, "Đã khoá tài khoản 'hoa'; các phiên đăng nhập đang mở sẽ kết thúc.\n"
    )  # fmt: skip
    assert verify("hoa", PASSWORD, db) is None
    assert run(db, "list")[1].count("đã khoá") == 1
    code, stdout, _ = run(db, "enable", "hoa")
    assert (code, stdout) == (0, "Đã mở lại tài khoản 'hoa'.\n")
    code, stdout, _ = run(db, "reset", "hoa", "--password-stdin", stdin=OTHER + "\r\n")
    assert (code, stdout) == (
        0, "Đã đổi mật khẩu của 'hoa'; các phiên đăng nhập đang mở sẽ kết thúc.\n"
    )  # fmt: skip
    assert verify("hoa", PASSWORD, db) is None
    assert verify("hoa", OTHER, db) == User("hoa", "evaluator", (), "22", True, 4)


def test_cli_list_without_users_says_how_to_add_one(db: Path) -> None:
    assert run(db, "list") == (
        0, "Chưa có người dùng nào. Thêm: python -m etl users add LOGIN --role …\n", ""
    )  # fmt: skip


def test_demo_admin_prints_a_working_login_once(db: Path) -> None:
    code, stdout, stderr = run(db, "demo-admin")
    assert (code, stderr) == (0, "")
    prefix = "Tài khoản quản trị thử: admin / "
    suffix = " (chỉ in một lần; đổi bằng: python -m etl users reset admin)\n"
    assert stdout.startswith(prefix)
    assert stdout.endswith(suffix)
    password = stdout.removeprefix(prefix).removesuffix(suffix)
    assert len(password) == 16  # secrets.token_urlsafe(12)
    assert verify("admin", password, db) == User("admin", "admin", (), None, True, 1)
    assert run(db, "demo-admin") == (0, "", "")
    assert list_users(db) == [User("admin", "admin", (), None, True, 1)]


def test_demo_admin_leaves_existing_users_alone(db: Path) -> None:
    add_user("hoa", "city", PASSWORD, province="01", path=db)
    assert run(db, "demo-admin") == (0, "", "")
    assert list_users(db) == [User("hoa", "city", (), "01", True, 1)]
