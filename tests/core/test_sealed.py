"""Secrets sealed at rest: readable back, not readable in the stored text, and kept across
a SECRET_KEY rotation that lists the old key in SECRET_KEY_FALLBACKS."""

import pytest

from core.sealed import SealBroken, seal, unseal


def test_it_opens_what_it_sealed_and_stores_no_plain_text():
    sealed = seal("SEC-robot-secret-1234")
    assert "robot-secret" not in sealed
    assert unseal(sealed) == "SEC-robot-secret-1234"


def test_it_opens_a_value_sealed_under_a_fallback_key(settings):
    settings.SECRET_KEY = "old-" + "k" * 60
    sealed = seal("kept")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "new-" + "n" * 60
    assert unseal(sealed) == "kept"


def test_it_says_when_no_key_opens_the_value(settings):
    sealed = seal("lost")
    settings.SECRET_KEY = "another-" + "a" * 60
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(SealBroken):
        unseal(sealed)
