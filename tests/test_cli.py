"""The commands a process leader types, through click's CliRunner."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_workbook

from samverkan.cli.base import BROKEN_PIPE_EXIT


def test_map_writes_the_html_and_summarises_the_run(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ut" / "karta.html"
    result = run_cli("map", small_workbook, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert "Filer:    1" in result.stdout
    assert "Rader:    8 lästa (8 importerade, 0 sammanslagna, 0 avvisade)" in result.stdout
    assert "4 aktörer, 1 forum, 2 kontakter" in result.stdout
    assert str(target) in result.stdout
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Kävlinge kommun" in html


def test_map_on_a_project_writes_into_its_output_folder(run_cli, tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    run_cli("init", project, "--title", "Testkarta")
    write_workbook(
        project / "intervjuer.xlsx",
        {"Aktörer": [["Namn", "Typ"], ["Lomma kommun", "kommun"]]},
    )
    result = run_cli("map", project)
    assert result.exit_code == 0, result.stderr
    html = (project / "utdata" / "karta.html").read_text(encoding="utf-8")
    assert "<title>Testkarta</title>" in html


def test_map_speaks_english_when_asked(run_cli, small_workbook: Path, tmp_path: Path) -> None:
    result = run_cli("map", small_workbook, "-o", tmp_path / "m.html", "--lang", "en")
    assert result.exit_code == 0
    assert "Rows:    8 read (8 imported, 0 merged, 0 rejected)" in result.stdout
    assert '<html lang="en">' in (tmp_path / "m.html").read_text(encoding="utf-8")


def test_validate_reports_success_in_swedish(run_cli, small_workbook: Path) -> None:
    result = run_cli("validate", small_workbook)
    assert result.exit_code == 0
    assert "Inga fel hittades." in result.stdout


def test_strict_turns_warnings_into_failure(run_cli, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "v.xlsx", {"Aktörer": [["Namn", "Typ", "Färg"], ["A", "kommun", "röd"]]}
    )
    assert run_cli("validate", path).exit_code == 0
    strict = run_cli("validate", path, "--strict")
    assert strict.exit_code == 2
    assert "okänd kolumn 'Färg'" in strict.stderr


def test_missing_inputs_and_bad_dates_exit_2_without_a_traceback(run_cli, tmp_path: Path) -> None:
    missing = run_cli("map", tmp_path / "finns-inte.xlsx")
    assert missing.exit_code == 2 and "finns inte" in missing.stderr
    empty = run_cli("map", tmp_path)
    assert empty.exit_code == 2 and "Hittade inga indatafiler" in empty.stderr
    bad_date = run_cli("map", tmp_path, "--at", "31/12/2016")
    assert bad_date.exit_code == 2 and "ÅÅÅÅ-MM-DD" in bad_date.stderr
    for result in (missing, empty, bad_date):
        assert "Traceback" not in result.output


def test_a_workbook_named_twice_is_read_once(run_cli, small_workbook: Path, tmp_path: Path) -> None:
    """The same file given twice (by another path, or through a link) counted each of its
    contacts twice: two contacts between Lomma and AF where the interview names one."""
    link = tmp_path / "länk.xlsx"
    link.symlink_to(small_workbook)
    again = small_workbook.parent / "." / small_workbook.name
    result = run_cli("validate", small_workbook, again, link)
    assert result.exit_code == 0, result.stderr
    assert "Filer:    1" in result.stdout and "2 kontakter" in result.stdout


def test_a_folder_among_other_targets_is_not_called_missing(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    """'samverkan validate mapp karta.xlsx' said of the folder 'Filen eller mappen finns inte'."""
    folder = tmp_path / "mapp"
    folder.mkdir()
    result = run_cli("validate", folder, small_workbook)
    assert result.exit_code == 2
    assert f"{folder}: En mapp kan bara anges ensam" in result.stderr
    assert "finns inte" not in result.stderr


def test_a_folder_with_other_files_says_how_to_read_them(run_cli, tmp_path: Path) -> None:
    """A Kumu or JSON export in a folder without samverkan.toml: the default pattern is
    *.xlsx, and the message names what is there and how to read it."""
    (tmp_path / "karta.json").write_text("{}", encoding="utf-8")
    result = run_cli("map", tmp_path)
    assert result.exit_code == 2
    assert "I mappen finns karta.json" in result.stderr
    assert 'indata = ["*.json"]' in result.stderr
    assert str(tmp_path / "karta.json") in result.stderr


def test_the_hint_for_other_files_fits_them_and_leaves_out_the_project_file(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    """A macro workbook (.xlsm) in a project: the hint said 'I mappen finns intervju.xlsm,
    samverkan.toml' and told to write indata = ["*.json"]."""
    folder = tmp_path / "projekt"
    folder.mkdir()
    (folder / "samverkan.toml").write_text('[projekt]\nnamn = "x"\n', encoding="utf-8")
    (folder / "intervju.xlsm").write_bytes(small_workbook.read_bytes())
    result = run_cli("validate", folder)
    assert result.exit_code == 2
    assert 'I mappen finns intervju.xlsm: ange dem i samverkan.toml ([projekt] indata = ["*.xlsm"])' in result.stderr  # fmt: skip


