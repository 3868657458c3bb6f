"""Size limits on every file read, archives' members included (zip bombs announce small files)."""

from __future__ import annotations

import zipfile

from graph_service.domain.errors import FileTooLarge

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def check_size(size: int, name: str, max_bytes: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > max_bytes:
        raise FileTooLarge(
            f"fichier « {name} » trop volumineux : {size / 1_048_576:.1f} Mo pour une limite de "
            f"{max_bytes / 1_048_576:.0f} Mo (réglable par PARTNERSHIP_GRAPH_MAX_FILE_MB)",
            message_en=f"file {name!r} is {size} bytes, over the {max_bytes}-byte limit",
        )


def check_archive(archive: zipfile.ZipFile, name: str, max_bytes: int, expansion: int = 1) -> None:
    """Refuse an archive whose members, once uncompressed, exceed ``expansion`` times the limit.

    ``zipfile`` never returns more than a member's declared size, so declared sizes are a bound.
    """
    total = 0
    for info in archive.infolist():
        check_size(info.file_size, f"{name}/{info.filename}", max_bytes * expansion)
        total += info.file_size
    check_size(total, f"{name} (décompressé)", max_bytes * expansion)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, max_bytes: int) -> bytes:
    """Read one member of an archive, refusing it when its uncompressed size is over the limit."""
    check_size(info.file_size, name, max_bytes)
    with archive.open(info) as member:
        data = member.read(max_bytes + 1)
    check_size(len(data), name, max_bytes)
    return data


__all__ = ["DEFAULT_MAX_BYTES", "check_archive", "check_size", "read_member"]
