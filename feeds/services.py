"""The writes of the feeds: a person's key, made on first use and replaced on request."""

from django.db import transaction

from feeds.models import FeedKey, new_key
from roles.models import User


@transaction.atomic
def feed_key_regenerate(*, person: User) -> FeedKey:
    """The person's first secret, or a new one: from this commit on, the old addresses
    answer 404. Only through a POST: a GET of the feeds page writes nothing."""
    key = FeedKey.objects.select_for_update().filter(person=person).first()
    if key is None:
        return FeedKey.objects.create(person=person)
    key.key = new_key()
    key.save(update_fields=["key", "created_at"])
    return key
