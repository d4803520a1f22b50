"""STORAGE_URL: where evidence files and decision briefs are kept.

Unset or empty: the local folder MEDIA_ROOT (the embedded mode of `make run`, one machine).
`s3://BUCKET[/PREFIX]?endpoint_url=…&region_name=…`: an S3-compatible object store through
django-storages, so that every web node and worker reads the same files. The keys come from
boto3's usual places (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or
the machine's role), never from the URL, which is not a secret.

Objects are written private and are never handed out by URL: downloads are streamed through
the app's access checks (work/views/tasks.py evidence_download, the gate's brief). Should
anything ask for an object's URL all the same, it gets a signed one that expires in minutes.
"""

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
SIGNED_URL_SECONDS = 300
# The query parameters a STORAGE_URL may carry, each an option of django-storages' S3Storage.
S3_PARAMETERS = ("endpoint_url", "region_name", "addressing_style", "default_acl")


def default_storage_from_url(url: str) -> dict[str, Any]:
    """The STORAGES["default"] entry that STORAGE_URL names."""
    if not url:
        return {"BACKEND": LOCAL_STORAGE}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ImproperlyConfigured(
            f"STORAGE_URL must look like s3://bucket?endpoint_url=…, or be empty; not {url!r}."
        )
    if parts.username or parts.password:
        raise ImproperlyConfigured(
            "STORAGE_URL holds no keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        )
    given = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(given) - set(S3_PARAMETERS))
    if unknown:
        raise ImproperlyConfigured(
            f"STORAGE_URL has parameters it does not know: {', '.join(unknown)} "
            f"(known: {', '.join(S3_PARAMETERS)})."
        )
    options: dict[str, Any] = {
        "bucket_name": parts.hostname,
        "location": parts.path.strip("/"),
        # Private objects; an empty default_acl= sends no ACL at all (buckets whose ACLs are
        # switched off refuse any but the owner's).
        "default_acl": given.pop("default_acl", "private") or None,
        "querystring_auth": True,
        "querystring_expire": SIGNED_URL_SECONDS,
        # A name already taken gets another, as on the local disk: nothing is replaced.
        "file_overwrite": False,
    }
    options.update({name: value for name, value in given.items() if value})
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}
