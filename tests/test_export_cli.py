"""`samverkan export`: formats come from the installed exporters, never from a fixed list."""

from __future__ import annotations

from pathlib import Path

from helpers import bilingual, write_workbook

from samverkan import hookimpl
from samverkan.contract import Analysis


class DemoExporter:
    """A third-party exporter whose suffix is not its format name."""

    format = "demo-lista"
    suffix = ".txt"
    description = bilingual("Aktörerna som textlista", "The actors as a text list")

    def export(self, analysis: Analysis, target: Path) -> None:
        names = sorted(a.name for a in analysis.map.actors())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(names) + "\n", encoding="utf-8")


class DemoPlugin:
    @hookimpl
    def samverkan_exporters(self) -> list[DemoExporter]:
        return [DemoExporter()]


def test_help_lists_every_installed_format_with_its_description(
    run_cli, plugins, register_plugin
) -> None:
    register_plugin(DemoPlugin(), "demo")
    result = run_cli("export", "--help")
    assert result.exit_code == 0
    assert "Installerade format" in result.stdout
    exporters = plugins.exporters()
    assert {"html", "json", "gexf", "graphml", "demo-lista"} <= {e.format for e in exporters}
    for exporter in exporters:
        line = next(
            x for x in result.stdout.splitlines() if x.strip().startswith(exporter.format + " ")
        )
        assert exporter.description.sv[:30] in " ".join(result.stdout.split()), line


def test_missing_format_lists_the_installed_ones(run_cli, plugins, small_workbook: Path) -> None:
    result = run_cli("export", small_workbook)
    assert result.exit_code == 2
    assert "Ange ett format med --format" in result.stderr
    for exporter in plugins.exporters():
        assert exporter.format in result.stderr


def test_unknown_format_is_an_error_naming_the_known_ones(
    run_cli, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(DemoPlugin(), "demo")
    result = run_cli("export", small_workbook, "--format", "pdf", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "Okänt format 'pdf'" in result.stderr and "demo-lista" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert "Traceback" not in result.stderr


def test_a_plugin_format_exports_into_the_project_output_folder(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(DemoPlugin(), "demo")
    project = tmp_path / "projekt"
    assert run_cli("init", project, "--title", "Demo").exit_code == 0
    write_workbook(
        project / "intervjuer.xlsx",
        {"Aktörer": [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["AF", "myndighet"]]},
    )
    result = run_cli("export", project, "--format", "demo-lista")
    assert result.exit_code == 0, result.stderr
    target = project / "utdata" / "karta-demo-lista.txt"
    assert target.read_text(encoding="utf-8") == "AF\nLomma kommun\n"
    assert f"Skrev:    {target}" in result.stdout


def test_default_names_are_karta_dot_format(run_cli, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    run_cli("init", project)
    write_workbook(project / "i.xlsx", {"Aktörer": [["Namn", "Typ"], ["Lomma kommun", "kommun"]]})
    for fmt in ("json", "gexf", "graphml", "html"):
        result = run_cli("export", project, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert (project / "utdata" / f"karta.{fmt}").is_file()


def test_errors_in_the_input_stop_the_export(run_cli, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "fel.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["Lomma kommun", "kommun"]],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["Lomma kommun", "Okänd", "operativ"]],
        },
    )
    target = tmp_path / "ut.json"
    result = run_cli("export", path, "--format", "json", "-o", target)
    assert result.exit_code == 2
    assert "fel.xlsx, blad Kontakter, rad 2, kolumn B" in result.stderr
    assert not target.exists()


def test_english_when_asked(run_cli, small_workbook: Path, tmp_path: Path) -> None:
    result = run_cli(
        "export", small_workbook, "--format", "json", "-o", tmp_path / "k.json", "--lang", "en"
    )
    assert result.exit_code == 0
    assert f"Wrote:   {tmp_path / 'k.json'}" in result.stdout
    missing = run_cli("export", small_workbook, "--lang", "en")
    assert "Choose a format with --format" in missing.stderr


def test_a_bad_date_is_a_usage_error(run_cli, small_workbook: Path) -> None:
    result = run_cli("export", small_workbook, "--format", "json", "--at", "igår")
    assert result.exit_code == 2
    assert "ÅÅÅÅ-MM-DD" in result.stderr
