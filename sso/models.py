"""What a company's directory (LDAP / Active Directory) or identity provider (OIDC) may
decide about a person. Nothing by default: a person signing in through either gets an
account with their name, e-mail and language, and no role. Only a group an administrator
maps here places them in a department or gives them a role on a rollout."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roles.models import Department, Role
from rollout.models import Rollout


class DirectorySource(models.TextChoices):
    LDAP = "ldap", _("LDAP / Active Directory")
    OIDC = "oidc", _("OpenID Connect provider")


# Only the implementation member's role comes from a group. The executive is named in the
# app by a person (a rollout has exactly one); a department has one middle manager, named
# by its head; a selection team member holds one of five seats. A group's membership
# changes without anyone deciding, and would break those rules at someone's sign-in.
GRANTABLE_ROLES = [Role.MEMBER]


class DirectoryGroup(models.Model):
    """One group of the directory or the provider and what membership in it means here."""

    source = models.CharField(_("source"), max_length=10, choices=DirectorySource.choices)
    name = models.CharField(
        _("group"),
        max_length=300,
        help_text=_(
            "LDAP: the group's distinguished name (cn=sales,ou=groups,dc=example,dc=com). "
            "OIDC: a value of the groups claim."
        ),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="directory_groups",
        help_text=_("Members of the group work in this department."),
    )
    rollout = models.ForeignKey(
        Rollout,
        verbose_name=_("rollout"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="directory_groups",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        blank=True,
        choices=[(r.value, r.label) for r in GRANTABLE_ROLES],
        help_text=_("Members of the group hold this role on the rollout."),
    )

    class Meta:
        verbose_name = _("directory group")
        verbose_name_plural = _("directory groups")
        ordering = ["source", "name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "name"], name="directory_group_unique"),
            models.CheckConstraint(
                condition=Q(source__in=DirectorySource.values), name="directory_group_source_valid"
            ),
            models.CheckConstraint(
                # One __in list, blank included: the shape tests/test_choice_constraints.py reads.
                condition=Q(role__in=["", *(r.value for r in GRANTABLE_ROLES)]),
                name="directory_group_role_grantable",
            ),
            # A role is on a rollout: both or neither.
            models.CheckConstraint(
                condition=(Q(role="") & Q(rollout__isnull=True))
                | (~Q(role="") & Q(rollout__isnull=False)),
                name="directory_group_role_with_rollout",
            ),
            # A middle manager answers for a department: the group's.
            models.CheckConstraint(
                condition=~Q(role=Role.MANAGER) | Q(department__isnull=False),
                name="directory_group_manager_has_department",
            ),
            # A group that means nothing here is not worth a row.
            models.CheckConstraint(
                condition=Q(department__isnull=False) | ~Q(role=""),
                name="directory_group_means_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.name}"


class DirectoryIdentity(models.Model):
    """Which person here a source's own identifier stands for: the provider's issuer and
    `sub` (OIDC), the entry's DN (LDAP). A person is found by it, never by a username the
    source sends, which a provider may let its users choose: "admin" at the provider must
    not be the administrator here."""

    source = models.CharField(_("source"), max_length=10, choices=DirectorySource.choices)
    subject = models.CharField(_("identifier at the source"), max_length=500)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="directory_identities",
    )
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("directory identity")
        verbose_name_plural = _("directory identities")
        constraints = [
            models.UniqueConstraint(fields=["source", "subject"], name="directory_identity_unique"),
            # One identity a source per person: a second would be someone else's account.
            models.UniqueConstraint(
                fields=["source", "person"], name="directory_identity_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(source__in=DirectorySource.values),
                name="directory_identity_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.subject}"
