"""Writing files so that a failure never leaves a half-written one.

The one writer that every part of armscontrol that saves a file uses (records,
timelines, tables): the content goes to a temporary file beside the target, is
flushed to disk, and replaces the target in one step.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from armscontrol.exceptions import SaveError

__all__ = ["write_atomically"]


def write_atomically(path: str | os.PathLike[str], content: bytes) -> None:
    """Write a file so that it holds either its old content or the new, never a mix.

    The content goes to a temporary file beside the target, is flushed to disk
    and moved over the target in one step; the temporary file never outlives a
    failure. An existing target's permission bits are kept; a new file gets the
    usual ones (``0o666`` less the umask).

    Raises:
        SaveError: The content could not be written; the target is unchanged.
    """
    target = Path(path)
    try:
        _write(target, content)
    except OSError as exc:
        raise SaveError(str(target), exc.strerror or str(exc)) from exc


def _write(target: Path, content: bytes) -> None:
    fresh = _create_beside(target)
    temporary: Path | None = fresh
    try:
        with fresh.open("wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            fresh.chmod(stat.S_IMODE(target.stat().st_mode))
        os.replace(fresh, target)  # noqa: PTH105 - the one atomic step, named as such
        temporary = None
        _sync_folder(target.parent)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _create_beside(target: Path) -> Path:
    """A new, empty file in the target's folder, readable as a new file would be."""
    for _ in range(100):
        candidate = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(descriptor)
        return candidate
    msg = f"no free temporary name beside {target}"
    raise FileExistsError(msg)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable where the system allows a folder to be synced."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
