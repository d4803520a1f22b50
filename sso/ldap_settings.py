"""The django-auth-ldap settings (AUTH_LDAP_*) for the directory config/settings.py reads
from the environment. One function, so the tests give the same shape of settings for the
slapd they start as an installation gets from its .env."""

from dataclasses import dataclass, field
from typing import Any

import ldap
from django_auth_ldap.config import GroupOfNamesType, LDAPSearch, NestedActiveDirectoryGroupType

# The person's fields and the directory attributes they are read from, by default those of
# OpenLDAP's inetOrgPerson (Active Directory: displayName, givenName, sn, mail, department;
# it has no preferredLanguage unless the schema was extended).
DEFAULT_ATTRIBUTES = {
    "first_name": "givenName",
    "last_name": "sn",
    "display_name": "displayName",
    "email": "mail",
    "language": "preferredLanguage",
    "department": "departmentNumber",
}

# Group types: OpenLDAP's groupOfNames, or Active Directory's groups (nested groups count:
# a member of a group inside a mapped group is a member of the mapped group).
GROUP_TYPES = {
    "groupOfNames": (GroupOfNamesType, "(objectClass=groupOfNames)"),
    "activeDirectory": (NestedActiveDirectoryGroupType, "(objectClass=group)"),
}


LDAP_BACKEND = "sso.ldap_backend.DirectoryLDAPBackend"


def with_ldap_backend(backends: list[str]) -> list[str]:
    """The back-ends with LDAP's after django-axes (which refuses a locked-out person
    first) and before local passwords."""
    at = backends.index("sso.backends.LocalPasswordBackend")
    return [*backends[:at], LDAP_BACKEND, *backends[at:]]


@dataclass(frozen=True)
class Directory:
    """Where the directory is and how to read it."""

    server_uri: str
    user_search_base: str
    group_search_base: str
    start_tls: bool = True
    ca_cert_file: str = ""
    bind_dn: str = ""
    bind_password: str = ""
    user_filter: str = "(uid=%(user)s)"
    group_type: str = "groupOfNames"
    attributes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ATTRIBUTES))
    timeout_seconds: int = 5


def ldap_settings(directory: Directory) -> dict[str, Any]:
    """AUTH_LDAP_* for django-auth-ldap, and ROLLOUT_LDAP_ATTRIBUTES for sso.ldap_backend."""
    if directory.group_type not in GROUP_TYPES:
        raise ValueError(
            f"LDAP_GROUP_TYPE must be one of {', '.join(GROUP_TYPES)}, not {directory.group_type!r}"
        )
    group_type, group_filter = GROUP_TYPES[directory.group_type]
    # The certificate is always checked. python-ldap applies TLS options to a connection's
    # own TLS context only when OPT_X_TLS_NEWCTX comes after them (dicts keep their order).
    options: dict[int, Any] = {
        ldap.OPT_REFERRALS: 0,  # Active Directory's referrals would be followed anonymously
        ldap.OPT_NETWORK_TIMEOUT: directory.timeout_seconds,
        ldap.OPT_TIMEOUT: directory.timeout_seconds,
        ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_DEMAND,
    }
    if directory.ca_cert_file:
        options[ldap.OPT_X_TLS_CACERTFILE] = directory.ca_cert_file
    options[ldap.OPT_X_TLS_NEWCTX] = 0
    return {
        "AUTH_LDAP_SERVER_URI": directory.server_uri,
        "AUTH_LDAP_START_TLS": directory.start_tls,
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        "AUTH_LDAP_BIND_DN": directory.bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": directory.bind_password,
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            directory.user_search_base, ldap.SCOPE_SUBTREE, directory.user_filter
        ),
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(
            directory.group_search_base, ldap.SCOPE_SUBTREE, group_filter
        ),
        "AUTH_LDAP_GROUP_TYPE": group_type(),
        # The person is created and updated by sso.services.directory, never by the
        # library: it maps no attribute, mirrors no group and grants no permission.
        "AUTH_LDAP_USER_ATTR_MAP": {},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": False,
        "AUTH_LDAP_MIRROR_GROUPS": False,
        "AUTH_LDAP_FIND_GROUP_PERMS": False,
        "ROLLOUT_LDAP_ATTRIBUTES": dict(directory.attributes),
    }
