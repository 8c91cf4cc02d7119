"""Writing output files so that a failure midway never leaves a half-written file.

Each file is written to a temporary file beside it and renamed over it when complete.
Inside `written_together` the renames wait until every file of the group is written: a
map and its report appear as a pair, or (after a failure, Ctrl-C or SIGTERM) neither does,
and no temporary file stays behind. A temporary file that a killed run (SIGKILL, power cut)
could not remove is removed by the next write beside it.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import FrameType

from samverkan.errors import Location, SamverkanError, os_reason
from samverkan.i18n import Message, _

TEMPORARY_SUFFIX = ".samverkan-tmp"
# Older than this, a temporary file of ours belongs to no running write: its run was killed.
STALE_AFTER_SECONDS = 15 * 60

# The renames a `written_together` block holds back: (temporary file, target).
_held: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("held_writes", default=None)


def check_target(target: Path) -> None:
    """Refuse to write over anything but a regular file: replacing a symlink, a FIFO, a
    device (-o /dev/null as root) or a folder with a file is never what was meant."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise _cannot_write(target, error) from error
    if not stat.S_ISREG(mode):
        raise SamverkanError(NOT_A_REGULAR_FILE.format(kind=_kind(mode)), Location(str(target)))


def atomic_write(target: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `target`, then rename it over `target`."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target)
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX
        )
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            # mkstemp makes the file private (0600); a map is meant to be shared like any file.
            os.chmod(temporary, 0o666 & ~_umask())
            _rename_or_hold(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise _cannot_write(target, error) from error


def _rename_or_hold(temporary: Path, target: Path) -> None:
    held = _held.get()
    if held is None:
        os.replace(temporary, target)
        return
    for earlier in [pair for pair in held if pair[1] == target]:  # written twice: last wins
        held.remove(earlier)
        earlier[0].unlink(missing_ok=True)
    held.append((temporary, target))


@contextmanager
def written_together() -> Iterator[None]:
    """Every `atomic_write` inside the block becomes visible at its end, all together; after
    any exception, Ctrl-C or SIGTERM none does and their temporary files are removed."""
    held: list[tuple[Path, Path]] = []
    token = _held.set(held)
    try:
        with _sigterm_as_exit():
            yield
            with _signals_blocked():  # the renames are not cut off halfway
                _commit(held)
    except BaseException:
        for temporary, __ in held:
            temporary.unlink(missing_ok=True)
        raise
    finally:
        _held.reset(token)


def _commit(held: list[tuple[Path, Path]]) -> None:
    while held:
        temporary, target = held[0]
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise _cannot_write(target, error) from error
        held.pop(0)


class Terminated(SystemExit):
    """SIGTERM, raised as an exception so that the clean-up above runs."""


@contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return

    def terminate(number: int, _frame: FrameType | None) -> None:
        raise Terminated(128 + number)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (POSIX; elsewhere the block is short)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    wanted = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _remove_stale(target: Path) -> None:
    """Remove temporary files of `target` left by runs that were killed before cleaning up."""
    prefix, now = f".{target.name}.", time.time()
    for entry in os.scandir(target.parent):
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMPORARY_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and (
                now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_SECONDS
            ):
                os.unlink(entry.path)
        except OSError:
            pass  # gone already, or not ours to remove: the write itself still goes ahead


def _kind(mode: int) -> Message:
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device file")
    return _("not a regular file")


def _cannot_write(target: Path, error: OSError) -> SamverkanError:
    return SamverkanError(
        _("Could not write the file: {reason}").format(reason=os_reason(error)),
        Location(str(target)),
    )


NOT_A_REGULAR_FILE = _(
    "This is {kind}, not a regular file; it is not overwritten. Give a regular file or a new file name."
)


def _umask() -> int:
    """The process umask; reading it means setting it, so it is set straight back."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
