"""Which addresses a webhook may be sent to.

An endpoint's address is typed by a rollout's executive, and what the receiver answers is
shown on the endpoints page (the first 200 characters of a refusal): an address inside the
company's network (a database's admin page, a cloud's metadata service at 169.254.169.254)
would let the page read what only the server can reach. So unless
ROLLOUT_WEBHOOKS_ALLOW_PRIVATE is on, an address whose host is or resolves to a loopback,
private, link-local or reserved address is refused: when saved, again when sent (the name
may resolve elsewhere by then), and once more on the connection itself: the address it
reached (peer_check, from webhooks.transport, before a byte is sent), since the name is
looked up again to connect and may answer otherwise the second time (DNS rebinding). The
tests and a local installation turn it on for receivers on 127.0.0.1. A proxy that filters
outgoing traffic remains the complete answer, outside this application."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class AddressRefused(Exception):
    """The address is not one webhooks are sent to; the message says why."""


def _inside(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return not ip.is_global or ip.is_multicast


def address_check(url: str, *, resolve: bool) -> None:
    """Refuse `url` unless http(s) with a host and, unless private addresses are allowed,
    a host outside the private ranges. `resolve` looks the name up (when sending; a form
    checks only a literal address, so an unreachable name can still be saved)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(_("The address must start with https:// or http:// and name a host."))
    if parts.username or parts.password:
        raise AddressRefused(_("The address must not hold a user name or password."))
    try:
        port = parts.port
    except ValueError:  # urllib's "Port out of range 0-65535", or not a number
        port = 0
    if port == 0:
        raise AddressRefused(_("The address's port must be a number from 1 to 65535."))
    if settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE:
        return
    host = parts.hostname
    try:
        found = [host] if _literal(host) else []
        if resolve and not found:
            found = [str(info[4][0]) for info in socket.getaddrinfo(host, port or 443)]
    except OSError as error:
        raise AddressRefused(
            _("%(host)s could not be looked up: %(error)s") % {"host": host, "error": error}
        ) from error
    if host == "localhost" or any(_inside(str(address)) for address in found):
        raise AddressRefused(
            _("%(host)s is inside the network; webhooks go to public addresses only.")
            % {"host": host}
        )


def peer_check(host: str, peer: str) -> None:
    """Refuse the connection to `host` that reached `peer` (the address connected to, as the
    socket tells it) when that address is inside the network, unless private addresses are
    allowed."""
    if not settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE and _inside(peer):
        raise AddressRefused(
            _("%(host)s is inside the network; webhooks go to public addresses only.")
            % {"host": host}
        )


def _literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
