"""The plugin manager: loads plugins one at a time and holds them to the contract.

Loading: every entry point of the group ``samverkan`` (and every ``*.py`` of
``--plugins-dir``) on its own. A plugin that fails to import, misspells a hook or takes a
plugin name already taken is recorded as failed, by name; the others still load (pluggy's
own ``load_setuptools_entrypoints`` stops at the first failure).

Collection: each hook is called plugin by plugin, built-in plugins first, then by name. A
plugin whose hook raises, or returns something that is not an importer, rule or exporter, is
recorded as failed and adds nothing; one that reuses a format, rule id, importer name or
exporter role another plugin already has loses that item, and the failure names both. The
rest keep working. The command line reports every failure and exits with code 2.

``SAMVERKAN_PLUGINS=workbook,htmlmap`` loads only the named plugins, ``-kumu`` all but kumu.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import click
import pluggy

from samverkan import hookspecs
from samverkan.contract import (
    Exporter,
    Importer,
    Rule,
    priority_of,
    role_of,
)
from samverkan.errors import Location, Problem, ProblemLevel, SamverkanError, did_you_mean
from samverkan.faults import describe_exception
from samverkan.i18n import Message, _, join, verbatim

GROUP = "samverkan"
ENV_PLUGINS = "SAMVERKAN_PLUGINS"
BUILT_IN = "samverkanskartan"  # the distribution whose plugins are collected first
T = TypeVar("T")


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that could not be loaded, or whose contribution the core refused."""

    name: str
    problem: Message  # a sentence that names the plugin
    error: str = ""  # the exception, "ModuleNotFoundError: …", when there was one
    traceback: str = ""  # shown with SAMVERKAN_DEBUG=1

    def message(self) -> Message:
        return self.problem + LEAVE_OUT.format(name=self.name)


LEAVE_OUT = _(" Update or uninstall the plugin, or leave it out with {variable}=-{name}.").format(
    variable=ENV_PLUGINS
)
NOT_LOADED = _("Plugin '{name}' could not be loaded and is not used: {error}.")
HOOK_FAILED = _(
    "Plugin '{name}' failed unexpectedly ({error}) while the plugins were loaded ({hook}) and is not used."
)
NAME_TAKEN = _("Two plugins are called '{name}': {first} and {second}; the latter is not loaded.")
TAKEN = _(
    "{what} '{key}' is in two plugins, '{first}' and '{name}'; the one in '{name}' is not used."
)
UNKNOWN_NAMES = _("{env} names plugins that do not exist: {names}. Installed: {known}.")


@dataclass(frozen=True)
class PluginFilter:
    """SAMVERKAN_PLUGINS: names to load (none given: all) and names to leave out."""

    only: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    text: str = ""

    @classmethod
    def parse(cls, text: str) -> PluginFilter:
        names = [n.strip() for n in text.split(",") if n.strip()]
        only = frozenset(n for n in names if not n.startswith("-"))
        excluded = frozenset(n[1:].strip() for n in names if n.startswith("-"))
        return cls(only or None, excluded, text.strip())

    @classmethod
    def from_env(cls) -> PluginFilter:
        return cls.parse(os.environ.get(ENV_PLUGINS, ""))

    @property
    def active(self) -> bool:
        return self.only is not None or bool(self.excluded)

    def allows(self, name: str) -> bool:
        return (self.only is None or name in self.only) and name not in self.excluded

    def unknown(self, available: Iterable[str]) -> list[str]:
        return sorted(((self.only or frozenset()) | self.excluded) - set(available))


@dataclass
class PluginInfo:
    """What `samverkan plugins` shows for one plugin."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    importers: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)


@dataclass
class _Collected:
    """One hook's contributions, for one set of registered plugins."""

    key: tuple[tuple[str, int], ...]
    items: list[Any]
    owners: dict[int, str]  # id(item) -> plugin name
    failures: list[PluginFailure]
    done: bool = False


