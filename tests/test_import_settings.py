"""Importer settings, [import.<name>] in samverkan.toml: checked by the core for any importer,
as rule settings are, and handed to the importer before any file is read."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from helpers import bilingual

from samverkan import hookimpl
from samverkan.contract import Importer, ImportResult, ImportSetting, SettingError
from samverkan.pipeline import find_project, read_map
from samverkan.testing import registered, run_cli


class NotesImporter:
    name = "notes"
    description = bilingual("Anteckningar (*.notes)", "Notes (*.notes)")
    defaults: Mapping[str, ImportSetting] = {"separator": ";", "words": {"a": 1}}

    def __init__(self) -> None:
        self.settings: Mapping[str, ImportSetting] | None = None

    def configure(self, settings: Mapping[str, ImportSetting]) -> None:
        words = settings["words"]
        if isinstance(words, Mapping) and any(v == 0 for v in words.values()):
            raise SettingError("words", bilingual("noll går inte", "zero is not allowed"))
        self.settings = settings

    def claims(self, path: Path) -> bool:
        return path.suffix == ".notes"

    def read(self, path: Path) -> ImportResult:
        return ImportResult()


class NotesPlugin:
    def __init__(self) -> None:
        self.importer = NotesImporter()

    @hookimpl
    def samverkan_importers(self) -> list[Importer]:
        return [self.importer]


def project(folder: Path, toml: str) -> Path:
    folder.mkdir()
    (folder / "samverkan.toml").write_text('[projekt]\nindata = ["*.notes"]\n' + toml, "utf-8")
    (folder / "a.notes").write_text("", encoding="utf-8")
    return folder


def test_the_projects_values_are_merged_over_the_defaults_and_handed_over(tmp_path: Path) -> None:
    plugin = NotesPlugin()
    folder = project(
        tmp_path / "p", '[import.notes]\nseparator = "|"\n[import.notes.words]\nb = 2\n'
    )
    with registered(plugin, "notes") as plugins:
        found = find_project([folder])
        read_map(found.files, plugins, config=found.config)
        assert plugin.importer.settings == {"separator": "|", "words": {"a": 1, "b": 2}}
        read_map(found.files, plugins)  # no project: the defaults, nothing left over
        assert plugin.importer.settings == NotesImporter.defaults


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        (
            "[import.notes]\nseperator = '|'\n",
            ["'seperator'", "did you mean 'separator'", "[import.notes]"],
        ),
        ("[import.notes]\nseparator = 3\n", ["'separator' must be a text", "[import.notes]"]),
        (
            "[import.notes.words]\nb = 'two'\n",
            ["'b' must be a whole number", "[import.notes.words]"],
        ),
        ("[import.notes.words]\nb = 0\n", ["zero is not allowed", "[import.notes.words]"]),
        ("[import.notess]\nseparator = '|'\n", ["'notess'", "did you mean 'notes'"]),
    ],
)
def test_a_wrong_setting_is_a_located_input_error(
    tmp_path: Path, toml: str, words: list[str]
) -> None:
    folder = project(tmp_path / "p", toml)
    with registered(NotesPlugin(), "notes"):
        result = run_cli("validate", folder, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "samverkan.toml" in result.output and "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output
