"""`samverkan plugins`: what is installed and what each plugin adds; `plugin new` starts one."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from samverkan.cli.base import choose_lang, cli, lang_option
from samverkan.i18n import Lang, Message, _
from samverkan.plugins import ENV_PLUGINS, PluginInfo, Plugins, get_plugins
from samverkan.starter import write_starter

INDENT = "    "
ADDS: list[tuple[str, Message]] = [
    ("importers", _("importers")),
    ("rules", _("rules")),
    ("formats", _("formats")),
    ("commands", _("commands")),
    ("hooks", _("hooks")),
]


@cli.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@lang_option
@click.pass_context
def plugins_command(ctx: click.Context, as_json: bool, lang: str | None) -> None:
    """Show the installed plugins and what each adds: importers, rules, formats
    and commands.
    """
    language = choose_lang(ctx, lang)
    plugins = get_plugins()
    infos = plugins.describe()
    if as_json:
        click.echo(json.dumps(_as_json(plugins, infos, language), ensure_ascii=False, indent=2))
        return
    if plugins.filter.active:
        click.echo(
            _("Filter: {env}={value}")
            .format(env=ENV_PLUGINS, value=plugins.filter.text)
            .text(language)
        )
    for info in infos:
        origin = f" ({info.distribution} {info.version})" if info.distribution else ""
        click.echo(f"{info.name}{origin}")
        for attribute, word in ADDS:
            values = getattr(info, attribute)
            if values:
                line = f"{word.text(language)}: {', '.join(values)}"
                click.echo(
                    textwrap.fill(
                        line,
                        100,
                        initial_indent=INDENT,
                        subsequent_indent=INDENT * 2,
                        break_on_hyphens=False,
                    )
                )


def _as_json(plugins: Plugins, infos: list[PluginInfo], lang: Lang) -> dict[str, object]:
    rows = [
        {
            "name": i.name,
            "distribution": i.distribution,
            "version": i.version,
            **{attribute: list(getattr(i, attribute)) for attribute, _ in ADDS},
        }
        for i in infos
    ]
    chosen = plugins.filter
    return {
        "filter": {
            "text": chosen.text,
            "only": sorted(chosen.only) if chosen.only is not None else None,
            "excluded": sorted(chosen.excluded),
        },
        "plugins": rows,
        "failed": [
            {"name": f.name, "error": f.error, "message": f.message().text(lang)}
            for f in plugins.failures
        ],
    }


@cli.group("plugin")
def plugin_group() -> None:
    """Tools for plugin authors."""


@plugin_group.command("new")
@click.argument("name")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="The folder to create (default: samverkan-NAME).",
)
@lang_option
@click.pass_context
def new_plugin(ctx: click.Context, name: str, output: Path | None, lang: str | None) -> None:
    """Create a new plugin package: an exporter, a rule, tests and pyproject.toml.

    NAME is the plugin's name, e.g. 'dot'; the package is then called samverkan-dot.
    """
    language = choose_lang(ctx, lang)
    written = write_starter(name, output)
    click.echo(_("Created:").text(language))
    for path in written:
        click.echo(f"  {path}")
    folder = written[0].parent
    click.echo(
        _("Run the tests: cd {dir} && pytest   (or install: pip install -e {dir})")
        .format(dir=folder)
        .text(language)
    )
