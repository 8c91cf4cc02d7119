"""The plugin manager: loads the entry-point group ``samverkan`` one plugin at a time.

pluggy's own ``load_setuptools_entrypoints`` stops at the first plugin that fails and
registers none after it; here each failure is recorded with the plugin's name and the rest
still load. ``SAMVERKAN_PLUGINS=workbook,htmlmap`` loads only the named entry points.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import pluggy

from samverkan import hookspecs
from samverkan.contract import Exporter, Importer, Rule
from samverkan.errors import SamverkanError
from samverkan.i18n import Msg, join

GROUP = "samverkan"
ENV_PLUGINS = "SAMVERKAN_PLUGINS"


@dataclass(frozen=True)
class LoadFailure:
    name: str
    error: str

    def message(self) -> Msg:
        return Msg(
            "Tillägget '{name}' kunde inte laddas och används inte: {error}. "
            "Avinstallera det eller välj tillägg med " + ENV_PLUGINS + "=…",
            "Plugin '{name}' could not be loaded and is not used: {error}. "
            "Uninstall it or choose plugins with " + ENV_PLUGINS + "=…",
        ).format(name=self.name, error=self.error)


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]


@dataclass
class Plugins:
    """The loaded plugins and typed access to what they register."""

    manager: pluggy.PluginManager
    failures: list[LoadFailure] = field(default_factory=list)
    distributions: dict[str, tuple[str, str]] = field(default_factory=dict)

    def importers(self) -> list[Importer]:
        return _flatten(self.manager.hook.samverkan_importers())

    def rules(self) -> list[Rule]:
        return _flatten(self.manager.hook.samverkan_rules())

    def exporters(self) -> list[Exporter]:
        return _flatten(self.manager.hook.samverkan_exporters())

    def exporter(self, fmt: str) -> Exporter:
        exporters = {e.format: e for e in self.exporters()}
        if fmt not in exporters:
            known = join(sorted(exporters), "sv")
            raise SamverkanError(
                Msg(
                    "Okänt format '{fmt}'. Installerade format: {known}.",
                    "Unknown format '{fmt}'. Installed formats: {known}.",
                ).format(fmt=fmt, known=known or "-")
            )
        return exporters[fmt]

    def describe(self) -> list[PluginInfo]:
        infos = []
        for name, plugin in sorted(self.manager.list_name_plugin(), key=lambda item: item[0]):
            hooks = tuple(sorted(h.name for h in self.manager.get_hookcallers(plugin) or []))
            dist, version = self.distributions.get(name, (None, None))
            infos.append(PluginInfo(name, dist, version, hooks))
        return infos


def _flatten(results: list[list[Any]]) -> list[Any]:
    return [item for result in results for item in result]


def new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    return manager


def load_entry_points(plugins: Plugins, only: set[str] | None) -> None:
    """Register every entry point of the group (or those named in `only`), one at a time."""
    for entry_point in entry_points(group=GROUP):
        if only is not None and entry_point.name not in only:
            continue
        if plugins.manager.has_plugin(entry_point.name):
            continue
        _register_entry_point(plugins, entry_point)


def _register_entry_point(plugins: Plugins, entry_point: EntryPoint) -> None:
    try:
        plugin = entry_point.load()
        plugins.manager.register(plugin, name=entry_point.name)
        _check_hook_names(plugins.manager, plugin)
    except Exception as error:  # any fault in third-party code must not stop the others
        if plugins.manager.has_plugin(entry_point.name):
            plugins.manager.unregister(name=entry_point.name)
        plugins.failures.append(LoadFailure(entry_point.name, f"{type(error).__name__}: {error}"))
        return
    if entry_point.dist is not None:
        plugins.distributions[entry_point.name] = (entry_point.dist.name, entry_point.dist.version)


def _check_hook_names(manager: pluggy.PluginManager, plugin: object) -> None:
    """A misspelt hook name would otherwise be ignored silently."""
    for caller in manager.get_hookcallers(plugin) or []:
        if not caller.has_spec():
            raise pluggy.PluginValidationError(plugin, f"unknown hook '{caller.name}'")


def requested_plugins() -> set[str] | None:
    value = os.environ.get(ENV_PLUGINS, "").strip()
    return {name.strip() for name in value.split(",") if name.strip()} if value else None


@cache
def get_plugins() -> Plugins:
    """The process-wide plugins; tests register extra plugins on `.manager` in fixtures."""
    plugins = Plugins(new_manager())
    load_entry_points(plugins, requested_plugins())
    return plugins
