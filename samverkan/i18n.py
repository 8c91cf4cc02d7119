"""Bilingual text: Swedish is what users read, English is a flag away."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")
DEFAULT_LANG: Lang = "sv"


@dataclass(frozen=True)
class Msg:
    """A user-facing text in Swedish and English, formatted late so plugins can carry both."""

    sv: str
    en: str

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        return self.en if lang == "en" else self.sv

    def format(self, **values: object) -> Msg:
        return Msg(self.sv.format(**values), self.en.format(**values))

    def __add__(self, other: Msg) -> Msg:
        return Msg(self.sv + other.sv, self.en + other.en)


def lang_from_env(default: Lang = DEFAULT_LANG) -> Lang:
    """The language chosen with SAMVERKAN_LANG, for callers that have no --lang option."""
    value = os.environ.get("SAMVERKAN_LANG", default)
    return value if value in LANGS else default


def join(items: list[str] | tuple[str, ...], lang: Lang) -> str:
    """'A, B och C' — a human list in the given language."""
    if len(items) <= 1:
        return "".join(items)
    word = " and " if lang == "en" else " och "
    return ", ".join(items[:-1]) + word + items[-1]
