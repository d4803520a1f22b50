"""Load roles/catalogue_data.py into the CatalogueEntry table, by key (idempotent)."""

from typing import Any

from roles.catalogue_data import CATALOGUE


def catalogue_load(entry_model: Any) -> int:
    """Insert or update every entry; `entry_model` is passed in so a data migration can
    use its historical model. Returns how many entries the catalogue has."""
    for entry in CATALOGUE:
        fields = entry._asdict()
        key = fields.pop("key")
        entry_model.objects.update_or_create(key=key, defaults=fields)
    return len(CATALOGUE)
