"""Administration. Writes that carry rules (assigning and ending roles) go through
roles.services, so permissions never drift. The Rollout's admin is gates/admin.py:
creating a rollout sets up its executive, gates and selection."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.admin_base import RefusalsShownOnTheForm
from roles import services
from roles.models import CatalogueEntry, Department, PasswordChangeFailures, RoleAssignment, User


@admin.register(User)
class PersonAdmin(UserAdmin[User]):
    list_display = ["username", "display_name", "department", "weekly_capacity_hours", "is_active"]
    list_filter = ["department", "is_active", "is_staff", "preferred_language"]
    list_select_related = ["department"]
    search_fields = ["username", "display_name", "email", "first_name", "last_name"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            _("Rollout"),
            {
                "fields": (
                    "display_name",
                    "department",
                    "weekly_capacity_hours",
                    "preferred_language",
                )
            },
        ),
    )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["code", "name_en", "name_zh_hans", "head", "calendar"]
    search_fields = ["code", "name_en", "name_zh_hans"]
    list_select_related = ["head", "calendar"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(RefusalsShownOnTheForm, admin.ModelAdmin[RoleAssignment]):
    list_display = ["person", "role", "department", "seat", "rollout", "started_at", "ended_at"]
    list_filter = [
        "role",
        "seat",
        "rollout",
        "department",
        ("ended_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["person__username", "person__display_name", "rollout__name"]
    list_select_related = ["person", "department", "rollout"]
    fields = ["rollout", "person", "role", "department", "seat"]
    actions = ["end_roles"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: RoleAssignment | None = None
    ) -> list[str]:
        # History is kept: an assignment is never edited, only ended.
        if obj is not None:
            return [
                "rollout",
                "person",
                "role",
                "department",
                "seat",
                "started_at",
                "ended_at",
                "end_reason",
            ]
        return []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: RoleAssignment, form: Any, change: bool
    ) -> None:
        if change:
            return
        created = services.role_assign(
            by=request.user,  # type: ignore[arg-type]  # the admin is behind login
            rollout=obj.rollout,
            person=obj.person,
            role=obj.role,
            department=obj.department,
            seat=obj.seat,
        )
        obj.pk = created.pk

    @admin.action(description=_("End the selected roles"))
    def end_roles(self, request: HttpRequest, queryset: QuerySet[RoleAssignment]) -> None:
        for assignment in queryset.select_related("rollout", "person", "department"):
            try:
                services.role_end(by=request.user, assignment=assignment)  # type: ignore[arg-type]
            except services.RoleError as error:
                self.message_user(request, f"{assignment}: {error}", messages.ERROR)


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(admin.ModelAdmin[CatalogueEntry]):
    list_display = ["key", "role", "seat", "kind", "order", "title_en", "title_zh_hans"]
    list_filter = ["role", "seat", "kind"]
    search_fields = ["key", "title_en", "title_zh_hans", "text_en", "text_zh_hans"]


@admin.register(PasswordChangeFailures)
class PasswordChangeFailuresAdmin(admin.ModelAdmin[PasswordChangeFailures]):
    """Wrong current passwords on the password-change page. Deleting a row lifts a pause
    at once (what "ask an administrator" on the paused page means); nothing else is edited."""

    list_display = ["user", "failures", "last_failure_at"]
    search_fields = ["user__username", "user__display_name"]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
