"""A robot's webhook URL is on its platform's own host, over https (a URL elsewhere would
send the groups' messages, and the robot's key, anywhere), unless the setting
ROLLOUT_CHAT_ALLOW_ANY_HOST lets another through (the tests' loopback server, a relay in a
closed network). Refused with a message in the person's language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from chat.models import ChatChannel, ChatMessage
from chat.services.channels import ChatError, Secrets, chat_channel_save
from chat.services.messages import chat_test_put
from tests.chat.conftest import ahead_of_the_clock, send_at

pytestmark = pytest.mark.django_db

FOREIGN = "https://robots.example.com/cgi-bin/webhook/send?key=k1"


def _save(demo, crm, platform: str, url: str) -> ChatChannel:
    channel = ChatChannel(platform=platform, rollout=crm, name="Robot")
    return chat_channel_save(by=demo["ceo"], channel=channel, secrets=Secrets(url))


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "The webhook URL of a WeCom group robot is an https:// address on qyapi.weixin.qq.com",
        ),
        ("zh-hans", "企业微信群机器人的 Webhook 地址是 qyapi.weixin.qq.com 上的 https:// 地址"),
    ],
)
def test_a_foreign_host_is_refused(demo, crm, settings, language, message):
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = False
    with translation.override(language), pytest.raises(ChatError, match=re.escape(message)):
        _save(demo, crm, "wecom", FOREIGN)
    assert not ChatChannel.objects.exists()


def test_a_foreign_host_is_accepted_with_the_setting_on(demo, crm, settings):
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = True
    assert _save(demo, crm, "wecom", FOREIGN).pk is not None


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1"),
        ("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=t1"),
        ("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/h1"),
        ("feishu", "https://open.larksuite.com/open-apis/bot/v2/hook/h1"),
    ],
)
def test_each_platforms_own_host_is_accepted(demo, crm, settings, platform, url):
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = False
    assert _save(demo, crm, platform, url).pk is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1",  # the key in clear
        "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=k1",
        "https://qyapi.weixin.qq.com.example.com/cgi-bin/webhook/send?key=k1",
        "https://oapi.dingtalk.com/robot/send?access_token=t1",  # another platform's
    ],
)
def test_lookalikes_of_the_host_are_refused(demo, crm, settings, url):
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = False
    with pytest.raises(ChatError):
        _save(demo, crm, "wecom", url)


def test_a_kept_url_is_checked_against_a_new_platform(demo, crm, settings):
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = False
    channel = _save(demo, crm, "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
    channel.platform = "dingtalk"
    with pytest.raises(ChatError, match=re.escape("oapi.dingtalk.com")):
        chat_channel_save(by=demo["ceo"], channel=channel, secrets=Secrets())


def test_the_executives_form_says_why_and_keeps_what_was_typed(client, demo, crm, settings):
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = False
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("chat:channels", args=[crm.pk]),
        {"name": "Ops", "platform": "feishu", "language": "en", "webhook_url": FOREIGN},
    )
    assert response.status_code == 400
    assert "is an https:// address on open.feishu.cn / open.larksuite.com" in (
        response.content.decode()
    )
    assert 'value="Ops"' in response.content.decode()


def test_a_stored_foreign_url_is_not_posted_to_once_the_setting_is_off(
    chat_server, make_channel, demo, settings
):
    channel = make_channel("wecom", "we1")  # on loopback, with the setting on
    message = chat_test_put(by=demo["ceo"], channel=channel)
    settings.ROLLOUT_CHAT_ALLOW_ANY_HOST = False
    send_at(chat_server, ahead_of_the_clock())
    message = ChatMessage.objects.get(pk=message.pk)
    assert message.gave_up_at is not None
    assert "Not sent: The webhook URL of a WeCom group robot is an https:// address on" in (
        message.last_error
    )
    assert chat_server.robots["we1"].requests == []
