"""The uploaded files (MEDIA_ROOT: evidence, decision briefs) in the archive's media/."""

import shutil
import tarfile
from pathlib import Path

from core.backup.errors import BackupError
from core.backup.manifest import MEDIA_PREFIX


def media_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def media_add(archive: tarfile.TarFile, root: Path) -> int:
    files = media_files(root)
    for path in files:
        archive.add(path, arcname=MEDIA_PREFIX + path.relative_to(root).as_posix())
    return len(files)


def media_extract(archive: tarfile.TarFile, root: Path) -> int:
    """Regular files only, each checked by tarfile's "data" filter (no path outside
    `root`, no device, no setuid bit): an archive from elsewhere cannot write anywhere
    else."""
    root.mkdir(parents=True, exist_ok=True)
    count = 0
    for member in archive.getmembers():
        if not member.name.startswith(MEDIA_PREFIX) or not member.isfile():
            continue
        relative = member.replace(name=member.name.removeprefix(MEDIA_PREFIX), deep=False)
        try:
            archive.extract(relative, root, filter="data")
        except tarfile.FilterError as error:
            raise BackupError(f"The archive holds a file it may not restore: {error}") from error
        count += 1
    return count


def media_empty(root: Path) -> None:
    """Deletes what is inside `root`, not `root` itself (a volume may be mounted on it)."""
    for path in root.iterdir() if root.is_dir() else []:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
