"""Comments on the things a rollout talks about (tasks, gates, staffing requests) and the
people they mention.

The apps that own those things sit above discussion, so a comment names its target by kind
and id instead of a foreign key: the kind's values are the CheckConstraint's, and the owning
app resolves the id (and the person's access to it) through discussion.targets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Longer than any useful remark, short enough that a page of them stays a page.
BODY_MAX = 4000

# What a removed comment says in its place on the thread (and to someone who would still
# change it): one text, in the reader's language.
REMOVED_TEXT = _("This comment was removed.")


class CommentTarget(models.TextChoices):
    TASK = "task", _("task")
    GATE = "gate", _("gate")
    STAFFING_REQUEST = "staffing_request", _("staffing request")


class Comment(models.Model):
    Target = CommentTarget

    rollout = models.ForeignKey(
        "rollout.Rollout", verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="+"
    )
    target_kind = models.CharField(_("on"), max_length=20, choices=CommentTarget.choices)
    target_id = models.PositiveBigIntegerField(_("target"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    # Plain text, escaped when shown; emptied when the comment is removed.
    body = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["target_kind", "target_id", "created_at"], name="comment_thread")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_kind__in=CommentTarget.values), name="comment_target_valid"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX), name="comment_body_max"
            ),
            # A comment says something until it is removed; then it says nothing.
            models.CheckConstraint(
                condition=(Q(removed_at__isnull=True) & ~Q(body=""))
                | (Q(removed_at__isnull=False) & Q(body="")),
                name="comment_body_unless_removed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_kind}:{self.target_id} #{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Mention(models.Model):
    """One person named with @ in a comment, and the notification that told them."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="mentions"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    notification = models.OneToOneField(
        "notifications.Notification",
        verbose_name=_("notification"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mention",
    )

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["comment", "person"], name="mention_once_per_comment")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.person_id}"
