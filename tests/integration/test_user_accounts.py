"""The account rules the admin pages and the CLI share (services.admin), on each database."""
import pytest
from sqlalchemy import select

from counter_server.models import User, WebSession
from counter_server.services import accounts
from counter_server.services.admin import (
    LastAdmin, UnknownRole, UnknownUser, UserChange, UsernameTaken, WeakPassword, disable_user, edit_user,
    enable_user, set_password, set_role,
)
from tests.factories import make_centre, make_user


def fresh(session, username) -> User:
    """The account as the database now has it (not as this session last saw it)."""
    session.rollback()
    session.expire_all()
    return session.scalar(select(User).where(User.username == username))


def test_disabling_ends_the_open_web_sessions_and_enabling_does_not_reopen_them(ctx, session, centre):
    session_id = accounts.start_web_session(ctx, centre.staff.id)
    disable_user(ctx, "canbo")
    assert accounts.check_credentials(ctx, "canbo", "mat-khau-1") is None
    enable_user(ctx, "canbo")
    assert accounts.web_session_account(ctx, session_id, hours=10) is None
    assert accounts.check_credentials(ctx, "canbo", "mat-khau-1") is not None


def test_a_new_password_ends_the_open_web_sessions(ctx, session, centre):
    session_id = accounts.start_web_session(ctx, centre.staff.id)
    set_password(ctx, "canbo", "mat-khau-moi")
    assert session.scalar(select(WebSession.ended_at).where(WebSession.id == session_id)) is not None
    assert accounts.check_credentials(ctx, "canbo", "mat-khau-1") is None
    assert accounts.check_credentials(ctx, "canbo", "mat-khau-moi") is not None


def test_a_short_password_and_an_unknown_role_are_refused_before_anything_changes(ctx, session, centre):
    with pytest.raises(WeakPassword, match="ít nhất 8 ký tự"):
        set_password(ctx, "canbo", "1234567")
    with pytest.raises(UnknownRole):
        set_role(ctx, "canbo", "king")
    assert fresh(session, "canbo").role == "staff"


def test_an_unknown_user_is_named_as_such(ctx, centre):
    with pytest.raises(UnknownUser, match="Không có tài khoản này."):
        disable_user(ctx, "khong-co-ai")


def test_an_admin_of_another_centre_does_not_keep_this_one_administered(ctx, session, centre):
    make_user(session, centre.centre, "quantri", "admin")
    make_user(session, make_centre(session, code="KHAC", name="Trung tâm khác"), "quantri-khac", "admin")
    session.commit()
    with pytest.raises(LastAdmin):
        disable_user(ctx, "quantri")
    with pytest.raises(LastAdmin):
        set_role(ctx, "quantri", "manager")
    assert fresh(session, "quantri").is_active


def test_an_admin_may_step_down_once_another_is_active(ctx, session, centre):
    make_user(session, centre.centre, "quantri", "admin")
    session.commit()
    set_role(ctx, "canbo", "admin")
    set_role(ctx, "quantri", "staff")
    with pytest.raises(LastAdmin):
        disable_user(ctx, "canbo")


def test_the_admin_pages_edit_only_accounts_of_their_own_centre(ctx, session, centre):
    other = make_user(session, make_centre(session, code="KHAC", name="Trung tâm khác"), "nguoi-khac")
    session.commit()
    with pytest.raises(UnknownUser):
        edit_user(ctx, centre.centre.id, other.id, UserChange(is_active=False))
    assert fresh(session, "nguoi-khac").is_active


def test_renaming_to_a_taken_username_is_refused(ctx, session, centre):
    make_user(session, centre.centre, "lanhdao", "manager")
    session.commit()
    with pytest.raises(UsernameTaken):
        edit_user(ctx, centre.centre.id, centre.staff.id, UserChange(username="lanhdao"))
    edit_user(ctx, centre.centre.id, centre.staff.id, UserChange(username="canbo", full_name="Trần Thị Bình"))
    assert fresh(session, "canbo").full_name == "Trần Thị Bình"
