"""The e-mail settings read from EMAIL_URL or separate variables (config/mail_settings.py),
and the contradictions refused with a message saying what to change."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.mail_settings import FILES, SMTP, MailSettings, MailVariables, mail_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp+tls://rollout%40corp.example:p%40ss%3Aword@mail.corp.example:587",
            MailSettings(SMTP, "mail.corp.example", 587, "rollout@corp.example", "p@ss:word",
                         use_tls=True, use_ssl=False),
        ),
        ("smtps://u:p@mail.corp.example", MailSettings(SMTP, "mail.corp.example", 587, "u", "p",
                                                       use_tls=True, use_ssl=False)),
        ("smtp+ssl://u:p@mail.corp.example:465", MailSettings(SMTP, "mail.corp.example", 465, "u",
                                                              "p", use_tls=False, use_ssl=True)),
        ("smtp+ssl://mail.corp.example", MailSettings(SMTP, "mail.corp.example", 465, "", "",
                                                      use_tls=False, use_ssl=True)),
        ("smtp://relay.corp.example", MailSettings(SMTP, "relay.corp.example", 25, "", "",
                                                   use_tls=False, use_ssl=False)),
    ],
)  # fmt: skip
def test_it_reads_each_kind_of_email_url(url, expected):
    assert mail_settings(MailVariables(url=url)) == expected


def test_separate_variables_alone_name_an_smtp_server():
    given = MailVariables(host="mail.corp.example", port=2525, user="u", password="p", use_tls=True)
    assert mail_settings(given) == MailSettings(
        SMTP, "mail.corp.example", 2525, "u", "p", use_tls=True, use_ssl=False
    )


def test_a_separate_variable_overrides_its_part_of_the_url():
    given = MailVariables(url="smtp+tls://u:old@mail.corp.example:587", password="new", port=2587)
    settings = mail_settings(given)
    assert (settings.password, settings.port, settings.user) == ("new", 2587, "u")


def test_with_no_server_named_mail_goes_to_files():
    assert mail_settings(MailVariables()).backend == FILES


def test_a_backend_named_wins():
    console = "django.core.mail.backends.console.EmailBackend"
    given = MailVariables(url="smtp://relay.corp.example", backend=console)
    assert mail_settings(given).backend == console


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (MailVariables(url="smtp+ssl://mail.corp.example", use_tls=True), "both on"),
        (MailVariables(host="mail.corp.example", use_tls=True, use_ssl=True), "both on"),
        (MailVariables(url="smtps://mail.corp.example:465"), "port 465"),
        (MailVariables(backend=SMTP), "needs a server"),
        (MailVariables(url="pop3://mail.corp.example"), "Invalid email schema"),
    ],
)
def test_it_refuses_contradictions_with_a_message(given, says):
    with pytest.raises(ImproperlyConfigured, match=says):
        mail_settings(given)


def test_the_site_does_not_start_with_tls_and_ssl_both_on():
    environment = {
        **os.environ,
        "EMAIL_URL": "smtp+tls://mail.corp.example:587",
        "EMAIL_USE_SSL": "true",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "TLS (STARTTLS) and SSL (TLS from the start) are both on" in result.stderr
