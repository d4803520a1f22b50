"""StartTLS is really on: the test directory refuses anything in clear, the app's sign-in
goes through only with TLS and the directory's CA, and without the CA the connection is
refused (the certificate is checked)."""

from dataclasses import replace

import ldap
import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from roles.models import User
from sso.ldap_settings import ldap_settings
from tests.ldap_server import LI_WEI, Slapd, directory_of

pytestmark = pytest.mark.django_db


def test_the_directory_refuses_a_bind_in_clear(slapd: Slapd) -> None:
    connection = ldap.initialize(slapd.uri)
    with pytest.raises(ldap.CONFIDENTIALITY_REQUIRED):
        connection.simple_bind_s(LI_WEI.dn, LI_WEI.password)


def test_starttls_without_the_directorys_ca_is_refused(slapd: Slapd) -> None:
    with pytest.raises(ldap.CONNECT_ERROR):
        slapd.connect(LI_WEI.dn, LI_WEI.password, ca_file=None)


def test_with_the_ca_the_same_connection_binds(slapd: Slapd) -> None:
    assert slapd.connect(LI_WEI.dn, LI_WEI.password).whoami_s() == f"dn:{LI_WEI.dn}"


@pytest.mark.parametrize(
    "change",
    [{"ca_cert_file": ""}, {"start_tls": False}],
    ids=["without the CA", "without StartTLS"],
)
def test_the_apps_sign_in_fails_without_tls_or_the_ca(
    ldap_sign_in: Slapd, settings: object, change: dict[str, object]
) -> None:
    for name, value in ldap_settings(replace(directory_of(ldap_sign_in), **change)).items():  # type: ignore[arg-type]
        setattr(settings, name, value)
    request = RequestFactory().post("/")
    assert authenticate(request, username=LI_WEI.uid, password=LI_WEI.password) is None
    assert not User.objects.filter(username=LI_WEI.uid).exists()


def test_the_apps_sign_in_goes_through_with_starttls_and_the_ca(ldap_sign_in: Slapd) -> None:
    request = RequestFactory().post("/")
    assert authenticate(request, username=LI_WEI.uid, password=LI_WEI.password) is not None
