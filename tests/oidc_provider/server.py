"""Starts the test OpenID Connect provider (this folder's Django project) as a process on a
free loopback port, with a fresh RSA key, its own SQLite database in a temporary folder,
Rollout registered as its client and the company's people; stops it at the end.

Use the `oidc_provider` fixture (import it into a test module); `rollout_uses` gives the
settings that point Rollout at it."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CLIENT_ID = "rollout"
CLIENT_SECRET = "rollout-client-secret-for-the-tests"
PASSWORD = "company-password"
STARTUP_CAP_SECONDS = 120.0
# The Django test client's address: the callback the non-browser tests complete.
TEST_CLIENT_CALLBACK = "http://testserver/oidc/callback/"

# The company's people, as the provider knows them.
PEOPLE: dict[str, dict[str, Any]] = {
    "li.wei": {
        "email": "li.wei@example.com",
        "given_name": "Wei",
        "family_name": "Li",
        "locale": "zh-CN",
        "groups": ["crm-sales", "everyone"],
        "department": "Finance",
    },
    "anna.berg": {
        "email": "anna.berg@example.com",
        "given_name": "Anna",
        "family_name": "Berg",
        "locale": "en-GB",
        "groups": ["crm-sales"],
    },
    # Disabled in Rollout by an administrator; still a valid account at the company.
    "left.rollout": {
        "email": "left.rollout@example.com",
        "given_name": "Left",
        "family_name": "Rollout",
        "locale": "en",
    },
}


def new_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Provider:
    url: str
    key: rsa.RSAPrivateKey
    environment: dict[str, str]
    redirect_uris: list[str] = field(default_factory=lambda: [TEST_CLIENT_CALLBACK])

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, str(HERE / "manage.py"), *args],
            env=self.environment,
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=STARTUP_CAP_SECONDS,
        )

    def register(self) -> None:
        uris = [arg for uri in self.redirect_uris for arg in ("--redirect-uri", uri)]
        self.manage(
            "provider_setup", "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET, *uris
        )

    def allow_redirect_to(self, uri: str) -> None:
        """Adds a callback address (the live server's) to the client's registration."""
        if uri not in self.redirect_uris:
            self.redirect_uris.append(uri)
            self.register()

    def rollout_settings(self) -> dict[str, Any]:
        """What an administrator puts in Rollout's environment for this provider."""
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/o/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/o/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/o/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/o/.well-known/jwks.json",
            "OIDC_OP_ISSUER": f"{self.url}/o",
            "OIDC_PROVIDER_NAME": "Example Corp",
        }


def wait_until_answering(url: str, process: subprocess.Popen[bytes]) -> None:
    """Polls the discovery document until the provider answers (or fails to start)."""
    deadline = time.monotonic() + STARTUP_CAP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the OIDC provider exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)  # between polls only: the wait itself is the condition above
    raise RuntimeError(f"the OIDC provider did not answer {url} in {STARTUP_CAP_SECONDS} s")


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    with tempfile.TemporaryDirectory(prefix="oidc-provider-") as folder:
        people = Path(folder) / "people.json"
        people.write_text(
            json.dumps({name: {**said, "password": PASSWORD} for name, said in PEOPLE.items()})
        )
        key = new_private_key()
        port = free_port()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
            "PROVIDER_DATABASE": str(Path(folder) / "provider.sqlite3"),
            "PROVIDER_PEOPLE_FILE": str(people),
            "PROVIDER_RSA_PRIVATE_KEY": pem(key),
        }
        provider = Provider(url=f"http://127.0.0.1:{port}", key=key, environment=environment)
        provider.manage("migrate", "--no-input")
        provider.register()
        log = (Path(folder) / "provider.log").open("wb")
        process = subprocess.Popen(
            [
                sys.executable,
                str(HERE / "manage.py"),
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            env=environment,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(f"{provider.url}/o/.well-known/openid-configuration", process)
            yield provider
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()
