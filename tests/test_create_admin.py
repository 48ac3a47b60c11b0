"""`clapboard createadmin`: flags, environment, and clear refusals."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from clapboard.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"


def test_creates_a_superuser_from_options():
    call_command("create_admin", "--username=regie", "--email=regie@example.org", f"--password={PASSWORD}")
    user = User.objects.get(username="regie")
    assert user.is_superuser
    assert user.is_staff
    assert user.check_password(PASSWORD)


def test_reads_the_environment(monkeypatch):
    monkeypatch.setenv("CLAPBOARD_ADMIN_USERNAME", "envadmin")
    monkeypatch.setenv("CLAPBOARD_ADMIN_EMAIL", "env@example.org")
    monkeypatch.setenv("CLAPBOARD_ADMIN_PASSWORD", PASSWORD)
    call_command("create_admin", "--no-input")
    assert User.objects.get(username="envadmin").is_superuser


def test_promotes_an_existing_account_and_resets_its_password():
    User.objects.create_user(username="camille", email="old@example.org", password="whatever-old-one")
    call_command(
        "create_admin", "--username=camille", "--email=camille@example.org", f"--password={PASSWORD}"
    )
    user = User.objects.get(username="camille")
    assert user.is_superuser
    assert user.email == "camille@example.org"
    assert User.objects.count() == 1


def test_refuses_a_weak_password():
    # The message comes from Django's validators, in the default language; it names the minimum.
    with pytest.raises(CommandError, match="10"):
        call_command("create_admin", "--username=x", "--email=x@example.org", "--password=short")
    assert not User.objects.exists()


def test_without_a_terminal_it_names_what_is_missing(monkeypatch):
    monkeypatch.delenv("CLAPBOARD_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="CLAPBOARD_ADMIN_PASSWORD"):
        call_command("create_admin", "--no-input", "--username=x", "--email=x@example.org")
