"""The dispatcher empties the outboxes the apps above notifications register (gates' decisions)."""

from notifications import outboxes


def test_it_sends_each_outbox_registered_once_by_name(monkeypatch):
    monkeypatch.setattr(outboxes, "_outboxes", {})
    outboxes.outbox_register("a", lambda now: 2)
    outboxes.outbox_register("a", lambda now: 3)  # ready() run again replaces, never adds
    outboxes.outbox_register("b", lambda now: 1)
    assert outboxes.outboxes_send() == 4
