"""The core holds every plugin to the contract when it collects what they add.

Formats, rule ids, importer names and exporter roles are unique (both plugins named); one
plugin's broken hook is reported while the others keep working; importers are chosen by
priority, a tie is a warning and --importer settles it; rule settings are checked by the core
for every rule.
"""

from __future__ import annotations

import ast
import json
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from helpers import ROOT, bilingual

from samverkan import hookimpl
from samverkan.contract import MAP_ROLE, Analysis, ImportResult, RuleContext
from samverkan.io import atomic_write
from samverkan.model import Actor, Flag, Provenance, Severity


class DotExporter:
    format = "dot"
    suffix = ".dot"

    def __init__(self, label: str) -> None:
        self.label = label
        self.description = bilingual(f"DOT ({label})", f"DOT ({label})")

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, f"// {self.label}\n")


class FirstDot:
    @hookimpl
    def samverkan_exporters(self) -> list[DotExporter]:
        return [DotExporter("first")]


class SecondDot:
    @hookimpl
    def samverkan_exporters(self) -> list[DotExporter]:
        return [DotExporter("second")]


class MapLookalike(DotExporter):
    format = "html2"
    role = MAP_ROLE


class RoleThief:
    @hookimpl
    def samverkan_exporters(self) -> list[DotExporter]:
        return [MapLookalike("thief")]


class BrokenExporters:
    @hookimpl
    def samverkan_exporters(self) -> list[DotExporter]:
        raise RuntimeError("exporter registry exploded")


