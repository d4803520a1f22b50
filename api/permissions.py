"""A person's API token: only its own person sees it; anyone else's is 404, the same
answer as a token that does not exist."""

from django.shortcuts import get_object_or_404

from api.models import ApiToken
from roles.models import User


def get_token_for_user(user: User, pk: int) -> ApiToken:
    return get_object_or_404(ApiToken, pk=pk, user=user)
