"""A backlog packed into digests keeps within each platform's size limit with the
@-mentions counted (WeCom: markdown content ≤ 4,096 bytes; Feishu: body ≤ 20 KB), and
every message and mention arrives."""

import json
import re

import pytest

from chat.models import ChatMessage
from chat.robots import PLATFORMS
from chat.services.outbox import ENVELOPE_BYTES, SEPARATOR, Pending, _packed
from tests.chat.conftest import ahead_of_the_clock, send_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("platform", "count", "limit"), [("wecom", 200, 4096), ("feishu", 400, 20000)]
)
def test_a_digest_with_many_mentions_stays_under_the_platforms_limit(
    chat_server, make_channel, platform, count, limit
):
    channel = make_channel(platform, "bot", secret="s" if platform == "feishu" else "")
    ChatMessage.objects.bulk_create(
        ChatMessage(
            channel=channel,
            key=f"m{n}",
            text=f"- Task “T{n}” is due: 请今天完成 `#{n}`",
            mention=f"ou_{n:04d}" + "x" * 56,  # a long chat id, each person another
        )
        for n in range(count)
    )
    send_at(chat_server, ahead_of_the_clock())
    robot = chat_server.robots["bot"]
    assert 1 < len(robot.taken) < count // 10  # digests, within the first window
    if platform == "wecom":
        sizes = [len(body["markdown"]["content"].encode()) for body in robot.taken]
    else:
        sizes = robot.sizes
    assert max(sizes) <= limit
    texts = "\n".join(json.dumps(body, ensure_ascii=False) for body in robot.taken)
    assert sorted(int(n) for n in re.findall(r"`#(\d+)`", texts)) == list(range(count))
    assert all(f"ou_{n:04d}" in texts for n in range(count))


def test_a_digest_that_starts_with_a_mention_the_last_one_had_counts_it():
    """One person mentioned throughout: each new digest writes the mention again, so its
    bytes count there too (each digest is measured as the platform will read it)."""
    platform = PLATFORMS["wecom"]
    pending = [Pending(n, None, 0, "x" * 300, "ou_" + "y" * 200) for n in range(60)]
    separator = platform.text_bytes(SEPARATOR)
    groups = _packed(pending, platform)
    assert len(groups) > 2
    for group in groups:
        mentions = {p.mention for p in group}
        size = sum(platform.text_bytes(p.text) + separator for p in group) + sum(
            platform.mention_bytes(m) + separator for m in mentions
        )
        assert size <= platform.max_bytes - ENVELOPE_BYTES
