"""Accounts on the admin pages: an admin renames, disables, enables, resets the password of and
changes the role of the centre's users, under the rules the CLI follows."""
import pytest
from sqlalchemy import select

from counter_server import security
from counter_server.models import User
from tests.api.conftest import Api
from tests.api.test_admin_pages import csrf_of
from tests.factories import make_user


class AccountsPage:
    """An admin, signed in, working on /admin/admin_users/ as a browser would."""

    def __init__(self, client, session):
        self.client, self.session = client, session

    def user(self, username) -> User:
        self.session.rollback()  # a fresh look, past the snapshot and the objects of the last read
        self.session.expire_all()
        return self.session.scalar(select(User).where(User.username == username))

    def save(self, who, **changes):
        """Open the account of `who`, change `changes` (is_active=False unticks it), save; the response."""
        user = self.user(who)
        url = f"/admin/admin_users/edit/?id={user.id}"
        values = {"username": user.username, "full_name": user.full_name, "role": user.role,
                  "is_active": user.is_active, "new_password": ""} | changes
        data = {name: value for name, value in values.items() if name != "is_active"}
        if values["is_active"]:
            data["is_active"] = "y"  # a ticked box; an unticked one is not sent at all
        return self.client.post(url, data=data | {"csrf_token": csrf_of(self.client.get(url).get_data(as_text=True))},
                                follow_redirects=True)

    def create(self, **values):
        """Fill in the new account form and save; the response."""
        form = self.client.get("/admin/admin_users/new/").get_data(as_text=True)
        return self.client.post("/admin/admin_users/new/", data=values | {"csrf_token": csrf_of(form)},
                                follow_redirects=True)


@pytest.fixture
def accounts(api, client, session, centre):
    make_user(session, centre.centre, username="quantri", role="admin", password="mat-khau-3")
    session.commit()
    assert api.sign_in("quantri", "mat-khau-3").status_code == 302
    return AccountsPage(client, session)


@pytest.fixture
def officer(app, centre):
    """The staff member 'canbo' in a browser of their own."""
    return Api(app.test_client(), centre)


def forget_cached_sign_ins(app):
    """Sign-ins are cached for up to 10 s; the tests skip the wait."""
    app.extensions["user_cache"].clear()


def test_saving_an_account_without_renaming_it_is_not_refused_as_taken(accounts):
    page = accounts.save("canbo", full_name="Trần Thị Bình").get_data(as_text=True)
    assert "Đã tồn tại" not in page and "Already exists" not in page
    assert accounts.user("canbo").full_name == "Trần Thị Bình"


def test_renaming_an_account_to_a_taken_username_is_refused(accounts):
    page = accounts.save("canbo", username="quantri").get_data(as_text=True)
    assert "Đã tồn tại" in page
    assert accounts.user("canbo") is not None


def test_a_disabled_officer_cannot_sign_in_and_their_open_session_is_refused(app, accounts, officer):
    assert officer.sign_in().status_code == 302
    assert officer.client.get("/console").status_code == 200
    accounts.save("canbo", is_active=False)
    forget_cached_sign_ins(app)
    assert not accounts.user("canbo").is_active
    refused = officer.client.get("/console")
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert officer.sign_in().status_code == 401


def test_an_enabled_officer_signs_in_again_but_the_session_ended_by_disabling_stays_ended(app, accounts, officer):
    officer.sign_in()
    old_cookie = officer.client.get_cookie("session").value
    accounts.save("canbo", is_active=False)
    accounts.save("canbo", is_active=True)
    forget_cached_sign_ins(app)
    assert accounts.user("canbo").is_active
    officer.client.set_cookie("session", old_cookie)
    assert officer.client.get("/console").status_code == 302
    assert officer.sign_in().status_code == 302
    assert officer.client.get("/console").status_code == 200


def test_a_reset_password_replaces_the_old_one_and_ends_open_sessions(app, accounts, officer):
    officer.sign_in()
    accounts.save("canbo", new_password="mat-khau-moi")
    forget_cached_sign_ins(app)
    assert officer.client.get("/console").status_code == 302
    assert officer.sign_in("canbo", "mat-khau-1").status_code == 401
    assert officer.sign_in("canbo", "mat-khau-moi").status_code == 302


def test_an_admin_makes_an_officer_a_manager(app, accounts, officer):
    officer.sign_in()
    assert officer.client.get("/reports/").status_code in (302, 403)
    accounts.save("canbo", role="manager")
    forget_cached_sign_ins(app)
    assert accounts.user("canbo").role == "manager"
    assert officer.client.get("/reports/").status_code == 200


def test_the_form_refuses_a_password_of_seven_characters(accounts):
    before = accounts.user("canbo").password_hash
    page = accounts.save("canbo", new_password="1234567").get_data(as_text=True)
    assert "Mật khẩu phải có ít nhất 8 ký tự." in page
    assert accounts.user("canbo").password_hash == before
    page = accounts.create(username="canbo9", full_name="", role="staff", is_active="y",
                           new_password="1").get_data(as_text=True)
    assert "Mật khẩu phải có ít nhất 8 ký tự." in page
    assert accounts.user("canbo9") is None


def test_a_new_account_needs_a_password(accounts):
    page = accounts.create(username="canbo9", full_name="", role="staff", is_active="y").get_data(as_text=True)
    assert "Mật khẩu phải có ít nhất 8 ký tự." in page
    assert accounts.user("canbo9") is None


def test_a_new_account_can_be_created_disabled(accounts):
    accounts.create(username="canbo9", full_name="Lê Văn C", role="staff", new_password="mat-khau-9")
    user = accounts.user("canbo9")
    assert not user.is_active and security.password_matches(user.password_hash, "mat-khau-9")


def test_the_last_active_admin_can_be_neither_disabled_nor_demoted(accounts):
    for change in ({"is_active": False}, {"role": "staff"}, {"role": "manager"}):
        page = accounts.save("quantri", **change).get_data(as_text=True)
        assert "quản trị viên cuối cùng" in page, change
        assert accounts.user("quantri").is_active and accounts.user("quantri").role == "admin"
    accounts.save("quantri", full_name="Quản trị viên")
    assert accounts.user("quantri").full_name == "Quản trị viên", "other changes still save"


def test_with_a_second_admin_the_first_may_step_down(accounts):
    accounts.save("canbo", role="admin")
    accounts.save("quantri", role="staff")
    assert accounts.user("quantri").role == "staff"


def test_accounts_cannot_be_deleted_only_disabled(accounts):
    user = accounts.user("canbo")
    form = accounts.client.get(f"/admin/admin_users/edit/?id={user.id}").get_data(as_text=True)
    assert "/admin/admin_users/delete/" not in accounts.client.get("/admin/admin_users/").get_data(as_text=True)
    accounts.client.post("/admin/admin_users/delete/", data={"id": user.id, "csrf_token": csrf_of(form)})
    assert accounts.user("canbo") is not None
