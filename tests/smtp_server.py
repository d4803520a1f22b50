"""A real SMTP server on loopback for the mail tests: aiosmtpd, on a free port, in its own
thread. It records every message it accepts, can be told to refuse them (a 4xx or 5xx
answer to DATA, after accepting a number first), and can be stopped and started again on
the same port, as a company's server that goes down and comes back."""

import email
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: list[str]  # the envelope's: To, Cc and Bcc alike
    message: EmailMessage

    @property
    def subject(self) -> str:
        # A long encoded subject is folded onto the header's next line; Python's parser keeps
        # the fold's space in front, which mail clients drop.
        return str(self.message["Subject"]).strip()

    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None, "no text part"
        return str(part.get_content())

    def attachments(self) -> Iterator[EmailMessage]:
        return self.message.iter_attachments()


class RecordingHandler:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.messages: list[Received] = []
        self._refusal: str | None = None
        self._accept_first = 0

    def refuse(self, answer: str | None, *, after: int = 0) -> None:
        """Answer DATA with `answer` (e.g. "554 5.7.1 …"), after accepting `after` more
        messages; None: accept everything again."""
        with self._lock:
            self._refusal, self._accept_first = answer, after

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            if self._refusal is not None and self._accept_first <= 0:
                return self._refusal
            self._accept_first -= 1
            message = email.message_from_bytes(envelope.content, policy=default)
            assert isinstance(message, EmailMessage)
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class SmtpServer:
    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.port = _free_port()
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[Received]:
        return list(self.handler.messages)

    def start(self) -> None:
        """Listening once this returns (aiosmtpd connects to itself before it does)."""
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self) -> dict[str, Any]:
        """For override_settings: Django's real SMTP backend, pointed at this server."""
        return {
            "EMAIL_BACKEND": SMTP_BACKEND,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 10,
        }
