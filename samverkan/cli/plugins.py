"""`samverkan plugins`: what is installed, and which hooks each plugin implements."""

from __future__ import annotations

import json

import click

from samverkan.cli.base import choose_lang, cli, lang_option, warn_failed_plugins
from samverkan.plugins import get_plugins


@cli.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@lang_option
@click.pass_context
def plugins_command(ctx: click.Context, as_json: bool, lang: str | None) -> None:
    """Visa installerade tillägg och vilka krokar (hooks) vart och ett implementerar."""
    language = choose_lang(ctx, lang)
    plugins = get_plugins()
    infos = plugins.describe()
    if as_json:
        rows = [
            {
                "name": i.name,
                "distribution": i.distribution,
                "version": i.version,
                "hooks": list(i.hooks),
            }
            for i in infos
        ]
        failed = [{"name": f.name, "error": f.error} for f in plugins.failures]
        click.echo(json.dumps({"plugins": rows, "failed": failed}, ensure_ascii=False, indent=2))
        return
    for info in infos:
        origin = f" ({info.distribution} {info.version})" if info.distribution else ""
        click.echo(f"{info.name}{origin}")
        for hook in info.hooks:
            click.echo(f"    {hook}")
    warn_failed_plugins(plugins, language)
