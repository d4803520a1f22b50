"""The person's token page: a token is shown once, stored only as its hash, works until it
is revoked or expires, and nobody else can revoke it."""

import hashlib

import pytest
from django.utils import timezone

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


def test_a_person_may_have_only_so_many_working_tokens(client, demo, settings, token_for):
    settings.ROLLOUT_API_TOKEN_MAX_LIVE = 3
    for _ in range(3):
        token_for(demo["member1"])
    client.force_login(demo["member1"])
    refused = make(client, name="One too many")
    assert refused.status_code == 400
    assert "You already have 3 tokens that work" in refused.content.decode()
    assert 'value="One too many"' in refused.content.decode()
    assert ApiToken.objects.filter(user=demo["member1"]).count() == 3


def test_the_cap_is_said_in_chinese(client, demo, settings, token_for):
    settings.ROLLOUT_API_TOKEN_MAX_LIVE = 1
    token_for(demo["member1"])
    client.force_login(demo["member1"])
    refused = client.post(
        "/me/api-tokens/new/", {"name": "第二个", "days": "30"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "你已有 1 个可用的令牌" in refused.content.decode()


def test_revoked_and_expired_tokens_do_not_count_against_the_cap(
    client, demo, settings, token_for, expired_token
):
    settings.ROLLOUT_API_TOKEN_MAX_LIVE = 1
    token_for(demo["member1"])
    ApiToken.objects.filter(user=demo["member1"], name="member1 test").update(
        revoked_at=timezone.now()
    )
    client.force_login(demo["member1"])
    assert make(client).status_code == 200
    assert ApiToken.objects.filter(user=demo["member1"], revoked_at__isnull=True).count() == 2


def test_a_password_change_revokes_the_persons_tokens(client, demo, token_for):
    mine, theirs = token_for(demo["member1"]), token_for(demo["member2"])
    client.force_login(demo["member1"])
    changed = client.post(
        "/accounts/password/",
        {"old_password": "rollout-demo", "new_password1": "A-much-better-one-42",
         "new_password2": "A-much-better-one-42"},
    )  # fmt: skip
    assert changed.status_code == 302
    client.logout()
    assert client.get("/api/rollouts/", **bearer(mine)).status_code == 401
    assert client.get("/api/rollouts/", **bearer(theirs)).status_code == 200
    assert not ApiToken.objects.filter(user=demo["member1"], revoked_at__isnull=True).exists()


def test_a_password_set_anywhere_revokes_the_tokens(demo, token_for):
    """The admin's password form and `manage.py changepassword` do set_password and save."""
    token_for(demo["member2"])
    demo["member2"].set_password("Another-good-one-42")
    demo["member2"].save()
    assert not ApiToken.objects.filter(user=demo["member2"], revoked_at__isnull=True).exists()


def test_saving_a_person_without_a_new_password_keeps_the_tokens(demo, token_for):
    token_for(demo["member2"])
    demo["member2"].first_name = "Renamed"
    demo["member2"].save()
    assert ApiToken.objects.filter(user=demo["member2"], revoked_at__isnull=True).exists()
