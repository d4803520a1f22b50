"""The LDAP_* variables give django-auth-ldap's settings: off without LDAP_SERVER_URI; on,
the LDAP back-end sits after django-axes and before local passwords."""

import json
import os

import ldap
import pytest
from django_auth_ldap.config import NestedActiveDirectoryGroupType

from sso.ldap_settings import Directory, ldap_settings
from tests.settings_process import run_with_environment

SHOW = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "backends": settings.AUTHENTICATION_BACKENDS,
    "start_tls": getattr(settings, "AUTH_LDAP_START_TLS", None),
    "user_filter": getattr(getattr(settings, "AUTH_LDAP_USER_SEARCH", None), "filterstr", None),
    "group_type": type(getattr(settings, "AUTH_LDAP_GROUP_TYPE", None)).__name__,
    "department": getattr(settings, "ROLLOUT_LDAP_ATTRIBUTES", {}).get("department"),
}))
"""


def settings_with(**variables: str) -> dict[str, object]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LDAP_")}
    printed = run_with_environment(["-c", SHOW], {**environment, **variables})
    shown: dict[str, object] = json.loads(printed.splitlines()[-1])
    return shown


def test_without_a_server_there_is_no_ldap_sign_in() -> None:
    assert settings_with()["backends"] == [
        "axes.backends.AxesStandaloneBackend",
        "sso.backends.LocalPasswordBackend",
        "guardian.backends.ObjectPermissionBackend",
    ]


def test_an_active_directory_installation() -> None:
    shown = settings_with(
        LDAP_SERVER_URI="ldap://dc.example.com",
        LDAP_USER_SEARCH_BASE="OU=Staff,DC=example,DC=com",
        LDAP_USER_FILTER="(sAMAccountName=%(user)s)",
        LDAP_GROUP_SEARCH_BASE="OU=Groups,DC=example,DC=com",
        LDAP_GROUP_TYPE="activeDirectory",
        LDAP_ATTR_DEPARTMENT="department",
    )
    assert shown == {
        "backends": [
            "axes.backends.AxesStandaloneBackend",
            "sso.ldap_backend.DirectoryLDAPBackend",
            "sso.backends.LocalPasswordBackend",
            "guardian.backends.ObjectPermissionBackend",
        ],
        "start_tls": True,
        "user_filter": "(sAMAccountName=%(user)s)",
        "group_type": NestedActiveDirectoryGroupType.__name__,
        "department": "department",
    }


def test_the_certificate_is_checked_against_the_ca_given() -> None:
    options = ldap_settings(
        Directory("ldap://x", "ou=people", "ou=groups", ca_cert_file="/etc/ca.pem")
    )["AUTH_LDAP_CONNECTION_OPTIONS"]
    assert options[ldap.OPT_X_TLS_REQUIRE_CERT] == ldap.OPT_X_TLS_DEMAND
    assert options[ldap.OPT_X_TLS_CACERTFILE] == "/etc/ca.pem"
    # Last, or python-ldap leaves the TLS options out of the connection's context.
    assert list(options)[-1] == ldap.OPT_X_TLS_NEWCTX


def test_an_unknown_group_type_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="LDAP_GROUP_TYPE"):
        ldap_settings(Directory("ldap://x", "ou=people", "ou=groups", group_type="posix"))
