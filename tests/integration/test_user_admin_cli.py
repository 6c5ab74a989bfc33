"""`counter-server user disable|enable|set-password|set-role NAME`, run as an installer would,
on the demo centre (admin quantri, manager lanhdao, officers canbo1 and canbo2)."""
import pytest
from sqlalchemy import create_engine, select

from counter_server.models import User
from counter_server.security import password_matches
from tests.integration.test_cli import cli  # noqa: F401  (the fixture that runs the command)


@pytest.fixture
def demo(cli):  # noqa: F811
    """The CLI on a database holding the demo centre."""
    cli("init-db")
    cli("seed-demo")
    return cli


def account(url, username) -> User | None:
    engine = create_engine(url)
    with engine.connect() as connection:
        row = connection.execute(select(User).where(User.username == username)).first()
    engine.dispose()
    return row


def test_an_installer_disables_and_enables_a_user(demo):
    result = demo("user", "disable", "canbo1")
    assert result.exit_code == 0 and "canbo1" in result.output
    assert not account(demo.url, "canbo1").is_active
    assert demo("user", "enable", "canbo1").exit_code == 0
    assert account(demo.url, "canbo1").is_active


def test_set_password_reads_the_new_password_from_stdin(demo):
    assert demo("user", "set-password", "canbo1", "--password-stdin", input="mat-khau-moi\n").exit_code == 0
    user = account(demo.url, "canbo1")
    assert password_matches(user.password_hash, "mat-khau-moi")
    assert not password_matches(user.password_hash, "canbo1-demo")


def test_set_password_asks_twice_at_the_prompt(demo):
    assert demo("user", "set-password", "canbo1", input="mat-khau-moi\nmat-khau-moi\n").exit_code == 0
    assert password_matches(account(demo.url, "canbo1").password_hash, "mat-khau-moi")


def test_a_password_of_seven_characters_is_refused_everywhere(demo):
    before = account(demo.url, "canbo1").password_hash
    refused = demo("user", "set-password", "canbo1", "--password-stdin", input="1234567\n")
    assert refused.exit_code != 0 and "Mật khẩu phải có ít nhất 8 ký tự." in refused.output
    assert account(demo.url, "canbo1").password_hash == before
    refused = demo("create-user", "ngan", "--role", "staff", "--password-stdin", input="1234567\n")
    assert refused.exit_code != 0 and "Mật khẩu phải có ít nhất 8 ký tự." in refused.output
    assert account(demo.url, "ngan") is None


def test_set_role_changes_the_role_and_refuses_an_unknown_one(demo):
    result = demo("user", "set-role", "canbo1", "manager")
    assert result.exit_code == 0 and "manager" in result.output
    assert account(demo.url, "canbo1").role == "manager"
    assert demo("user", "set-role", "canbo1", "king").exit_code != 0
    assert account(demo.url, "canbo1").role == "manager"


@pytest.mark.parametrize("command", [("disable",), ("enable",), ("set-role", "staff")])
def test_the_commands_refuse_an_unknown_user(demo, command):
    refused = demo("user", command[0], "khong-co-ai", *command[1:])
    assert refused.exit_code != 0 and "Không có tài khoản này." in refused.output


def test_set_password_refuses_an_unknown_user(demo):
    refused = demo("user", "set-password", "khong-co-ai", "--password-stdin", input="mat-khau-moi\n")
    assert refused.exit_code != 0 and "Không có tài khoản này." in refused.output


def test_the_last_active_admin_can_be_neither_disabled_nor_demoted(demo):
    for command in (("disable", "quantri"), ("set-role", "quantri", "staff")):
        refused = demo("user", *command)
        assert refused.exit_code != 0 and "quản trị viên cuối cùng" in refused.output, command
    admin = account(demo.url, "quantri")
    assert admin.is_active and admin.role == "admin"
    assert demo("user", "set-role", "lanhdao", "admin").exit_code == 0
    assert demo("user", "disable", "quantri").exit_code == 0


def test_a_disabled_admin_does_not_count_as_the_one_left(demo):
    demo("user", "set-role", "lanhdao", "admin")
    demo("user", "disable", "lanhdao")
    assert demo("user", "set-role", "quantri", "staff").exit_code != 0
