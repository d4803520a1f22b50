"""What is kept of a failure, for the administrators, never holds the robot's key, access
token, secret or a signature, even when the robot's server quotes the request it got."""

import pytest

from chat.models import ChatMessage
from chat.robots import redacted
from chat.services.messages import chat_test_put
from tests.chat.conftest import ahead_of_the_clock, send_at

pytestmark = pytest.mark.django_db

ANSWERS = {
    "wecom": {"errcode": -1, "errmsg": "system busy, request was {url}"},
    "dingtalk": {"errcode": -1, "errmsg": "system busy, request was {url}"},
    "feishu": {"code": 9999, "msg": 'busy: {url} body {"sign": "{sign}"}'},
}


@pytest.mark.parametrize("platform", ["wecom", "dingtalk", "feishu"])
def test_a_failing_robot_quoting_its_url_leaves_no_secret_in_the_reason(
    chat_server, make_channel, demo, platform
):
    secret = "" if platform == "wecom" else "SECthesecret42"
    channel = make_channel(platform, "tokenABCDEF123456", secret=secret)
    robot = chat_server.robots["tokenABCDEF123456"]
    robot.forced.append(ANSWERS[platform])
    message = chat_test_put(by=demo["ceo"], channel=channel)
    send_at(chat_server, ahead_of_the_clock())
    reason = ChatMessage.objects.get(pk=message.pk).last_error
    assert "busy" in reason and "[redacted]" in reason
    assert "tokenABCDEF123456" not in reason
    assert "sign=" not in reason or "sign=[redacted]" in reason
    assert '"sign": "[redacted]"' in reason or platform != "feishu"


def test_the_secret_and_its_encoded_forms_are_hidden():
    url = "https://oapi.dingtalk.com/robot/send?access_token=abc123def"
    said = "bad secret S+E/C= (S%2BE%2FC%3D) at https://oapi.dingtalk.com/robot/send?access_token=abc123def&timestamp=1&sign=x%2By"
    shown = redacted(said, url=url, secret="S+E/C=")
    assert "S+E/C=" not in shown and "S%2BE%2FC%3D" not in shown
    assert "abc123def" not in shown and "x%2By" not in shown
    assert "timestamp=1" in shown  # not a secret: the reader may compare clocks
