"""The uploaded files (evidence, decision briefs) in the archive's media/, wherever the
default storage keeps them: the local folder MEDIA_ROOT is read and written as a folder
(tarfile's own checks guard the restore), an object store (STORAGE_URL) through Django's
storage API, so a backup of a cluster holds its bucket's files just as one machine's backup
holds its folder."""

import shutil
import tarfile
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage

from core.backup.errors import BackupError
from core.backup.manifest import MEDIA_PREFIX

# Where tarfile's "data" filter pretends an object store's files go, to refuse the same
# names it refuses on a disk (absolute, `..`, links, devices) without writing anything.
_NOWHERE = "/rollout-media"


def _folder(storage: Storage) -> Path | None:
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def media_where(storage: Storage) -> str:
    """Where the files are, for a person: the folder, or the bucket."""
    folder = _folder(storage)
    if folder is not None:
        return f"the folder {folder}"
    bucket = getattr(storage, "bucket_name", "") or type(storage).__name__
    prefix = getattr(storage, "location", "")
    return f"the bucket {bucket}" + (f" (under {prefix}/)" if prefix else "")


def _local_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def _stored_names(storage: Storage, folder: str = "") -> list[str]:
    folders, files = storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for inner in folders:
        names += _stored_names(storage, f"{folder}/{inner}" if folder else inner)
    return sorted(names)


def media_names(storage: Storage) -> list[str]:
    """Every file, by its name in the storage (a path relative to the folder)."""
    folder = _folder(storage)
    if folder is not None:
        return [path.relative_to(folder).as_posix() for path in _local_files(folder)]
    return _stored_names(storage)


def media_add(archive: tarfile.TarFile, storage: Storage) -> int:
    folder = _folder(storage)
    names = media_names(storage)
    for name in names:
        if folder is not None:
            archive.add(folder / name, arcname=MEDIA_PREFIX + name)
            continue
        info = tarfile.TarInfo(MEDIA_PREFIX + name)
        info.size, info.mode = storage.size(name), 0o644
        with storage.open(name, "rb") as stored:
            archive.addfile(info, stored)
    return len(names)


def media_extract(archive: tarfile.TarFile, storage: Storage) -> int:
    """Regular files only, each checked by tarfile's "data" filter (no path outside the
    folder, no device, no setuid bit): an archive from elsewhere cannot write anywhere
    else."""
    folder = _folder(storage)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for member in archive.getmembers():
        if not member.name.startswith(MEDIA_PREFIX) or not member.isfile():
            continue
        relative = member.replace(name=member.name.removeprefix(MEDIA_PREFIX), deep=False)
        try:
            if folder is not None:
                archive.extract(relative, folder, filter="data")
            else:
                _store(archive, tarfile.data_filter(relative, _NOWHERE), storage)
        except tarfile.FilterError as error:
            raise BackupError(f"The archive holds a file it may not restore: {error}") from error
        count += 1
    return count


def _store(archive: tarfile.TarFile, member: tarfile.TarInfo, storage: Storage) -> None:
    name = PurePosixPath(member.name).as_posix()
    content = archive.extractfile(member)
    if content is None:
        raise BackupError(f"The archive's {member.name} is not a file.")
    with content:
        saved = storage.save(name, File(content, name))
    if saved != name:  # a name taken: the store was not empty
        storage.delete(saved)
        raise BackupError(f"{name} is in {media_where(storage)} already; nothing replaced.")


def media_empty(storage: Storage) -> None:
    """Deletes every file. A local folder keeps itself (a volume may be mounted on it)."""
    folder = _folder(storage)
    if folder is None:
        for name in media_names(storage):
            storage.delete(name)
        return
    for path in folder.iterdir() if folder.is_dir() else []:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