@dataclass
class Plugins:
    """The loaded plugins and what they register, checked against the contract."""

    manager: pluggy.PluginManager
    load_failures: list[PluginFailure] = field(default_factory=list)
    distributions: dict[str, tuple[str, str]] = field(default_factory=dict)
    filter: PluginFilter = field(default_factory=PluginFilter)
    available: set[str] = field(default_factory=set)  # every plugin name found, loaded or not
    commands: dict[str, list[str]] = field(default_factory=dict)  # plugin -> commands it added
    _collected: dict[str, _Collected] = field(default_factory=dict)

    @property
    def failures(self) -> list[PluginFailure]:
        """Load failures, and refusals found while collecting for the plugins now registered."""
        key = self._key()
        found = list(self.load_failures)
        for collected in self._collected.values():
            if collected.key == key:
                found.extend(f for f in collected.failures if f not in found)
        return found

    @property
    def warnings(self) -> list[Message]:
        """SAMVERKAN_PLUGINS names that no plugin has (a typo leaves a plugin in or out)."""
        unknown = self.filter.unknown(self.available)
        if not unknown:
            return []
        names = sorted(self.available)
        message = UNKNOWN_NAMES.format(
            env=ENV_PLUGINS, names=", ".join(unknown), known=", ".join(names) or "-"
        )
        hints = (h for name in unknown if (h := did_you_mean(name, names)).sv)
        return [message + next(hints, verbatim(""))]

    def register(self, plugin: object, name: str) -> None:
        """Register a plugin object, checked as an installed one is (hook names)."""
        self.manager.register(plugin, name=name)
        try:
            _check_hook_names(self.manager, plugin)
        except pluggy.PluginValidationError:
            self.manager.unregister(name=name)
            raise

    def unregister(self, name: str) -> None:
        self.manager.unregister(name=name)
        self.commands.pop(name, None)

    def importers(self) -> list[Importer]:
        return self._collect("samverkan_importers", Importer, [(IMPORTER_WORDS, _name)])

    def rules(self) -> list[Rule]:
        return self._collect("samverkan_rules", Rule, [(RULE_WORDS, _id)])

    def exporters(self) -> list[Exporter]:
        keys = [(FORMAT_WORDS, _format), (ROLE_WORDS, role_of)]
        return self._collect("samverkan_exporters", Exporter, keys)

    def exporter(self, fmt: str) -> Exporter:
        exporters = {e.format: e for e in self.exporters()}
        if fmt not in exporters:
            known = join(sorted(exporters), "sv")
            raise SamverkanError(
                _("Unknown format '{fmt}'. Installed formats: {known}.").format(
                    fmt=fmt, known=known or "-"
                )
                + did_you_mean(fmt, exporters)
            )
        return exporters[fmt]

    def exporter_with_role(self, role: str) -> Exporter | None:
        """The exporter that declares `role` (contract.MAP_ROLE, REPORT_ROLE), if one does."""
        return next((e for e in self.exporters() if role_of(e) == role), None)

    def importer_for(
        self, path: Path, preferred: str | None = None
    ) -> tuple[Importer, Message | None]:
        """The importer that reads `path`, and a warning when several claim it equally.

        Of the importers that claim the file, `preferred` (``--importer``) if it is one of
        them, else the one with the highest priority; on a tie the first in plugin order.
        """
        importers = self.importers()
        if preferred is not None and preferred not in {i.name for i in importers}:
            names = [i.name for i in importers]
            raise SamverkanError(
                UNKNOWN_IMPORTER.format(name=preferred, known=", ".join(sorted(names)) or "-")
                + did_you_mean(preferred, names)
            )
        claimants = [i for i in importers if i.claims(path)]
        if not claimants:
            installed = ", ".join(i.name for i in importers) or "-"
            raise SamverkanError(NO_IMPORTER.format(names=installed), Location(str(path)))
        chosen = next((i for i in claimants if i.name == preferred), None)
        if chosen is not None:
            return chosen, None
        ranked = sorted(claimants, key=lambda i: -priority_of(i))
        ties = [i.name for i in ranked if priority_of(i) == priority_of(ranked[0])]
        if len(ties) == 1:
            return ranked[0], None
        return ranked[0], AMBIGUOUS.format(names=", ".join(ties), chosen=ties[0])

    def register_commands(self, cli: click.Group) -> None:
        """Each plugin adds its commands on its own; one that raises is recorded as failed."""

        def add(name: str, function: Callable[[], Any]) -> list[None]:
            before = dict(cli.commands)
            function()
            added = [n for n, command in cli.commands.items() if before.get(n) is not command]
            self.commands[name] = sorted(added)
            return []

        self._each("samverkan_register_commands", add, cli=cli)

    def init_project(self, project_dir: Path, lang: str) -> list[Path]:
        """The starter files every plugin writes into a new project (`samverkan init`)."""

        def write(_name: str, function: Callable[[], Any]) -> list[Path]:
            return list(function())

        return self._each("samverkan_init_project", write, project_dir=project_dir, lang=lang)

    def describe(self) -> list[PluginInfo]:
        infos = {}
        for name, plugin in self._ordered():
            hooks = tuple(sorted(h.name for h in self.manager.get_hookcallers(plugin) or []))
            dist, version = self.distributions.get(name, (None, None))
            infos[name] = PluginInfo(name, dist, version, hooks)
            infos[name].commands = list(self.commands.get(name, []))
        contributions: list[tuple[list[Any], Callable[[Any], str], str]] = [
            (self.importers(), lambda i: i.name, "importers"),
            (self.rules(), lambda r: r.id, "rules"),
            (self.exporters(), lambda e: e.format, "formats"),
        ]
        for items, key, attribute in contributions:
            for item in items:
                owner = self.owner(item)
                if owner in infos:
                    getattr(infos[owner], attribute).append(key(item))
        for info in infos.values():
            info.importers.sort()
            info.rules.sort()
            info.formats.sort()
        return list(infos.values())

    def owner(self, item: object) -> str | None:
        """The plugin that registered an importer, rule or exporter."""
        for collected in self._collected.values():
            if collected.key == self._key() and id(item) in collected.owners:
                return collected.owners[id(item)]
        return None

    def _key(self) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((name, id(plugin)) for name, plugin in self.manager.list_name_plugin()))

    def _ordered(self) -> list[tuple[str, Any]]:
        """Built-in plugins first, then the others, each by name: a stable collection order."""

        def rank(item: tuple[str, Any]) -> tuple[bool, str]:
            return self.distributions.get(item[0], ("", ""))[0] != BUILT_IN, item[0]

        return sorted(self.manager.list_name_plugin(), key=rank)

    def _each(
        self, hook: str, call: Callable[[str, Callable[[], Any]], list[T]], **arguments: Any
    ) -> list[T]:
        """Call `hook` plugin by plugin; a plugin that raises is recorded and skipped.

        `call` gets the plugin's name and its implementation with the arguments bound (only
        those it takes: pluggy lets an implementation take a subset).
        """
        collected = self._collected[hook] = _Collected(self._key(), [], {}, [])
        order = {name: index for index, (name, _) in enumerate(self._ordered())}
        implementations = sorted(
            getattr(self.manager.hook, hook).get_hookimpls(), key=lambda i: order[i.plugin_name]
        )
        results: list[T] = []
        for implementation in implementations:
            name = implementation.plugin_name
            taken = {key: arguments[key] for key in implementation.argnames}
            try:
                results.extend(call(name, partial(implementation.function, **taken)))
            except Exception as error:  # one plugin's fault must not stop the others
                described = describe_exception(error)
                collected.failures.append(
                    PluginFailure(
                        name,
                        HOOK_FAILED.format(name=name, error=described, hook=hook),
                        described,
                        "".join(traceback.format_exception(error)),
                    )
                )
        return results

    def _collect(self, hook: str, kind: type, keys: Sequence[tuple[Message, Key]]) -> list[Any]:
        """What every plugin returns from `hook`, each item of the right kind, keys unique."""
        collected = self._collected.get(hook)
        if collected is not None and collected.key == self._key() and collected.done:
            return list(collected.items)

        def checked(name: str, function: Callable[[], Any]) -> list[tuple[str, Any]]:
            items = list(function())
            for item in items:
                _check_item(item, kind)
            return [(name, item) for item in items]

        pairs = self._each(hook, checked)
        collected = self._collected[hook]
        taken: dict[tuple[Message, str], str] = {}  # (what, value) -> the plugin that has it
        for name, item in pairs:
            values = [(words, value) for words, key in keys if (value := key(item))]
            clash = next((pair for pair in values if pair in taken), None)
            if clash is not None:
                words, value = clash
                problem = TAKEN.format(what=words, key=value, first=taken[clash], name=name)
                collected.failures.append(PluginFailure(name, problem))
                continue
            taken.update(dict.fromkeys(values, name))
            collected.items.append(item)
            collected.owners[id(item)] = name
        collected.done = True
        return list(collected.items)


