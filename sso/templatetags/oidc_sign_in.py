"""The sign-in page's "Sign in with <provider>" button, there only while OIDC is on."""

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from sso.oidc import oidc_enabled

register = template.Library()


@register.inclusion_tag("sso/oidc_sign_in.html")
def oidc_sign_in(next_url: str = "") -> dict[str, Any]:
    return {
        "oidc_on": oidc_enabled(),
        "provider": settings.OIDC_PROVIDER_NAME or _("your company account"),
        "next": next_url,
    }
