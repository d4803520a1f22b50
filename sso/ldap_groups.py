"""Which of a person's directory groups an administrator mapped. A distinguished name has
many spellings (the directory answers "cn=sales,ou=groups,dc=example,dc=com"; an
administrator may paste "CN=Sales, OU=Groups, DC=example, DC=com" from Active Directory),
so both sides are compared in one normal form."""

from collections.abc import Iterable

import ldap.dn

from sso.models import DirectoryGroup, DirectorySource


def normal_dn(dn: str) -> str:
    """The DN in lower case without the spaces around its separators; a value that is not a
    DN is only lowered."""
    try:
        return str(ldap.dn.dn2str(ldap.dn.str2dn(dn.strip().lower())))
    except ldap.DECODING_ERROR:
        return dn.strip().lower()


def mapped_ldap_group_names(group_dns: Iterable[str]) -> tuple[str, ...]:
    """The mapping's names (as the administrator wrote them) of the groups among these."""
    wanted = {normal_dn(dn) for dn in group_dns}
    if not wanted:
        return ()
    # The mapping is a short list kept by an administrator: one query, compared here.
    names = DirectoryGroup.objects.filter(source=DirectorySource.LDAP).values_list(
        "name", flat=True
    )
    return tuple(name for name in names if normal_dn(name) in wanted)
