import pytest
from django.conf import settings
from tests import factories

from clapboard.accounts.models import ApiToken


def test_login_page_renders_in_french_by_default(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "Connexion à Clapboard" in response.content.decode()


def test_login_sets_the_users_language(client, db):
    factories.make_user("anna", language="en")
    response = client.post("/login/", {"username": "anna", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_wrong_password_shows_an_error(client, db):
    factories.make_user("anna")
    response = client.post("/login/", {"username": "anna", "password": "wrong"})
    assert response.status_code == 200
    assert b"error-summary" in response.content


def test_five_failures_lock_the_account_out(client, db):
    factories.make_user("anna")
    for _attempt in range(5):
        client.post("/login/", {"username": "anna", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(
        "/login/", {"username": "anna", "password": factories.PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert "Trop de tentatives échouées" in response.content.decode()


def test_logout_is_a_post(client, producer):
    client.force_login(producer)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert client.get("/account/").status_code == 302


def test_settings_change_name_and_language(client, producer):
    client.force_login(producer)
    assert client.get("/account/").status_code == 200
    response = client.post("/account/", {"full_name": "Camille P.", "language": "en"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    producer.refresh_from_db()
    assert (producer.full_name, producer.language) == ("Camille P.", "en")
    assert "Account settings" in client.get("/account/").content.decode()


def test_settings_refuse_an_unknown_language(client, producer):
    client.force_login(producer)
    response = client.post("/account/", {"full_name": "X", "language": "de"})
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    producer.refresh_from_db()
    assert producer.full_name == "Camille Producer"


def test_a_token_is_shown_once_then_listed_by_prefix(client, producer):
    client.force_login(producer)
    response = client.post("/account/tokens/", {"name": "budget script"})
    token = ApiToken.objects.get(user=producer)
    page = response.content.decode()
    raw = page.split('id="new-token" class="input--mono" type="text" readonly value="')[1].split('"')[0]
    assert raw.startswith("cb_")
    assert raw[3:11] == token.prefix
    again = client.get("/account/tokens/").content.decode()
    assert raw not in again
    assert f"cb_{token.prefix}" in again


def test_a_token_needs_a_name(client, producer):
    client.force_login(producer)
    response = client.post("/account/tokens/", {"name": ""})
    assert b"error-summary" in response.content
    assert not ApiToken.objects.exists()


def test_revoke_a_token(client, producer):
    token, _raw = ApiToken.issue(producer, "old")
    client.force_login(producer)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_token(client, producer, outsider):
    token, _raw = ApiToken.issue(producer, "mine")
    client.force_login(outsider)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404


@pytest.mark.parametrize("path", ["/account/", "/account/tokens/", "/"])
def test_pages_need_a_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
