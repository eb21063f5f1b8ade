"""Sign-in and sign-out (``/dang-nhap``, ``/dang-xuat``) and the session (Flask-Login).

The session cookie holds ``login:generation``; each request reloads the user from the users'
database (web.users), so a disabled user, or one whose password was reset, is signed out on
their next request. Wrong login and wrong password get the same message (which one was wrong
is not said). Attempts are throttled per client and per login (web.hardening's limiter).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from flask import Blueprint, Flask, redirect, render_template, request
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ui.i18n import _, current_lang, current_theme
from web import users

SIGN_IN, SIGN_OUT = "/dang-nhap", "/dang-xuat"
blueprint = Blueprint("auth", __name__, template_folder="templates")
login_manager = LoginManager()


@dataclass(frozen=True)
class SessionUser(UserMixin):
    """The signed-in user as Flask-Login sees it: the account, and its id with its generation."""

    account: users.User

    def get_id(self) -> str:
        return f"{self.account.login}:{self.account.generation}"


@login_manager.user_loader
def load_user(user_id: str) -> SessionUser | None:
    """The session's user, while the account exists, is enabled and has the same generation."""
    login, _sep, generation = user_id.rpartition(":")
    account = users.get_user(login) if login else None
    if account is None or not account.enabled or str(account.generation) != generation:
        return None
    return SessionUser(account)


class SignInForm(FlaskForm):
    """``username``, ``password`` and the CSRF token (Flask-WTF)."""

    username = StringField(validators=[DataRequired(), Length(max=64)])
    password = PasswordField(validators=[DataRequired(), Length(max=256)])


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site, never another site (``//evil``)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    return target


def _page(form: SignInForm, *, error: str | None = None, status: int = 200) -> Response:
    notice = _("Đã đăng xuất.") if request.args.get("da_dang_xuat") else None
    next_target = safe_next(request.args.get("next"))
    action = SIGN_IN if next_target == "/" else f"{SIGN_IN}?next={quote(next_target, safe='/')}"
    html = render_template(
        "sign_in.html",
        form=form,
        error=error,
        notice=notice,
        action=action,
        lang=current_lang(),
        theme=current_theme(),
        t=_,
    )
    return Response(html, status=status, mimetype="text/html")


@blueprint.route(SIGN_IN, methods=["GET", "POST"])
def sign_in() -> Response:
    """The sign-in form; on success, the page the reader was sent here from."""
    form = SignInForm()
    if request.method == "GET":
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, error=_("Hãy nhập tên đăng nhập và mật khẩu."), status=400)
    account = users.verify(form.username.data.strip(), form.password.data)
    if account is None:
        # the same words for an unknown login, a wrong password and a disabled account
        error = _("Tên đăng nhập hoặc mật khẩu không đúng.")
        return _page(form, error=error, status=401)
    login_user(SessionUser(account))
    return redirect(safe_next(request.args.get("next")))


@blueprint.route(SIGN_OUT, methods=["GET", "POST"])
def sign_out() -> Response:
    """End the session and show the sign-in form."""
    if current_user.is_authenticated:
        logout_user()
    return redirect(f"{SIGN_IN}?da_dang_xuat=1")


def install(server: Flask) -> None:
    """Sessions and the sign-in routes on ``server``."""
    login_manager.init_app(server)
    login_manager.session_protection = "basic"
    server.register_blueprint(blueprint)