def test_a_broken_project_file_is_located(run_cli, tmp_path: Path) -> None:
    (tmp_path / "samverkan.toml").write_text("[projekt]\nnamn = \n", encoding="utf-8")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 2
    assert "samverkan.toml" in result.stderr and "Projektfilen går inte att läsa" in result.stderr


def test_version_and_help_work(run_cli) -> None:
    assert run_cli("--version").stdout.startswith("samverkan, version ")
    help_text = run_cli("--help").stdout
    for command in ("init", "map", "validate", "plugins"):
        assert command in help_text


def test_map_writes_the_steering_group_report_beside_the_map(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    result = run_cli("map", small_workbook, "-o", tmp_path / "karta.html")
    report = tmp_path / "karta-rapport.html"
    assert f"Rapport:  {report}" in result.stdout
    html = report.read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "Kävlinge kommun" in html
    run_cli("map", small_workbook, "-o", tmp_path / "utan.html", "--no-report")
    assert (tmp_path / "utan.html").exists() and not (tmp_path / "utan-rapport.html").exists()


def _into_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """`samverkan ARGS | head -0`, deterministic: the reader is gone before anything is written."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        program = "from samverkan.cli import main; main()"
        return subprocess.run(
            [sys.executable, "-c", program, *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writer)


@pytest.mark.parametrize("args", [("plugins",), ("map", "--help"), ("--version",)])
def test_a_closed_stdout_ends_the_command_quietly(args: tuple[str, ...]) -> None:
    """Like a Unix tool stopped by SIGPIPE: no message, no 'Internt fel', exit 141."""
    done = _into_closed_pipe(*args)
    assert done.stderr == ""
    assert done.returncode == BROKEN_PIPE_EXIT == 141


def test_a_closed_stdout_seen_by_a_command_exits_quietly(run_cli, monkeypatch) -> None:
    """The error reaches the group (a command writing), not only Python's flush at exit."""

    def closed(*_args: object, **_kwargs: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("samverkan.cli.plugins.textwrap.fill", closed)
    result = run_cli("plugins")
    assert result.exit_code == BROKEN_PIPE_EXIT
    assert "Internt fel" not in result.stderr


def test_an_einval_that_is_no_closed_pipe_stays_a_bug(run_cli, monkeypatch) -> None:
    """Windows' word for a closed pipe is EINVAL; any other EINVAL is still reported."""

    def invalid(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr("samverkan.cli.plugins.textwrap.fill", invalid)
    result = run_cli("plugins")
    assert result.exit_code == 3
    assert "Internt fel" in result.stderr


def test_a_workbook_with_its_suffix_in_capitals_is_read_on_every_system(
    run_cli, tmp_path: Path
) -> None:
    """Windows matches '*.xlsx' to INTERVJU.XLSX; Linux and macOS left it out in silence."""
    actors = [["Namn", "Typ"], ["Lomma kommun", "kommun"]]
    write_workbook(tmp_path / "lomma.xlsx", {"Aktörer": actors})
    write_workbook(tmp_path / "INTERVJU.XLSX", {"Aktörer": [["Namn", "Typ"], ["AF", "myndighet"]]})
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Filer:    2" in result.stdout and "2 aktörer" in result.stdout
