"""The bilingual duty and taboo catalogue of the roles."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.localized import localized
from roles.models.assignments import Role, Seat


# The choice class lives at module level because a model's nested Meta cannot see the
# model's own namespace, and the CheckConstraint below must take its values from it:
# a value added to a class then changes the constraint, and makemigrations notices.
class CatalogueKind(models.TextChoices):
    DUTY = "duty", _("Must do")
    TABOO = "taboo", _("Must not do")
    QUESTION = "question", _("Question of the seat")
    QUALITY = "quality", _("Quality")


class CatalogueEntry(models.Model):
    """One duty, taboo, seat question or quality of a role, in both languages."""

    Kind = CatalogueKind

    key = models.CharField(_("key"), max_length=80, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=120)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=120)
    text_en = models.TextField(_("text (English)"))
    text_zh_hans = models.TextField(_("text (Simplified Chinese)"))

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["role", "seat", "kind", "order"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="catalogue_role_valid"),
            models.CheckConstraint(
                condition=Q(seat__in=["", *Seat.values]), name="catalogue_seat_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CatalogueKind.values), name="catalogue_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(role=Role.SELECTOR) | Q(seat=""),
                name="catalogue_seat_only_for_selector",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def title(self) -> str:
        return localized(self.title_en, self.title_zh_hans)

    @property
    def text(self) -> str:
        return localized(self.text_en, self.text_zh_hans)
