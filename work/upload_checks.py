"""What counts as an acceptable evidence file: an allow-listed type whose first bytes
match its name (a renamed .html is refused), under a size limit."""

from dataclasses import dataclass
from pathlib import PurePath
from typing import Final

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from core.errors import AppError

MAX_BYTES: Final = 10 * 1024 * 1024
MAX_FILES: Final = 5
# Evidence.original_name holds this many characters.
MAX_NAME_LENGTH: Final = 200


@dataclass(frozen=True)
class Kind:
    content_type: str
    magic: tuple[bytes, ...]  # empty: plain text, checked by decoding instead


KINDS: Final[dict[str, Kind]] = {
    ".pdf": Kind("application/pdf", (b"%PDF-",)),
    ".png": Kind("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    ".xlsx": Kind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)
    ),
    ".docx": Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".csv": Kind("text/csv", ()),
    ".txt": Kind("text/plain", ()),
}


class EvidenceError(AppError):
    pass


def allowed_suffixes() -> str:
    return ", ".join(sorted(KINDS))


def evidence_name(name: str, limit: int = MAX_NAME_LENGTH) -> str:
    """The uploader's file name as kept with the evidence: a name too long is shortened in
    its stem, so it keeps its extension (and the download keeps its type)."""
    name = name or "file"
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix
    if not suffix or len(suffix) >= limit:
        return name[:limit]
    return name[: limit - len(suffix)] + suffix


def evidence_check(upload: UploadedFile) -> str:
    """The file's content type if it is acceptable; EvidenceError with the reason if not."""
    name = upload.name or ""
    suffix = PurePath(name).suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        raise EvidenceError(
            _("%(name)s: this type of file is not accepted. Accepted: %(types)s.")
            % {"name": name, "types": allowed_suffixes()}
        )
    if upload.size is None or upload.size > MAX_BYTES:
        raise EvidenceError(
            _("%(name)s is larger than %(limit)s MB.") % {"name": name, "limit": MAX_BYTES // 2**20}
        )
    if upload.size == 0:
        raise EvidenceError(_("%(name)s is empty.") % {"name": name})
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if kind.magic:
        ok = any(head.startswith(magic) for magic in kind.magic)
    else:
        ok = b"\x00" not in head and _looks_like_text(head) and not _looks_like_html(head)
    if not ok:
        raise EvidenceError(
            _("%(name)s does not contain what its name says; it was refused.") % {"name": name}
        )
    return kind.content_type


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the 4096-byte boundary is still text.
        return error.start >= len(head) - 3
    return True


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip().lower()
    return start.startswith((b"<!doctype", b"<html", b"<script", b"<svg"))
