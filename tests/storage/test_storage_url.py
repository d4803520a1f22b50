"""STORAGE_URL: empty keeps the files on the local disk (the embedded mode); s3://… names a
private bucket of an S3-compatible store; anything else stops the settings from loading."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.storage_url import LOCAL_STORAGE, S3_STORAGE, default_storage_from_url
from tests.settings_process import run_with_environment


def test_it_keeps_the_files_on_the_local_disk_when_unset():
    assert default_storage_from_url("") == {"BACKEND": LOCAL_STORAGE}


def test_it_names_a_private_bucket_whose_urls_are_signed_and_short_lived():
    storage = default_storage_from_url(
        "s3://rollout-files/prod?endpoint_url=https://oss.example.cn&region_name=cn-north-1"
    )
    assert storage == {
        "BACKEND": S3_STORAGE,
        "OPTIONS": {
            "bucket_name": "rollout-files",
            "location": "prod",
            "endpoint_url": "https://oss.example.cn",
            "region_name": "cn-north-1",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


def test_an_empty_default_acl_sends_none_for_buckets_without_acls():
    options = default_storage_from_url("s3://rollout-files?default_acl=")["OPTIONS"]
    assert options["default_acl"] is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://rollout-files", "must look like s3://bucket"),
        ("s3://key:secret@rollout-files", "holds no keys"),
        ("s3://rollout-files?acl=public-read", "does not know: acl"),
    ],
)
def test_it_refuses_what_it_cannot_use(url, says):
    with pytest.raises(ImproperlyConfigured, match=says):
        default_storage_from_url(url)


def test_an_installation_with_storage_url_gets_the_s3_storage(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages;"
        "s = storages['default']; print(type(s).__name__, s.bucket_name)"
    )
    printed = run_with_environment(
        ["-c", code],
        {"STORAGE_URL": "s3://rollout-files", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert printed.split() == ["S3Storage", "rollout-files"]