def test_a_second_format_of_one_name_is_refused_naming_both(
    run_cli, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(SecondDot(), "dot-b")
    register_plugin(FirstDot(), "dot-a")
    target = tmp_path / "karta.dot"
    result = run_cli("export", small_workbook, "--format", "dot", "-o", target)
    assert target.read_text(encoding="utf-8") == "// first\n"  # plugin order: by name
    assert result.exit_code == 2
    assert "Formatet 'dot' finns i två tillägg, 'dot-a' och 'dot-b'" in result.stderr
    assert "SAMVERKAN_PLUGINS=-dot-b" in result.stderr


def test_an_outside_exporter_cannot_take_the_maps_role(
    run_cli, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(RoleThief(), "aaa-thief")  # sorts before the built-ins, still comes after
    target = tmp_path / "karta.html"
    result = run_cli("map", small_workbook, "-o", target, "--no-report", "--lang", "en")
    assert "vis-network" in target.read_text(encoding="utf-8")
    assert result.exit_code == 2
    assert "The exporter role 'map' is in two plugins, 'htmlmap' and 'aaa-thief'" in result.stderr


def test_a_broken_exporters_hook_leaves_the_other_formats_and_help_working(
    run_cli, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(BrokenExporters(), "trasig-export")
    target = tmp_path / "karta.json"
    result = run_cli("export", small_workbook, "--format", "json", "-o", target)
    assert json.loads(target.read_text(encoding="utf-8"))["actors"]
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Tillägget 'trasig-export' fick ett oväntat fel (RuntimeError" in result.stderr
    assert "(samverkan_exporters) och används inte" in result.stderr
    helped = run_cli("export", "--help")
    assert helped.exit_code == 0
    assert "json" in helped.stdout and "graphml" in helped.stdout


class BrokenCommands:
    @hookimpl
    def samverkan_register_commands(self, cli: object) -> None:
        raise ValueError("no commands today")


def test_a_plugin_failing_to_add_commands_leaves_the_command_line_working(
    run_cli, register_plugin
) -> None:
    register_plugin(BrokenCommands(), "trasiga-kommandon")
    helped = run_cli("--help")
    assert helped.exit_code == 0 and "validate" in helped.stdout
    listed = run_cli("plugins")
    assert listed.exit_code == 2
    assert "Tillägget 'trasiga-kommandon' fick ett oväntat fel (ValueError" in listed.stderr


class NotAnImporter:
    name = "halv"


class PlainTextDescription(DotExporter):
    format = "text"

    def __init__(self) -> None:
        super().__init__("text")
        self.description = "bara text"  # type: ignore[assignment]


class PlainTextPlugin:
    @hookimpl
    def samverkan_exporters(self) -> list[DotExporter]:
        return [PlainTextDescription()]


def test_an_exporter_without_a_bilingual_description_is_refused_and_help_works(
    run_cli, register_plugin
) -> None:
    register_plugin(PlainTextPlugin(), "textplugin")
    helped = run_cli("export", "--help")
    assert helped.exit_code == 0 and "graphml" in helped.stdout
    assert "Tillägget 'textplugin'" in helped.stderr
    assert ".description is str, not Message" in helped.stderr


class HalfImporterPlugin:
    @hookimpl
    def samverkan_importers(self) -> list[NotAnImporter]:
        return [NotAnImporter()]


def test_something_that_is_not_an_importer_is_refused_by_name(
    run_cli, register_plugin, small_workbook: Path
) -> None:
    register_plugin(HalfImporterPlugin(), "halvfabrikat")
    result = run_cli("validate", small_workbook)
    assert result.exit_code == 2
    assert "Tillägget 'halvfabrikat'" in result.stderr
    assert "lacks claims, description, read" in result.stderr
    assert "3 aktörer" in result.stdout or "4 aktörer" in result.stdout  # the workbook was read


class LineImporter:
    """One actor per line of a .lista file."""

    description = bilingual("Listor", "Lists")

    def __init__(self, name: str, priority: int = 0) -> None:
        self.name = name
        self.priority = priority

    def claims(self, path: Path) -> bool:
        return path.suffix == ".lista"

    def read(self, path: Path) -> ImportResult:
        lines = path.read_text(encoding="utf-8").splitlines()
        facts = [
            Actor(
                id=f"{self.name}-{i}",
                name=f"{line} ({self.name})",
                provenance=(Provenance(path.name),),
            )
            for i, line in enumerate(lines, start=1)
        ]
        return ImportResult(facts=list(facts), rows_read=len(lines))


class Greedy:
    @hookimpl
    def samverkan_importers(self) -> list[LineImporter]:
        return [LineImporter("girig")]


class Survey:
    def __init__(self, priority: int) -> None:
        self.priority = priority

    @hookimpl
    def samverkan_importers(self) -> list[LineImporter]:
        return [LineImporter("enkät", self.priority)]


def listed_names(run_cli, path: Path, *options: str) -> tuple[int, str, list[str]]:
    target = path.with_suffix(".json")
    result = run_cli("export", path, "--format", "json", "-o", target, *options)
    names = (
        sorted(a["name"] for a in json.loads(target.read_text(encoding="utf-8"))["actors"])
        if target.exists()
        else []
    )
    return result.exit_code, result.stderr, names


def test_two_importers_claiming_a_file_warn_and_importer_chooses(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(Greedy(), "girig-plugin")
    register_plugin(Survey(0), "enkat-plugin")
    path = tmp_path / "svar.lista"
    path.write_text("Lomma kommun\n", encoding="utf-8")
    code, stderr, names = listed_names(run_cli, path)
    assert code == 0 and names == ["Lomma kommun (enkät)"]  # tie: plugin order
    assert "Varning: " in stderr and "flera importörer kan läsa filen (enkät, girig)" in stderr
    code, stderr, names = listed_names(run_cli, path, "--importer", "girig")
    assert code == 0 and names == ["Lomma kommun (girig)"] and "flera" not in stderr
    code, stderr, _ = listed_names(run_cli, path, "--importer", "grig")
    assert code == 2 and "Ingen importör heter 'grig'" in stderr and "Menade du 'girig'?" in stderr
    strict = run_cli("validate", path, "--strict")
    assert strict.exit_code == 2  # the warning counts as an error with --strict


def test_the_importer_with_the_higher_priority_reads_without_a_warning(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(Greedy(), "girig-plugin")
    register_plugin(Survey(5), "enkat-plugin")
    path = tmp_path / "svar.lista"
    path.write_text("Lomma kommun\n", encoding="utf-8")
    code, stderr, names = listed_names(run_cli, path)
    assert (code, names) == (0, ["Lomma kommun (enkät)"]) and "Varning" not in stderr


def test_a_kumu_workbook_goes_to_the_kumu_importer_not_the_interview_reader(
    run_cli, tmp_path: Path, small_workbook: Path
) -> None:
    kumu = tmp_path / "kumu.xlsx"
    assert run_cli("export", small_workbook, "--format", "kumu", "-o", kumu).exit_code == 0
    result = run_cli("validate", kumu)
    assert result.exit_code == 0, result.stderr
    assert "Varning" not in result.stderr


class CountingRule:
    id = "few-actors"
    title = bilingual("Få aktörer", "Few actors")
    severity = Severity.LOW
    defaults: ClassVar[dict[str, int | bool]] = {"min_actors": 10, "count_offices": True}

    def check(self, context: RuleContext) -> Iterable[Flag]:
        if len(context.map.actors()) < int(context.settings["min_actors"]):
            yield Flag(
                rule=self.id,
                severity=context.severity,
                title=self.title,
                explanation=bilingual("Få aktörer.", "Few actors."),
            )


class RulePlugin:
    @hookimpl
    def samverkan_rules(self) -> list[CountingRule]:
        return [CountingRule()]


def gaps_with(run_cli, workbook: Path, table: str, *options: str):
    (workbook.parent / "samverkan.toml").write_text(
        f'[projekt]\nindata = ["{workbook.name}"]\n\n{table}', encoding="utf-8"
    )
    return run_cli("gaps", workbook.parent, "--json", *options)


def test_a_third_party_rules_settings_are_checked_by_the_core(
    run_cli, register_plugin, small_workbook: Path
) -> None:
    register_plugin(RulePlugin(), "rakna")
    ok = gaps_with(run_cli, small_workbook, '[regler.few-actors]\nmin_actors = 2\n"aktiv" = true\n')
    assert ok.exit_code == 0, ok.stderr
    assert "few-actors" not in [f["rule"] for f in json.loads(ok.stdout)["flags"]]
    cases = {
        "[regler.few-actor]\nmin_actors = 2\n": "ingen installerad regel heter 'few-actor' — menade du 'few-actors'?",
        "[regler.few-actors]\nmin_actor = 2\n": "okänd inställning 'min_actor' för regeln few-actors (kända: aktiv, allvarlighet, count_offices, min_actors) — menade du 'min_actors'?",
        "[regler.few-actors]\nmin_actors = 2.5\n": "'min_actors' ska vara ett heltal, inte 2.5 (standard: 10)",
        "[regler.few-actors]\ncount_offices = 1\n": "'count_offices' ska vara true eller false, inte 1",
        '[regler.few-actors]\n"allvarlighet" = "akut"\n': "'allvarlighet' ska vara låg, medel eller hög",
        '[regler.few-actors]\n"aktiv" = "nej"\n': "'aktiv' ska vara true eller false, inte 'nej'",
        # a typo of this size would overflow a date inside the rule (exit 3 before)
        "[regler.few-actors]\nmin_actors = 99999999999\n": "'min_actors' = 99999999999 är orimligt stort (högst 100000) (standard: 10)",
    }
    for table, message in cases.items():
        result = gaps_with(run_cli, small_workbook, table)
        assert result.exit_code == 2, table
        assert "samverkan.toml, blad [regler.few-act" in result.stderr, result.stderr
        assert message in result.stderr, (table, result.stderr)
        assert "Traceback" not in result.output


def test_init_writes_a_project_file_any_title_reads_back_from(run_cli, tmp_path: Path) -> None:
    title = 'Kävlinge "norra" \\ södra'
    result = run_cli("init", tmp_path / "projekt", "--title", title, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    config = tomllib.loads((tmp_path / "projekt" / "samverkan.toml").read_text(encoding="utf-8"))
    assert config["projekt"] == {
        "namn": title,
        "språk": "en",
        "indata": ["*.xlsx"],
        "utdata": "utdata",
    }
    assert run_cli("validate", tmp_path / "projekt").exit_code == 0


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_plugin_imports_another() -> None:
    namespace = ROOT / "plugins" / "samverkanskartan"
    packages = sorted(p.name for p in namespace.iterdir() if (p / "__init__.py").is_file())
    assert len(packages) >= 7, packages
    for package in packages:
        for path in sorted((namespace / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            relative_out = [
                node.module or "."
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.level > _depth(path, namespace)
            ]
            others = {
                module
                for module in imported_modules(path)
                if module.startswith("samverkanskartan.") and module.split(".")[1] != package
            }
            assert not others and not relative_out, (
                f"{path.relative_to(ROOT)} imports {sorted(others)}"
            )


def _depth(path: Path, namespace: Path) -> int:
    """How many leading dots a relative import may use before it leaves its own plugin."""
    return len(path.relative_to(namespace).parts) - 1


def test_built_in_plugins_live_in_the_project_namespace(plugins) -> None:
    """`pip install samverkan-json` by someone else cannot shadow a built-in plugin."""
    import importlib.metadata

    entry_points = importlib.metadata.distribution("samverkanskartan").entry_points
    values = sorted(ep.value for ep in entry_points if ep.group == "samverkan")
    assert values and all(v.startswith("samverkanskartan.") for v in values), values


def test_the_core_names_no_format(plugins) -> None:
    formats = {e.format for e in plugins.exporters()}
    for path in sorted((ROOT / "samverkan").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert not named & formats, f"{path.relative_to(ROOT)} names {sorted(named & formats)}"


class NotesStarter:
    """Takes only the argument it needs, as pluggy allows."""

    @hookimpl
    def samverkan_init_project(self, project_dir: Path) -> list[Path]:
        path = project_dir / "anteckningar.txt"
        path.write_text("", encoding="utf-8")
        return [path]


class BrokenStarter:
    @hookimpl
    def samverkan_init_project(self, project_dir: Path, lang: str) -> list[Path]:
        raise PermissionError("read-only template folder")


def test_init_calls_each_plugin_with_the_arguments_it_takes(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(NotesStarter(), "anteckningar")
    register_plugin(BrokenStarter(), "trasig-mall")
    result = run_cli("init", tmp_path / "ny")
    assert "anteckningar.txt" in result.stdout and "samverkan.toml" in result.stdout
    assert (tmp_path / "ny" / "anteckningar.txt").is_file()
    assert list((tmp_path / "ny").glob("*.xlsx"))  # the workbook plugin wrote its template
    assert result.exit_code == 2
    assert "Tillägget 'trasig-mall' fick ett oväntat fel (PermissionError" in result.stderr
