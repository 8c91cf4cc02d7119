"""The plugin contract: every hook a plugin may implement.

A plugin is a module or object with functions marked `@samverkan.hookimpl`, published in
the entry-point group ``samverkan``. The built-in plugins in ``plugins/`` use exactly this
contract. The core calls each hook plugin by plugin (`samverkan.plugins.Plugins`): a plugin
whose hook raises is reported by name and the others still work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from samverkan.contract import Exporter, Importer, Rule
    from samverkan.i18n import Lang

hookspec = pluggy.HookspecMarker("samverkan")
hookimpl = pluggy.HookimplMarker("samverkan")


@hookspec
def samverkan_importers() -> list[Importer]:  # type: ignore[empty-body]
    """Register importers: readers that turn a file into facts.

    Called once, when the core looks for a reader for the input files.

    Return a list of objects that satisfy `samverkan.contract.Importer`, each ``name`` unique.
    Of the importers whose ``claims(path)`` is true for a file, the one with the highest
    ``priority`` reads it; a tie is a warning, and ``--importer NAME`` chooses.

    An importer with settings declares ``defaults`` (as a rule does; a default may be a table)
    and ``configure(settings)``. The core checks ``[import.<name>]`` in samverkan.toml against
    ``defaults`` and calls ``configure`` before any file is read, on every run.
    """


@hookspec
def samverkan_rules() -> list[Rule]:  # type: ignore[empty-body]
    """Register rules: analysers that flag weak links in a map.

    Called once per analysis (``samverkan map``, ``samverkan gaps``).

    Return a list of objects that satisfy `samverkan.contract.Rule`. Rule ids must be unique;
    thresholds come from ``defaults``, overridden by ``[regler.<id>]`` in samverkan.toml, which
    the core checks against ``defaults`` before any rule runs.
    """


@hookspec
def samverkan_exporters() -> list[Exporter]:  # type: ignore[empty-body]
    """Register exporters: writers of the HTML map, reports and graph formats.

    Called once, when a command needs an output format.

    Return a list of objects that satisfy `samverkan.contract.Exporter`; ``format`` is the
    name users pass to ``--format`` and must be unique, as must a ``role`` (the map, the
    report) when an exporter declares one.
    """


@hookspec
def samverkan_register_commands(cli: click.Group) -> None:
    """Add commands to the ``samverkan`` command line.

    Called once at start-up, before the command line is parsed.

    ``cli`` is the top-level click group: add commands with ``@cli.command()``. Return nothing.
    """


@hookspec
def samverkan_init_project(project_dir: Path, lang: Lang) -> list[Path]:  # type: ignore[empty-body]
    """Write starter files into a new map project.

    Called by ``samverkan init DIR`` after the directory and samverkan.toml exist.

    ``project_dir`` is the new project's folder; ``lang`` the user's language ("sv" or "en").
    Return the paths written (they are listed to the user); never overwrite an existing file.
    """
