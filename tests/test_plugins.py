"""The plugin manager and `samverkan plugins`: built-ins load like outside plugins.

Loading is one plugin at a time; SAMVERKAN_PLUGINS chooses and excludes; `samverkan plugins`
shows what each plugin adds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from helpers import bilingual

from samverkan import hookimpl
from samverkan.contract import Importer, ImportResult
from samverkan.model import Actor, Provenance
from samverkan.plugins import PluginFilter, Plugins, load_entry_points, new_manager

SAMVERKAN = Path(sys.executable).with_name("samverkan")


def samverkan(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed command in a fresh process: the plugins load as a user's would."""
    return subprocess.run(
        [str(SAMVERKAN), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        check=False,
    )


class TsvImporter:
    """A test plugin: one actor per line of a .tsv file."""

    name = "tsv"
    description = bilingual("Testformat", "Test format")

    def claims(self, path: Path) -> bool:
        return path.suffix == ".tsv"

    def read(self, path: Path) -> ImportResult:
        lines = path.read_text(encoding="utf-8").splitlines()
        facts = [
            Actor(id=f"a{i}", name=line, provenance=(Provenance(path.name, None, i),))
            for i, line in enumerate(lines, start=1)
        ]
        return ImportResult(facts=list(facts), rows_read=len(lines))


class TsvPlugin:
    @hookimpl
    def samverkan_importers(self) -> list[Importer]:
        return [TsvImporter()]


def test_plugins_lists_what_each_built_in_adds(run_cli) -> None:
    result = run_cli("plugins")
    assert result.exit_code == 0, result.stderr
    sections = result.stdout.split("\n")
    workbook = sections.index("workbook (samverkanskartan 0.1.0)")
    assert sections[workbook + 1] == "    importörer: workbook"
    assert "    format: gexf, graphml" in sections
    assert any(line.startswith("    regler: bridge, cut-point,") for line in sections)
    assert "    krokar: samverkan_importers, samverkan_init_project" in sections
    english = run_cli("plugins", "--lang", "en")
    assert "    importers: workbook" in english.stdout and "    formats: html" in english.stdout


def test_plugins_json_is_for_scripts(run_cli) -> None:
    listing = json.loads(run_cli("plugins", "--json").stdout)
    by_name = {p["name"]: p for p in listing["plugins"]}
    assert by_name["workbook"]["hooks"] == ["samverkan_importers", "samverkan_init_project"]
    assert by_name["htmlmap"]["distribution"] == "samverkanskartan"
    assert by_name["kumu"]["importers"] == ["kumu", "kumu-json"]
    assert by_name["kumu"]["formats"] == ["kumu", "kumu-json"]
    assert "single-carrier" in by_name["rules"]["rules"]
    assert listing["filter"] == {"text": "", "only": None, "excluded": []}
    assert listing["failed"] == []


def test_a_plugin_registered_in_a_fixture_is_listed_and_used(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(TsvPlugin(), "tsv-test")
    listing = json.loads(run_cli("plugins", "--json").stdout)
    assert {
        "name": "tsv-test",
        "distribution": None,
        "version": None,
        "importers": ["tsv"],
        "rules": [],
        "formats": [],
        "commands": [],
        "hooks": ["samverkan_importers"],
    } in listing["plugins"]
    data = tmp_path / "aktorer.tsv"
    data.write_text("Lomma kommun\nKävlinge kommun\n", encoding="utf-8")
    result = run_cli("validate", data)
    assert result.exit_code == 0, result.output
    assert "2 aktörer" in result.stdout


@pytest.fixture
def fake_entry_points(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[EntryPoint]]:
    points: list[EntryPoint] = []
    monkeypatch.setattr("samverkan.plugins.entry_points", lambda group: list(points))
    yield points


def test_a_broken_plugin_is_named_and_the_ones_after_it_still_load(
    fake_entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    misspelt = types.ModuleType("misspelt_plugin")
    misspelt.samverkan_importer = hookimpl(lambda: [])  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "misspelt_plugin", misspelt)
    fake_entry_points.extend(
        [
            EntryPoint("broken", "no_such_module_for_samverkan", "samverkan"),
            EntryPoint("misspelt", "misspelt_plugin", "samverkan"),
            EntryPoint("workbook", "samverkanskartan.workbook", "samverkan"),
        ]
    )
    plugins = Plugins(new_manager())
    load_entry_points(plugins)
    assert [f.name for f in plugins.failures] == ["broken", "misspelt"]
    assert "ModuleNotFoundError" in plugins.failures[0].error
    assert "samverkan_importer" in plugins.failures[1].error
    assert "Tillägget 'broken' kunde inte laddas" in plugins.failures[0].message().sv
    assert "SAMVERKAN_PLUGINS=-broken" in plugins.failures[0].message().sv
    assert "Traceback" in plugins.failures[0].traceback
    assert [i.name for i in plugins.importers()] == ["workbook"]


def test_two_plugins_with_one_name_are_both_named(fake_entry_points: list[EntryPoint]) -> None:
    """An outside plugin called 'rules' used to be skipped in silence."""
    fake_entry_points.extend(
        [
            EntryPoint("rules", "samverkanskartan.rules", "samverkan"),
            EntryPoint("rules", "samverkanskartan.workbook", "samverkan"),
        ]
    )
    plugins = Plugins(new_manager())
    load_entry_points(plugins)
    assert [f.name for f in plugins.failures] == ["rules"]
    assert "Two plugins are called 'rules'" in plugins.failures[0].message().en
    assert plugins.importers() == [] and len(plugins.rules()) > 10


def test_the_filter_includes_excludes_and_warns_about_unknown_names(
    fake_entry_points: list[EntryPoint],
) -> None:
    fake_entry_points.extend(
        [
            EntryPoint("workbook", "samverkanskartan.workbook", "samverkan"),
            EntryPoint("htmlmap", "samverkanskartan.htmlmap", "samverkan"),
            EntryPoint("rules", "samverkanskartan.rules", "samverkan"),
        ]
    )

    def loaded(text: str) -> tuple[list[str], list[str]]:
        plugins = Plugins(new_manager(), filter=PluginFilter.parse(text))
        load_entry_points(plugins)
        return [i.name for i in plugins.describe()], [w.en for w in plugins.warnings]

    assert loaded("htmlmap, ") == (["htmlmap"], [])
    assert loaded("-htmlmap") == (["rules", "workbook"], [])
    assert loaded("workbook,rules,-rules") == (["workbook"], [])
    names, warnings = loaded("partner,-rulez")
    assert names == []
    assert warnings == [
        "SAMVERKAN_PLUGINS names plugins that do not exist: partner, rulez. "
        "Installed: htmlmap, rules, workbook. Did you mean 'rules'?"
    ]
    assert not PluginFilter.parse(" ").active


def test_excluding_a_plugin_leaves_it_out_of_the_real_command_line(tmp_path: Path) -> None:
    result = samverkan("plugins", SAMVERKAN_PLUGINS="-kumu")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Urval: SAMVERKAN_PLUGINS=-kumu\n")
    assert "\nkumu (" not in result.stdout and "\nworkbook (" in result.stdout
    unknown = samverkan("gaps", tmp_path, SAMVERKAN_PLUGINS="partner")
    assert "SAMVERKAN_PLUGINS nämner tillägg som inte finns: partner" in unknown.stderr


def test_an_unknown_format_lists_the_installed_ones(plugins: Plugins) -> None:
    from samverkan.errors import SamverkanError

    with pytest.raises(SamverkanError) as raised:
        plugins.exporter("htlm")
    message = raised.value.message.sv
    assert "Okänt format 'htlm'" in message and "html" in message
    assert "Menade du 'html'?" in message
