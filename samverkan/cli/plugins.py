"""`samverkan plugins`: what is installed and what each plugin adds; `plugin new` starts one."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from samverkan.cli.base import choose_lang, cli, lang_option
from samverkan.i18n import Lang, Msg
from samverkan.plugins import ENV_PLUGINS, PluginInfo, Plugins, get_plugins
from samverkan.starter import write_starter

INDENT = "    "
ADDS: list[tuple[str, Msg]] = [
    ("importers", Msg("importörer", "importers")),
    ("rules", Msg("regler", "rules")),
    ("formats", Msg("format", "formats")),
    ("commands", Msg("kommandon", "commands")),
    ("hooks", Msg("krokar", "hooks")),
]


@cli.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@lang_option
@click.pass_context
def plugins_command(ctx: click.Context, as_json: bool, lang: str | None) -> None:
    """Visa installerade tillägg och vad vart och ett lägger till: importörer, regler, format
    och kommandon."""
    language = choose_lang(ctx, lang)
    plugins = get_plugins()
    infos = plugins.describe()
    if as_json:
        click.echo(json.dumps(_as_json(plugins, infos, language), ensure_ascii=False, indent=2))
        return
    if plugins.filter.active:
        click.echo(
            Msg("Urval: {env}={value}", "Filter: {env}={value}")
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
    """Verktyg för den som skriver tillägg."""


@plugin_group.command("new")
@click.argument("name")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Mappen att skapa (standard: samverkan-NAMN).",
)
@lang_option
@click.pass_context
def new_plugin(ctx: click.Context, name: str, output: Path | None, lang: str | None) -> None:
    """Skapa ett nytt tilläggspaket: en exportör, en regel, tester och pyproject.toml.

    NAME är tilläggets namn, t.ex. 'dot'; paketet heter då samverkan-dot.
    """
    language = choose_lang(ctx, lang)
    written = write_starter(name, output)
    click.echo(Msg("Skapade:", "Created:").text(language))
    for path in written:
        click.echo(f"  {path}")
    folder = written[0].parent
    click.echo(
        Msg(
            "Kör testerna: cd {dir} && pytest   (eller installera: pip install -e {dir})",
            "Run the tests: cd {dir} && pytest   (or install: pip install -e {dir})",
        )
        .format(dir=folder)
        .text(language)
    )
