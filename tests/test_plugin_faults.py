"""A plugin that raises during import, analysis or export is named; the run stops cleanly.

The policy is in docs/plugins-faults.md: abort with exit code 2 naming the plugin (and the
file or rule), never a traceback; SAMVERKAN_DEBUG=1 re-raises; an exception no plugin raised
is an internal error with exit code 3.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

import pytest
from helpers import bilingual

from samverkan import hookimpl
from samverkan.contract import Analysis, ImportResult, RuleContext
from samverkan.errors import SamverkanError
from samverkan.model import Flag, Severity


class FaultyImporter:
    name = "trasig"
    description = bilingual("Läser .trasig-filer", "Reads .trasig files")

    def claims(self, path: Path) -> bool:
        return path.suffix == ".trasig"

    def read(self, path: Path) -> ImportResult:
        raise ZeroDivisionError("division by zero in the reader")


class ImporterPlugin:
    @hookimpl
    def samverkan_importers(self) -> list[FaultyImporter]:
        return [FaultyImporter()]


class BrokenHookPlugin:
    @hookimpl
    def samverkan_importers(self) -> list[FaultyImporter]:
        raise AttributeError("'NoneType' object has no attribute 'read'")


class FaultyRule:
    id = "trasig-regel"
    title = bilingual("Trasig regel", "Broken rule")
    severity = Severity.LOW
    defaults: ClassVar[dict[str, bool]] = {}

    def check(self, context: RuleContext) -> Iterable[Flag]:
        yield from ()
        raise KeyError("missing-actor")


class RulePlugin:
    @hookimpl
    def samverkan_rules(self) -> list[FaultyRule]:
        return [FaultyRule()]


class FaultyExporter:
    format = "trasig"
    suffix = ".trasig"
    description = bilingual("Skriver inget", "Writes nothing")

    def export(self, analysis: Analysis, target: Path) -> None:
        target.write_text("halv", encoding="utf-8")
        raise OSError("disk on fire")


class ExporterPlugin:
    @hookimpl
    def samverkan_exporters(self) -> list[FaultyExporter]:
        return [FaultyExporter()]


class PoliteImporter(FaultyImporter):
    def read(self, path: Path) -> ImportResult:
        raise SamverkanError(bilingual("filen saknar rubrikrad", "the file has no header row"))


class PolitePlugin:
    @hookimpl
    def samverkan_importers(self) -> list[FaultyImporter]:
        return [PoliteImporter()]


def assert_clean(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


def test_an_importer_that_raises_is_named_with_the_file(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(ImporterPlugin(), "trasig-import")
    path = tmp_path / "intervju.trasig"
    path.write_text("x", encoding="utf-8")
    result = run_cli("validate", path)
    assert_clean(
        result,
        "Tillägget 'trasig-import'",
        "ZeroDivisionError",
        "när filen lästes",
        "intervju.trasig",
    )
    english = run_cli("validate", path, "--lang", "en")
    assert_clean(english, "Plugin 'trasig-import' failed", "while reading the file")


def test_a_hook_that_raises_is_named(run_cli, register_plugin, small_workbook: Path) -> None:
    register_plugin(BrokenHookPlugin(), "trasig-krok")
    result = run_cli("validate", small_workbook)
    assert_clean(result, "Tillägget 'trasig-krok'", "AttributeError", "när tilläggen lästes in")


def test_a_rule_that_raises_is_named_and_no_map_is_written(
    run_cli, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(RulePlugin(), "trasig-regelsamling")
    target = tmp_path / "karta.html"
    result = run_cli("map", small_workbook, "-o", target)
    assert_clean(result, "Tillägget 'trasig-regelsamling'", "i regeln 'trasig-regel'", "KeyError")
    assert not target.exists()


def test_an_exporter_that_raises_is_named_with_its_target(
    run_cli, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(ExporterPlugin(), "trasig-export")
    target = tmp_path / "ut.trasig"
    result = run_cli("export", small_workbook, "--format", "trasig", "-o", target)
    assert_clean(result, "Tillägget 'trasig-export'", "OSError: disk on fire", str(target))


def test_the_built_in_map_exporter_is_named_when_it_fails(
    run_cli, small_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    import samverkanskartan.htmlmap

    def broken(*args: object, **kwargs: object) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(samverkanskartan.htmlmap, "render", broken)
    target = tmp_path / "karta.html"
    result = run_cli("map", small_workbook, "-o", target)
    assert_clean(result, "Tillägget 'htmlmap'", "RecursionError", "när filen skrevs", str(target))
    assert not target.exists()


def test_a_plugin_reporting_bad_input_is_passed_through_as_is(
    run_cli, register_plugin, tmp_path: Path
) -> None:
    register_plugin(PolitePlugin(), "artig")
    path = tmp_path / "intervju.trasig"
    path.write_text("x", encoding="utf-8")
    result = run_cli("validate", path)
    assert_clean(result, "filen saknar rubrikrad")
    assert "oväntat fel" not in result.stderr


def test_debug_mode_re_raises_the_original_exception(
    run_cli, register_plugin, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SAMVERKAN_DEBUG", "1")
    register_plugin(ImporterPlugin(), "trasig-import")
    path = tmp_path / "intervju.trasig"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        run_cli("validate", path)


def test_an_error_no_plugin_raised_is_an_internal_error_with_exit_3(
    run_cli, small_workbook: Path, monkeypatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise AssertionError("invariant broken")

    monkeypatch.setattr("samverkan.pipeline.build_map", broken)
    result = run_cli("validate", small_workbook)
    assert result.exit_code == 3
    assert "Internt fel i Samverkanskartan (AssertionError: invariant broken)" in result.stderr
    assert "SAMVERKAN_DEBUG=1" in result.stderr and "Traceback" not in result.output
    english = run_cli("validate", small_workbook, "--lang", "en")
    assert "Internal error in Samverkanskartan" in english.stderr
