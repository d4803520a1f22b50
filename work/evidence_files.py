"""Evidence files into the storage (the local folder, or the bucket STORAGE_URL names) ahead
of the log that keeps them: an upload to object storage lasts as long as the file takes to
travel, so it happens before the log's transaction takes its row locks, and a log refused
afterwards deletes what was stored."""

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db.models import FileField
from django.utils.translation import gettext as _

from work.models import Evidence
from work.upload_checks import MAX_FILES, EvidenceError, evidence_check, evidence_name


@dataclass(frozen=True)
class StoredEvidence:
    name: str  # in the storage
    original_name: str
    content_type: str
    size: int


def _field() -> FileField:
    return Evidence._meta.get_field("file")


def _checked(uploads: Sequence[UploadedFile]) -> list[str]:
    """The content type of each file; EvidenceError for the first one refused."""
    if len(uploads) > MAX_FILES:
        raise EvidenceError(_("Attach at most %(count)s files.") % {"count": MAX_FILES})
    return [evidence_check(upload) for upload in uploads]


def evidence_store(uploads: Sequence[UploadedFile]) -> list[StoredEvidence]:
    """Each file checked, then saved under a generated name as the FileField would save it;
    EvidenceError (nothing stored) when one is refused."""
    content_types = _checked(uploads)
    field = _field()
    stored: list[StoredEvidence] = []
    try:
        for upload, content_type in zip(uploads, content_types, strict=True):
            name = field.generate_filename(None, upload.name or "")
            name = field.storage.save(name, upload, max_length=field.max_length)
            original = evidence_name(upload.name or "")
            stored.append(StoredEvidence(name, original, content_type, upload.size or 0))
    except BaseException:
        evidence_discard(stored)
        raise
    return stored


def evidence_discard(stored: Sequence[StoredEvidence]) -> None:
    storage = _field().storage
    for file in stored:
        with contextlib.suppress(Exception):  # a file left over is better than a lost error
            storage.delete(file.name)
