"""The translation of Kumu's Type, Strength and Tags, configurable under [import.kumu].

The project's samverkan.toml changes kinds, levels, quality and target groups; a mistake in
it is a located exit-2 error; the defaults docs/kumu-and-gephi.md lists are the code's.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from helpers import write_workbook
from samverkanskartan.kumu.mapping import DEFAULTS

from samverkan.graph import SamverkanMap
from samverkan.model import ActorKind, Level
from samverkan.pipeline import RunReport, find_project, read_map
from samverkan.plugins import Plugins
from samverkan.testing import run_cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "kumu-and-gephi.md"
MAPPING = """
[import.kumu.typer]
"Statlig myndighet" = "myndighet"
"Nätverk" = "forum"

[import.kumu.kopplingstyper]
"Ledning" = "strategisk"

[import.kumu.styrka]
"Hög" = 5

[import.kumu.taggar]
"Youth" = "unga vuxna"
"""


def kumu_project(folder: Path, toml: str | None) -> Path:
    folder.mkdir()
    if toml is not None:
        (folder / "samverkan.toml").write_text(toml, encoding="utf-8")
    write_workbook(
        folder / "kumu.xlsx",
        {
            "Elements": [
                ["Label", "Type", "Tags"],
                ["Lomma kommun", "Kommun", None],
                ["Arbetsförmedlingen", "Statlig myndighet", None],
                ["Unga-nätverket", "Nätverk", "Youth"],
            ],
            "Connections": [
                ["From", "To", "Type", "Strength", "Tags"],
                ["Lomma kommun", "Arbetsförmedlingen", "Ledning", "Hög", "Youth|nyanlända"],
                ["Arbetsförmedlingen", "Unga-nätverket", None, None, None],
            ],
        },
    )
    return folder


def read_project(plugins: Plugins, folder: Path) -> tuple[SamverkanMap, RunReport]:
    project = find_project([folder])
    return read_map(project.files, plugins, config=project.config)


def test_the_projects_mapping_changes_kinds_levels_quality_and_target_groups(
    plugins: Plugins, tmp_path: Path
) -> None:
    samverkan_map, report = read_project(plugins, kumu_project(tmp_path / "p", MAPPING))
    assert not report.problems, [p.message.en for p in report.problems]
    assert samverkan_map.actor("arbetsformedlingen").kind is ActorKind.AGENCY
    assert samverkan_map.actor("lomma-kommun").kind is ActorKind.MUNICIPALITY  # a default
    (forum,) = samverkan_map.forums()
    assert forum.name == "Unga-nätverket"
    assert [samverkan_map.name(g) for g in forum.target_groups] == ["unga vuxna"]
    (contact,) = samverkan_map.contacts()
    assert contact.level is Level.STRATEGIC and contact.quality == 5
    assert [samverkan_map.name(g) for g in contact.target_groups] == ["unga vuxna", "nyanlända"]
    # Kumu's own words are kept, so that the Kumu export writes them back as they were
    assert contact.attributes["Type"] == "Ledning" and contact.attributes["Strength"] == "Hög"
    assert samverkan_map.actor("arbetsformedlingen").attributes["Type"] == "Statlig myndighet"
    assert samverkan_map.actor("lomma-kommun").attributes["Type"] == "Kommun"


def test_without_a_mapping_the_defaults_apply_and_unknown_values_say_how_to_map_them(
    plugins: Plugins, tmp_path: Path
) -> None:
    read_project(plugins, kumu_project(tmp_path / "mapped", MAPPING))  # must not linger
    samverkan_map, report = read_project(plugins, kumu_project(tmp_path / "plain", None))
    actor = samverkan_map.actor("arbetsformedlingen")
    assert actor.kind is ActorKind.OTHER and actor.attributes["Type"] == "Statlig myndighet"
    assert not samverkan_map.forums()  # "Nätverk" is no forum by default
    contact = next(c for c in samverkan_map.contacts() if c.attributes.get("Type"))
    assert contact.level is Level.OPERATIONAL and contact.quality is None
    assert contact.attributes["Strength"] == "Hög"
    warnings = "\n".join(p.message.en for p in report.problems)
    assert '[import.kumu.typer] "Statlig myndighet" = "myndighet"' in warnings
    assert '[import.kumu.kopplingstyper] "Ledning" = "strategisk"' in warnings
    assert '[import.kumu.styrka] "Hög" = 3' in warnings


BAD_MAPPINGS = [
    ("[import.kumu]\ntypr = {}\n", "[import.kumu]", ["'typr'", "did you mean 'typer'"]),
    ("[import.kumo.typer]\nx = 'kommun'\n", "[import.kumo]", ["'kumo'", "did you mean 'kumu'"]),
    (
        "[import.kumu.typer]\nBolag = 'bolag'\n",
        "[import.kumu.typer]",
        ['"Bolag" = "bolag" is not allowed', "företag"],
    ),
    ("[import.kumu.styrka]\n'Hög' = 'fem'\n", "[import.kumu.styrka]", ["'Hög' must be a whole"]),
    ("[import.kumu.styrka]\n'Hög' = 9\n", "[import.kumu.styrka]", ['"Hög" = "9" is not allowed']),
    (
        "[import.kumu.kopplingstyper]\nLedning = 'hög'\n",
        "[import.kumu.kopplingstyper]",
        ["strategisk, operativ"],
    ),
    (
        "[import.kumu]\nkopplingstyper = 'strategisk'\n",
        "[import.kumu.kopplingstyper]",
        ["must be a table"],
    ),
    ("[import]\nkumu = 3\n", "samverkan.toml", ["[import] kumu:", "[import.kumu]"]),
]


@pytest.mark.parametrize(("toml", "where", "words"), BAD_MAPPINGS)
def test_a_bad_mapping_is_a_located_input_error(
    tmp_path: Path, toml: str, where: str, words: list[str]
) -> None:
    folder = kumu_project(tmp_path / "p", toml)
    result = run_cli("validate", folder, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "samverkan.toml" in result.output and where in result.output, result.output
    for word in words:
        assert word in result.output, result.output


def test_the_documented_defaults_are_the_defaults_in_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- kumu-defaults -->\n```toml\n(.*?)```", text, re.DOTALL)
    assert block is not None, "docs/kumu-and-gephi.md lost its list of defaults"
    documented = tomllib.loads(block[1])["import"]["kumu"]
    assert documented == DEFAULTS


def test_the_documented_example_is_a_valid_mapping(plugins: Plugins, tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```toml\n(.*?)```", text, re.DOTALL) if "Hög" in b)
    _, report = read_project(plugins, kumu_project(tmp_path / "p", example))
    assert not report.errors
