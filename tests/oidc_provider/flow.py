"""A person's trip through the test provider without a browser: the Django test client
starts the sign-in at Rollout, a requests session plays the browser at the provider (its
login form, then the authorization), and the provider's answer comes back as the callback
address for the test client to open."""

from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from tests.oidc_provider.server import PASSWORD, Provider

REDIRECT_CAP = 10


@pytest.fixture
def oidc_on(oidc_provider: Provider, settings: Any) -> Provider:
    """Rollout configured for the test provider, as the environment would configure it."""
    for name, value in oidc_provider.rollout_settings().items():
        setattr(settings, name, value)
    backends = list(settings.AUTHENTICATION_BACKENDS)
    backends.insert(
        backends.index("sso.backends.LocalPasswordBackend") + 1, "sso.oidc.RolloutOIDCBackend"
    )
    settings.AUTHENTICATION_BACKENDS = backends
    return oidc_provider


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def at_provider(authorize_url: str, username: str, password: str = PASSWORD) -> str:
    """Signs in on the provider's page and follows it to the address it sends the browser
    back to (Rollout's callback, with the code and the state)."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=30)  # redirected to the provider's login form
    assert "Example Corp sign-in" in page.text, page.text[:500]
    answer = browser.post(
        page.url,
        data={
            "username": username,
            "password": password,
            "next": query_of(page.url)["next"],
            "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    for _hop in range(REDIRECT_CAP):
        location = answer.headers["Location"]
        if location.startswith("http://testserver/"):
            return location
        answer = browser.get(urljoin(answer.url, location), allow_redirects=False, timeout=30)
    raise AssertionError("the provider never sent the browser back to Rollout")


def start(client: Any, next_url: str = "") -> str:
    """Rollout's answer to "Sign in with ...": the provider's authorization address."""
    url = reverse("sso:oidc_authenticate") + (f"?next={next_url}" if next_url else "")
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    return str(response["Location"])


def callback_path(location: str) -> str:
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"