Key = Callable[[Any], str | None]


def _name(importer: Importer) -> str:
    return importer.name


def _id(rule: Rule) -> str:
    return rule.id


def _format(exporter: Exporter) -> str:
    return exporter.format


# Attributes the core shows or looks up, so their type is checked when they are collected.
ATTRIBUTE_TYPES: dict[str, type] = {
    "name": str,
    "id": str,
    "format": str,
    "suffix": str,
    "description": Message,
    "title": Message,
}


def _check_item(item: object, kind: type) -> None:
    """A TypeError that says what is missing or of the wrong type."""
    missing = [m for m in _members(kind) if not hasattr(item, m)]
    if missing:
        raise TypeError(f"{item!r} lacks {', '.join(missing)}")
    for attribute in _members(kind):
        wanted = ATTRIBUTE_TYPES.get(attribute)
        value = getattr(item, attribute)
        if wanted is not None and not isinstance(value, wanted):
            found = type(value).__name__
            raise TypeError(f"{item!r}.{attribute} is {found}, not {wanted.__name__}")


def _members(kind: type) -> list[str]:
    """What a Protocol requires: its properties, methods and annotated attributes."""
    names = set(getattr(kind, "__annotations__", {}))
    names |= {n for n, v in vars(kind).items() if callable(v) or isinstance(v, property)}
    return sorted(n for n in names if not n.startswith("_"))


