"""Problems in the input, located down to the cell, and the one error type users see."""

from __future__ import annotations

import difflib
import errno
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from samverkan.i18n import Lang, Message, _, verbatim


@dataclass(frozen=True)
class Location:
    """A place in the input: file, and where known sheet, row and column."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def describe(self, lang: Lang) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(SHEET.format(sheet=self.sheet).text(lang))
        if self.row is not None:
            parts.append(ROW.format(row=self.row).text(lang))
        if self.column is not None:
            parts.append(COLUMN.format(column=self.column).text(lang))
        return ", ".join(parts)


def did_you_mean(word: str, known: Iterable[str], *, clause: bool = False) -> Message:
    """' Menade du …?' for the closest known word, or nothing; with `clause`, as the end of
    the sentence before it (' — menade du …?')."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    if not close:
        return verbatim("")
    return (DID_YOU_MEAN_CLAUSE if clause else DID_YOU_MEAN).format(hint=close[0])


DID_YOU_MEAN = _(" Did you mean '{hint}'?")
DID_YOU_MEAN_CLAUSE = _(" — did you mean '{hint}'?")
SHEET = _("sheet {sheet}")
ROW = _("row {row}")
COLUMN = _("column {column}")


class ProblemLevel(StrEnum):
    ERROR = "error"  # the row cannot become part of the map
    WARNING = "warning"  # the row was imported, but something deserves a look


@dataclass(frozen=True)
class Problem:
    location: Location
    message: Message
    level: ProblemLevel = ProblemLevel.ERROR

    @property
    def is_error(self) -> bool:
        return self.level is ProblemLevel.ERROR

    def describe(self, lang: Lang) -> str:
        word = LEVEL_WORDS[self.level].text(lang)
        return f"{word}: {self.location.describe(lang)}: {self.message.text(lang)}"


LEVEL_WORDS = {
    ProblemLevel.ERROR: _("Error"),
    ProblemLevel.WARNING: _("Warning"),
}


class SamverkanError(Exception):
    """Bad input or usage: the CLI prints it in the user's language and exits with code 2."""

    def __init__(self, message: Message, location: Location | None = None) -> None:
        super().__init__(message.en)
        self.message = message
        self.location = location

    def describe(self, lang: Lang) -> str:
        text = self.message.text(lang)
        return f"{self.location.describe(lang)}: {text}" if self.location else text


def os_reason(error: OSError) -> Message:
    """Why the operating system refused to read or write, in the user's language; the
    system's own (English) words only for a reason not listed here."""
    reason = OS_REASONS.get(error.errno) if error.errno is not None else None
    return reason if reason is not None else verbatim(error.strerror or str(error))


OS_REASONS: dict[int, Message] = {
    errno.ENOENT: _("the file or folder does not exist"),
    errno.ENOTDIR: _("part of the path is a file, not a folder"),
    errno.EISDIR: _("it is a folder, not a file"),
    errno.EACCES: _("you lack permission (or the file is locked)"),
    errno.EPERM: _("you lack permission (or the file is locked)"),
    errno.ENOSPC: _("the disk is full"),
    errno.EDQUOT: _("the disk quota is used up"),
    errno.EROFS: _("the disk can only be read, not written"),
    errno.EBUSY: _("the file is in use by another program"),
    errno.ENAMETOOLONG: _("the name is too long"),
}
