"""What a plugin author gets: one-file plugins, a starter package, samverkan.testing, py.typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, bilingual
from samverkanskartan.rules.structure import IsolatedActor

from samverkan import hookimpl
from samverkan.contract import Analysis
from samverkan.errors import SamverkanError
from samverkan.io import atomic_write
from samverkan.model import ActorKind, Level
from samverkan.plugins import get_plugins
from samverkan.testing import (
    actor,
    analysis_of,
    contact,
    forum,
    map_of,
    registered,
    run_cli,
    run_rule,
)

SAMVERKAN = Path(sys.executable).with_name("samverkan")

HELLO_PLUGIN = '''
import click

from samverkan import hookimpl


@hookimpl
def samverkan_register_commands(cli):
    @cli.command("hej")
    def hello() -> None:
        """Säg hej."""
        click.echo("Hej från en fil!")
'''


def samverkan(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SAMVERKAN), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        check=False,
    )


def test_a_one_file_plugin_in_plugins_dir_adds_its_command(tmp_path: Path) -> None:
    (tmp_path / "hej.py").write_text(HELLO_PLUGIN, encoding="utf-8")
    result = samverkan("--plugins-dir", tmp_path, "hej")
    assert (result.returncode, result.stdout) == (0, "Hej från en fil!\n"), result.stderr
    listed = samverkan("plugins", SAMVERKAN_PLUGINS_DIR=str(tmp_path))
    assert "hej\n    kommandon: hej\n" in listed.stdout


def test_a_plugin_that_fails_to_load_exits_2_and_debug_shows_its_traceback(
    tmp_path: Path, small_workbook: Path
) -> None:
    (tmp_path / "trasig.py").write_text("import no_such_module_here\n", encoding="utf-8")
    result = samverkan("--plugins-dir", tmp_path, "validate", small_workbook)
    assert result.returncode == 2
    assert "Inga fel hittades." in result.stdout  # the other plugins did their work
    assert "Tillägget 'trasig' kunde inte laddas och används inte: ModuleNotFoundError" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    debug = samverkan("--plugins-dir", tmp_path, "validate", small_workbook, SAMVERKAN_DEBUG="1")
    assert "Traceback" in debug.stderr and "trasig.py" in debug.stderr
    excluded = samverkan(
        "--plugins-dir", tmp_path, "validate", small_workbook, SAMVERKAN_PLUGINS="-trasig"
    )
    assert excluded.returncode == 0, excluded.stderr
    assert "SAMVERKAN_PLUGINS" not in excluded.stderr  # 'trasig' is a plugin, only left out


def test_plugin_new_writes_a_package_whose_own_tests_pass(tmp_path: Path) -> None:
    folder = tmp_path / "samverkan-dot"
    result = run_cli("plugin", "new", "dot", "-o", folder)
    assert result.exit_code == 0, result.stderr
    assert (folder / "src" / "samverkan_dot" / "py.typed").is_file()
    assert 'dot = "samverkan_dot"' in (folder / "pyproject.toml").read_text(encoding="utf-8")
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout
    again = run_cli("plugin", "new", "dot", "-o", folder)
    assert again.exit_code == 2 and "Mappen finns redan" in again.stderr
    bad = run_cli("plugin", "new", "Dot Plugin")
    assert bad.exit_code == 2 and "duger inte som tilläggsnamn" in bad.stderr


class Shout:
    format = "shout"
    suffix = ".txt"
    description = bilingual("Namnen i versaler", "The names in capitals")

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, " ".join(a.name.upper() for a in analysis.map.actors()))


class ShoutPlugin:
    @hookimpl
    def samverkan_exporters(self) -> list[Shout]:
        return [Shout()]


def test_registered_adds_a_plugin_for_the_block_only(tmp_path: Path) -> None:
    with registered(ShoutPlugin(), "shout") as plugins:
        assert plugins.exporter("shout").format == "shout"
        assert "shout" in run_cli("export", "--help").stdout
    assert not get_plugins().manager.has_plugin("shout")
    assert "shout" not in run_cli("export", "--help").stdout


def test_a_map_built_in_code_resolves_names_like_the_importers_facts() -> None:
    built = map_of(
        actor("Lomma kommun", kind=ActorKind.MUNICIPALITY),
        actor("Arbetsförmedlingen", kind=ActorKind.AGENCY, aliases=("AF",)),
        contact("Lomma kommun", "AF", level=Level.STRATEGIC),
        forum("SULK", ["Lomma kommun", "AF"]),
    )
    (only,) = built.contacts()
    assert (only.actor_a, only.actor_b) == ("lomma-kommun", "arbetsformedlingen")
    assert built.forum("sulk").members == ("lomma-kommun", "arbetsformedlingen")
    assert analysis_of(built).map is built
    with pytest.raises(AssertionError, match="Nobody"):
        map_of(actor("Lomma kommun"), contact("Lomma kommun", "Nobody"))


def test_run_rule_checks_settings_as_the_core_does() -> None:
    alone = map_of(actor("Lomma kommun"), actor("Kävlinge kommun"))
    assert {f.rule for f in run_rule(IsolatedActor(), alone)} == {"isolated-actor"}
    with pytest.raises(SamverkanError) as raised:
        run_rule(IsolatedActor(), alone, no_such=1)
    assert "okänd inställning 'no_such' för regeln isolated-actor" in raised.value.describe("sv")


def test_the_package_is_typed_for_plugin_authors() -> None:
    assert (ROOT / "samverkan" / "py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"py.typed"' in pyproject.split("[tool.setuptools.package-data]", 1)[1]
