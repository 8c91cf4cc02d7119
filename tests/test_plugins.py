"""The plugin manager and `samverkan plugins`: built-ins load like outside plugins."""

from __future__ import annotations

import json
import types
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from samverkan import hookimpl
from samverkan.contract import Importer, ImportResult
from samverkan.i18n import Msg
from samverkan.model import Actor, Provenance
from samverkan.plugins import Plugins, load_entry_points, new_manager, requested_plugins


class TsvImporter:
    """A test plugin: one actor per line of a .tsv file."""

    name = "tsv"
    description = Msg("Testformat", "Test format")

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


def test_plugins_lists_built_ins_and_their_hooks(run_cli) -> None:
    result = run_cli("plugins")
    assert result.exit_code == 0
    assert "workbook (samverkanskartan" in result.stdout
    assert "    samverkan_importers" in result.stdout
    assert "htmlmap (samverkanskartan" in result.stdout
    assert "    samverkan_exporters" in result.stdout


def test_plugins_json_is_for_scripts(run_cli) -> None:
    listing = json.loads(run_cli("plugins", "--json").stdout)
    by_name = {p["name"]: p for p in listing["plugins"]}
    assert by_name["workbook"]["hooks"] == ["samverkan_importers", "samverkan_init_project"]
    assert by_name["htmlmap"]["distribution"] == "samverkanskartan"
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
    monkeypatch.setitem(__import__("sys").modules, "misspelt_plugin", misspelt)
    fake_entry_points.extend(
        [
            EntryPoint("broken", "no_such_module_for_samverkan", "samverkan"),
            EntryPoint("misspelt", "misspelt_plugin", "samverkan"),
            EntryPoint("workbook", "samverkan_workbook", "samverkan"),
        ]
    )
    plugins = Plugins(new_manager())
    load_entry_points(plugins, None)
    assert [f.name for f in plugins.failures] == ["broken", "misspelt"]
    assert "ModuleNotFoundError" in plugins.failures[0].error
    assert "samverkan_importer" in plugins.failures[1].error
    assert "Tillägget 'broken' kunde inte laddas" in plugins.failures[0].message().sv
    assert [i.name for i in plugins.importers()] == ["workbook"]


def test_an_environment_variable_chooses_which_plugins_load(
    fake_entry_points: list[EntryPoint], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_entry_points.extend(
        [
            EntryPoint("workbook", "samverkan_workbook", "samverkan"),
            EntryPoint("htmlmap", "samverkan_htmlmap", "samverkan"),
        ]
    )
    monkeypatch.setenv("SAMVERKAN_PLUGINS", "htmlmap, ")
    assert requested_plugins() == {"htmlmap"}
    plugins = Plugins(new_manager())
    load_entry_points(plugins, requested_plugins())
    assert [info.name for info in plugins.describe()] == ["htmlmap"]
    monkeypatch.delenv("SAMVERKAN_PLUGINS")
    assert requested_plugins() is None


def test_an_unknown_format_lists_the_installed_ones(plugins: Plugins) -> None:
    from samverkan.errors import SamverkanError

    with pytest.raises(SamverkanError) as raised:
        plugins.exporter("pdf")
    assert "Okänt format 'pdf'" in raised.value.message.sv and "html" in raised.value.message.sv