IMPORTER_WORDS = _("The importer")
RULE_WORDS = _("The rule")
FORMAT_WORDS = _("The format")
ROLE_WORDS = _("The exporter role")
NO_IMPORTER = _("No installed importer can read this file (installed: {names})")
UNKNOWN_IMPORTER = _("No importer is called '{name}' (installed: {known}).")
AMBIGUOUS = _(
    "several importers can read the file ({names}); {chosen} reads it. Choose another with --importer NAME."
)


def ambiguity_warning(path: Path, message: Message) -> Problem:
    return Problem(Location(str(path)), message, ProblemLevel.WARNING)


def new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    return manager


def load_entry_points(plugins: Plugins) -> None:
    """Register every entry point of the group that the filter allows, one at a time."""
    chosen = plugins.filter
    points = list(entry_points(group=GROUP))
    first: dict[str, EntryPoint] = {}
    for entry_point in points:
        if not chosen.allows(entry_point.name):
            continue
        if entry_point.name in first:
            plugins.load_failures.append(_name_taken(first[entry_point.name], entry_point))
            continue
        first[entry_point.name] = entry_point
        _register(plugins, entry_point.name, entry_point.load, _origin(entry_point))
    plugins.available.update(p.name for p in points)


def load_directory(plugins: Plugins, folder: Path) -> None:
    """Every ``*.py`` in `folder` as a plugin named after its file (``--plugins-dir``)."""
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        plugins.available.add(path.stem)
        if plugins.filter.allows(path.stem):
            _register(plugins, path.stem, partial(_import_file, path), None)


def _import_file(path: Path) -> ModuleType:
    module_name = f"samverkan_plugins_dir_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def _origin(entry_point: EntryPoint) -> tuple[str, str] | None:
    return (entry_point.dist.name, entry_point.dist.version) if entry_point.dist else None


def _name_taken(first: EntryPoint, second: EntryPoint) -> PluginFailure:
    def described(entry_point: EntryPoint) -> str:
        origin = _origin(entry_point)
        return f"{origin[0]} {origin[1]} ({entry_point.value})" if origin else entry_point.value

    problem = NAME_TAKEN.format(name=first.name, first=described(first), second=described(second))
    return PluginFailure(first.name, problem)


def _register(
    plugins: Plugins, name: str, load: Callable[[], object], origin: tuple[str, str] | None
) -> None:
    try:
        plugins.register(load(), name)
    except Exception as error:  # any fault in third-party code must not stop the others
        if plugins.manager.has_plugin(name):
            plugins.manager.unregister(name=name)
        described = describe_exception(error)
        plugins.load_failures.append(
            PluginFailure(
                name,
                NOT_LOADED.format(name=name, error=described),
                described,
                "".join(traceback.format_exception(error)),
            )
        )
        return
    if origin is not None:
        plugins.distributions[name] = origin


def _check_hook_names(manager: pluggy.PluginManager, plugin: object) -> None:
    """A misspelt hook name would otherwise be ignored silently."""
    for caller in manager.get_hookcallers(plugin) or []:
        if not caller.has_spec():
            raise pluggy.PluginValidationError(plugin, f"unknown hook '{caller.name}'")


@cache
def get_plugins() -> Plugins:
    """The process-wide plugins. Tests add plugins with `samverkan.testing.registered`."""
    plugins = Plugins(new_manager(), filter=PluginFilter.from_env())
    load_entry_points(plugins)
    return plugins
