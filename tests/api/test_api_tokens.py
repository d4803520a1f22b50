"""The person's token page: a token is shown once, stored only as its hash, works until it
is revoked or expires, and nobody else can revoke it."""

import hashlib

import pytest

from api.models import ApiToken
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def make(client, name="Report script", days="30"):
    return client.post("/me/api-tokens/new/", {"name": name, "days": days})


def shown_token(response) -> str:
    page: str = response.content.decode()
    return page.split('id="new-token" type="text" readonly value="', 1)[1].split('"', 1)[0]


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(client, demo):
    client.force_login(demo["member1"])
    token = shown_token(make(client))
    row = ApiToken.objects.get(user=demo["member1"])
    assert row.hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in client.get("/me/api-tokens/").content.decode()
    assert row.prefix in client.get("/me/api-tokens/").content.decode()


def test_the_token_works_until_it_is_revoked(client, demo):
    client.force_login(demo["member1"])
    token = shown_token(make(client))
    client.logout()
    assert client.get("/api/rollouts/", **bearer(token)).status_code == 200
    client.force_login(demo["member1"])
    row = ApiToken.objects.get(user=demo["member1"])
    assert client.post(f"/me/api-tokens/{row.pk}/revoke/").status_code == 302
    client.logout()
    assert client.get("/api/rollouts/", **bearer(token)).status_code == 401


def test_someone_elses_token_cannot_be_revoked(client, demo, token_for):
    token_for(demo["member1"])
    row = ApiToken.objects.get(user=demo["member1"])
    client.force_login(demo["member2"])
    assert client.post(f"/me/api-tokens/{row.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=row.pk).revoked_at is None


def test_a_token_longer_than_allowed_is_refused_keeping_what_was_typed(client, demo, settings):
    client.force_login(demo["member1"])
    response = make(
        client, name="Nightly export", days=str(settings.ROLLOUT_API_TOKEN_MAX_DAYS + 1)
    )
    assert response.status_code == 400
    assert 'value="Nightly export"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_page_speaks_chinese(client, demo):
    client.force_login(demo["member1"])
    response = client.get("/me/api-tokens/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "创建令牌" in response.content.decode()


def test_an_api_answer_is_never_stored(client, demo, token_for):
    response = client.get("/api/rollouts/", **bearer(token_for(demo["member1"])))
    assert "no-store" in response["Cache-Control"]


def test_a_disabled_persons_token_is_refused(client, demo, token_for):
    token = token_for(demo["member1"])
    demo["member1"].is_active = False
    demo["member1"].save(update_fields=["is_active"])
    assert client.get("/api/rollouts/", **bearer(token)).status_code == 401
