"""Admin for records that carry business rules: readable, searchable, filterable, and
changed only in the app (through the services), so the admin cannot bypass a rule."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from core.errors import AppError


class RecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # any model
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


_REFUSAL = "_admin_service_refusal"


if TYPE_CHECKING:  # a mixin of any ModelAdmin: typed as one, an object at run time
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object


class RefusalsShownOnTheForm(_AdminBase):
    """For an admin whose save_model calls a service: when the service refuses (AppError:
    a rule of the domain, e.g. roles.RoleError), the add or change is rolled back and the
    form comes back with what was typed and the refusal's message, instead of a 500.

    The refusal happens after the form was valid, where the admin has no way back to the
    form; so the view runs once more with a form that carries the refusal as its error."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except AppError as refusal:  # the admin's transaction is rolled back by now
            setattr(request, _REFUSAL, str(refusal))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        refusal: str | None = getattr(request, _REFUSAL, None)
        if refusal is None:
            return form_class
        message = refusal

        class Refused(form_class):  # type: ignore[misc,valid-type]  # the admin's own form
            def clean(self) -> dict[str, Any]:
                raise ValidationError(message)

        return Refused
