"""click speaks the user's language: its own words and our help texts, whatever LANG says.

click translates its messages with `gettext.gettext` (bound as `_` and `ngettext` in its
modules), that is through the process locale and a `messages` domain we do not have. We
bind those names to our `click` catalogue in the language of the current command: `--lang`
(read from the command line before click parses it, since `--help` and a bad value are
handled before the `--lang` callback runs), then the project's language once the command
found it, then SAMVERKAN_LANG, then Swedish. Outside a samverkan command click is left
as it is written (English). Help texts are English in the code and looked up in our
`samverkan` catalogue when help or usage is shown.
"""

from __future__ import annotations

import gettext
import importlib
import inspect
import pkgutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import click

from samverkan.i18n import LANGS, SAMVERKAN, Domain, Lang, _, lang_from_env

CLICK = Domain("click", Path(__file__).resolve().parent.parent / "locale")
SKIPPED = ("testing",)  # click's test runner speaks to developers
SPOKEN: ContextVar[Lang | None] = ContextVar("samverkan_cli_lang", default=None)
OPTIONS_METAVAR = _("[OPTIONS]")
COMMAND_METAVAR = _("COMMAND [ARGS]...")
HELP_OPTION = "Show this message and exit."  # click's text, translated in its catalogue


def spoken() -> Lang:
    """The language of the command that runs now."""
    return SPOKEN.get() or lang_from_env()


def speak(lang: Lang) -> None:
    SPOKEN.set(lang)


def _click_gettext(message: str) -> str:
    lang = SPOKEN.get()
    return message if lang is None else CLICK.translations(lang).gettext(message)


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    lang = SPOKEN.get()
    if lang is None:
        return singular if n == 1 else plural
    return CLICK.translations(lang).ngettext(singular, plural, n)


def teach_click() -> None:
    """Route click's gettext calls through our catalogue (idempotent), in every module of
    click, so a module a later click adds is covered too."""
    for info in pkgutil.iter_modules(click.__path__):
        if info.name in SKIPPED or (info.name == "_winconsole" and sys.platform != "win32"):
            continue  # _winconsole refuses to be imported elsewhere
        module = importlib.import_module(f"click.{info.name}")
        if getattr(module, "_", None) in (gettext.gettext, _click_gettext):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) in (gettext.ngettext, _click_ngettext):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


def asked_lang(args: Sequence[str]) -> Lang | None:
    """The value of `--lang` on the command line, before click has parsed it."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            return value
    return None


def translate(text: str, lang: Lang) -> str:
    """A help text or metavar in `lang`: our catalogue, then click's, else as written."""
    key = inspect.cleandoc(text)  # the id of a docstring, as scripts/i18n_catalogue.py takes it
    for domain in (SAMVERKAN, CLICK):
        found = domain.translations(lang).gettext(key)
        if found != key:
            return found
    return text


@contextmanager
def help_in(command: click.Command, ctx: click.Context, lang: Lang) -> Iterator[None]:
    """The command's help texts and metavars translated while its help or usage is made."""
    saved: list[tuple[Any, str, Any]] = []

    def put(target: Any, attribute: str, value: Any) -> None:
        saved.append((target, attribute, getattr(target, attribute)))
        setattr(target, attribute, value)

    def texts(target: click.Command) -> None:
        for attribute in ("help", "short_help", "epilog"):
            if getattr(target, attribute, None):
                put(target, attribute, translate(getattr(target, attribute), lang))

    texts(command)
    if command.options_metavar == "[OPTIONS]":
        put(command, "options_metavar", OPTIONS_METAVAR.text(lang))
    if isinstance(command, click.Group):
        if command.subcommand_metavar == "COMMAND [ARGS]...":
            put(command, "subcommand_metavar", COMMAND_METAVAR.text(lang))
        for sub in command.commands.values():
            texts(sub)
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and param.help:
            put(param, "help", translate(param.help, lang))
        put(param, "metavar", translate(param.make_metavar(ctx), lang))
    try:
        yield
    finally:
        for target, attribute, value in reversed(saved):
            setattr(target, attribute, value)


class Speaking(click.Command):
    """Help and usage in the user's language; see the module's docstring."""

    def get_help(self, ctx: click.Context) -> str:
        with help_in(self, ctx, spoken()):
            return super().get_help(ctx)

    def get_usage(self, ctx: click.Context) -> str:
        with help_in(self, ctx, spoken()):
            return super().get_usage(ctx)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = translate(HELP_OPTION, spoken())  # made once, in the first language
        return option


teach_click()
