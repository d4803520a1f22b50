"""The executive's chat robots page: adding a robot (its URL and secret sealed and never
shown again), a refused form keeping what was typed, changing without retyping the secret,
a test message through the outbox, in both languages, in a fixed number of queries."""

import pytest
from django.urls import reverse

from chat.models import ChatChannel, ChatHandle, ChatMessage
from core.sealed import seal, unseal
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db

URL = "https://oapi.dingtalk.com/robot/send?access_token=tok-secret-1234"


def _channel(crm, name="Sales group"):
    return ChatChannel.objects.create(
        rollout=crm, platform="dingtalk", name=name, webhook_sealed=seal(URL), webhook_hint="1234"
    )


def _add(client, crm, **fields):
    data = {
        "name": "Sales group",
        "platform": "dingtalk",
        "language": "zh-hans",
        "webhook_url": URL,
        "secret": "SECabc",
        "send_reminders": "on",
        "active": "on",
        **fields,
    }
    return client.post(reverse("chat:channels", args=[crm.pk]), data)


def test_it_seals_the_url_and_secret_and_never_shows_them(client, demo, crm):
    client.force_login(demo["ceo"])
    assert _add(client, crm).status_code == 302
    channel = ChatChannel.objects.get(rollout=crm)
    assert (unseal(channel.webhook_sealed), unseal(channel.secret_sealed)) == (URL, "SECabc")
    assert "tok-secret" not in channel.webhook_sealed
    listed = client.get(reverse("chat:channels", args=[crm.pk])).content.decode()
    edited = client.get(reverse("chat:channel_edit", args=[crm.pk, channel.pk])).content.decode()
    for page in (listed, edited):
        assert "tok-secret" not in page and "SECabc" not in page
    assert "…1234" in listed


def test_a_refused_form_keeps_the_name_but_not_the_secret(client, demo, crm):
    client.force_login(demo["ceo"])
    response = _add(client, crm, webhook_url="")
    assert response.status_code == 400
    assert 'value="Sales group"' in response.content.decode()
    assert "SECabc" not in response.content.decode()


def test_changing_a_robot_keeps_its_url_and_secret_when_left_empty(client, demo, crm):
    channel = _channel(crm)
    client.force_login(demo["ceo"])
    url = reverse("chat:channel_edit", args=[crm.pk, channel.pk])
    data = {"name": "Sales", "platform": "dingtalk", "language": "en", "active": "on"}
    assert client.post(url, data).status_code == 302
    channel.refresh_from_db()
    assert (channel.name, unseal(channel.webhook_sealed)) == ("Sales", URL)


def test_a_url_sealed_under_another_key_asks_for_the_url_again(client, demo, crm):
    channel = _channel(crm)
    ChatChannel.objects.filter(pk=channel.pk).update(webhook_sealed="gAAAA-not-openable")
    client.force_login(demo["ceo"])
    url = reverse("chat:channel_edit", args=[crm.pk, channel.pk])
    data = {"name": "Sales", "platform": "dingtalk", "language": "en", "active": "on"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "give it again" in response.content.decode()
    assert ChatChannel.objects.get(pk=channel.pk).name == "Sales group"  # nothing saved
    data["webhook_url"] = URL  # given again: saved
    assert client.post(url, data).status_code == 302
    assert unseal(ChatChannel.objects.get(pk=channel.pk).webhook_sealed) == URL


def test_a_test_message_goes_through_the_outbox(client, demo, crm):
    channel = _channel(crm)
    client.force_login(demo["ceo"])
    client.post(reverse("chat:channel_test", args=[crm.pk, channel.pk]))
    assert ChatMessage.objects.filter(channel=channel, key__startswith="test:").count() == 1


def test_a_channel_of_another_rollout_is_not_found(client, demo, crm, pilot):
    channel = _channel(pilot)
    client.force_login(demo["ceo"])
    url = reverse("chat:channel_edit", args=[crm.pk, channel.pk])
    assert client.get(url).status_code == 404


def test_the_page_is_in_chinese_for_who_reads_chinese(client, demo, crm):
    demo["ceo"].preferred_language = "zh-hans"
    demo["ceo"].save(update_fields=["preferred_language"])
    client.force_login(demo["ceo"])
    page = client.get(reverse("chat:channels", args=[crm.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "添加聊天机器人" in page.content.decode()


@pytest.mark.parametrize("channels", [1, 4])
def test_the_page_reads_the_same_queries_for_one_robot_as_for_several(client, demo, crm, channels):
    for n in range(channels):
        _channel(crm, name=f"Group {n}")
    client.force_login(demo["ceo"])
    get_page(client, reverse("chat:channels", args=[crm.pk]), 7)


def test_a_person_gives_their_chat_ids_and_removes_one(client, demo):
    client.force_login(demo["member1"])
    url = reverse("chat:chat_ids")
    client.post(url, {"wecom": "liuyang", "feishu": "ou_1"})
    client.post(url, {"wecom": "liu.yang"})
    handles = ChatHandle.objects.filter(user=demo["member1"]).values_list("platform", "handle")
    assert set(handles) == {("wecom", "liu.yang")}
    assert 'value="liu.yang"' in client.get(url).content.decode()


def test_the_chat_ids_page_reads_a_fixed_number_of_queries(client, demo):
    ChatHandle.objects.create(user=demo["member1"], platform="wecom", handle="liuyang")
    client.force_login(demo["member1"])
    get_page(client, reverse("chat:chat_ids"), 5)
