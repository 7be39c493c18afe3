"""Writing files so that a failure never leaves a half-written one.

The one writer that every part of armscontrol that saves a file uses (records,
timelines, tables): the content goes to a temporary file beside the target, is
flushed to disk, and replaces the target in one step.

What saving does with the file that is there (``docs/format.md`` tells users):

* A symbolic link is followed: its target gets the new content, atomically,
  and the link stays a link (as editors save).
* A file with several hard links is replaced under the name given: that name
  gets the new content, the other names keep the old file. Atomic replacement
  cannot keep hard links; nothing is written in place.
* A read-only file is refused unless ``force=True``; a folder, a device or a
  named pipe is always refused.
* Permission bits are kept, and the owner too where the system allows.
* The temporary file is ``.NAME.XXXXXXXX.tmp`` (a long name is shortened, so any
  name that the system allows can be saved). A save that was killed leaves it
  behind; the next save of the same file removes it. A temporary file in use
  is locked, so two processes saving the same file never remove each other's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

from armscontrol.exceptions import SaveError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, no clean-up
    fcntl = None  # type: ignore[assignment]

__all__ = ["write_atomically"]

_NAME_MAX = 255
"""The longest file name, in bytes, on the usual file systems."""
_SUFFIX = ".tmp"
_RANDOM = 8  # hexadecimal digits


def write_atomically(path: str | os.PathLike[str], content: bytes, *, force: bool = False) -> None:
    """Write a file so that it holds either its old content or the new, never a mix.

    The content goes to a temporary file beside the target, is flushed to disk
    and moved over the target in one step; the temporary file never outlives a
    failure. See the module documentation for links, read-only files and
    temporary files left by a save that was killed.

    Args:
        path: The file to write.
        content: Its new bytes.
        force: Replace the file even if it is read-only.

    Raises:
        SaveError: The content could not be written; the target is unchanged.
    """
    name = _file_name(path)
    try:
        target = _follow_links(name)
        _check_target(target, force=force)
        _write(target, content)
    except OSError as exc:
        raise SaveError(name, exc.strerror or str(exc)) from exc


def _file_name(path: str | os.PathLike[str]) -> str:
    """The path as text, if it can name a file.

    Raises:
        SaveError: The path is empty, names a folder, or cannot be a file name.
    """
    name = os.fspath(path)
    reason = None
    if not name:
        reason = "no file name given"
    elif "\0" in name:
        reason = "a file name cannot hold a NUL character"
    # Not Path(name).name: Path reads "a/." and "a/" as "a".
    elif os.path.basename(name) in ("", ".", ".."):  # noqa: PTH119
        reason = "this names a folder; give the name of a file"
    else:
        try:
            os.fsencode(name)
        except UnicodeError:
            reason = "the name holds characters this system cannot use in a file name"
    if reason is not None:
        raise SaveError(name if name and name.isprintable() else repr(name), reason)
    return name


def _follow_links(name: str) -> Path:
    """The file a save of ``name`` writes: the end of its chain of symbolic links.

    Raises:
        OSError: The links form a loop.
    """
    with contextlib.suppress(FileNotFoundError):  # a new file, or a link to one
        Path(name).stat()  # a loop of links raises here
    return Path(os.path.realpath(name))


def _check_target(target: Path, *, force: bool) -> None:
    try:
        status = target.stat()
    except FileNotFoundError:
        return
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(21, "it is a folder")
    if not stat.S_ISREG(status.st_mode):
        reason = "it is not a regular file (a device, a named pipe or a socket)"
        raise OSError(0, reason)
    writable = status.st_mode & 0o222 and os.access(target, os.W_OK)
    if not force and not writable:
        reason = "the file is read-only; make it writable, or save with force=True"
        raise PermissionError(13, reason)


def _write(target: Path, content: bytes) -> None:
    _remove_leftovers(target)
    descriptor, fresh = _create_beside(target)
    temporary: Path | None = fresh
    try:
        with os.fdopen(descriptor, "wb", closefd=False) as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode_and_owner(fresh, target)
        os.replace(fresh, target)  # noqa: PTH105 - the one atomic step, named as such
        temporary = None
        _sync_folder(target.parent)
    finally:
        os.close(descriptor)  # releases the lock, after the move
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _keep_mode_and_owner(fresh: Path, target: Path) -> None:
    try:
        old = target.stat()
    except FileNotFoundError:
        return
    mode = stat.S_IMODE(old.st_mode)
    new = fresh.stat()
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid) and hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.chown(fresh, old.st_uid, old.st_gid)
    fresh.chmod(mode)  # after chown, which may clear the set-id bits


def _prefix(target: Path) -> str:
    """The start of every temporary name of a target: ``.NAME.``, shortened to fit."""
    name = target.name
    room = _NAME_MAX - len(f"..{'0' * _RANDOM}{_SUFFIX}")
    if len(os.fsencode(name)) <= room:
        return f".{name}."
    tag = hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
    short = os.fsencode(name)[: room - len(tag) - 1]
    return f".{os.fsdecode(short)}~{tag}."


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty file beside the target, open and locked, with a new file's permissions."""
    prefix = _prefix(target)
    for _ in range(100):
        candidate = target.with_name(f"{prefix}{os.urandom(_RANDOM // 2).hex()}{_SUFFIX}")
        try:
            descriptor = os.open(
                candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC | _NOFOLLOW, 0o666
            )
        except FileExistsError:
            continue
        if _locked(descriptor, candidate):
            return descriptor, candidate
        os.close(descriptor)  # taken for a leftover and removed meanwhile: try another
    msg = f"no free temporary name beside {target}"
    raise FileExistsError(17, msg)


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _locked(descriptor: int, path: Path) -> bool:
    """Lock an open file that ``path`` names, so that no clean-up takes it for a leftover.

    Returns:
        Whether the file is locked (or cannot be: no locks here) and ``path``
        still names it.
    """
    if fcntl is None:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks: nothing cleans up there either
        return True
    try:
        return os.lstat(path).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary files of earlier saves of ``target`` that were killed.

    A temporary file still in use is locked by the save writing it, and is left
    alone; without locks, nothing is removed.
    """
    if fcntl is None:  # pragma: no cover - Windows
        return
    prefix = _prefix(target)
    leftover = re.compile(re.escape(prefix) + f"[0-9a-f]{{{_RANDOM}}}" + re.escape(_SUFFIX))
    try:
        with os.scandir(target.parent) as entries:
            names = [entry.name for entry in entries if leftover.fullmatch(entry.name)]
    except OSError:
        return
    for name in names:
        if not _remove_unlocked(target.with_name(name)):
            return


def _remove_unlocked(path: Path) -> bool:
    """Remove a file no one holds a lock on; ``False`` when locks do not work here."""
    assert fcntl is not None
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC | _NOFOLLOW)
    except OSError:  # gone meanwhile, or not ours to read
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.lstat(path).st_ino == os.fstat(descriptor).st_ino:
            path.unlink()
    except BlockingIOError:  # a save in progress
        return True
    except OSError:  # no locks on this file system, or not ours to remove
        return False
    finally:
        os.close(descriptor)
    return True


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
