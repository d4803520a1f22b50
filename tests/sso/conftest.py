"""The test directory (a real slapd) for the LDAP tests of this folder."""

from tests.ldap_server import ldap_sign_in, slapd

__all__ = ["ldap_sign_in", "slapd"]
