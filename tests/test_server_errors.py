"""A server error answers 500; the database away for a moment answers 503 with
Retry-After and says what happened, in the reader's language."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_client(demo) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(demo["member1"])
    return client


def test_a_database_that_is_away_answers_503_with_retry_after(quiet_client):
    with mock.patch(
        "notifications.selectors.notifications_of",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = quiet_client.get(reverse("notifications:notifications"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "cannot reach its database" in response.content.decode()


def test_it_says_so_in_chinese_too(quiet_client):
    quiet_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    with mock.patch(
        "notifications.selectors.notifications_of", side_effect=OperationalError("gone")
    ):
        response = quiet_client.get(reverse("notifications:notifications"))
    assert response.status_code == 503
    page = response.content.decode()
    # The msgstr of locale/zh_Hans/LC_MESSAGES/django.po, and no English left.
    assert "Rollout 暂时无法连接数据库。您刚才提交的内容没有保存，请过几秒钟再试。" in page
    assert "Rollout cannot reach" not in page


def test_any_other_error_is_still_a_500(quiet_client):
    with mock.patch("notifications.selectors.notifications_of", side_effect=ValueError("x")):
        response = quiet_client.get(reverse("notifications:notifications"))
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_under_api_a_server_error_is_a_problem(quiet_client):
    with mock.patch("api.selectors.api_rollouts", side_effect=ValueError("x")):
        response = quiet_client.get(reverse("api:rollouts"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Internal server error"


def test_under_api_a_database_away_is_a_problem_with_retry_after(quiet_client):
    with mock.patch("api.selectors.api_rollouts", side_effect=OperationalError("gone")):
        response = quiet_client.get(reverse("api:rollouts"))
    assert (response.status_code, response["Retry-After"]) == (503, "5")
    assert response.json()["status"] == 503
