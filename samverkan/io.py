"""Writing output files so that a failure midway never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from samverkan.errors import Location, SamverkanError
from samverkan.i18n import Msg


def atomic_write(target: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `target`, then rename it over `target`."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            # mkstemp makes the file private (0600); a map is meant to be shared like any file.
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise SamverkanError(
            Msg("Kunde inte skriva filen: {reason}", "Could not write the file: {reason}").format(
                reason=error.strerror or error
            ),
            Location(str(target)),
        ) from error


def _umask() -> int:
    """The process umask; reading it means setting it, so it is set straight back."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
