"""Unexpected exceptions: name the plugin that raised, never show a traceback.

Policy (docs/plugins-faults.md): a plugin that raises anything but `SamverkanError` during
import, analysis or export aborts the run cleanly. The user reads which plugin failed, at
which stage and on which file, and the command exits with code 2. An unexpected exception
that no plugin raised is an internal error: a short message, exit code 3. With
SAMVERKAN_DEBUG=1 the original exception is re-raised, traceback and all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING

from samverkan.errors import Location, SamverkanError
from samverkan.i18n import Message, _

if TYPE_CHECKING:  # plugins.py uses this module's helpers to describe load failures
    from samverkan.plugins import Plugins

DEBUG_ENV = "SAMVERKAN_DEBUG"
PLUGIN_FAULT_EXIT = 2
INTERNAL_ERROR_EXIT = 3


class PluginFault(SamverkanError):
    """A plugin raised something other than our own error type."""

    def __init__(
        self, plugin: str, stage: Message, error: BaseException, location: Location | None
    ):
        super().__init__(
            PLUGIN_FAILED.format(plugin=plugin, error=describe_exception(error)) + stage,
            location,
        )
        self.plugin = plugin


def debugging() -> bool:
    return bool(os.environ.get(DEBUG_ENV))


def describe_exception(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def plugin_behind(error: BaseException, plugins: Plugins) -> str | None:
    """The plugin whose code the core called into when `error` was raised, if any.

    Walks the traceback from the outermost frame: the first frame in a plugin's module is the
    plugin the core called (a plugin may itself call helpers of another plugin).
    """
    modules = _plugin_modules(plugins)
    traceback: TracebackType | None = error.__traceback__
    while traceback is not None:
        module = str(traceback.tb_frame.f_globals.get("__name__", ""))
        for prefix, name in modules:
            if module == prefix or module.startswith(prefix + "."):
                return name
        traceback = traceback.tb_next
    return None


def _plugin_modules(plugins: Plugins) -> list[tuple[str, str]]:
    found = []
    for name, plugin in plugins.manager.list_name_plugin():
        module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
        if module and module != "samverkan" and not module.startswith("samverkan."):
            found.append((module, name))
    return found


@contextmanager
def guarded(plugins: Plugins, stage: Message, location: Location | None = None) -> Iterator[None]:
    """Turn an exception raised by plugin code inside the block into a `PluginFault`."""
    try:
        yield
    except SamverkanError:
        raise
    except Exception as error:
        name = plugin_behind(error, plugins)
        if name is None or debugging():
            raise
        raise PluginFault(name, stage, error, location) from error


PLUGIN_FAILED = _("Plugin '{plugin}' failed unexpectedly ({error})")
ABORTED = _(
    ". The run was stopped. Update the plugin, or leave it out with SAMVERKAN_PLUGINS=-NAME."
)
WHILE_READING = _(" while reading the file") + ABORTED
WHILE_EXPORTING = _(" while writing the file") + ABORTED
WHILE_RUNNING = ABORTED


def while_checking(rule: str) -> Message:
    return _(" in the rule '{rule}'").format(rule=rule) + ABORTED


INTERNAL_ERROR = _(
    "Internal error in Samverkanskartan ({error}). This is a bug, not a problem in your files. Run again with SAMVERKAN_DEBUG=1 for details and report it."
)
